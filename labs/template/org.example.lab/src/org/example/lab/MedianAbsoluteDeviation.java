package org.example.lab;

import java.util.ArrayList;
import java.util.List;

import org.apache.commons.statistics.descriptive.Median;
import org.qbi.core.table.Table;
import org.qbi.stats.Analysis;
import org.qbi.stats.GroupedValues;

/**
 * Median and median absolute deviation (MAD) per group: a spread that outliers (a few mis-segmented objects) do
 * not move, as scipy.stats.median_abs_deviation; the normal-consistent MAD (x 1.4826) estimates the standard
 * deviation of normally distributed data.
 * <p>
 * The example statistical analysis of docs/EXTENDING.md: stateless, takes {@link GroupedValues}, returns a
 * {@link Table}; medians from Apache Commons Statistics.
 */
public final class MedianAbsoluteDeviation implements Analysis<GroupedValues> {

    public static final String ID = "example-mad";

    /** 1 / Phi^-1(3/4): makes the MAD of normal data estimate its standard deviation (scipy's scale='normal'). */
    public static final double NORMAL_SCALE = 1.482602218505602;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String label() {
        return "Median absolute deviation";
    }

    @Override
    public String description() {
        return "Per group: n, median, median absolute deviation from the median (MAD) and the normal-consistent "
                + "MAD (x 1.4826, an outlier-robust estimate of the standard deviation).";
    }

    @Override
    public Class<GroupedValues> dataType() {
        return GroupedValues.class;
    }

    @Override
    public Table run(GroupedValues data) {
        Median median = Median.withDefaults();
        List<String> groups = data.names();
        double[] n = new double[groups.size()];
        double[] medians = new double[groups.size()];
        double[] mad = new double[groups.size()];
        double[] scaled = new double[groups.size()];
        for (int g = 0; g < groups.size(); g++) {
            double[] values = data.values(groups.get(g));
            if (values.length == 0) {
                throw new IllegalArgumentException("Group '" + groups.get(g) + "' has no values for "
                        + data.valueName());
            }
            double m = median.evaluate(values.clone());
            double[] deviations = new double[values.length];
            for (int i = 0; i < values.length; i++) {
                deviations[i] = Math.abs(values[i] - m);
            }
            n[g] = values.length;
            medians[g] = m;
            mad[g] = median.evaluate(deviations);
            scaled[g] = mad[g] * NORMAL_SCALE;
        }
        List<String> valueNames = new ArrayList<>(groups.stream().map(g -> data.valueName()).toList());
        List<String> groupBy = new ArrayList<>(groups.stream().map(g -> data.groupBy()).toList());
        return Table.builder(ID).texts("value", valueNames).texts("group_by", groupBy).texts("group", groups)
                .numbers("n", "", n)
                .numbers("median", data.unit(), medians).numbers("mad", data.unit(), mad)
                .numbers("mad_normal", data.unit(), scaled).build();
    }
}
