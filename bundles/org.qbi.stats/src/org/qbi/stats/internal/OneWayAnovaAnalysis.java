package org.qbi.stats.internal;

import java.util.List;

import org.apache.commons.statistics.inference.OneWayAnova;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.GroupedValues;

/**
 * One-way analysis of variance of k groups (Commons Statistics' OneWayAnova): F, df between and within, p. Written
 * here: eta squared = SS_between / SS_total (from the mean squares) and its interval by inverting the noncentral F
 * distribution ({@link NoncentralF}).
 */
public final class OneWayAnovaAnalysis implements Analysis<GroupedValues> {

    public static final String ID = "anova";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "One-way ANOVA";
    }

    @Override
    public String description() {
        return "Tests whether k groups share one mean, assuming normal values with equal variances; reports F, "
                + "its degrees of freedom, p, and eta squared with its 95% CI.";
    }

    @Override
    public Class<GroupedValues> dataType() {
        return GroupedValues.class;
    }

    @Override
    public Table run(GroupedValues data) {
        List<double[]> groups = data.all();
        for (String group : data.names()) {
            Moments.require(label(), data.valueName(), group, data.values(group), 2);
        }
        int k = groups.size();
        int n = data.total();
        OneWayAnova.Result result = OneWayAnova.withDefaults().test(groups);
        double ssBetween = result.getMSBG() * (k - 1);
        double ssWithin = result.getMSWG() * (n - k);
        double eta = ssBetween / (ssBetween + ssWithin);
        double[] interval = NoncentralF.etaSquaredInterval(result.getStatistic(), k - 1, n - k, n,
                ComparisonTable.CONFIDENCE);
        return ComparisonTable.of(new ComparisonTable.Row(ID, data).allGroups(data)
                .statistic("F", result.getStatistic(), k - 1, n - k)
                .p(result.getPValue(), "exact")
                .effect("eta_squared", eta, interval[0], interval[1]));
    }
}
