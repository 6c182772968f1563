package org.qbi.project.internal.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ExportResult;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunRecord;
import org.qbi.project.results.RunWriter;

/**
 * The results store on an embedded DuckDB database, one JDBC connection per open store. Every method
 * serialises on the store; a run write holds the connection's transaction until it commits or rolls back.
 */
public final class DuckDbResultsStore implements ResultsStore {

    private final ProjectLayout project;
    private final Path file;
    private final DuckDBConnection connection;
    private DuckDbRunWriter activeRun;
    private boolean closed;

    private DuckDbResultsStore(ProjectLayout project, Path file, DuckDBConnection connection) {
        this.project = project;
        this.file = file;
        this.connection = connection;
    }

    /**
     * Loads DuckDB's native library now (see {@link ResultsStore#prepare()}). The driver copies it out of its jar
     * into a temporary file when the jar holds it (tenths of a second for 70 MB); the product's driver bundle
     * carries it as Bundle-NativeCode instead, which the framework extracts once.
     */
    public static void prepare() {
        try {
            Class.forName("org.duckdb.DuckDBNative", true, DuckDBDriver.class.getClassLoader());
        } catch (ClassNotFoundException | LinkageError e) {
            // open() meets the same problem and reports it with the database's name
        }
    }

    /** Opens or creates the database of {@code project}; see {@link ResultsStore#open}. */
    public static DuckDbResultsStore open(ProjectLayout project) throws IOException {
        Files.createDirectories(project.results());
        Path file = project.results().resolve(DATABASE_FILE);
        DuckDBConnection connection;
        try {
            // The driver directly, not DriverManager: inside OSGi the caller's class loader does not see it.
            connection = (DuckDBConnection) new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
        } catch (SQLException e) {
            throw new IOException(openProblem(file, e), e);
        }
        DuckDbResultsStore store = new DuckDbResultsStore(project, file, connection);
        try {
            // one transaction: each commit of DuckDB forces its log to disk
            connection.setAutoCommit(false);
            try {
                store.createSchema();
                store.refreshSamples(store.loadCatalog());
                connection.commit();
            } catch (SQLException | IOException | RuntimeException e) {
                connection.rollback();
                throw e;
            } finally {
                connection.setAutoCommit(true);
            }
        } catch (SQLException e) {
            store.close();
            throw new IOException(file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            store.close();
            throw e;
        }
        return store;
    }

    private static String openProblem(Path file, SQLException e) {
        String message = String.valueOf(e.getMessage());
        if (message.contains("lock")) {
            return "The results database " + file + " is in use by another process (the workbench or another qbi "
                    + "command); close that and retry (" + message.lines().findFirst().orElse("") + ")";
        }
        return "Cannot open the results database " + file + ": " + message;
    }

    private void createSchema() throws SQLException {
        Sql.execute(connection, "CREATE TABLE IF NOT EXISTS runs (run_id VARCHAR NOT NULL, pipeline_hash VARCHAR NOT "
                + "NULL, started TIMESTAMP, ended TIMESTAMP, status VARCHAR NOT NULL, message VARCHAR NOT NULL)");
        Sql.execute(connection, "CREATE TABLE IF NOT EXISTS result_columns (table_name VARCHAR NOT NULL, "
                + "column_name VARCHAR NOT NULL, unit VARCHAR NOT NULL, kind VARCHAR NOT NULL)");
        Sql.execute(connection, "CREATE SCHEMA IF NOT EXISTS grouped");
    }

    SampleCatalog loadCatalog() throws IOException {
        if (!Files.exists(project.catalogFile())) {
            return new SampleCatalog();
        }
        return SampleCatalog.load(project.catalogFile());
    }

    /**
     * Replaces the {@code samples} table with {@code catalog} and re-creates the {@code grouped} views, in the
     * current transaction (or as one when none is open).
     */
    void refreshSamples(SampleCatalog catalog) throws SQLException {
        boolean own = connection.getAutoCommit();
        if (own) {
            connection.setAutoCommit(false);
        }
        try {
            SampleTable.write(connection, catalog);
            for (String table : tablesInTransaction()) {
                GroupedViews.create(connection, table);
            }
            if (own) {
                connection.commit();
            }
        } catch (SQLException | RuntimeException e) {
            if (own) {
                connection.rollback();
            }
            throw e;
        } finally {
            if (own) {
                connection.setAutoCommit(true);
            }
        }
    }

    @Override
    public Path databaseFile() {
        return file;
    }

    @Override
    public synchronized RunWriter startRun(String runId, String pipelineHash) throws IOException {
        checkOpen();
        if (activeRun != null && !activeRun.finished()) {
            throw new IllegalStateException("Run " + activeRun.runId() + " is still being written to " + file
                    + "; commit or close it before starting run " + runId);
        }
        try {
            activeRun = new DuckDbRunWriter(this, runId, pipelineHash == null ? "" : pipelineHash, loadCatalog());
        } catch (SQLException e) {
            throw new IOException(file + ": cannot start run " + runId + ": " + e.getMessage(), e);
        }
        return activeRun;
    }

    DuckDBConnection connection() {
        return connection;
    }

    Path file() {
        return file;
    }

    @Override
    public synchronized List<RunRecord> runs() throws IOException {
        checkOpen();
        return sql(() -> runs(null));
    }

    /** The runs table's rows, all or those of {@code ids}. */
    List<RunRecord> runs(List<String> ids) throws SQLException {
        List<RunRecord> runs = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT run_id, pipeline_hash, epoch_us(started), "
                        + "epoch_us(ended), status, message FROM runs ORDER BY started, run_id")) {
            while (rows.next()) {
                if (ids == null || ids.contains(rows.getString(1))) {
                    runs.add(new RunRecord(rows.getString(1), rows.getString(2), instant(rows.getLong(3)),
                            instant(rows.getLong(4)), rows.getString(5), rows.getString(6)));
                }
            }
        }
        return runs;
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    }

    @Override
    public synchronized List<String> tables() throws IOException {
        checkOpen();
        return sql(this::tablesInTransaction);
    }

    /** The result tables: the main schema's tables less the store's own. */
    List<String> tablesInTransaction() throws SQLException {
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT table_name FROM information_schema.tables WHERE "
                        + "table_schema = 'main' AND table_type = 'BASE TABLE' ORDER BY table_name")) {
            while (rows.next()) {
                if (!Sql.RESERVED_TABLES.contains(rows.getString(1))) {
                    tables.add(rows.getString(1));
                }
            }
        }
        return tables;
    }

    @Override
    public synchronized long rowCount(String table) throws IOException {
        checkTable(table);
        return sql(() -> {
            try (Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + Sql.id(table))) {
                rows.next();
                return rows.getLong(1);
            }
        });
    }

    @Override
    public synchronized List<Column> columns(String table) throws IOException {
        checkTable(table);
        return select(table, "SELECT * FROM main." + Sql.id(table) + " LIMIT 0", units(table)).columns();
    }

    @Override
    public synchronized Table read(String table) throws IOException {
        checkTable(table);
        return select(table, "SELECT * FROM main." + Sql.id(table) + " ORDER BY run_id, sample_id, image, object",
                units(table));
    }

    @Override
    public synchronized Table readWithSamples(String table) throws IOException {
        checkTable(table);
        return select(table, "SELECT * FROM grouped." + Sql.id(table) + " ORDER BY run_id, sample_id, image, object",
                units(table));
    }

    @Override
    public synchronized Table query(String sqlText) throws IOException {
        checkOpen();
        if (sqlText == null || sqlText.isBlank()) {
            throw new IllegalArgumentException("The SQL query is empty; e.g. SELECT * FROM runs");
        }
        return select("query", sqlText, Map.of());
    }

    private Table select(String name, String sqlText, Map<String, String> units) throws IOException {
        flushActiveRun();
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sqlText)) {
            return ResultSetTables.read(name, rows, units);
        } catch (SQLException e) {
            throw queryProblem(sqlText, e);
        }
    }

    static IllegalArgumentException queryProblem(String sqlText, SQLException e) {
        return new IllegalArgumentException("The query failed: " + e.getMessage() + " (query: " + sqlText + ")", e);
    }

    /** Units of {@code table}'s measurement columns by lower-case name. */
    Map<String, String> units(String table) throws IOException {
        return sql(() -> {
            Map<String, String> units = new HashMap<>();
            for (StoredColumn column : StoredColumn.of(connection, table)) {
                units.put(column.name().toLowerCase(Locale.ROOT), column.unit());
            }
            return units;
        });
    }

    /** Measurement columns and units of {@code table}, in table order. */
    Map<String, String> columnsWithUnits(String table) throws IOException {
        return sql(() -> {
            Map<String, String> units = new LinkedHashMap<>();
            for (StoredColumn column : StoredColumn.of(connection, table)) {
                units.put(column.name(), column.unit());
            }
            return units;
        });
    }

    private void checkTable(String table) throws IOException {
        checkOpen();
        List<String> tables = tables();
        if (!tables.contains(table)) {
            throw new IllegalArgumentException("The results database " + file + " has no table '" + table + "'; it has "
                    + (tables.isEmpty() ? "none yet (run a pipeline or measurement first)" : String.join(", ", tables)));
        }
    }

    @Override
    public synchronized ExportResult exportTable(String table, String runId, Path out) throws IOException {
        checkTable(table);
        checkNoActiveRun("export");
        String select = "SELECT * FROM main." + Sql.id(table)
                + (runId == null ? "" : " WHERE run_id = " + Sql.literal(runId))
                + " ORDER BY run_id, sample_id, image, object";
        return new Exporter(this).export(select, runId == null ? Map.of("table", table)
                : Map.of("table", table, "run_id", runId), columnsWithUnits(table), out);
    }

    @Override
    public synchronized ExportResult exportQuery(String sqlText, Path out) throws IOException {
        checkOpen();
        checkNoActiveRun("export");
        if (sqlText == null || sqlText.isBlank()) {
            throw new IllegalArgumentException("The SQL query to export is empty");
        }
        return new Exporter(this).export(sqlText, Map.of("query", sqlText), Map.of(), out);
    }

    /** An export inside a run's transaction would see its uncommitted rows: refuse it. */
    private void checkNoActiveRun(String what) {
        if (activeRun != null && !activeRun.finished()) {
            throw new IllegalStateException("Cannot " + what + " while run " + activeRun.runId() + " is being written: "
                    + "its rows are not committed yet; commit or close the run first");
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The results store " + file + " is closed");
        }
    }

    /** Ends the active run (a run still open is rolled back: closing mid-run behaves like a crash). */
    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            connection.close();
        } catch (SQLException e) {
            throw new IOException("Closing " + file + ": " + e.getMessage(), e);
        }
    }

    /** Work against the connection whose SQL failures become IOExceptions naming the database. */
    interface SqlWork<T> {
        T run() throws SQLException;
    }

    <T> T sql(SqlWork<T> work) throws IOException {
        flushActiveRun();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Reads inside a run's transaction see the rows it has added so far. */
    private void flushActiveRun() throws IOException {
        if (activeRun != null && !activeRun.finished()) {
            try {
                activeRun.flushAppenders();
            } catch (SQLException e) {
                throw new IOException(file + ": writing run " + activeRun.runId() + ": " + e.getMessage(), e);
            }
        }
    }

    /** Whether {@code runId} has a row in the runs table. */
    boolean hasRun(String runId) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM runs WHERE run_id = ?")) {
            statement.setString(1, runId);
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1) > 0;
            }
        }
    }

    /** The connection, for package helpers that run inside a store method. */
    Connection jdbc() {
        return connection;
    }
}
