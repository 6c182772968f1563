package org.qbi.ui.stats.internal;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.results.ResultsStore;
import org.qbi.stats.study.StudyRows;

/**
 * What the Results view reads from a project's results store, through org.qbi.stats' {@link StudyRows} (the rows
 * {@code qbi stats} reads), each read opening the store and closing it again (DuckDB locks the file, and a
 * pipeline run may want to write next).
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
        return new Contents(StudyRows.numericColumns(project));
    }

    /**
     * The columns {@code wanted} and {@code groupBy} of {@code table}'s rows from its latest complete run.
     *
     * @throws IllegalArgumentException when the table has no rows of a complete run or lacks a column
     */
    static Rows read(ProjectLayout project, String table, List<String> wanted, String groupBy) throws IOException {
        try (ResultsStore store = ResultsStore.open(project)) {
            String runId = StudyRows.run(store, table, null);
            List<String> columns = new java.util.ArrayList<>(wanted);
            columns.add(groupBy);
            return new Rows(runId, StudyRows.rows(store, table, List.of(runId), columns),
                    StudyRows.catalogOrder(project, groupBy));
        }
    }
}
