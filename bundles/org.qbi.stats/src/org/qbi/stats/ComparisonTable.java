package org.qbi.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * The layout every group comparison returns, one row per test, so the rows of several tests and measurements
 * stack into one table and the corrections of {@link MultipleTesting} apply across them:
 * <table>
 * <caption>columns</caption>
 * <tr><td>value, unit</td><td>the measurement compared and its unit</td></tr>
 * <tr><td>test</td><td>the analysis id ("welch-t")</td></tr>
 * <tr><td>group_a, group_b, n_a, n_b</td><td>the two groups and their sizes; a test of k groups lists them all in
 * group_a (comma-separated), leaves group_b empty, n_a the total and n_b NaN</td></tr>
 * <tr><td>statistic_name, statistic, df, df2</td><td>the test statistic ("t", "U", "D", "F", "H") and its degrees
 * of freedom (NaN where none)</td></tr>
 * <tr><td>p_value, p_method</td><td>two-sided p-value and how it was computed ("exact", "asymptotic")</td></tr>
 * <tr><td>effect_name, effect, effect_ci_low, effect_ci_high</td><td>the effect size ("hedges_g",
 * "rank_biserial", "eta_squared") with its confidence interval (NaN where no interval is computed)</td></tr>
 * <tr><td>difference_name, difference, difference_ci_low, difference_ci_high</td><td>a difference in the value's
 * unit ("mean_difference" a - b, "hodges_lehmann" shift) with its interval</td></tr>
 * <tr><td>confidence</td><td>the confidence level of the intervals (0.95)</td></tr>
 * </table>
 *
 * @since 0.1
 */
public final class ComparisonTable {

    /** Name of the tables this class builds. */
    public static final String NAME = "comparison";

    /** The confidence level of all intervals. */
    public static final double CONFIDENCE = 0.95;

    private ComparisonTable() {
    }

    /** One test's result; fields left unset are NaN or empty. */
    public static final class Row {
        String value = "";
        String unit = "";
        String test = "";
        String groupA = "";
        String groupB = "";
        double nA = Double.NaN;
        double nB = Double.NaN;
        String statisticName = "";
        double statistic = Double.NaN;
        double df = Double.NaN;
        double df2 = Double.NaN;
        double p = Double.NaN;
        String pMethod = "";
        String effectName = "";
        double effect = Double.NaN;
        double effectLow = Double.NaN;
        double effectHigh = Double.NaN;
        String differenceName = "";
        double difference = Double.NaN;
        double differenceLow = Double.NaN;
        double differenceHigh = Double.NaN;

        /** A row of test {@code test} on {@code data}'s measurement. */
        public Row(String test, GroupedValues data) {
            this.test = test;
            this.value = data.valueName();
            this.unit = data.unit();
        }

        /** The two groups compared. */
        public Row groups(String a, int sizeA, String b, int sizeB) {
            groupA = a;
            groupB = b;
            nA = sizeA;
            nB = sizeB;
            return this;
        }

        /** All groups of a k-group test. */
        public Row allGroups(GroupedValues data) {
            groupA = String.join(", ", data.names());
            groupB = "";
            nA = data.total();
            nB = Double.NaN;
            return this;
        }

        public Row statistic(String name, double value, double degreesOfFreedom, double degreesOfFreedom2) {
            statisticName = name;
            statistic = value;
            df = degreesOfFreedom;
            df2 = degreesOfFreedom2;
            return this;
        }

        public Row p(double value, String method) {
            p = value;
            pMethod = method;
            return this;
        }

        public Row effect(String name, double value, double low, double high) {
            effectName = name;
            effect = value;
            effectLow = low;
            effectHigh = high;
            return this;
        }

        public Row difference(String name, double value, double low, double high) {
            differenceName = name;
            difference = value;
            differenceLow = low;
            differenceHigh = high;
            return this;
        }
    }

    /** The table of {@code rows}, in order. */
    public static Table of(List<Row> rows) {
        Table.Builder table = Table.builder(NAME);
        text(table, "value", rows, r -> r.value);
        text(table, "unit", rows, r -> r.unit);
        text(table, "test", rows, r -> r.test);
        text(table, "group_a", rows, r -> r.groupA);
        text(table, "group_b", rows, r -> r.groupB);
        number(table, "n_a", rows, r -> r.nA);
        number(table, "n_b", rows, r -> r.nB);
        text(table, "statistic_name", rows, r -> r.statisticName);
        number(table, "statistic", rows, r -> r.statistic);
        number(table, "df", rows, r -> r.df);
        number(table, "df2", rows, r -> r.df2);
        number(table, "p_value", rows, r -> r.p);
        text(table, "p_method", rows, r -> r.pMethod);
        text(table, "effect_name", rows, r -> r.effectName);
        number(table, "effect", rows, r -> r.effect);
        number(table, "effect_ci_low", rows, r -> r.effectLow);
        number(table, "effect_ci_high", rows, r -> r.effectHigh);
        text(table, "difference_name", rows, r -> r.differenceName);
        number(table, "difference", rows, r -> r.difference);
        number(table, "difference_ci_low", rows, r -> r.differenceLow);
        number(table, "difference_ci_high", rows, r -> r.differenceHigh);
        number(table, "confidence", rows, r -> CONFIDENCE);
        return table.build();
    }

    /** One row as a table. */
    public static Table of(Row row) {
        return of(List.of(row));
    }

    private static void text(Table.Builder table, String name, List<Row> rows, Function<Row, String> get) {
        List<String> values = new ArrayList<>();
        rows.forEach(r -> values.add(get.apply(r)));
        table.add(Column.ofTexts(name, values));
    }

    private static void number(Table.Builder table, String name, List<Row> rows, ToDoubleFunction<Row> get) {
        table.add(Column.of(name, "", rows.stream().mapToDouble(get).toArray()));
    }
}
