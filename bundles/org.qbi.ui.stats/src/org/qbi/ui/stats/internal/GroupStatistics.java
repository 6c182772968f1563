package org.qbi.ui.stats.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.qbi.core.table.Table;
import org.qbi.stats.Analyses;
import org.qbi.stats.Analysis;
import org.qbi.stats.Comparisons;
import org.qbi.stats.GroupedValues;

/**
 * The statistics the Results view shows for one column by one grouping, computed by the installed analyses of
 * extension point org.qbi.statistics: 'describe' per group and, with two or more groups, the comparison table
 * with Holm and Benjamini-Hochberg adjusted p-values (the tests {@code qbi stats compare} runs by default).
 *
 * @param values     the column's values by group, groups in catalog order
 * @param pairs      the rows read (the column, the scatter plot's second column, the grouping)
 * @param describe   the 'describe' table
 * @param comparison the comparison table, or null with fewer than two groups
 * @param runId      the run the rows come from
 */
record GroupStatistics(GroupedValues values, Table pairs, Table describe, Table comparison, String runId) {

    /** Whether some sample contributes several rows (its objects, which are not independent of each other). */
    boolean severalRowsPerSample() {
        if (!pairs.hasColumn("sample_id")) {
            return false;
        }
        String[] samples = pairs.column("sample_id").texts();
        return java.util.Arrays.stream(samples).distinct().count() < samples.length;
    }

    /** The tests run with two groups, and with more. */
    static final List<String> TWO_GROUP_TESTS = List.of("welch-t", "mann-whitney", "ks");
    static final List<String> K_GROUP_TESTS = List.of("anova", "kruskal-wallis", "welch-t", "mann-whitney");

    /**
     * Computes the statistics of column {@code column} of {@code rows} by {@code groupBy}; {@code rows} may hold
     * a second column for the scatter plot (kept in {@link #pairs()}).
     */
    static GroupStatistics of(StudyTable.Rows rows, String column, String groupBy) {
        return of(rows, column, groupBy, PerSample.NONE);
    }

    /** Each sample's rows as they are, or reduced to their mean or median first (so each sample counts once). */
    enum PerSample {
        NONE("objects"), MEAN("sample mean"), MEDIAN("sample median");

        final String label;

        PerSample(String label) {
            this.label = label;
        }
    }

    /** Like {@link #of(StudyTable.Rows, String, String)}, with each sample's rows reduced as {@code perSample} says. */
    static GroupStatistics of(StudyTable.Rows rows, String column, String groupBy, PerSample perSample) {
        if (perSample != PerSample.NONE) {
            rows = new StudyTable.Rows(rows.runId(), perSample(rows.table(), groupBy, perSample), rows.groupOrder());
        }
        GroupedValues values = ordered(GroupedValues.of(rows.table(), column, groupBy), rows.groupOrder());
        Analyses analyses = Analyses.installed();
        Table describe = analyses.find("describe", GroupedValues.class).run(values);
        Table comparison = null;
        if (values.names().size() >= 2) {
            List<Analysis<GroupedValues>> tests = new ArrayList<>();
            for (String id : values.names().size() == 2 ? TWO_GROUP_TESTS : K_GROUP_TESTS) {
                tests.add(analyses.find(id, GroupedValues.class));
            }
            comparison = Comparisons.compare(List.of(values), tests);
        }
        return new GroupStatistics(values, rows.table(), describe, comparison, rows.runId());
    }

    /**
     * One row per sample: the mean or median of each numeric column over the sample's rows (missing values left
     * out), and the sample's {@code groupBy}, which must be the same in all its rows.
     *
     * @throws IllegalArgumentException naming the sample whose rows differ in {@code groupBy}
     */
    static Table perSample(Table rows, String groupBy, PerSample how) {
        org.qbi.core.table.Column samples = rows.column("sample_id");
        org.qbi.core.table.Column groups = rows.column(groupBy);
        Map<String, List<Integer>> bySample = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            bySample.computeIfAbsent(samples.text(r), s -> new ArrayList<>()).add(r);
        }
        List<String> groupOfSample = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> sample : bySample.entrySet()) {
            List<String> distinct = sample.getValue().stream().map(groups::text).distinct().toList();
            if (distinct.size() != 1) {
                throw new IllegalArgumentException("Sample " + sample.getKey() + " has several values of '" + groupBy
                        + "' " + distinct + "; reducing per sample needs a grouping that is constant within a sample");
            }
            groupOfSample.add(distinct.getFirst());
        }
        Table.Builder table = Table.builder(rows.name()).texts("sample_id", List.copyOf(bySample.keySet()));
        if (!groupBy.equals("sample_id")) {
            table.texts(groupBy, groupOfSample);
        }
        for (org.qbi.core.table.Column column : rows.columns()) {
            if (!column.isNumeric() || column.name().equals(groupBy)) {
                continue;
            }
            double[] reduced = new double[bySample.size()];
            int i = 0;
            for (List<Integer> sampleRows : bySample.values()) {
                double[] v = sampleRows.stream().mapToDouble(column::number).filter(x -> !Double.isNaN(x)).toArray();
                reduced[i++] = v.length == 0 ? Double.NaN : how == PerSample.MEDIAN
                        ? Median.withDefaults().evaluate(v) : Mean.of(v).getAsDouble();
            }
            table.numbers(column.name(), column.unit(), reduced);
        }
        return table.build();
    }

    /** {@code data} with its groups in {@code order}; groups not in it follow in their order. */
    static GroupedValues ordered(GroupedValues data, List<String> order) {
        Map<String, double[]> groups = new LinkedHashMap<>();
        for (String name : order) {
            if (data.groups().containsKey(name)) {
                groups.put(name, data.values(name));
            }
        }
        for (String name : data.names()) {
            groups.putIfAbsent(name, data.values(name));
        }
        return new GroupedValues(data.valueName(), data.unit(), data.groupBy(), groups, data.missing());
    }
}
