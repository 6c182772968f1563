package org.qbi.ui.stats.internal;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunRecord;

/**
 * What the Results view reads from a project's results store, each read opening the store and closing it again
 * (DuckDB locks the file, and a pipeline run may want to write next). The rows analysed are those of the latest
 * complete run that wrote the table, with the sample catalog joined in, as {@code qbi stats} takes them.
 */
final class StudyTable {

    /** The groupings offered: the catalog's group, or each sample on its own. */
    static final List<String> GROUPINGS = List.of("group", "sample_id");

    private StudyTable() {
    }

    /** The result tables of a project and the measurement (numeric, non-key) columns of each. */
    record Contents(Map<String, List<String>> numericColumns) {
    }

    /** The rows read for one analysis: the run they come from and the columns asked for, with units. */
    record Rows(String runId, Table table, List<String> groupOrder) {
    }

    /** The tables and columns; none, without creating the database, when no run has written results yet. */
    static Contents contents(ProjectLayout project) throws IOException {
        Map<String, List<String>> columns = new LinkedHashMap<>();
        if (!java.nio.file.Files.exists(project.results().resolve(ResultsStore.DATABASE_FILE))) {
            return new Contents(columns);
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            for (String table : store.tables()) {
                List<String> numeric = new ArrayList<>();
                for (Column column : store.columns(table)) {
                    if (column.isNumeric() && !ResultsStore.KEY_COLUMNS.contains(column.name())
                            && !column.name().equals(ResultsStore.OBJECT_COLUMN)) {
                        numeric.add(column.name());
                    }
                }
                columns.put(table, numeric);
            }
        }
        return new Contents(columns);
    }

    /**
     * The columns {@code wanted} and {@code groupBy} of {@code table}'s rows from its latest complete run.
     *
     * @throws IllegalArgumentException when the table has no rows of a complete run or lacks a column
     */
    static Rows read(ProjectLayout project, String table, List<String> wanted, String groupBy) throws IOException {
        try (ResultsStore store = ResultsStore.open(project)) {
            String quoted = '"' + table.replace("\"", "\"\"") + '"';
            Set<String> inTable = new HashSet<>(List.of(store.query("SELECT DISTINCT run_id FROM main." + quoted)
                    .column("run_id").texts()));
            List<String> complete = store.runs().stream()
                    .filter(r -> r.status().equals(RunRecord.COMPLETE) && inTable.contains(r.runId()))
                    .map(RunRecord::runId).toList();
            if (complete.isEmpty()) {
                throw new IllegalArgumentException("Table '" + table + "' has no rows of a complete run");
            }
            String runId = complete.getLast();
            List<String> columns = new ArrayList<>(List.of("sample_id"));
            for (String name : wanted) {
                if (!columns.contains(name)) {
                    columns.add(name);
                }
            }
            if (!columns.contains(groupBy)) {
                columns.add(groupBy);
            }
            StringBuilder sql = new StringBuilder("SELECT ");
            for (int i = 0; i < columns.size(); i++) {
                sql.append(i == 0 ? "" : ", ").append('"').append(columns.get(i).replace("\"", "\"\"")).append('"');
            }
            sql.append(" FROM grouped.").append(quoted).append(" WHERE run_id = '").append(runId.replace("'", "''"))
                    .append("' ORDER BY sample_id, image, object");
            Table rows = store.query(sql.toString());
            Map<String, String> units = new LinkedHashMap<>();
            store.columns(table).forEach(c -> units.put(c.name(), c.unit()));
            Table.Builder withUnits = Table.builder(table);
            for (Column column : rows.columns()) {
                withUnits.add(column.isNumeric()
                        ? Column.of(column.name(), units.getOrDefault(column.name(), ""), column.numbers())
                        : column);
            }
            SampleCatalog catalog = SampleCatalog.load(project.catalogFile());
            List<String> order = groupBy.equals("sample_id") ? catalog.samples().stream().map(Sample::id).toList()
                    : groupBy.equals("group") ? catalog.groups() : List.of();
            return new Rows(runId, withUnits.build(), order);
        }
    }
}
