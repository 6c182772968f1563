package org.qbi.project.results;

import java.io.IOException;

import org.qbi.core.table.Table;

/**
 * The write of one run: its tables go into one database transaction that {@link #commit()} makes durable.
 * Closing the writer without committing (an exception, a cancel) rolls everything back, so the store never
 * holds half a run; a crash of the process has the same effect. Writing a run id that is already stored
 * replaces that run as a whole when this write commits (and leaves it untouched when it does not).
 * <p>
 * Use it in try-with-resources:
 *
 * <pre>
 * try (RunWriter run = store.startRun(ResultsStore.newRunId(), pipelineHash)) {
 *     run.add("bone-01", "raw/ct/bone-01.tif", regions);
 *     run.commit();
 * }
 * </pre>
 *
 * Not thread-safe: one thread writes a run.
 *
 * @noimplement obtained from {@link ResultsStore#startRun}
 * @since 0.1
 */
public interface RunWriter extends AutoCloseable {

    /** The run id being written. */
    String runId();

    /**
     * Adds {@code table}'s rows as the results of one image of one sample. The rows go into the store's
     * table named {@link Table#name()} (created on first use; columns that are new to it are added, and columns
     * it has that this table lacks are left empty). Every row is keyed by run, sample, image and object: the
     * object is the row's value in the column {@value ResultsStore#OBJECT_COLUMN} when the table has one (the
     * object's label), else the row number counted from 1.
     *
     * @param sampleId a sample of the project's catalog
     * @param image    the image the rows were measured on, as the catalog names files ({@code raw/ct/a.tif}); empty
     *                 for results of a whole sample
     * @throws IllegalArgumentException naming the problem when the sample is not in the catalog, the same table was
     *                                  already added for this sample and image in this run, a table or column name
     *                                  is not allowed, a column changes between numbers and text, or two rows
     *                                  have the same object
     * @throws IOException              when the database fails
     */
    void add(String sampleId, String image, Table table) throws IOException;

    /**
     * Makes the run durable: records it in the {@code runs} table as {@link RunRecord#COMPLETE} and commits.
     *
     * @return the run's record
     */
    RunRecord commit() throws IOException;

    /**
     * Ends the write. Without a prior {@link #commit()} the transaction is rolled back and, when the run id has
     * no stored run, the attempt is recorded as {@link RunRecord#FAILED} (with {@code reason} from
     * {@link #abort(String)} or "not committed").
     */
    @Override
    void close() throws IOException;

    /** Rolls the run back now, recording {@code reason} for a failed run (see {@link #close()}). */
    void abort(String reason) throws IOException;
}
