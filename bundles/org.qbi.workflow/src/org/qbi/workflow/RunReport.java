package org.qbi.workflow;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;

import org.qbi.core.table.Table;
import org.qbi.core.table.TableText;

/**
 * The end of a run as a terminal shows it: the counts, each failed sample with its reason, the first rows of each
 * kept table (all samples together) and where the results are.
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
                Table rows;
                try (Reader reader = Files.newBufferedReader(file)) {
                    rows = Table.readCsv(reader, output.table(), file.toString());
                }
                out.println();
                out.println("Table " + output.table() + ": " + rows.rowCount() + " rows in " + file);
                // the first columns only: a terminal is narrower than a measurement table
                TableText.print(out, Table.of(rows.name(), rows.columns().subList(0, Math.min(8,
                        rows.columns().size()))), 10);
            }
        }
        out.println();
        out.println("Results per sample (images, tables, provenance.json): " + folder);
    }
}
