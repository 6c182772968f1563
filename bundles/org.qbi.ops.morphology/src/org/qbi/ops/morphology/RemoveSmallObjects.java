package org.qbi.ops.morphology;

import java.io.IOException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Length;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.morphology.internal.RunComponents;
import org.qbi.ops.morphology.internal.Volumes;

/**
 * Remove small objects: connected components of a mask smaller than a size are cleared.
 *
 * @since 0.1
 */
public final class RemoveSmallObjects implements Operator {

    private static final Pattern SIZE = Pattern.compile(
            "\\s*([0-9]*\\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\\s*(px|voxels?|pixels?|(nm|um|mm|cm|m)\\s*\\^?\\s*([23]))?\\s*");

    public static final Param<String> MIN_SIZE = Param.text("min_size", "Minimum size",
            "Objects with fewer voxels than this are removed: voxels (64, 64 px) or a physical volume in 3D "
                    + "(0.5 mm3, 2000 um^3) or area in 2D (0.1 mm2), converted with the spacing", "64");
    public static final Param<Integer> CONNECTIVITY = Param.integer("connectivity", "Connectivity",
            "How foreground voxels connect: 1 = faces (4 in 2D, 6 in 3D; skimage's default), 2 = also edges (8 in 2D, "
                    + "18 in 3D), 3 = also corners (26 in 3D); clipped to the image's rank", 1).range(1, 3);

    public static final OperatorSpec SPEC = OperatorSpec.builder("morph.remove_small_objects", "Remove small objects")
            .category("Morphology")
            .description("Clears the connected components of the mask (non-zero = foreground) that have fewer "
                    + "voxels than min_size; the others are kept as 1. Equals skimage.morphology.remove_small_objects("
                    + "mask.astype(bool), min_size, connectivity) (a component of exactly min_size voxels is kept). "
                    + "Computed on runs with union-find; one volume (channel, time point) at a time, each up to 2^31 "
                    + "voxels.")
            .reference("skimage.morphology.remove_small_objects; Rosenfeld A, Pfaltz JL. Sequential operations in "
                    + "digital picture processing. J ACM 13(4), 1966, doi:10.1145/321356.321357")
            .outputType("uint8 mask (0/1)")
            .parameters(MIN_SIZE, CONNECTIVITY)
            .input(Port.mask("mask", "Mask (non-zero = foreground)"))
            .output(Port.mask("cleaned", "Mask without the small objects"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    /**
     * {@code text} in voxels for an image with {@code header}: "64", "64 px", "0.5 mm3", "2000 um^3", "0.1 mm2".
     *
     * @throws IllegalArgumentException when it cannot be read or its dimension does not match the image's
     */
    public static double minVoxels(String text, ImageHeader header) {
        Matcher m = SIZE.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("Parameter 'min_size' is '" + text + "'; write a number of voxels (64) "
                    + "or a volume (0.5 mm3) / area in 2D (0.1 mm2)");
        }
        double value = Double.parseDouble(m.group(1));
        if (m.group(3) == null) {
            return value;
        }
        int rank = header.dimensions()[2] > 1 ? 3 : 2;
        int power = Integer.parseInt(m.group(4));
        if (power != rank) {
            throw new IllegalArgumentException("Parameter 'min_size' is '" + text + "', a " + (power == 3 ? "volume"
                    : "area") + ", but the image is " + rank + "D; give " + (rank == 3 ? "a volume (mm3)"
                            : "an area (mm2)") + " or voxels");
        }
        double voxelsPerUnit = 1;
        for (int a = 0; a < rank; a++) {
            voxelsPerUnit *= new Length(1, m.group(3)).toVoxels(header.axes().get(a));
        }
        return value * voxelsPerUnit;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image mask = inputs.image("mask");
        double minVoxels = minVoxels(arguments.get(MIN_SIZE), mask.header());
        int connectivity = arguments.get(CONNECTIVITY);
        long[] d = mask.header().dimensions();
        Volumes.voxels(mask.header(), SPEC.name());
        ArrayImage out = context.allocate(Volumes.maskHeader(mask.header()));
        context.monitor().begin(SPEC.name(), d[3] * d[4]);
        try {
            context.forEach(Math.toIntExact(d[3] * d[4]), v -> {
                byte[] volume = Volumes.mask(mask, v % d[3], v / d[3]);
                RunComponents objects = RunComponents.of(volume, (int) d[0], (int) d[1], (int) d[2], (byte) 1,
                        connectivity);
                objects.paint(volume, (byte) 0, (voxels, touchesBorder) -> voxels < minVoxels);
                Volumes.write(out, v % d[3], v / d[3], volume);
            });
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, out);
    }
}
