package org.qbi.stats;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/**
 * The values of one measurement split into groups (by sample group, by sample, by any column), in order of
 * first appearance. Missing values (NaN) and rows without a group are left out and counted.
 *
 * @param valueName the measurement ("volume")
 * @param unit      its unit ("mm^3"), empty when dimensionless
 * @param groupBy   the column the groups come from ("group", "sample_id")
 * @param groups    group name to its values; never empty groups
 * @param missing   rows left out: missing value or missing group
 * @since 0.1
 */
public record GroupedValues(String valueName, String unit, String groupBy, Map<String, double[]> groups,
        int missing) {

    public GroupedValues {
        if (groups == null || groups.isEmpty()) {
            throw new IllegalArgumentException("No values of '" + valueName + "' to analyse"
                    + (missing > 0 ? " (" + missing + " rows have no value or no " + groupBy + ")" : ""));
        }
        Map<String, double[]> copy = new LinkedHashMap<>();
        groups.forEach((name, values) -> copy.put(name, values.clone()));
        groups = java.util.Collections.unmodifiableMap(copy);
        unit = unit == null ? "" : unit;
    }

    /**
     * The values of column {@code valueColumn} of {@code table}, grouped by column {@code groupColumn} (text, or
     * numbers as their text).
     *
     * @throws IllegalArgumentException naming the table's columns when a column is missing, or when the value
     *                                  column holds text
     */
    public static GroupedValues of(Table table, String valueColumn, String groupColumn) {
        Column values = table.column(valueColumn);
        Column groups = table.column(groupColumn);
        if (!values.isNumeric()) {
            throw new IllegalArgumentException("Column '" + valueColumn + "' of table '" + table.name()
                    + "' holds text; statistics need a numeric column");
        }
        Map<String, List<Double>> byGroup = new LinkedHashMap<>();
        int missing = 0;
        for (int r = 0; r < table.rowCount(); r++) {
            double value = values.number(r);
            String group = groups.text(r);
            if (Double.isNaN(value) || group == null || group.isEmpty()) {
                missing++;
                continue;
            }
            byGroup.computeIfAbsent(group, g -> new ArrayList<>()).add(value);
        }
        Map<String, double[]> arrays = new LinkedHashMap<>();
        byGroup.forEach((group, list) -> arrays.put(group, list.stream().mapToDouble(Double::doubleValue).toArray()));
        return new GroupedValues(valueColumn, values.unit(), groupColumn, arrays, missing);
    }

    /** Values of one group each, in order; {@code groupBy} is "group". */
    public static GroupedValues of(String valueName, String unit, Map<String, double[]> groups) {
        return new GroupedValues(valueName, unit, "group", groups, 0);
    }

    /** The group names in order. */
    public List<String> names() {
        return List.copyOf(groups.keySet());
    }

    /**
     * The values of {@code group} (a copy).
     *
     * @throws IllegalArgumentException naming the groups there are
     */
    public double[] values(String group) {
        double[] values = groups.get(group);
        if (values == null) {
            throw new IllegalArgumentException("No group '" + group + "' among " + names() + " (by " + groupBy + ")");
        }
        return values.clone();
    }

    /** The values of all groups in group order, for tests of k groups. */
    public List<double[]> all() {
        return groups.values().stream().map(double[]::clone).toList();
    }

    /** Number of values in all groups. */
    public int total() {
        return groups.values().stream().mapToInt(v -> v.length).sum();
    }

    /** The same values with only groups {@code a} and {@code b}, in that order. */
    public GroupedValues pair(String a, String b) {
        Map<String, double[]> two = new LinkedHashMap<>();
        two.put(a, values(a));
        two.put(b, values(b));
        return new GroupedValues(valueName, unit, groupBy, two, 0);
    }

    @Override
    public boolean equals(Object other) {
        if (!(other instanceof GroupedValues g) || !valueName.equals(g.valueName) || !unit.equals(g.unit)
                || !groupBy.equals(g.groupBy) || missing != g.missing || !groups.keySet().equals(g.groups.keySet())) {
            return false;
        }
        return groups.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), g.groups.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return valueName.hashCode() * 31 + groups.keySet().hashCode();
    }

    @Override
    public String toString() {
        StringBuilder text = new StringBuilder(valueName).append(" by ").append(groupBy).append(':');
        groups.forEach((g, v) -> text.append(' ').append(g).append(" (n=").append(v.length).append(')'));
        return text.toString();
    }
}
