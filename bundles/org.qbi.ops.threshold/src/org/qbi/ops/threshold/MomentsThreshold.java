package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Moments threshold: {@code threshold.moments}. */
public final class MomentsThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.moments", "Moments threshold",
            "Tsai's moment-preserving thresholding: the binary image keeps the first three moments of the histogram (moments over bin indices), as ImageJ's AutoThresholder 'Moments' (scikit-image has none) applied to this histogram; the threshold is the centre of the chosen bin." + IMAGEJ_BINS,
            "Tsai W-H. Moment-preserving thresholding: a new approach. Comput. Vis. Graph. Image Process. 29(3):377-393, 1985, doi:10.1016/0734-189X(85)90133-1; ImageJ ij.process.AutoThresholder", BINS);

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected double[] thresholds(Image image, long c, long t, Histogram histogram, Arguments arguments,
            OperatorContext context) throws java.io.IOException {
        Histogram h = imageJBins(image, c, t, histogram, context);
        return new double[] { h.center(HistogramMethods.moments(h.counts())) };
    }
}
