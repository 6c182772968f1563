package org.qbi.ui.stats.internal;

import java.util.ArrayList;
import java.util.List;

import org.qbi.core.table.Table;
import org.qbi.stats.Analyses;
import org.qbi.stats.Analysis;
import org.qbi.stats.Comparisons;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.study.StudyRows;
import org.qbi.stats.study.StudyRows.Reduction;

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
        return StudyRows.severalRowsPerSample(pairs);
    }

    /** The tests run with two groups, and with more. */
    static final List<String> TWO_GROUP_TESTS = List.of("welch-t", "mann-whitney", "ks");
    static final List<String> K_GROUP_TESTS = List.of("anova", "kruskal-wallis", "welch-t", "mann-whitney");

    /**
     * Computes the statistics of column {@code column} of {@code rows} by {@code groupBy}; {@code rows} may hold
     * a second column for the scatter plot (kept in {@link #pairs()}).
     */
    static GroupStatistics of(StudyTable.Rows rows, String column, String groupBy) {
        return of(rows, column, groupBy, Reduction.NONE);
    }

    /** Like {@link #of(StudyTable.Rows, String, String)}, with each sample's rows reduced as {@code perSample} says. */
    static GroupStatistics of(StudyTable.Rows rows, String column, String groupBy, Reduction perSample) {
        if (perSample != Reduction.NONE) {
            rows = new StudyTable.Rows(rows.runId(), StudyRows.perSample(rows.table(), perSample), rows.groupOrder());
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

    /** {@code data} with its groups in {@code order}; groups not in it follow in their order. */
    static GroupedValues ordered(GroupedValues data, List<String> order) {
        return StudyRows.ordered(data, order);
    }
}
