package org.qbi.ops.threshold;

import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.threshold.internal.LocalThreshold;
import org.qbi.ops.threshold.internal.WindowStatistics;

/** Niblack's local threshold: {@code threshold.niblack}. */
public final class NiblackThreshold extends LocalThreshold {

    public static final Param<Integer> WINDOW_SIZE = Param.integer("window_size", "Window size",
            "Odd window size in pixels (per axis; z too for 3D images)", 15).range(3, 1001);
    public static final Param<Double> K = Param.real("k", "k", "Weight of the local standard deviation", 0.2);

    public static final OperatorSpec SPEC = OperatorSpec.builder("threshold.niblack", "Niblack threshold")
            .category("Threshold")
            .description("Niblack's local threshold as skimage.filters.threshold_niblack: t = m - k s with m and s "
                    + "the mean and standard deviation of the window_size neighbourhood; foreground is value > t. "
                    + "Borders mirrored (numpy.pad's 'reflect' as skimage pads, scipy's 'mirror': d c b | a b c d); computed in float64 (window sums here, integral "
                    + "images in skimage: pixels within 1e-9 of t may differ by rounding).")
            .reference("Niblack W. An Introduction to Digital Image Processing. Prentice-Hall, 1986; "
                    + "skimage.filters.threshold_niblack")
            .outputType("uint8 mask (0/1)")
            .parameters(WINDOW_SIZE, K)
            .input(Port.image("image", "Image to threshold"))
            .output(Port.mask("mask", "Foreground (1) where value > m - k s"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected org.qbi.ops.block.Boundary boundary(Arguments arguments) {
        return WindowStatistics.BORDER;
    }

    static int size(Arguments arguments, Param<Integer> param, String id) {
        int size = arguments.get(param);
        if (size % 2 == 0) {
            throw new IllegalArgumentException(id + ": window_size must be odd, got " + size);
        }
        return size;
    }

    @Override
    protected int[] windowHalo(ImageHeader input, Arguments arguments) {
        return windowHalo(input, size(arguments, WINDOW_SIZE, SPEC.id()));
    }

    @Override
    protected ThresholdImage threshold(ImageHeader input, Arguments arguments) {
        int size = size(arguments, WINDOW_SIZE, SPEC.id());
        double k = arguments.get(K);
        boolean volume = input.dimensions()[2] > 1;
        return (values, nx, ny, nz, halo) -> {
            double[][] ms = WindowStatistics.meanStd(values, nx, ny, nz, halo, size, volume);
            double[] t = ms[0];
            for (int i = 0; i < t.length; i++) {
                t[i] = ms[0][i] - k * ms[1][i];
            }
            return t;
        };
    }
}
