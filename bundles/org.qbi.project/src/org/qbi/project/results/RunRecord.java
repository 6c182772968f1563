package org.qbi.project.results;

import java.time.Instant;

/**
 * One row of the store's {@code runs} table: a pipeline run whose tables were written (status
 * {@link #COMPLETE}) or whose write failed before it committed (status {@link #FAILED}, no tables kept).
 *
 * @param runId        the run's id, unique in the project
 * @param pipelineHash the hash of the pipeline that produced the tables (provenance); may be empty
 * @param started      when the write began
 * @param ended        when it committed or failed
 * @param status       {@link #COMPLETE} or {@link #FAILED}
 * @param message      why a failed run failed; empty for a complete one
 * @since 0.1
 */
public record RunRecord(String runId, String pipelineHash, Instant started, Instant ended, String status,
        String message) {

    /** Status of a run whose tables are all in the store. */
    public static final String COMPLETE = "complete";

    /** Status of a run whose write failed and was rolled back: none of its tables are in the store. */
    public static final String FAILED = "failed";
}
