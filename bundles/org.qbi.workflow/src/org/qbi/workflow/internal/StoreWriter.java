package org.qbi.workflow.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunWriter;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Writes a finished run into the project's results store as one transaction: the tables of every sample that is
 * done or up to date (read back from its result folder, so a resumed run stores each sample exactly once, whether
 * it was computed now or before the interruption). A cancelled run stores nothing.
 */
public final class StoreWriter {

    private StoreWriter() {
    }

    /** @return the number of tables stored (0 when the pipeline keeps none or the run was cancelled) */
    public static int write(ProjectLayout project, Pipeline pipeline, RunSummary summary) throws IOException {
        if (!needsStore(pipeline)) {
            return 0;
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            return write(store, pipeline, summary);
        }
    }

    /** Whether a run of {@code pipeline} writes into the results store at all (it keeps a table). */
    public static boolean needsStore(Pipeline pipeline) {
        return pipeline.outputs().stream().anyMatch(Pipeline.Output::isTable);
    }

    /** As {@link #write(ProjectLayout, Pipeline, RunSummary)} into a store already open (the caller closes it). */
    public static int write(ResultsStore store, Pipeline pipeline, RunSummary summary) throws IOException {
        List<Pipeline.Output> tables = pipeline.outputs().stream().filter(Pipeline.Output::isTable).toList();
        if (tables.isEmpty() || summary.count(SampleOutcome.Status.CANCELLED) > 0) {
            return 0;
        }
        int stored = 0;
        try (RunWriter run = store.startRun(summary.runId(), summary.pipelineHash())) {
            for (SampleOutcome outcome : summary.outcomes()) {
                if (outcome.resultDir() == null) {
                    continue;
                }
                // combinations of a sweep are told apart by their values (also columns of the table)
                String image = firstInput(outcome.resultDir()) + (outcome.variant().isEmpty() ? ""
                        : " " + outcome.variant().toString());
                for (Pipeline.Output output : tables) {
                    Path file = outcome.resultDir().resolve(output.table() + ".csv");
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    Table table;
                    try (Reader reader = Files.newBufferedReader(file)) {
                        table = Table.readCsv(reader, output.table(), file.toString());
                    }
                    run.add(outcome.sample(), image, withoutCatalogColumns(table));
                    stored++;
                }
            }
            run.commit();
        }
        return stored;
    }

    /** The image the sample's tables were measured on: its first input file, as the provenance records it. */
    private static String firstInput(Path resultDir) throws IOException {
        JsonNode inputs = SampleRun.JSON.readTree(resultDir.resolve(SampleRun.PROVENANCE).toFile()).path("inputs");
        return inputs.elements().hasNext() ? inputs.elements().next().path("file").asText("") : "";
    }

    /** The store keys rows by sample and joins the catalog's group itself. */
    private static Table withoutCatalogColumns(Table table) {
        List<Column> kept = new ArrayList<>();
        for (Column column : table.columns()) {
            if (!column.name().equals("sample_id") && !column.name().equals("group")) {
                kept.add(column);
            }
        }
        return Table.of(table.name(), kept);
    }
}
