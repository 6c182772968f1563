package org.qbi.project.internal.results;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunRecord;
import org.qbi.project.results.RunWriter;

/**
 * One run written in one transaction of the store's connection. The transaction starts by deleting the run's
 * earlier rows (a re-run replaces the run), so a rollback restores them.
 */
final class DuckDbRunWriter implements RunWriter {

    private static final Pattern RUN_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,127}");

    private final DuckDbResultsStore store;
    private final DuckDBConnection connection;
    private final String runId;
    private final String pipelineHash;
    private final SampleCatalog catalog;
    private final Instant started = Instant.now().truncatedTo(ChronoUnit.MICROS);
    private final Set<String> written = new HashSet<>();
    /**
     * Each stored table's column order as this run last saw it: only this run's transaction changes the tables it
     * writes, so the catalog queries (tens of milliseconds each in DuckDB) run once per table and layout, not per
     * sample.
     */
    private final Map<String, Layout> layouts = new HashMap<>();
    /**
     * One appender per stored table for the whole run, flushed when the run commits (or before the table changes
     * or the store is read): DuckDB flushes an appender in about a millisecond, which per sample and table was most
     * of a run's store time.
     */
    private final Map<String, DuckDBAppender> appenders = new HashMap<>();
    private boolean finished;

    DuckDbRunWriter(DuckDbResultsStore store, String runId, String pipelineHash, SampleCatalog catalog)
            throws SQLException {
        if (runId == null || !RUN_ID.matcher(runId).matches()) {
            throw new IllegalArgumentException("Run id '" + runId + "' is not valid: use letters, digits, '.', '_', "
                    + "':' and '-' (at most 128), e.g. " + ResultsStore.newRunId());
        }
        this.store = store;
        this.connection = store.connection();
        this.runId = runId;
        this.pipelineHash = pipelineHash;
        this.catalog = catalog;
        connection.setAutoCommit(false);
        try {
            for (String table : store.tablesInTransaction()) {
                Sql.update(connection, "DELETE FROM " + Sql.id(table) + " WHERE run_id = ?", List.of(runId));
            }
            Sql.update(connection, "DELETE FROM runs WHERE run_id = ?", List.of(runId));
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            connection.setAutoCommit(true);
            throw e;
        }
    }

    @Override
    public String runId() {
        return runId;
    }

    boolean finished() {
        return finished;
    }

    @Override
    public void add(String sampleId, String image, Table table) throws IOException {
        synchronized (store) {
            checkWriting();
            String imageKey = image == null ? "" : image;
            long[] objects = check(sampleId, imageKey, table);
            try {
                List<String> order = ensureTable(table);
                append(table, sampleId, imageKey, order, objects);
            } catch (SQLException e) {
                throw new IOException(store.file() + ": writing table " + table.name() + " of sample " + sampleId
                        + " in run " + runId + ": " + e.getMessage(), e);
            }
            written.add(writtenKey(sampleId, imageKey, table.name()));
        }
    }

    private static String writtenKey(String sampleId, String image, String table) {
        return table + '\u0000' + sampleId + '\u0000' + image;
    }

    /** @return the rows' objects (see {@link #objects}) */
    private long[] check(String sampleId, String image, Table table) {
        String problem = Sql.tableNameProblem(table.name());
        if (problem != null) {
            throw new IllegalArgumentException(problem);
        }
        if (catalog.find(sampleId).isEmpty()) {
            String known = catalog.samples().stream().map(Sample::id).limit(10).toList().toString();
            throw new IllegalArgumentException("Sample '" + sampleId + "' is not in the project's catalog (samples.csv: "
                    + known + (catalog.samples().size() > 10 ? "..." : "") + "); add it with 'qbi samples add' first");
        }
        if (written.contains(writtenKey(sampleId, image, table.name()))) {
            throw new IllegalArgumentException("Run " + runId + " already has table '" + table.name() + "' for sample "
                    + sampleId + (image.isEmpty() ? "" : ", image " + image) + "; each sample and image is written "
                    + "once per run");
        }
        Set<String> names = new HashSet<>();
        for (Column column : table.columns()) {
            String columnProblem = Sql.columnNameProblem(table.name(), column.name());
            if (columnProblem != null) {
                throw new IllegalArgumentException(columnProblem);
            }
            if (!names.add(column.name().toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("Table '" + table.name() + "' has columns whose names differ only "
                        + "in case ('" + column.name() + "'); SQL does not tell them apart: rename one");
            }
        }
        return objects(table);
    }

    /** The object key of every row: the label column's value, else the row number from 1. */
    private static long[] objects(Table table) {
        long[] objects = new long[table.rowCount()];
        if (!table.hasColumn(ResultsStore.OBJECT_COLUMN)) {
            for (int r = 0; r < objects.length; r++) {
                objects[r] = r + 1L;
            }
            return objects;
        }
        Column labels = table.column(ResultsStore.OBJECT_COLUMN);
        if (!labels.isNumeric()) {
            throw new IllegalArgumentException("Table '" + table.name() + "': column '" + ResultsStore.OBJECT_COLUMN
                    + "' names the objects and must hold whole numbers, it holds text");
        }
        Set<Long> seen = new HashSet<>();
        for (int r = 0; r < objects.length; r++) {
            double label = labels.number(r);
            if (label != Math.rint(label) || Math.abs(label) > 1e15) {
                throw new IllegalArgumentException("Table '" + table.name() + "' row " + (r + 1) + ": label " + label
                        + " is not a whole number; labels name objects");
            }
            objects[r] = (long) label;
            if (!seen.add(objects[r])) {
                throw new IllegalArgumentException("Table '" + table.name() + "': label " + objects[r] + " appears in "
                        + "two rows; each object has one row");
            }
        }
        return objects;
    }

    /**
     * Creates the stored table or adds the columns it lacks, checking that no column changes between numbers and
     * text or changes its unit; returns the stored table's column names in order.
     */
    private List<String> ensureTable(Table table) throws SQLException {
        Layout known = layouts.get(table.name());
        if (known != null && known.accepts(table)) {
            return known.order();
        }
        closeAppender(table.name()); // its rows go in before the table changes
        List<String> order = alterTable(table);
        layouts.put(table.name(), Layout.of(table, order));
        return order;
    }

    /** A table's stored column order and the columns (name, kind, unit) already checked against it. */
    private record Layout(List<String> order, Set<String> checked) {
        static Layout of(Table table, List<String> order) {
            return new Layout(order, signature(table));
        }

        boolean accepts(Table table) {
            return checked.containsAll(signature(table));
        }

        private static Set<String> signature(Table table) {
            Set<String> columns = new HashSet<>();
            for (Column column : table.columns()) {
                columns.add(column.name().toLowerCase(Locale.ROOT) + '\u0000' + column.isNumeric() + '\u0000'
                        + column.unit());
            }
            return columns;
        }
    }

    private List<String> alterTable(Table table) throws SQLException {
        String name = table.name();
        if (StoredColumn.allNames(connection, "main", name).isEmpty()) {
            return createTable(table);
        }
        List<StoredColumn> stored = StoredColumn.of(connection, name);
        Map<String, StoredColumn> byName = new HashMap<>();
        stored.forEach(c -> byName.put(c.name().toLowerCase(Locale.ROOT), c));
        for (Column column : table.columns()) {
            StoredColumn old = byName.get(column.name().toLowerCase(Locale.ROOT));
            if (old == null) {
                Sql.execute(connection, "ALTER TABLE " + Sql.id(name) + " ADD COLUMN " + Sql.id(column.name())
                        + (column.isNumeric() ? " DOUBLE" : " VARCHAR"));
                Sql.update(connection, "INSERT INTO result_columns VALUES (?, ?, ?, ?)",
                        List.of(name, column.name(), column.unit(), column.isNumeric() ? "number" : "text"));
            } else if (old.numeric() != column.isNumeric()) {
                throw new IllegalArgumentException("Table '" + name + "': column '" + column.name() + "' holds "
                        + (column.isNumeric() ? "numbers" : "text") + " but the results store keeps it as "
                        + (old.numeric() ? "numbers" : "text") + " from earlier runs; rename the column");
            } else if (!old.unit().equals(column.unit())) {
                throw new IllegalArgumentException("Table '" + name + "': column '" + column.name() + "' is in '"
                        + column.unit() + "' but the results store keeps it in '" + old.unit() + "' from earlier "
                        + "runs; convert the values or rename the column");
            }
        }
        return StoredColumn.allNames(connection, "main", name);
    }

    /**
     * A new stored table with the key and all of {@code table}'s columns in one statement, and their units in one
     * insert (column by column, with an ALTER TABLE each, took a tenth of a second for a table of 20 columns).
     *
     * @return its column names in order
     */
    private List<String> createTable(Table table) throws SQLException {
        String name = table.name();
        StringBuilder create = new StringBuilder("CREATE TABLE ").append(Sql.id(name))
                .append(" (run_id VARCHAR NOT NULL, sample_id VARCHAR NOT NULL, image VARCHAR NOT NULL, object BIGINT "
                        + "NOT NULL");
        StringBuilder units = new StringBuilder("INSERT INTO result_columns VALUES ");
        List<Object> parameters = new java.util.ArrayList<>();
        List<String> order = new java.util.ArrayList<>(ResultsStore.KEY_COLUMNS);
        for (Column column : table.columns()) {
            create.append(", ").append(Sql.id(column.name())).append(column.isNumeric() ? " DOUBLE" : " VARCHAR");
            units.append(order.size() == ResultsStore.KEY_COLUMNS.size() ? "" : ", ").append("(?, ?, ?, ?)");
            parameters.addAll(List.of(name, column.name(), column.unit(), column.isNumeric() ? "number" : "text"));
            order.add(column.name());
        }
        Sql.execute(connection, create.append(')').toString());
        if (!parameters.isEmpty()) {
            Sql.update(connection, units.toString(), parameters);
        }
        return order;
    }

    private void append(Table table, String sampleId, String image, List<String> order, long[] objects)
            throws SQLException {
        Column[] columns = new Column[order.size()];
        for (int i = ResultsStore.KEY_COLUMNS.size(); i < order.size(); i++) {
            for (Column column : table.columns()) {
                if (column.name().equalsIgnoreCase(order.get(i))) {
                    columns[i] = column;
                }
            }
        }
        DuckDBAppender appender = appenders.get(table.name());
        if (appender == null) {
            appender = connection.createAppender("main", table.name());
            appenders.put(table.name(), appender);
        }
        for (int r = 0; r < table.rowCount(); r++) {
            appender.beginRow().append(runId).append(sampleId).append(image).append(objects[r]);
            for (int i = ResultsStore.KEY_COLUMNS.size(); i < columns.length; i++) {
                Column column = columns[i];
                if (column == null) {
                    appender.appendNull();
                } else if (column.isNumeric()) {
                    double value = column.number(r);
                    if (Double.isNaN(value)) {
                        appender.appendNull();
                    } else {
                        appender.append(value);
                    }
                } else {
                    String value = column.text(r);
                    if (value == null) {
                        appender.appendNull();
                    } else {
                        appender.append(value);
                    }
                }
            }
            appender.endRow();
        }
    }

    private void closeAppender(String table) throws SQLException {
        DuckDBAppender appender = appenders.remove(table);
        if (appender != null) {
            appender.close();
        }
    }

    /** Puts the rows added so far into the transaction, so that the store's reads see them. */
    void flushAppenders() throws SQLException {
        for (String table : List.copyOf(appenders.keySet())) {
            closeAppender(table);
        }
    }

    /** Closes the appenders of a run being rolled back; what they fail to flush is discarded anyway. */
    private void dropAppenders(Exception cause) {
        for (String table : List.copyOf(appenders.keySet())) {
            try {
                closeAppender(table);
            } catch (SQLException | RuntimeException e) {
                if (cause != null) {
                    cause.addSuppressed(e);
                }
            }
        }
    }

    @Override
    public RunRecord commit() throws IOException {
        synchronized (store) {
            checkWriting();
            Instant ended = Instant.now().truncatedTo(ChronoUnit.MICROS);
            RunRecord record = new RunRecord(runId, pipelineHash, started, ended, RunRecord.COMPLETE, "");
            try {
                flushAppenders();
                insertRun(record);
                store.refreshSamples(store.loadCatalog());
                connection.commit();
            } catch (SQLException e) {
                rollbackQuietly("commit failed: " + e.getMessage(), e);
                throw new IOException(store.file() + ": committing run " + runId + ": " + e.getMessage(), e);
            } catch (IOException | RuntimeException e) {
                rollbackQuietly("commit failed: " + e.getMessage(), e);
                throw e;
            }
            finish();
            return record;
        }
    }

    private void insertRun(RunRecord record) throws SQLException {
        Sql.update(connection, "INSERT INTO runs VALUES (?, ?, make_timestamp(?::BIGINT), make_timestamp(?::BIGINT), "
                + "?, ?)", List.of(record.runId(), record.pipelineHash(), micros(record.started()),
                        micros(record.ended()), record.status(), record.message()));
    }

    private static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1000L);
    }

    @Override
    public void abort(String reason) throws IOException {
        synchronized (store) {
            if (finished) {
                return;
            }
            try {
                rollback(reason == null || reason.isBlank() ? "aborted" : reason);
            } catch (SQLException e) {
                throw new IOException(store.file() + ": rolling back run " + runId + ": " + e.getMessage(), e);
            }
        }
    }

    private void rollbackQuietly(String reason, Exception cause) {
        try {
            rollback(reason);
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    /** Rolls back and, when the run id has no stored run, records the attempt as failed. */
    private void rollback(String reason) throws SQLException {
        try {
            dropAppenders(null);
            connection.rollback();
            connection.setAutoCommit(true);
            if (!store.hasRun(runId)) {
                insertRun(new RunRecord(runId, pipelineHash, started, Instant.now().truncatedTo(ChronoUnit.MICROS),
                        RunRecord.FAILED, reason));
            }
        } finally {
            finish();
        }
    }

    private void finish() {
        finished = true;
        try {
            if (!connection.isClosed()) {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            // The connection is gone (store closed): nothing left to reset.
        }
    }

    @Override
    public void close() throws IOException {
        if (!finished) {
            abort("not committed");
        }
    }

    private void checkWriting() {
        if (finished) {
            throw new IllegalStateException("Run " + runId + " has already been committed or rolled back");
        }
    }
}
