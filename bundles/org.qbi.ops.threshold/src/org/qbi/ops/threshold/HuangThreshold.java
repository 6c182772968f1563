package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Huang threshold: {@code threshold.huang}. */
public final class HuangThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.huang", "Huang threshold",
            "Huang's fuzzy thresholding (minimum Shannon entropy of the fuzzy membership), as ImageJ's AutoThresholder 'Huang' (scikit-image has none) applied to this histogram; the threshold is the centre of the bin ImageJ picks." + IMAGEJ_BINS,
            "Huang L-K, Wang M-JJ. Image thresholding by minimizing the measures of fuzziness. Pattern Recognit. 28(1):41-51, 1995, doi:10.1016/0031-3203(94)E0043-K; ImageJ ij.process.AutoThresholder", BINS);

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected double[] thresholds(Image image, long c, long t, Histogram histogram, Arguments arguments,
            OperatorContext context) throws java.io.IOException {
        Histogram h = imageJBins(image, c, t, histogram, context);
        return new double[] { h.center(HistogramMethods.huang(h.counts())) };
    }
}
