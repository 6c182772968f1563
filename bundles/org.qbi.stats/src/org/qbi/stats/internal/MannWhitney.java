package org.qbi.stats.internal;

import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.inference.ContinuityCorrection;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.PValueMethod;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.GroupedValues;

/**
 * The Mann-Whitney U test of two groups (Commons Statistics' MannWhitneyUTest): U of group a, the exact p-value
 * when there are no ties and both groups have at most {@value #EXACT_LIMIT} values, else the normal approximation
 * with tie and continuity correction (as scipy.stats.mannwhitneyu with those methods). Written here: the
 * rank-biserial correlation r = 2 U / (n_a n_b) - 1 (positive when a tends to be larger; Kerby 2014) with its
 * interval from Fisher's z, se = sqrt((n_a + n_b + 1) / (3 n_a n_b)) (as JASP reports it; none when the groups are
 * completely separated, r = -1 or 1), and the Hodges-Lehmann
 * shift (median of all differences a_i - b_j; no interval).
 */
public final class MannWhitney implements Analysis<GroupedValues> {

    public static final String ID = "mann-whitney";

    /** Largest group size for the exact p-value. */
    static final int EXACT_LIMIT = 50;

    /** Largest n_a n_b for the Hodges-Lehmann shift (it sorts all differences). */
    private static final long HODGES_LEHMANN_LIMIT = 20_000_000L;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Mann-Whitney U test";
    }

    @Override
    public String description() {
        return "Compares two groups by ranks (does one tend to have larger values?) without assuming normality; "
                + "reports U, p, the rank-biserial correlation with its 95% CI and the Hodges-Lehmann shift.";
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
        MannWhitneyUTest test = MannWhitneyUTest.withDefaults().with(ContinuityCorrection.ENABLED);
        boolean ties = test.with(PValueMethod.ASYMPTOTIC).test(x, y).hasTiedValues();
        boolean exact = !ties && Math.max(x.length, y.length) <= EXACT_LIMIT;
        MannWhitneyUTest.Result result = test.with(exact ? PValueMethod.EXACT : PValueMethod.ASYMPTOTIC).test(x, y);
        double nx = x.length;
        double ny = y.length;
        double u = result.getStatistic();
        double r = 2 * u / (nx * ny) - 1;
        double se = Math.sqrt((nx + ny + 1) / (3 * nx * ny));
        double z = Moments.z(ComparisonTable.CONFIDENCE);
        double zr = atanh(r);
        // at r = -1 or 1 (complete separation) Fisher's z is infinite: no interval rather than a false [r, r]
        double low = Math.abs(r) == 1 ? Double.NaN : Math.tanh(zr - z * se);
        double high = Math.abs(r) == 1 ? Double.NaN : Math.tanh(zr + z * se);
        return ComparisonTable.of(new ComparisonTable.Row(ID, data).groups(a, x.length, b, y.length)
                .statistic("U", u, Double.NaN, Double.NaN)
                .p(result.getPValue(), exact ? "exact" : "asymptotic")
                .effect("rank_biserial", r, low, high)
                .difference("hodges_lehmann", hodgesLehmann(x, y), Double.NaN, Double.NaN));
    }

    private static double atanh(double r) {
        return 0.5 * Math.log((1 + r) / (1 - r));
    }

    /** Median of all pairwise differences x_i - y_j; NaN when there are more than the limit. */
    static double hodgesLehmann(double[] x, double[] y) {
        if ((long) x.length * y.length > HODGES_LEHMANN_LIMIT) {
            return Double.NaN;
        }
        double[] differences = new double[x.length * y.length];
        int k = 0;
        for (double xi : x) {
            for (double yj : y) {
                differences[k++] = xi - yj;
            }
        }
        return Median.withDefaults().evaluate(differences);
    }
}
