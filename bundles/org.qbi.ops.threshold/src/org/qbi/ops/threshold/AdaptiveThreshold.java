package org.qbi.ops.threshold;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.threshold.internal.LocalStatistics;
import org.qbi.ops.threshold.internal.LocalThreshold;

/** Local (adaptive) threshold by the window mean or Gaussian-weighted mean: {@code threshold.local}. */
public final class AdaptiveThreshold extends LocalThreshold {

    /** The local statistic. */
    public enum Method {
        /** The mean of a block_size window (scipy.ndimage.uniform_filter). */
        MEAN,
        /** A Gaussian-weighted mean, sigma = (block_size - 1) / 6 (scipy.ndimage.gaussian_filter, truncate 4). */
        GAUSSIAN
    }

    public static final Param<Integer> BLOCK_SIZE = Param.integer("block_size", "Block size",
            "Odd window size in pixels (per axis; z too for 3D images)", 35).range(3, 1001);
    public static final Param<Method> METHOD = Param.choice("method", "Method", "mean or gaussian", Method.class,
            Method.GAUSSIAN);
    public static final Param<Double> OFFSET = Param.real("offset", "Offset",
            "Subtracted from the local statistic (negative: a stricter threshold)", 0);

    public static final OperatorSpec SPEC = OperatorSpec.builder("threshold.local", "Local threshold")
            .category("Threshold")
            .description("Adaptive threshold as skimage.filters.threshold_local: the threshold of each pixel is the "
                    + "mean (method=mean) or Gaussian-weighted mean (method=gaussian, sigma = (block_size - 1) / 6, "
                    + "kernel radius int(4 sigma + 0.5)) of its block_size neighbourhood minus offset; foreground is "
                    + "value > threshold. Borders reflected (scipy's 'reflect', skimage's default). Computed in "
                    + "float64 from float32 block values (float64 images lose precision beyond float32); pixels "
                    + "within 1e-9 of their threshold may differ from skimage by rounding. 3D images use a 3D window.")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 3rd ed., section 10.3.7; "
                    + "skimage.filters.threshold_local")
            .outputType("uint8 mask (0/1)")
            .parameters(BLOCK_SIZE, METHOD, OFFSET)
            .input(Port.image("image", "Image to threshold"))
            .output(Port.mask("mask", "Foreground (1) where value > local threshold"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected int[] windowHalo(ImageHeader input, Arguments arguments) {
        int size = blockSize(arguments);
        if (arguments.get(METHOD) == Method.MEAN) {
            return windowHalo(input, size);
        }
        int r = (LocalStatistics.gaussian((size - 1) / 6.0, 4.0).length - 1) / 2;
        return new int[] { r, r, input.dimensions()[2] > 1 ? r : 0 };
    }

    private static int blockSize(Arguments arguments) {
        int size = arguments.get(BLOCK_SIZE);
        if (size % 2 == 0) {
            throw new IllegalArgumentException("threshold.local: block_size must be odd, got " + size);
        }
        return size;
    }

    @Override
    protected ThresholdImage threshold(ImageHeader input, Arguments arguments) {
        int size = blockSize(arguments);
        double offset = arguments.get(OFFSET);
        double[] w = arguments.get(METHOD) == Method.MEAN ? LocalStatistics.box(size)
                : LocalStatistics.gaussian((size - 1) / 6.0, 4.0);
        boolean volume = input.dimensions()[2] > 1;
        double[][] weights = { w, w, volume ? w : new double[] { 1 } };
        return (values, nx, ny, nz, halo) -> {
            double[] mean = LocalStatistics.filter(values, nx, ny, nz, halo, weights);
            for (int i = 0; i < mean.length; i++) {
                mean[i] -= offset;
            }
            return mean;
        };
    }
}
