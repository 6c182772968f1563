package org.qbi.workflow;

import java.time.Instant;
import java.util.List;

/**
 * The outcome of one run of a pipeline over samples.
 *
 * @param runId        unique id of this run (time and a random suffix)
 * @param pipeline     the pipeline's name
 * @param pipelineHash sha256 of its canonical text
 * @param outcomes     one per sample and sweep combination, in sample order
 * @since 0.1
 */
public record RunSummary(String runId, String pipeline, String pipelineHash, List<SampleOutcome> outcomes,
        Instant started, Instant finished) {

    public long count(SampleOutcome.Status status) {
        return outcomes.stream().filter(o -> o.status() == status).count();
    }

    /** "3 done, 1 skipped as up to date, 1 failed". */
    public String describe() {
        return count(SampleOutcome.Status.DONE) + " done, " + count(SampleOutcome.Status.SKIPPED)
                + " skipped as up to date, " + count(SampleOutcome.Status.FAILED) + " failed"
                + (count(SampleOutcome.Status.CANCELLED) > 0 ? ", " + count(SampleOutcome.Status.CANCELLED) + " cancelled"
                        : "");
    }
}
