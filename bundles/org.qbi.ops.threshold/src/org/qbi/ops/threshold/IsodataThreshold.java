package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Isodata threshold: {@code threshold.isodata}. */
public final class IsodataThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.isodata", "Isodata threshold",
            "Ridler-Calvard isodata (iterative intermeans): the lowest bin centre t with t = (mean below or at t + mean above t) / 2 within one bin, as skimage.filters.threshold_isodata (including its float32 sums)." + HISTOGRAM_RULE,
            "Ridler TW, Calvard S. Picture thresholding using an iterative selection method. IEEE Trans. Syst. Man Cybern. 8(8):630-632, 1978, doi:10.1109/TSMC.1978.4310039; skimage.filters.threshold_isodata", BINS);

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
        return new double[] { HistogramMethods.isodata(histogram) };
    }

    @Override
    public boolean histogramOnly() {
        return true;
    }
}
