package org.qbi.stats.internal;

import org.apache.commons.statistics.inference.KolmogorovSmirnovTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.GroupedValues;

/**
 * The two-sample Kolmogorov-Smirnov test (Commons Statistics' KolmogorovSmirnovTest): D, the largest distance
 * between the two empirical distribution functions, which is also the effect size. The p-value is exact when
 * n_a n_b is at most {@value #EXACT_LIMIT} and there are no ties between the groups, else asymptotic (ties make
 * the exact distribution depend on the data; Commons estimates it only by resampling, which is not
 * reproducible).
 */
public final class KolmogorovSmirnov implements Analysis<GroupedValues> {

    public static final String ID = "ks";

    /** Largest n_a n_b for the exact p-value. */
    static final long EXACT_LIMIT = 10_000;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Kolmogorov-Smirnov test (two samples)";
    }

    @Override
    public String description() {
        return "Tests whether two groups' values come from the same distribution (any difference in location, "
                + "spread or shape); reports D, the largest gap between the cumulative distributions, and p.";
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
        Moments.require(label(), data.valueName(), a, x, 1);
        Moments.require(label(), data.valueName(), b, y, 1);
        boolean exact = (long) x.length * y.length <= EXACT_LIMIT && !sharesValues(x, y);
        KolmogorovSmirnovTest.TwoResult result = KolmogorovSmirnovTest.withDefaults()
                .with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC).test(x, y);
        return ComparisonTable.of(new ComparisonTable.Row(ID, data).groups(a, x.length, b, y.length)
                .statistic("D", result.getStatistic(), Double.NaN, Double.NaN)
                .p(result.getPValue(), exact ? "exact" : "asymptotic")
                .effect("ks_d", result.getStatistic(), Double.NaN, Double.NaN));
    }

    /** Whether a value of x also occurs in y. */
    private static boolean sharesValues(double[] x, double[] y) {
        java.util.Set<Double> values = new java.util.HashSet<>();
        for (double v : x) {
            values.add(v);
        }
        for (double v : y) {
            if (values.contains(v)) {
                return true;
            }
        }
        return false;
    }
}
