package org.qbi.ops.morphology;

import java.io.IOException;
import java.util.Arrays;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.morphology.internal.Reconstruction;
import org.qbi.ops.morphology.internal.Volumes;

/**
 * Morphological reconstruction of a marker under (dilation) or over (erosion) a mask.
 *
 * @since 0.1
 */
public final class Reconstruct implements Operator {

    /** Reconstruction by dilation or by erosion. */
    public enum Method {
        DILATION, EROSION
    }

    public static final Param<Method> METHOD = Param.choice("method", "Method",
            "dilation: grow the marker under the mask (marker <= mask); erosion: shrink it over the mask "
                    + "(marker >= mask)", Method.class, Method.DILATION);
    public static final Param<Integer> CONNECTIVITY = Param.integer("connectivity", "Connectivity",
            "Neighbourhood of the propagation: 1 = faces, 2 = also edges, 3 = also corners (a full 3x3(x3) box, "
                    + "skimage's default); clipped to the image's rank", 3).range(1, 3);

    public static final OperatorSpec SPEC = OperatorSpec.builder("morph.reconstruct", "Morphological reconstruction")
            .category("Morphology")
            .description("Reconstruction by dilation: dilates the marker again and again, each time taking the "
                    + "minimum with the mask, until nothing changes; what remains are the mask's regions (grey "
                    + "domes) the marker reaches. By erosion: the dual. Used for fill holes on grey images, h-maxima, "
                    + "removing objects touching the border, and opening by reconstruction. Equals "
                    + "skimage.morphology.reconstruction(marker, mask, method) with its default footprint for "
                    + "connectivity 3 (a 3x3(x3) box); marker and mask must have the same size and pixel type, and the "
                    + "marker must be <= the mask (dilation) or >= it (erosion), as skimage requires. Output has the "
                    + "mask's pixel type (skimage returns float64). Vincent's hybrid algorithm; one volume (channel, "
                    + "time point) at a time, each up to 2^31 voxels, using about 8 bytes per voxel.")
            .reference("Vincent L. Morphological grayscale reconstruction in image analysis: applications and "
                    + "efficient algorithms. IEEE Trans Image Process 2(2):176-201, 1993, doi:10.1109/83.217222")
            .outputType("same as the mask")
            .parameters(METHOD, CONNECTIVITY)
            .input(Port.image("marker", "Marker (seed) image"))
            .input(Port.image("mask", "Mask image limiting the reconstruction"))
            .output(Port.image("reconstructed", "Reconstructed image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image marker = inputs.image("marker");
        Image mask = inputs.image("mask");
        long[] d = mask.header().dimensions();
        if (!Arrays.equals(d, marker.header().dimensions())) {
            throw new IllegalArgumentException("Marker and mask must have the same size; the marker is "
                    + marker.header().describe() + ", the mask " + mask.header().describe());
        }
        if (marker.header().pixelType() != mask.header().pixelType()) {
            throw new IllegalArgumentException("Marker and mask must have the same pixel type; the marker is "
                    + marker.header().pixelType().label() + ", the mask " + mask.header().pixelType().label()
                    + ": convert one first");
        }
        if (mask.header().pixelType().samplesPerPixel() != 1) {
            throw new IllegalArgumentException("Reconstruction works on single-sample images, got "
                    + mask.header().pixelType().label());
        }
        Volumes.voxels(mask.header(), SPEC.name());
        boolean dilation = arguments.get(METHOD) == Method.DILATION;
        int connectivity = arguments.get(CONNECTIVITY);
        ArrayImage out = context.allocate(mask.header());
        int volumes = Math.toIntExact(d[3] * d[4]);
        context.monitor().begin(SPEC.name(), volumes);
        try {
            context.forEach(volumes, v -> Reconstruction.run(marker, mask, out, v % d[3], v / d[3], dilation,
                    connectivity, context.monitor()));
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, out);
    }
}
