package org.qbi.workflow.internal;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * done or up to date (a resumed run stores each sample exactly once, whether it was computed now or before the
 * interruption). Tables computed in this process are taken as they were written; the others are read back from
 * their result folders. A cancelled run stores nothing.
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
            return write(store, pipeline, summary, Map.of());
        }
    }

    /** Whether a run of {@code pipeline} writes into the results store at all (it keeps a table). */
    public static boolean needsStore(Pipeline pipeline) {
        return pipeline.outputs().stream().anyMatch(Pipeline.Output::isTable);
    }

    /**
     * As {@link #write(ProjectLayout, Pipeline, RunSummary)} into a store already open (the caller closes it).
     *
     * @param written what this process's samples wrote, by result folder; the others are read from their folders
     */
    public static int write(ResultsStore store, Pipeline pipeline, RunSummary summary,
            Map<Path, SampleRun.Result> written) throws IOException {
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
                SampleRun.Result result = written.get(outcome.resultDir());
                // combinations of a sweep are told apart by their values (also columns of the table)
                String image = (result != null ? firstInput(result.provenance()) : firstInput(outcome.resultDir()))
                        + (outcome.variant().isEmpty() ? "" : " " + outcome.variant().toString());
                for (Pipeline.Output output : tables) {
                    Table table = result == null ? null : result.tables().get(output.table());
                    if (table != null) {
                        table = asReadBack(table);
                    } else {
                        Path file = outcome.resultDir().resolve(output.table() + ".csv");
                        if (!Files.isRegularFile(file)) {
                            continue;
                        }
                        try (Reader reader = Files.newBufferedReader(file)) {
                            table = Table.readCsv(reader, output.table(), file.toString());
                        }
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

    /** The first input file in a provenance record made by {@link SampleRun}. */
    private static String firstInput(Map<String, Object> provenance) {
        if (provenance.get("inputs") instanceof Map<?, ?> inputs && !inputs.isEmpty()
                && inputs.values().iterator().next() instanceof Map<?, ?> first && first.get("file") != null) {
            return first.get("file").toString();
        }
        return "";
    }

    /**
     * The table as {@link Table#readCsv} reads its CSV file back, so that a sample is stored the same whether it
     * was computed in this run or before an interruption: a text column whose every cell is a number or empty
     * becomes numeric (empty: NaN), a missing text is empty. Numbers keep their values: the CSV holds each
     * double's shortest exact form.
     */
    static Table asReadBack(Table table) {
        List<Column> columns = new ArrayList<>(table.columns().size());
        boolean changed = false;
        for (Column column : table.columns()) {
            double[] numbers = column.isNumeric() ? null : numbers(column, table.rowCount());
            if (numbers != null) {
                columns.add(Column.of(column.name(), column.unit(), numbers));
                changed = true;
            } else if (!column.isNumeric() && java.util.Arrays.asList(column.texts()).contains(null)) {
                String[] texts = column.texts();
                for (int r = 0; r < texts.length; r++) {
                    texts[r] = texts[r] == null ? "" : texts[r];
                }
                columns.add(new Column(column.name(), column.unit(), null, texts));
                changed = true;
            } else {
                columns.add(column);
            }
        }
        return changed ? Table.of(table.name(), columns) : table;
    }

    /** The text column's cells as numbers, or null when one is not a number. */
    private static double[] numbers(Column column, int rows) {
        double[] numbers = new double[rows];
        for (int r = 0; r < rows; r++) {
            String cell = column.text(r);
            try {
                numbers[r] = cell == null || cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return numbers;
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
