package org.qbi.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.results.ResultsStore;
import org.qbi.workflow.internal.SampleRun;

/**
 * Runs of a pipeline on one sample as the Pipeline view makes them while the user edits: every step's outputs stay
 * in a content-keyed cache (operator, version, parameters and the keys of its inputs) for as long as this object
 * lives, so re-running from a node computes that node and the steps downstream of it and takes the other steps'
 * outputs from the cache; a step whose parameters or wiring changed has a new key and is computed anyway. Each run
 * writes the sample's result folder as {@code qbi run} does (provenance included) and keeps every step's outputs
 * for viewing ({@link #writeIntermediate}). Not for batches: the cache holds the latest run's step outputs in
 * memory (outputs of steps that changed since are dropped; all are when another pipeline or sample is run).
 *
 * @since 0.1
 */
public final class InteractiveRun {

    /** Folder (in the pipeline's results folder) of the intermediate images written for viewing. */
    public static final String INTERMEDIATE_FOLDER = "intermediate";

    private final Operators operators;
    private final ImageFormats formats;
    private final Map<String, Outputs> cache = new HashMap<>();
    private String cachedFor;
    private Report last;

    /**
     * What a run computed and what it reused.
     *
     * @param computed the steps computed, in order (the chosen node and its downstream, plus any changed step)
     * @param reused   the steps whose outputs came from the cache
     * @param steps    every step's outputs, by step id
     */
    public record Report(Pipeline pipeline, Sample sample, Path resultFolder, List<String> computed,
            List<String> reused, Map<String, Outputs> steps) {

        /** Lines for the view: which steps ran, which were reused, where the results are. */
        public String describe() {
            return pipeline.name() + " on sample " + sample.id() + ": computed " + (computed.isEmpty() ? "nothing"
                    : String.join(", ", computed)) + "; reused from the cache " + (reused.isEmpty() ? "nothing"
                            : String.join(", ", reused)) + "\nResults: " + resultFolder;
        }
    }

    public InteractiveRun(Operators operators, ImageFormats formats) {
        this.operators = operators;
        this.formats = formats;
    }

    /** With the running platform's operators and formats. */
    public static InteractiveRun installed() {
        return new InteractiveRun(Operators.installed(), ImageFormats.installed());
    }

    /** Step {@code stepId} and every step that reads from it, directly or through others, in pipeline order. */
    public static Set<String> downstream(Pipeline pipeline, String stepId) {
        pipeline.step(stepId);
        Set<String> affected = new LinkedHashSet<>();
        affected.add(stepId);
        for (Step step : pipeline.steps()) { // dependency order: sources come first
            for (String reference : step.inputs().values()) {
                if (affected.contains(reference.split("\\.", 2)[0])) {
                    affected.add(step.id());
                }
            }
        }
        return affected;
    }

    /**
     * Runs {@code pipeline} on {@code sample}: computes {@code fromStep} and its downstream anew (null: only what
     * the cache does not hold), reuses the rest.
     *
     * @throws IllegalArgumentException naming the step, input or parameter that does not work
     */
    public synchronized Report run(Pipeline pipeline, ProjectLayout project, Sample sample, String fromStep,
            ProgressMonitor monitor) throws IOException {
        String scope = pipeline.name() + "\u0000" + sample.id() + "\u0000" + project.root();
        if (!scope.equals(cachedFor)) {
            cache.clear();
            cachedFor = scope;
        }
        Set<String> recompute = fromStep == null ? Set.of() : downstream(pipeline, fromStep);
        Path folder = LocalExecutor.resultsFolder(project, pipeline);
        Path directory = LocalExecutor.resultFolder(folder, sample.id(), Map.of());
        SampleRun run = new SampleRun(pipeline, PipelineFile.hash(pipeline), ResultsStore.newRunId(), project,
                operators, formats, cache);
        SampleRun.Result result = run.run(sample, Map.of(), Map.of(), directory, true, recompute,
                OperatorContext.of(monitor));
        cache.keySet().retainAll(result.keys()); // what an earlier edit computed and this run no longer uses
        last = new Report(pipeline, sample, directory, result.computed(), result.reused(), result.steps());
        return last;
    }

    /** The latest run's report, or null. */
    public synchronized Report last() {
        return last;
    }

    /**
     * Writes the image outputs of step {@code stepId} of {@code report} as TIFF into the pipeline's
     * {@value #INTERMEDIATE_FOLDER}/SAMPLE/ folder ({@code STEP-PORT.tif}) and returns them by port; tables are left
     * out (they are in the step's outputs).
     */
    public List<Path> writeIntermediate(Report report, ProjectLayout project, String stepId) throws IOException {
        Outputs outputs = report.steps().get(stepId);
        if (outputs == null) {
            throw new IllegalArgumentException("Step '" + stepId + "' has not run yet; run the pipeline first");
        }
        Path folder = LocalExecutor.resultsFolder(project, report.pipeline()).resolve(INTERMEDIATE_FOLDER)
                .resolve(report.sample().id());
        Files.createDirectories(folder);
        List<Path> written = new ArrayList<>();
        Map<String, Object> values = new LinkedHashMap<>(outputs.asMap());
        for (Map.Entry<String, Object> output : values.entrySet()) {
            if (output.getValue() instanceof Image image) {
                Path file = folder.resolve(stepId + "-" + output.getKey() + ".tif");
                formats.writerFor(file).write(image, file, ProgressMonitor.NULL);
                written.add(file);
            }
        }
        return written;
    }
}
