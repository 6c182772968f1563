package org.qbi.core.image;

/**
 * Summary of values: count, min, max, mean, population standard deviation (ddof = 0, as NumPy's std), sum.
 *
 * @since 0.1
 */
public record ValueStatistics(long count, double min, double max, double mean, double std, double sum) {

    /** The statistics of {@code rescale} applied to the values these statistics describe (a linear map). */
    public ValueStatistics rescaled(Rescale rescale) {
        double a = rescale.apply(min);
        double b = rescale.apply(max);
        return new ValueStatistics(count, Math.min(a, b), Math.max(a, b), rescale.apply(mean),
                Math.abs(rescale.slope()) * std, rescale.slope() * sum + rescale.intercept() * count);
    }
}
