package org.qbi.ops.threshold;

import org.qbi.core.image.Image;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.threshold.internal.GlobalThreshold;
import org.qbi.ops.threshold.internal.HistogramMethods;

/** Triangle threshold: {@code threshold.triangle}. */
public final class TriangleThreshold extends GlobalThreshold {

    public static final Param<Integer> BINS = BINS_PARAM;

    public static final OperatorSpec SPEC = spec("threshold.triangle", "Triangle threshold",
            "Zack's triangle method: the bin farthest from the line between the histogram's peak and the end of its longer tail, as skimage.filters.threshold_triangle." + HISTOGRAM_RULE,
            "Zack GW, Rogers WE, Latt SA. Automatic measurement of sister chromatid exchange frequency. J. Histochem. Cytochem. 25(7):741-753, 1977, doi:10.1177/25.7.70454; skimage.filters.threshold_triangle", BINS);

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
        return new double[] { HistogramMethods.triangle(histogram) };
    }

    @Override
    public boolean histogramOnly() {
        return true;
    }
}
