package org.qbi.ops.point;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.internal.AdaptiveEqualization;

/**
 * Contrast-limited adaptive histogram equalization (CLAHE): {@code point.clahe}, as
 * skimage.exposure.equalize_adapthist.
 *
 * @since 0.2
 */
public final class AdaptiveEqualize implements Operator {

    public static final Param<double[]> KERNEL_SIZE = Param.reals("kernel_size", "Kernel size",
            "Size of the contextual regions along x, y (, z) in pixels: one value for every axis or one per axis; "
                    + "empty: 1/8 of the image along each axis (scikit-image's default)").range(1, 1 << 20);
    public static final Param<Double> CLIP_LIMIT = Param.real("clip_limit", "Clip limit",
            "Histogram clip limit, normalised 0..1 (higher: more contrast); 0 or 1: no clipping (plain adaptive "
                    + "equalization)", 0.01).range(0, 1);
    public static final Param<Integer> NBINS = Param.integer("nbins", "Bins",
            "Grey-level bins of each region's histogram", 256).range(2, AdaptiveEqualization.LEVELS);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.clahe", "CLAHE (adaptive equalization)")
            .category("Point operations")
            .description("Contrast-limited adaptive histogram equalization as skimage.exposure.equalize_adapthist "
                    + "(scikit-image 0.19), in 2D and 3D: the image is divided into contextual regions of "
                    + "kernel_size pixels; each region's histogram (nbins bins over 2^14 grey levels) is clipped at "
                    + "clip_limit times the region's pixel count, the excess redistributed, and cumulated into a "
                    + "mapping; every pixel is mapped by the regions around it with bilinear (trilinear in 3D) "
                    + "weights; the result is rescaled to 0..1. Borders: regions reaching past the image's end "
                    + "use mirrored values (numpy 'reflect'). Values are first brought to 16 bits as scikit-image "
                    + "does (uint8 times 257, negative values 0, floats in [-1, 1] times 65535), then mapped from "
                    + "their min..max to the 2^14 levels. Deliberate differences: floating-point images outside "
                    + "[-1, 1] are mapped linearly from their min..max (scikit-image refuses them); NaN and "
                    + "infinities count as the minimum; each channel and time point is equalized on its own "
                    + "(scikit-image equalizes the value channel of an RGB image); the output is float32 "
                    + "(scikit-image returns float64 for integer images: values agree to float32 precision).")
            .reference("Zuiderveld K. Contrast limited adaptive histogram equalization, in Graphics Gems IV, "
                    + "Academic Press 1994, pp. 474-485; Pizer SM et al., Comput. Vis. Graph. Image Process. 39 "
                    + "(1987) 355-368, doi:10.1016/S0734-189X(87)80186-X; skimage.exposure.equalize_adapthist")
            .outputType("float32, values 0..1")
            .parameters(KERNEL_SIZE, CLIP_LIMIT, NBINS)
            .input(Port.image("image", "Image"))
            .output(Port.image("equalized", "Equalized image, values 0..1"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image();
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        if (type == PixelType.LABEL32) {
            throw new IllegalArgumentException("point.clahe: a label image (label32) holds identities, not "
                    + "intensities");
        }
        if (type.samplesPerPixel() != 1) {
            throw new IllegalArgumentException("point.clahe: a " + type.label() + " image has "
                    + type.samplesPerPixel() + " samples per pixel; split it into channels first");
        }
        long[] dims = header.dimensions();
        int[] kernel = kernel(arguments.get(KERNEL_SIZE), dims);
        ArrayImage out = context.allocateForOverwrite(header.withPixelType(PixelType.FLOAT32)
                .withRescale(Rescale.IDENTITY));
        int nbins = arguments.get(NBINS);
        double clipLimit = arguments.get(CLIP_LIMIT);
        context.monitor().begin(SPEC.name(), (int) (dims[3] * dims[4]));
        try {
            for (long t = 0; t < dims[4]; t++) {
                for (long c = 0; c < dims[3]; c++) {
                    context.monitor().checkCanceled(SPEC.name());
                    new AdaptiveEqualization(image, c, t, kernel, clipLimit, nbins).run(out,
                            context.withMonitor(null));
                    context.monitor().worked(1);
                }
            }
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, out);
    }

    /** The region size per axis (x, y, z): scikit-image's default 1/8 of each axis, z = 1 for a 2D image. */
    static int[] kernel(double[] given, long[] dims) {
        int axes = dims[2] > 1 ? 3 : 2;
        if (given.length > 1 && given.length != axes) {
            throw new IllegalArgumentException("point.clahe: kernel_size has " + given.length + " values; give one "
                    + "for every axis or " + axes + " (x, y" + (axes == 3 ? ", z" : "") + ")");
        }
        int[] kernel = { 1, 1, 1 };
        for (int a = 0; a < axes; a++) {
            if (given.length == 0) {
                kernel[a] = (int) Math.max(dims[a] / 8, 1);
            } else {
                double value = given.length == 1 ? given[0] : given[a];
                if (value < 1 || value != Math.rint(value)) {
                    throw new IllegalArgumentException("point.clahe: kernel_size must be whole pixels of at least "
                            + "1, got " + value);
                }
                kernel[a] = (int) value;
            }
        }
        return kernel;
    }
}
