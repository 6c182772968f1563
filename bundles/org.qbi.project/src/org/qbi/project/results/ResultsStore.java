package org.qbi.project.results;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.internal.results.DuckDbResultsStore;

/**
 * The results of a project's pipeline runs, in the embedded DuckDB database {@code results/results.duckdb}
 * (a columnar SQL database that Python, R and the {@code duckdb} shell open as they are).
 * <p>
 * The database holds:
 * <ul>
 * <li>one table per result table name ("regions", "structure"), whose first four columns are the key
 * {@code run_id, sample_id, image, object}, followed by the measurement columns (DOUBLE for numbers, NULL for a
 * missing value; VARCHAR for text);</li>
 * <li>{@code runs}: {@code run_id, pipeline_hash, started, ended, status, message} (see {@link RunRecord});</li>
 * <li>{@code samples}: the sample catalog ({@code samples.csv}: {@code sample_id, group, notes, files} and the
 * lab's own columns, all text), refreshed from the catalog whenever the store is opened and a run committed;</li>
 * <li>{@code result_columns}: the unit of every measurement column ({@code table_name, column_name, unit});</li>
 * <li>schema {@code grouped}: for every result table a view of the same name with the catalog joined in, so
 * {@code SELECT "group", avg(volume) FROM grouped.regions GROUP BY 1} compares groups.</li>
 * </ul>
 * One process writes a database at a time (DuckDB locks the file): open the store for an operation and close
 * it afterwards. Methods are thread-safe (they serialise on the store).
 *
 * @noimplement obtained from {@link #open(ProjectLayout)}
 * @since 0.1
 */
public interface ResultsStore extends AutoCloseable {

    /** The database's file name inside the project's {@code results/} folder. */
    String DATABASE_FILE = "results.duckdb";

    /** The column of a result table that names its objects (a label image's labels). */
    String OBJECT_COLUMN = "label";

    /** The key columns every stored result table starts with, in order. */
    List<String> KEY_COLUMNS = List.of("run_id", "sample_id", "image", "object");

    /**
     * Opens (creating when absent) the results database of {@code project} and refreshes its {@code samples}
     * table from the catalog.
     *
     * @throws IOException naming the database when it cannot be opened (in use by another process, not a DuckDB
     *                     file) or the catalog cannot be read
     */
    static ResultsStore open(ProjectLayout project) throws IOException {
        return DuckDbResultsStore.open(project);
    }

    /**
     * Loads the database engine (DuckDB's native library) without opening a database, so that a later
     * {@link #open} is quick: e.g. on a background thread while a pipeline run computes. Thread-safe and
     * idempotent; a problem loading it is reported by {@link #open}.
     */
    static void prepare() {
        DuckDbResultsStore.prepare();
    }

    /** A new run id: UTC time to the second and 4 random hex digits, e.g. {@code 20261121T075207Z-3f9a}. */
    static String newRunId() {
        return LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")) + "-"
                + HexFormat.of().toHexDigits((short) ThreadLocalRandom.current().nextInt(1 << 16));
    }

    /** The database file. */
    Path databaseFile();

    /**
     * Starts writing run {@code runId} (see {@link RunWriter}). One run is written at a time.
     *
     * @param runId        letters, digits, '.', '_', ':' and '-'
     * @param pipelineHash the producing pipeline's hash, or empty
     * @throws IllegalStateException when another run of this store is being written
     */
    RunWriter startRun(String runId, String pipelineHash) throws IOException;

    /** The runs, oldest first. */
    List<RunRecord> runs() throws IOException;

    /** The names of the stored result tables, sorted. */
    List<String> tables() throws IOException;

    /** Number of rows of result table {@code table}. */
    long rowCount(String table) throws IOException;

    /** The columns of result table {@code table} (key and measurements, with units), without rows. */
    List<Column> columns(String table) throws IOException;

    /**
     * Result table {@code table} with its key columns and units ({@code object} as a number), in key order.
     * Reads all rows into memory: about 8 bytes per number and row.
     *
     * @throws IllegalArgumentException naming the stored tables when there is no such table
     */
    Table read(String table) throws IOException;

    /**
     * Result table {@code table} joined with the sample catalog (the view {@code grouped.<table>}): the key and
     * measurement columns with their units, then the catalog's {@code group}, {@code notes}, {@code files} and the
     * lab's own columns. Rows of samples missing from the catalog keep empty catalog columns.
     */
    Table readWithSamples(String table) throws IOException;

    /**
     * Runs a SQL query (DuckDB's dialect) and returns its result: numeric SQL types become number columns (NULL
     * as NaN), everything else text. Units are not known for a query's columns. Reads all rows into memory.
     *
     * @throws IllegalArgumentException with DuckDB's message when the query is wrong
     */
    Table query(String sql) throws IOException;

    /**
     * Writes result table {@code table} to {@code out}, CSV or Parquet by its extension ({@code .csv},
     * {@code .parquet}), through DuckDB's {@code COPY}, with the provenance sidecar {@code out.provenance.json}
     * (source, runs with their pipeline hashes, row count, columns and units, time). The file appears whole or not
     * at all.
     *
     * @param runId only this run's rows, or null for all runs
     */
    ExportResult exportTable(String table, String runId, Path out) throws IOException;

    /** Like {@link #exportTable}, for the result of a SQL query. */
    ExportResult exportQuery(String sql, Path out) throws IOException;

    /** Closes the database. */
    @Override
    void close() throws IOException;
}
