package org.qbi.ops.threshold;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.threshold.internal.LocalThreshold;
import org.qbi.ops.threshold.internal.WindowStatistics;

/** Sauvola's local threshold: {@code threshold.sauvola}. */
public final class SauvolaThreshold extends LocalThreshold {

    public static final Param<Integer> WINDOW_SIZE = Param.integer("window_size", "Window size",
            "Odd window size in pixels (per axis; z too for 3D images)", 15).range(3, 1001);
    public static final Param<Double> K = Param.real("k", "k", "Weight of the normalised standard deviation", 0.2);
    public static final Param<Double> R = Param.real("r", "r",
            "Dynamic range of the standard deviation; 0: half the pixel type's range (skimage's default: 127.5 "
                    + "for uint8, 1 for floating-point images)", 0).range(0, Double.MAX_VALUE);

    public static final OperatorSpec SPEC = OperatorSpec.builder("threshold.sauvola", "Sauvola threshold")
            .category("Threshold")
            .description("Sauvola's local threshold as skimage.filters.threshold_sauvola: t = m (1 + k (s / r - 1)) "
                    + "with m and s the mean and standard deviation of the window_size neighbourhood; foreground is "
                    + "value > t. Borders mirrored (numpy.pad's 'reflect' as skimage pads, scipy's 'mirror': d c b | a b c d); computed in float64.")
            .reference("Sauvola J, Pietikainen M. Adaptive document image binarization. Pattern Recognit. "
                    + "33(2):225-236, 2000, doi:10.1016/S0031-3203(99)00055-2; skimage.filters.threshold_sauvola")
            .outputType("uint8 mask (0/1)")
            .parameters(WINDOW_SIZE, K, R)
            .input(Port.image("image", "Image to threshold"))
            .output(Port.mask("mask", "Foreground (1) where value > m (1 + k (s / r - 1))"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected org.qbi.ops.block.Boundary boundary(Arguments arguments) {
        return WindowStatistics.BORDER;
    }

    @Override
    protected int[] windowHalo(ImageHeader input, Arguments arguments) {
        return windowHalo(input, NiblackThreshold.size(arguments, WINDOW_SIZE, SPEC.id()));
    }

    @Override
    protected ThresholdImage threshold(ImageHeader input, Arguments arguments) {
        int size = NiblackThreshold.size(arguments, WINDOW_SIZE, SPEC.id());
        double k = arguments.get(K);
        PixelType type = input.pixelType();
        double r = arguments.get(R) > 0 ? arguments.get(R)
                : type.isInteger() ? 0.5 * (type.maxValue() - type.minValue()) : 1;
        boolean volume = input.dimensions()[2] > 1;
        return (values, nx, ny, nz, halo) -> {
            double[][] ms = WindowStatistics.meanStd(values, nx, ny, nz, halo, size, volume);
            double[] t = ms[0];
            for (int i = 0; i < t.length; i++) {
                t[i] = ms[0][i] * (1 + k * ((ms[1][i] / r) - 1));
            }
            return t;
        };
    }
}
