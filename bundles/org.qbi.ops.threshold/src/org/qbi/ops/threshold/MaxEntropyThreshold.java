package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Maximum entropy threshold: {@code threshold.max_entropy}. */
public final class MaxEntropyThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.max_entropy", "Maximum entropy threshold",
            "Kapur-Sahoo-Wong maximum entropy: the threshold maximising the sum of the background's and foreground's entropies, as ImageJ's AutoThresholder 'MaxEntropy' (scikit-image has none; entropies accumulated in O(n) rather than ImageJ's O(n^2), the same up to rounding) applied to this histogram; the threshold is the centre of the chosen bin." + IMAGEJ_BINS,
            "Kapur JN, Sahoo PK, Wong AKC. A new method for gray-level picture thresholding using the entropy of the histogram. Comput. Vis. Graph. Image Process. 29(3):273-285, 1985, doi:10.1016/0734-189X(85)90125-2; ImageJ ij.process.AutoThresholder", BINS);

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected double[] thresholds(Image image, long c, long t, Histogram histogram, Arguments arguments,
            OperatorContext context) throws java.io.IOException {
        Histogram h = imageJBins(image, c, t, histogram, context);
        return new double[] { h.center(HistogramMethods.maxEntropy(h.counts())) };
    }
}
