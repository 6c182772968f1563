package org.qbi.stats;

import java.util.ArrayList;
import java.util.List;

import org.qbi.core.table.Table;
import org.qbi.stats.internal.Tables;

/**
 * Runs group comparisons as a study needs them: every test on every measurement, two-group tests on each pair
 * when there are more than two groups, k-group tests once, then Holm and Benjamini-Hochberg adjusted p-values
 * within each test across all its rows ({@link MultipleTesting#adjust}).
 *
 * @since 0.1
 */
public final class Comparisons {

    private Comparisons() {
    }

    /**
     * The comparisons of {@code data} (one entry per measurement) by {@code tests}, as one {@link ComparisonTable}
     * with {@code p_holm} and {@code p_bh}. Tests of k groups run once per measurement, on two groups as well.
     *
     * @throws IllegalArgumentException when a measurement has fewer than two groups
     */
    public static Table compare(List<GroupedValues> data, List<Analysis<GroupedValues>> tests) {
        List<Table> tables = new ArrayList<>();
        for (GroupedValues values : data) {
            List<String> groups = values.names();
            if (groups.size() < 2) {
                throw new IllegalArgumentException("Comparing '" + values.valueName() + "' needs at least two groups; "
                        + values.groupBy() + " has " + groups);
            }
            for (Analysis<GroupedValues> test : tests) {
                if (test.twoGroups()) {
                    for (int a = 0; a < groups.size(); a++) {
                        for (int b = a + 1; b < groups.size(); b++) {
                            tables.add(test.run(values.pair(groups.get(a), groups.get(b))));
                        }
                    }
                } else {
                    tables.add(test.run(values));
                }
            }
        }
        return MultipleTesting.adjust(Tables.concat(ComparisonTable.NAME, tables));
    }
}
