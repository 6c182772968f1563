package org.qbi.stats.internal;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.statistics.inference.DataDispersion;
import org.apache.commons.statistics.inference.TTest;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.GroupedValues;

/**
 * Welch's t-test of two groups (unequal variances; Commons Statistics' TTest), with the mean difference a - b and
 * its Welch-Satterthwaite interval, and Hedges' g with its interval. The effect sizes are written here (Commons
 * Statistics has none): Cohen's d = (mean_a - mean_b) / pooled sd; Hedges' g = J d with the exact small-sample
 * factor J = Gamma(m/2) / (sqrt(m/2) Gamma((m-1)/2)), m = n_a + n_b - 2 (Hedges 1981); interval g +- z se with
 * se = J sqrt((n_a + n_b) / (n_a n_b) + d^2 / (2 (n_a + n_b))) (Hedges and Olkin 1985, eq. 5.14).
 */
public final class WelchTTest implements Analysis<GroupedValues> {

    public static final String ID = "welch-t";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Welch's t-test";
    }

    @Override
    public String description() {
        return "Compares the means of two groups without assuming equal variances; reports t, Welch df, p, the "
                + "mean difference with its 95% CI, and Hedges' g with its 95% CI.";
    }

    @Override
    public Class<GroupedValues> dataType() {
        return GroupedValues.class;
    }

    @Override
    public boolean twoGroups() {
        return true;
    }

    @Override
    public Table run(GroupedValues data) {
        String a = data.names().get(0);
        String b = data.names().get(1);
        double[] x = data.values(a);
        double[] y = data.values(b);
        Moments.require(label(), data.valueName(), a, x, 2);
        Moments.require(label(), data.valueName(), b, y, 2);
        Moments mx = Moments.of(x);
        Moments my = Moments.of(y);
        if (mx.variance() == 0 && my.variance() == 0) {
            throw new IllegalArgumentException(label() + " of '" + data.valueName() + "': both groups '" + a + "' and '"
                    + b + "' have no variance (all values equal), so t is undefined");
        }
        TTest.Result result = TTest.withDefaults().with(DataDispersion.HETEROSCEDASTIC).test(x, y);
        double difference = mx.mean() - my.mean();
        double se = Math.sqrt(mx.variance() / mx.n() + my.variance() / my.n());
        double half = Moments.t(ComparisonTable.CONFIDENCE, result.getDegreesOfFreedom()) * se;
        double[] g = hedgesG(mx, my);
        return ComparisonTable.of(new ComparisonTable.Row(ID, data).groups(a, x.length, b, y.length)
                .statistic("t", result.getStatistic(), result.getDegreesOfFreedom(), Double.NaN)
                .p(result.getPValue(), "exact")
                .effect("hedges_g", g[0], g[1], g[2])
                .difference("mean_difference", difference, difference - half, difference + half));
    }

    /** Hedges' g and its interval. */
    static double[] hedgesG(Moments x, Moments y) {
        double m = x.n() + y.n() - 2.0;
        double pooled = Math.sqrt(((x.n() - 1) * x.variance() + (y.n() - 1) * y.variance()) / m);
        double d = (x.mean() - y.mean()) / pooled;
        double j = Math.exp(LogGamma.value(m / 2) - LogGamma.value((m - 1) / 2)) / Math.sqrt(m / 2);
        double n = x.n() + y.n();
        double se = j * Math.sqrt(n / ((double) x.n() * y.n()) + d * d / (2 * n));
        double g = j * d;
        double z = Moments.z(ComparisonTable.CONFIDENCE);
        return new double[] { g, g - z * se, g + z * se };
    }
}
