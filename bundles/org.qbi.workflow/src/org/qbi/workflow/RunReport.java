package org.qbi.workflow;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import org.qbi.core.table.Table;
import org.qbi.core.table.TableText;

/**
 * The end of a run as a terminal shows it: the counts, each failed sample with its reason, the first rows of each
 * kept table (all samples together) and where the results are; or, for programs, the same as one JSON document
 * ({@link #document}: what {@code qbi run --json} prints on stdout with either engine).
 *
 * @since 0.1
 */
public final class RunReport {

    private RunReport() {
    }

    /** Prints the report of {@code summary}; {@code folder} is where the run wrote its results. */
    public static void print(RunSummary summary, Pipeline pipeline, Path folder, PrintStream out) throws IOException {
        out.println(pipeline.name() + ": " + summary.describe() + " (run " + summary.runId() + ")");
        for (SampleOutcome o : summary.outcomes()) {
            if (o.status() == SampleOutcome.Status.FAILED) {
                out.println("  FAILED " + o.sample() + (o.variant().isEmpty() ? "" : " " + o.variant()) + ": "
                        + o.reason());
            }
        }
        for (Pipeline.Output output : pipeline.outputs()) {
            Path file = folder.resolve(output.table() == null ? "" : output.table() + ".csv");
            if (output.isTable() && Files.isRegularFile(file)) {
                Table.Head head;
                try (Reader reader = Files.newBufferedReader(file)) {
                    head = Table.readCsvHead(reader, output.table(), file.toString(), 10);
                }
                Table rows = head.firstRows();
                out.println();
                out.println("Table " + output.table() + ": " + head.rowCount() + " rows in " + file);
                // the first columns only: a terminal is narrower than a measurement table
                TableText.print(out, Table.of(rows.name(), rows.columns().subList(0, Math.min(8,
                        rows.columns().size()))), 10, head.rowCount());
            }
        }
        out.println();
        out.println("Results per sample (images, tables, provenance.json): " + folder);
    }

    /**
     * The summary as {@code qbi run --json} prints it (Jackson serializes the map in this order): run, pipeline,
     * pipeline_sha256, the counts done/skipped/failed/cancelled, results (the folder) and one entry per sample and
     * combination (sample, variant, status in lower case, reason, seconds). {@link SparkRun} reads it back.
     *
     * @since 0.1
     */
    public static Map<String, Object> document(RunSummary summary, Path folder) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("run", summary.runId());
        document.put("pipeline", summary.pipeline());
        document.put("pipeline_sha256", summary.pipelineHash());
        document.put("done", summary.count(SampleOutcome.Status.DONE));
        document.put("skipped", summary.count(SampleOutcome.Status.SKIPPED));
        document.put("failed", summary.count(SampleOutcome.Status.FAILED));
        document.put("cancelled", summary.count(SampleOutcome.Status.CANCELLED));
        document.put("results", folder.toString());
        document.put("samples", summary.outcomes().stream().map(o -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("sample", o.sample());
            m.put("variant", o.variant());
            m.put("status", o.status().name().toLowerCase(Locale.ROOT));
            m.put("reason", o.reason());
            m.put("seconds", o.seconds());
            return m;
        }).toList());
        return document;
    }
}
