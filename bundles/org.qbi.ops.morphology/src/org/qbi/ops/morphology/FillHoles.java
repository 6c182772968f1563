package org.qbi.ops.morphology;

import java.io.IOException;

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
import org.qbi.ops.morphology.internal.RunComponents;
import org.qbi.ops.morphology.internal.Volumes;

/**
 * Fill holes: background regions not connected to the image border become foreground.
 *
 * @since 0.1
 */
public final class FillHoles implements Operator {

    public static final Param<Integer> CONNECTIVITY = Param.integer("connectivity", "Background connectivity",
            "How background voxels connect: 1 = faces (4 in 2D, 6 in 3D; scipy's default), 2 = also edges (8 in 2D, "
                    + "18 in 3D), 3 = also corners (26 in 3D); clipped to the image's rank", 1).range(1, 3);
    public static final Param<Boolean> SLICES = Param.flag("slices", "Slice by slice",
            "Fill the holes of each x-y slice of a 3D image separately (holes open in z are filled too)", false);

    public static final OperatorSpec SPEC = OperatorSpec.builder("morph.fill_holes", "Fill holes")
            .category("Morphology")
            .description("Sets to 1 every background region of the mask (non-zero = foreground) that does not touch "
                    + "the image border: the holes. In 3D a hole must be closed in 3D (a tunnel reaching the border "
                    + "is not a hole) unless slices is set. Equals scipy.ndimage.binary_fill_holes with the "
                    + "connectivity-1 structure (its default) for connectivity 1, and generate_binary_structure(rank, "
                    + "c) for c. Computed on runs with union-find; one volume (channel, time point) at a time, each "
                    + "up to 2^31 voxels.")
            .reference("Soille P. Morphological Image Analysis, 2nd ed. Springer, 2003, section 6.3.7; "
                    + "scipy.ndimage.binary_fill_holes")
            .outputType("uint8 mask (0/1)")
            .parameters(CONNECTIVITY, SLICES)
            .input(Port.mask("mask", "Mask (non-zero = foreground)"))
            .output(Port.mask("filled", "Mask with its holes filled"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image mask = inputs.image("mask");
        int connectivity = arguments.get(CONNECTIVITY);
        boolean slices = arguments.get(SLICES);
        long[] d = mask.header().dimensions();
        Volumes.voxels(mask.header(), SPEC.name());
        ArrayImage out = context.allocate(Volumes.maskHeader(mask.header()));
        int nx = (int) d[0];
        int ny = (int) d[1];
        int nz = (int) d[2];
        context.monitor().begin(SPEC.name(), d[3] * d[4]);
        try {
            context.forEach(Math.toIntExact(d[3] * d[4]), v -> {
                byte[] volume = Volumes.mask(mask, v % d[3], v / d[3]);
                if (slices) {
                    int plane = nx * ny;
                    for (int z = 0; z < nz; z++) {
                        byte[] slice = java.util.Arrays.copyOfRange(volume, z * plane, (z + 1) * plane);
                        fill(slice, nx, ny, 1, connectivity);
                        System.arraycopy(slice, 0, volume, z * plane, plane);
                    }
                } else {
                    fill(volume, nx, ny, nz, connectivity);
                }
                Volumes.write(out, v % d[3], v / d[3], volume);
            });
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, out);
    }

    private static void fill(byte[] volume, int nx, int ny, int nz, int connectivity) {
        RunComponents background = RunComponents.of(volume, nx, ny, nz, (byte) 0, connectivity);
        background.paint(volume, (byte) 1, (voxels, touchesBorder) -> !touchesBorder);
    }
}
