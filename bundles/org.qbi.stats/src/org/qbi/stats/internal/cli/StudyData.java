package org.qbi.stats.internal.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.qbi.core.cli.CommandFailure;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunRecord;
import org.qbi.stats.GroupedValues;

/**
 * The rows {@code qbi stats} analyses: one result table of one run, with the sample catalog joined in,
 * optionally reduced to one value per sample.
 */
final class StudyData {

    private StudyData() {
    }

    /** The run to analyse: {@code runId} when given, else the latest complete run that wrote {@code table}. */
    static String run(ResultsStore store, String table, String runId) throws IOException {
        List<String> complete = completeRuns(store, table);
        if (runId != null) {
            if (!complete.contains(runId)) {
                throw new CommandFailure("Run '" + runId + "' is not a complete run with rows in table '" + table
                        + "'; those are " + complete);
            }
            return runId;
        }
        if (complete.isEmpty()) {
            throw new CommandFailure("Table '" + table + "' has no rows of a complete run");
        }
        return complete.getLast();
    }

    /** The complete runs that wrote rows to {@code table}, oldest first. */
    static List<String> completeRuns(ResultsStore store, String table) throws IOException {
        if (!store.tables().contains(table)) {
            throw new CommandFailure("The results database has no table '" + table + "'; it has " + store.tables()
                    + " ('qbi results list' shows them)");
        }
        Set<String> inTable = new java.util.HashSet<>(List.of(store.query("SELECT DISTINCT run_id FROM main.\""
                + table.replace("\"", "\"\"") + "\"").column("run_id").texts()));
        return store.runs().stream().filter(r -> r.status().equals(RunRecord.COMPLETE) && inTable.contains(r.runId()))
                .map(RunRecord::runId).toList();
    }

    /**
     * The columns {@code wanted} (and sample_id) of {@code table}'s rows from run {@code runId}, with the catalog
     * joined in and units kept. Selects only those columns in SQL: reading text is what costs most (about 1.6 us
     * per value through DuckDB's JDBC driver), so a study of millions of objects reads two text columns, not all.
     *
     * @throws CommandFailure naming the columns there are when one is missing
     */
    static Table rows(ResultsStore store, String table, String runId, List<String> wanted) throws IOException {
        return rows(store, table, List.of(runId), wanted);
    }

    /** Like {@link #rows(ResultsStore, String, String, List)} for the rows of several runs. */
    static Table rows(ResultsStore store, String table, List<String> runIds, List<String> wanted) throws IOException {
        String view = "grouped.\"" + table.replace("\"", "\"\"") + "\"";
        List<String> available = store.query("SELECT * FROM " + view + " LIMIT 0").columns().stream()
                .map(Column::name).toList();
        List<String> columns = new ArrayList<>(List.of("sample_id"));
        for (String name : wanted) {
            if (!available.contains(name)) {
                throw new CommandFailure("Table '" + table + "' (with samples.csv joined in) has no column '" + name
                        + "'; it has " + String.join(", ", available));
            }
            if (!columns.contains(name)) {
                columns.add(name);
            }
        }
        StringBuilder select = new StringBuilder("SELECT ");
        for (int i = 0; i < columns.size(); i++) {
            select.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).replace("\"", "\"\"")).append('"');
        }
        select.append(" FROM ").append(view).append(" WHERE run_id IN (");
        for (int i = 0; i < runIds.size(); i++) {
            select.append(i == 0 ? "'" : ", '").append(runIds.get(i).replace("'", "''")).append('\'');
        }
        select.append(") ORDER BY sample_id, image, object, run_id");
        Table rows = store.query(select.toString());
        Map<String, String> units = new LinkedHashMap<>();
        store.columns(table).forEach(c -> units.put(c.name(), c.unit()));
        Table.Builder withUnits = Table.builder(table);
        for (Column column : rows.columns()) {
            withUnits.add(column.isNumeric() ? Column.of(column.name(), units.getOrDefault(column.name(), ""),
                    column.numbers()) : column);
        }
        return withUnits.build();
    }

    /**
     * One row per sample: the mean or median of each of {@code values} over the sample's rows, and the sample's
     * {@code group} (which must be the same in all its rows).
     */
    static Table perSample(Table rows, List<String> values, String group, String how) {
        Column samples = rows.column("sample_id");
        Column groups = rows.column(group);
        Map<String, List<Integer>> bySample = new LinkedHashMap<>();
        for (int r = 0; r < rows.rowCount(); r++) {
            bySample.computeIfAbsent(samples.text(r), s -> new ArrayList<>()).add(r);
        }
        List<String> groupOfSample = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> sample : bySample.entrySet()) {
            Set<String> distinct = sample.getValue().stream().map(groups::text).collect(Collectors.toSet());
            if (distinct.size() != 1) {
                throw new CommandFailure("Sample " + sample.getKey() + " has several values of '" + group + "' "
                        + distinct + "; --per-sample needs a grouping that is constant within a sample");
            }
            groupOfSample.add(distinct.iterator().next());
        }
        Table.Builder table = Table.builder(rows.name()).texts("sample_id", List.copyOf(bySample.keySet()));
        if (!group.equals("sample_id")) {
            table.texts(group, groupOfSample);
        }
        for (String value : values) {
            Column column = rows.column(value);
            double[] reduced = new double[bySample.size()];
            int i = 0;
            for (List<Integer> sampleRows : bySample.values()) {
                double[] v = sampleRows.stream().mapToDouble(column::number).filter(x -> !Double.isNaN(x)).toArray();
                reduced[i++] = v.length == 0 ? Double.NaN
                        : how.equals("median") ? Median.withDefaults().evaluate(v) : Mean.of(v).getAsDouble();
            }
            table.numbers(value, column.unit(), reduced);
        }
        return table.build();
    }

    /** {@code data} with its groups in catalog order ({@code order}); groups not in it follow in their order. */
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

    /** Whether some sample contributes more than one row (objects of one sample are not independent). */
    static boolean severalRowsPerSample(Table rows) {
        if (!rows.hasColumn("sample_id")) {
            return false;
        }
        String[] samples = rows.column("sample_id").texts();
        return java.util.Arrays.stream(samples).distinct().count() < samples.length;
    }
}
