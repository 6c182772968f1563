package org.qbi.workflow;

import java.nio.file.Path;
import java.util.Map;

/**
 * What happened to one sample (and one parameter combination of a sweep) in a run.
 *
 * @param sample    sample id
 * @param variant   the swept parameters of this combination ("smooth.sigma" to "2"); empty without a sweep
 * @param status    done, skipped as up to date, failed or cancelled
 * @param reason    why it failed (naming the step and the problem); empty otherwise
 * @param resultDir where its outputs and provenance are (null when failed)
 * @param seconds   wall time
 * @since 0.1
 */
public record SampleOutcome(String sample, Map<String, String> variant, Status status, String reason, Path resultDir,
        double seconds) {

    public enum Status {
        DONE, SKIPPED, FAILED, CANCELLED
    }
}
