package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Otsu threshold: {@code threshold.otsu}. */
public final class OtsuThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.otsu", "Otsu threshold",
            "Otsu's method: the threshold that maximises the between-class variance of background and foreground, as skimage.filters.threshold_otsu (same threshold on the same histogram; a constant image gives its value)." + HISTOGRAM_RULE,
            "Otsu N. A threshold selection method from gray-level histograms. IEEE Trans. Syst. Man Cybern. 9(1):62-66, 1979, doi:10.1109/TSMC.1979.4310076; skimage.filters.threshold_otsu", BINS);

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
        return new double[] { HistogramMethods.otsu(histogram) };
    }

    @Override
    public boolean histogramOnly() {
        return true;
    }
}
