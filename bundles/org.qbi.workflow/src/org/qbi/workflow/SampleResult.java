package org.qbi.workflow;

import java.nio.file.Path;
import java.util.Map;

import org.qbi.core.table.Table;
import org.qbi.project.Sample;

/**
 * The results of one sample (and sweep combination) just written: its folder, its tables (already keyed by
 * sample_id and group) and its provenance record. Given to {@link LocalExecutor.ResultSink}s such as the
 * project's results store.
 *
 * @since 0.1
 */
public record SampleResult(Sample sample, Map<String, String> variant, Path directory, Map<String, Table> tables,
        Map<String, Object> provenance) {
}
