package org.qbi.ops.threshold;

import java.io.IOException;
import java.util.Arrays;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Li's minimum cross-entropy threshold: {@code threshold.li}. */
public final class LiThreshold extends GlobalThreshold {

    public static final Param<Double> TOLERANCE = Param.real("tolerance", "Tolerance",
            "Stop when the threshold moves by less than this; 0: automatic (0.5 for integer images, half the "
                    + "smallest gap between distinct values for floating-point ones, as scikit-image)", 0)
            .range(0, Double.MAX_VALUE);

    public static final OperatorSpec SPEC = spec("threshold.li", "Li threshold",
            "Li's iterative minimum cross-entropy method, as skimage.filters.threshold_li: starting from the mean, "
                    + "t = (mean_back - mean_fore) / (ln mean_back - ln mean_fore) on the values shifted to start "
                    + "at 0, until t moves by no more than the tolerance. Integer images iterate on their histogram "
                    + "(one bin per integer value), exactly as scikit-image; floating-point images iterate on the "
                    + "pixel values (one parallel pass per iteration, sums in float64 where numpy sums float32: "
                    + "thresholds agree to about 1e-5 of the range). The automatic tolerance of floating-point "
                    + "images is half the smallest gap between distinct values, found by sorting up to 2^25 values; "
                    + "larger images use 1e-6 of the range. Foreground is value > threshold; NaN and infinities are "
                    + "left out.",
            "Li CH, Lee CK. Minimum cross entropy thresholding. Pattern Recognit. 26(4):617-625, 1993, "
                    + "doi:10.1016/0031-3203(93)90115-D; Li CH, Tam PKS. An iterative algorithm for minimum cross "
                    + "entropy thresholding. Pattern Recognit. Lett. 18(8):771-776, 1998; skimage.filters.threshold_li",
            TOLERANCE);

    private static final long SORTABLE = 1L << 25;

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public int bins(Arguments arguments) {
        return 256;
    }

    @Override
    protected double[] thresholds(Image image, long c, long t, Histogram histogram, Arguments arguments,
            OperatorContext context) throws IOException {
        double tolerance = arguments.get(TOLERANCE);
        if (histogram.integerBins()) {
            double sum = 0;
            for (int i = 0; i < histogram.bins(); i++) {
                sum += histogram.count(i) * histogram.center(i);
            }
            return new double[] { HistogramMethods.liIntegers(histogram, sum / histogram.total(), tolerance) };
        }
        return new double[] { floats(image, c, t, histogram, tolerance, context) };
    }

    private static double floats(Image image, long c, long t, Histogram histogram, double tolerance,
            OperatorContext context) throws IOException {
        double min = histogram.min();
        if (histogram.min() == histogram.max()) {
            return min;
        }
        boolean single = image.header().pixelType() == PixelType.FLOAT32;
        float min32 = (float) min;
        double tol = tolerance > 0 ? tolerance : automaticTolerance(image, c, t, histogram, context);
        double[] all = sums(image, c, t, Double.NEGATIVE_INFINITY, min, min32, single, context);
        double tNext = all[1] / all[0];
        double tCurr = -2 * tol;
        int guard = 0;
        while (Math.abs(tNext - tCurr) > tol && guard++ < 10_000) {
            tCurr = tNext;
            double[] fore = sums(image, c, t, tCurr, min, min32, single, context);
            double meanFore = fore[1] / fore[0];
            double meanBack = (all[1] - fore[1]) / (all[0] - fore[0]);
            tNext = (meanBack - meanFore) / (Math.log(meanBack) - Math.log(meanFore));
            if (Double.isNaN(tNext)) {
                break;
            }
        }
        return tNext + min;
    }

    /** Count and sum of the shifted finite values above {@code above}, merged in piece order. */
    private static double[] sums(Image image, long c, long t, double above, double min, float min32, boolean single,
            OperatorContext context) throws IOException {
        long[] dims = image.header().dimensions();
        int pieces = PixelStream.pieces(dims, c, t, 1L << 20).size();
        double[] counts = new double[pieces];
        double[] sums = new double[pieces];
        PixelStream.read(image, c, t, 1L << 20, context, (p, values, n) -> {
            double count = 0;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                double v = values[i];
                if (Double.isFinite(v)) {
                    double x = single ? (float) ((float) v - min32) : v - min;
                    if (x > above) {
                        count++;
                        sum += x;
                    }
                }
            }
            counts[p] += count;
            sums[p] += sum;
        });
        double count = 0;
        double sum = 0;
        for (int p = 0; p < pieces; p++) {
            count += counts[p];
            sum += sums[p];
        }
        return new double[] { count, sum };
    }

    private static double automaticTolerance(Image image, long c, long t, Histogram histogram,
            OperatorContext context) throws IOException {
        long finite = histogram.total();
        if (finite > SORTABLE) {
            return (histogram.max() - histogram.min()) * 1e-6;
        }
        double[] values = new double[(int) finite];
        int[] next = { 0 };
        boolean single = image.header().pixelType() == PixelType.FLOAT32;
        float min32 = (float) histogram.min();
        PixelStream.read(image, c, t, 1L << 20, context.withParallelism(1), (p, v, n) -> {
            for (int i = 0; i < n; i++) {
                if (Double.isFinite(v[i])) {
                    values[next[0]++] = single ? (float) ((float) v[i] - min32) : v[i] - histogram.min();
                }
            }
        });
        Arrays.sort(values);
        double gap = Double.POSITIVE_INFINITY;
        for (int i = 1; i < values.length; i++) {
            double d = values[i] - values[i - 1];
            if (d > 0 && d < gap) {
                gap = d;
            }
        }
        return gap / 2;
    }
}
