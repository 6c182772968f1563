package org.qbi.stats.internal;

import org.apache.commons.statistics.descriptive.DoubleStatistics;
import org.apache.commons.statistics.descriptive.Statistic;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

/** Mean and sample variance of one group through Commons Statistics, and the quantiles the intervals use. */
record Moments(int n, double mean, double variance) {

    static Moments of(double[] values) {
        DoubleStatistics stats = DoubleStatistics.of(java.util.EnumSet.of(Statistic.MEAN, Statistic.VARIANCE), values);
        return new Moments(values.length, stats.getAsDouble(Statistic.MEAN),
                values.length > 1 ? stats.getAsDouble(Statistic.VARIANCE) : Double.NaN);
    }

    double sd() {
        return Math.sqrt(variance);
    }

    /** The two-sided {@code confidence} quantile of Student's t with {@code df} degrees of freedom. */
    static double t(double confidence, double df) {
        return TDistribution.of(df).inverseSurvivalProbability((1 - confidence) / 2);
    }

    /** The two-sided {@code confidence} quantile of the standard normal. */
    static double z(double confidence) {
        return NormalDistribution.of(0, 1).inverseSurvivalProbability((1 - confidence) / 2);
    }

    /** Throws naming the group when it has fewer than {@code min} values. */
    static void require(String analysis, String value, String group, double[] values, int min) {
        if (values.length < min) {
            throw new IllegalArgumentException(analysis + " of '" + value + "' needs at least " + min + " values per "
                    + "group; group '" + group + "' has " + values.length);
        }
    }
}
