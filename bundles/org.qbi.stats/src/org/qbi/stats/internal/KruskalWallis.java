package org.qbi.stats.internal;

import java.util.List;

import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.ranking.NaturalRanking;
import org.apache.commons.statistics.ranking.TiesStrategy;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.GroupedValues;

/**
 * The Kruskal-Wallis H test of k groups, written here because Commons Statistics has none (its ranking and
 * chi-squared distribution are used): H = 12 / (N (N + 1)) sum R_i^2 / n_i - 3 (N + 1) over average ranks,
 * divided by the tie correction 1 - sum (t^3 - t) / (N^3 - N), p from chi-squared with k - 1 df (as
 * scipy.stats.kruskal). Effect size eta squared H = (H - k + 1) / (N - k) (Tomczak and Tomczak 2014), no interval.
 */
public final class KruskalWallis implements Analysis<GroupedValues> {

    public static final String ID = "kruskal-wallis";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Kruskal-Wallis H test";
    }

    @Override
    public String description() {
        return "Tests by ranks whether k groups come from one distribution, without assuming normality; reports H, "
                + "df, p and eta squared (H).";
    }

    @Override
    public Class<GroupedValues> dataType() {
        return GroupedValues.class;
    }

    @Override
    public Table run(GroupedValues data) {
        List<double[]> groups = data.all();
        for (String group : data.names()) {
            Moments.require(label(), data.valueName(), group, data.values(group), 1);
        }
        int k = groups.size();
        int n = data.total();
        double[] all = new double[n];
        int offset = 0;
        for (double[] group : groups) {
            System.arraycopy(group, 0, all, offset, group.length);
            offset += group.length;
        }
        double[] ranks = new NaturalRanking(TiesStrategy.AVERAGE).apply(all);
        double sum = 0;
        offset = 0;
        for (double[] group : groups) {
            double rankSum = 0;
            for (int i = 0; i < group.length; i++) {
                rankSum += ranks[offset + i];
            }
            sum += rankSum * rankSum / group.length;
            offset += group.length;
        }
        double h = 12.0 / ((double) n * (n + 1)) * sum - 3.0 * (n + 1);
        double ties = tieCorrection(all);
        if (ties == 0) {
            throw new IllegalArgumentException(label() + " of '" + data.valueName() + "': all values are equal, so H "
                    + "is undefined");
        }
        h /= ties;
        double p = ChiSquaredDistribution.of(k - 1).survivalProbability(h);
        return ComparisonTable.of(new ComparisonTable.Row(ID, data).allGroups(data)
                .statistic("H", h, k - 1, Double.NaN)
                .p(p, "asymptotic")
                .effect("eta_squared_h", (h - k + 1) / (n - k), Double.NaN, Double.NaN));
    }

    /** 1 - sum (t^3 - t) / (N^3 - N) over groups of t tied values. */
    static double tieCorrection(double[] values) {
        double[] sorted = values.clone();
        java.util.Arrays.sort(sorted);
        double n = sorted.length;
        double sum = 0;
        for (int i = 0; i < sorted.length;) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            double t = j - i;
            sum += t * t * t - t;
            i = j;
        }
        return 1 - sum / (n * n * n - n);
    }
}
