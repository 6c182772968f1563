package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Yen threshold: {@code threshold.yen}. */
public final class YenThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.yen", "Yen threshold",
            "Yen's maximum correlation criterion, as skimage.filters.threshold_yen (float32 probabilities as it computes them)." + HISTOGRAM_RULE,
            "Yen JC, Chang FJ, Chang S. A new criterion for automatic multilevel thresholding. IEEE Trans. Image Process. 4(3):370-378, 1995, doi:10.1109/83.366472; skimage.filters.threshold_yen", BINS);

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected double[] thresholds(Image image, long c, long t, Histogram histogram, Arguments arguments,
            OperatorContext context) {
        return thresholdsOf(histogram, arguments);
    }

    @Override
    public double[] thresholdsOf(Histogram histogram, Arguments arguments) {
        return new double[] { HistogramMethods.yen(histogram) };
    }

    @Override
    public boolean histogramOnly() {
        return true;
    }
}
