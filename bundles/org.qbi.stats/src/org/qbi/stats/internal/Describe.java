package org.qbi.stats.internal;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.descriptive.Max;
import org.apache.commons.statistics.descriptive.Min;
import org.apache.commons.statistics.descriptive.Quantile;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.ComparisonTable;
import org.qbi.stats.GroupedValues;

/**
 * Descriptive statistics of each group: n, mean, sd (n - 1), sem, the {@link ComparisonTable#CONFIDENCE} interval
 * of the mean (Student's t), median, quartiles (Hyndman-Fan type 7, the default of NumPy and R) and IQR, CV
 * (sd / mean, a fraction), min and max. Mean and variance from Commons Statistics' DoubleStatistics, quantiles from
 * its Quantile. Grouping by {@code sample_id} gives statistics per sample, by {@code group} per group.
 */
public final class Describe implements Analysis<GroupedValues> {

    /** The analysis id. */
    public static final String ID = "describe";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Descriptive statistics";
    }

    @Override
    public String description() {
        return "Per group: n, mean, sd, sem, 95% confidence interval of the mean, median, quartiles, IQR, "
                + "coefficient of variation (sd/mean), min and max.";
    }

    @Override
    public Class<GroupedValues> dataType() {
        return GroupedValues.class;
    }

    @Override
    public Table run(GroupedValues data) {
        Quantile quantile = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7);
        List<String> groups = data.names();
        int k = groups.size();
        double[][] columns = new double[14][k];
        for (int g = 0; g < k; g++) {
            double[] values = data.values(groups.get(g));
            Moments m = Moments.of(values);
            double sem = m.sd() / Math.sqrt(m.n());
            double half = m.n() > 1 ? Moments.t(ComparisonTable.CONFIDENCE, m.n() - 1) * sem : Double.NaN;
            double[] q = quantile.evaluate(values, 0.25, 0.5, 0.75);
            double[] row = { m.n(), m.mean(), m.sd(), sem, m.mean() - half, m.mean() + half, q[1], q[0], q[2],
                q[2] - q[0], m.sd() / m.mean(), Min.of(values).getAsDouble(), Max.of(values).getAsDouble() };
            for (int c = 0; c < row.length; c++) {
                columns[c][g] = row[c];
            }
        }
        String unit = data.unit();
        List<String> valueNames = new ArrayList<>();
        List<String> groupBy = new ArrayList<>();
        for (int g = 0; g < k; g++) {
            valueNames.add(data.valueName());
            groupBy.add(data.groupBy());
        }
        return Table.builder("describe").texts("value", valueNames).texts("group_by", groupBy).texts("group", groups)
                .numbers("n", "", columns[0]).numbers("mean", unit, columns[1]).numbers("sd", unit, columns[2])
                .numbers("sem", unit, columns[3]).numbers("ci_low", unit, columns[4])
                .numbers("ci_high", unit, columns[5]).numbers("median", unit, columns[6])
                .numbers("q1", unit, columns[7]).numbers("q3", unit, columns[8]).numbers("iqr", unit, columns[9])
                .numbers("cv", "", columns[10]).numbers("min", unit, columns[11]).numbers("max", unit, columns[12])
                .build();
    }
}
