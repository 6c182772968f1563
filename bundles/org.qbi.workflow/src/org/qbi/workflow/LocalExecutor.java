package org.qbi.workflow;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.results.ResultsStore;
import org.qbi.workflow.internal.DeferredPublishing;
import org.qbi.workflow.internal.ResultFolders;
import org.qbi.workflow.internal.SampleRun;
import org.qbi.workflow.internal.StoreWriter;

/**
 * Runs a pipeline over samples on this computer: several samples at once on all cores within a memory budget,
 * each sample's combinations of a sweep in turn (re-using identical steps), skipping samples whose results are up
 * to date (same inputs' pixel fingerprints, pipeline, parameters and operator versions). One failing sample never
 * stops the others; its reason is in the summary. Results of each sample replace the previous ones only once
 * complete, so an interrupted run leaves every sample either finished or untouched, and the next run resumes.
 *
 * @since 0.1
 */
public final class LocalExecutor {

    /** Receives each sample's results once they are written (e.g. the results store). */
    @FunctionalInterface
    public interface ResultSink {
        void accept(SampleResult result) throws IOException;
    }

    /**
     * @param jobs    samples run at once (at least 1); operators share the remaining cores
     * @param force   run even samples that are up to date
     * @param sinks   told about every sample written
     * @param results where result folders go; null for the project's results/NAME/
     * @param store   write the run's tables into the project's results store (one transaction per run)
     * @param engine  what runs the samples, recorded in each sample's provenance ("engine" to "local"; a
     *                distributed engine adds its master and version)
     */
    public record Options(int jobs, boolean force, List<ResultSink> sinks, Path results, boolean store,
            Map<String, String> engine) {
        public Options {
            if (jobs < 1) {
                throw new IllegalArgumentException("jobs must be at least 1, got " + jobs);
            }
            sinks = List.copyOf(sinks);
            engine = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(engine));
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), false, List.of(), null, true,
                    Map.of("engine", "local"));
        }

        public Options withJobs(int value) {
            return new Options(value, force, sinks, results, store, engine);
        }

        public Options withForce(boolean value) {
            return new Options(jobs, value, sinks, results, store, engine);
        }

        public Options withResults(Path value) {
            return new Options(jobs, force, sinks, value, store, engine);
        }

        public Options withStore(boolean value) {
            return new Options(jobs, force, sinks, results, value, engine);
        }

        /** @param value what runs the samples, for provenance, e.g. engine=spark, master=local[2], spark_version */
        public Options withEngine(Map<String, String> value) {
            return new Options(jobs, force, sinks, results, store, value);
        }

        public Options withSink(ResultSink sink) {
            List<ResultSink> all = new ArrayList<>(sinks);
            all.add(sink);
            return new Options(jobs, force, all, results, store, engine);
        }
    }

    /**
     * One run being made: its id, the pipeline's hash, the folder its results go to and when it started. An engine
     * that distributes samples ships the texts and rebuilds it where a sample runs.
     */
    public record Batch(String runId, String pipelineHash, Path folder, Instant started) {
    }

    private final Operators operators;
    private final ImageFormats formats;

    public LocalExecutor(Operators operators, ImageFormats formats) {
        this.operators = operators;
        this.formats = formats;
    }

    /** The running platform's operators and formats. */
    public static LocalExecutor installed() {
        return new LocalExecutor(Operators.installed(), ImageFormats.installed());
    }

    /** Where a pipeline's results go in a project: results/NAME/. */
    public static Path resultsFolder(ProjectLayout project, Pipeline pipeline) {
        return project.results().resolve(pipeline.name());
    }

    /** Every combination of the sweep's values (one empty map without a sweep), in file order. */
    public static List<Map<String, String>> variants(Pipeline pipeline) {
        List<Map<String, String>> variants = new ArrayList<>();
        variants.add(Map.of());
        for (Map.Entry<String, List<String>> entry : pipeline.sweep().entrySet()) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> partial : variants) {
                for (String value : entry.getValue()) {
                    Map<String, String> combined = new LinkedHashMap<>(partial);
                    combined.put(entry.getKey(), value);
                    next.add(combined);
                }
            }
            variants = next;
        }
        return variants;
    }

    /** The result folder of one sample and combination. */
    public static Path resultFolder(Path pipelineFolder, String sample, Map<String, String> variant) {
        Path folder = pipelineFolder.resolve(sample);
        if (variant.isEmpty()) {
            return folder;
        }
        List<String> parts = new ArrayList<>();
        variant.forEach((k, v) -> parts.add(k.substring(k.indexOf('.') + 1) + "-" + v.replaceAll("[^A-Za-z0-9._-]", "_")));
        return folder.resolve(String.join("_", parts));
    }

    /**
     * Runs {@code pipeline} on {@code samples} of {@code project}.
     *
     * @param monitor one unit of work per sample; cancelling stops between steps and leaves finished samples
     */
    public RunSummary run(Pipeline pipeline, ProjectLayout project, List<Sample> samples, Options options,
            ProgressMonitor monitor) throws IOException {
        Batch batch = begin(pipeline, project, options);
        List<Map<String, String>> variants = variants(pipeline);
        int jobs = Math.min(options.jobs(), Math.max(1, samples.size()));
        int cores = Runtime.getRuntime().availableProcessors();
        int opThreads = Math.max(1, cores / jobs);
        List<List<SampleOutcome>> outcomes = new ArrayList<>(Collections.nCopies(samples.size(), null));
        Semaphore memory = new Semaphore(budgetMegabytes());
        ProgressMonitor cancelOnly = new CancelOnly(monitor);
        // what each sample wrote, kept for the combined tables and the store instead of reading the files back
        Map<Path, SampleRun.Result> written = new ConcurrentHashMap<>();
        boolean storing = options.store() && StoreWriter.needsStore(pipeline);
        if (storing) {
            // Loading DuckDB's native library takes a while: it overlaps the samples' computation. The database
            // itself is opened only to write the finished run, so other processes can query it meanwhile.
            Thread prepare = new Thread(ResultsStore::prepare, "qbi-results-store-prepare");
            prepare.setDaemon(true);
            prepare.start();
        }
        monitor.begin("Running " + pipeline.name() + " on " + samples.size() + " sample(s)", samples.size());
        DeferredPublishing publishing = new DeferredPublishing();
        try {
            OperatorContext outer = new OperatorContext(monitor, jobs, 0);
            outer.forEach(samples.size(), i -> {
                Sample sample = samples.get(i);
                synchronized (monitor) {
                    monitor.subTask(sample.id());
                }
                int megabytes = Math.min(memory.availablePermits() + 1, estimateMegabytes(project, sample));
                memory.acquireUninterruptibly(Math.max(1, megabytes));
                try {
                    outcomes.set(i, runSample(pipeline, batch, project, sample, options,
                            OperatorContext.of(cancelOnly).withParallelism(opThreads), null, StepEngine.IN_MEMORY,
                            written, publishing));
                } finally {
                    memory.release(Math.max(1, megabytes));
                }
            });
        } catch (CancelledException e) {
            // samples not started are reported as cancelled below
        } finally {
            monitor.done();
        }
        List<SampleOutcome> all = new ArrayList<>();
        try (publishing) {
            for (int i = 0; i < samples.size(); i++) {
                if (outcomes.get(i) == null) {
                    for (Map<String, String> variant : variants) {
                        all.add(new SampleOutcome(samples.get(i).id(), variant, SampleOutcome.Status.CANCELLED,
                                "the run was cancelled before this sample", null, 0));
                    }
                    continue;
                }
                for (SampleOutcome outcome : outcomes.get(i)) {
                    String problem = outcome.resultDir() == null ? null : publishing.await(outcome.resultDir());
                    if (problem == null) {
                        all.add(outcome);
                    } else {
                        written.remove(outcome.resultDir());
                        all.add(new SampleOutcome(outcome.sample(), outcome.variant(), SampleOutcome.Status.FAILED,
                                problem, null, outcome.seconds()));
                    }
                }
            }
        }
        if (!storing) {
            return finish(pipeline, batch, all, null, written);
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            return finish(pipeline, batch, all, store, written);
        }
    }

    /**
     * Starts a run: a new run id, the result folder made and cleaned of leftovers of interrupted runs, the exact
     * pipeline kept by its hash. {@link #run} calls it; an engine that distributes samples calls it on its driver.
     */
    public static Batch begin(Pipeline pipeline, ProjectLayout project, Options options) throws IOException {
        Instant started = Instant.now();
        String hash = PipelineFile.hash(pipeline);
        Path folder = options.results() != null ? options.results() : resultsFolder(project, pipeline);
        Files.createDirectories(folder);
        ResultFolders.cleanLeftovers(folder);
        // the exact pipeline each result was made with, by its hash: what qbi verify re-runs
        Path saved = folder.resolve("pipelines").resolve(hash + ".yaml");
        if (!Files.exists(saved)) {
            Files.createDirectories(saved.getParent());
            AtomicFiles.writeString(saved, PipelineFile.format(pipeline));
        }
        return new Batch(ResultsStore.newRunId(), hash, folder, started);
    }

    /**
     * Ends a run: every sample's tables combined into results/NAME/TABLE.csv and, when the options say so, written
     * into the project's results store in one transaction (each sample once, from its result folder).
     * {@code outcomes} holds one entry per sample and combination, in sample order.
     */
    public static RunSummary finish(Pipeline pipeline, Batch batch, ProjectLayout project, List<SampleOutcome> outcomes,
            Options options) throws IOException {
        if (!options.store() || !StoreWriter.needsStore(pipeline)) {
            return finish(pipeline, batch, outcomes, null, Map.of());
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            return finish(pipeline, batch, outcomes, store, Map.of());
        }
    }

    /** @param written what samples computed in this process wrote, by result folder (others are read back) */
    private static RunSummary finish(Pipeline pipeline, Batch batch, List<SampleOutcome> outcomes, ResultsStore store,
            Map<Path, SampleRun.Result> written) throws IOException {
        combineTables(pipeline, batch.folder(), outcomes, written);
        RunSummary summary = new RunSummary(batch.runId(), pipeline.name(), batch.pipelineHash(), outcomes,
                batch.started(), Instant.now());
        if (store != null) {
            StoreWriter.write(store, pipeline, summary, written);
        }
        return summary;
    }

    /**
     * Writes results/NAME/TABLE.csv: every sample's table of that name (done now or up to date), one after the
     * other in sample order, for statistics across samples.
     */
    private static void combineTables(Pipeline pipeline, Path folder, List<SampleOutcome> outcomes,
            Map<Path, SampleRun.Result> written) throws IOException {
        for (Pipeline.Output output : pipeline.outputs()) {
            if (!output.isTable()) {
                continue;
            }
            java.io.ByteArrayOutputStream combined = new java.io.ByteArrayOutputStream();
            byte[] header = null;
            for (SampleOutcome outcome : outcomes) {
                if (outcome.resultDir() == null) {
                    continue;
                }
                SampleRun.Result result = written.get(outcome.resultDir());
                byte[] csv = result != null ? result.csv().get(output.table()) : null;
                if (csv == null) {
                    Path file = outcome.resultDir().resolve(output.table() + ".csv");
                    if (!Files.isRegularFile(file)) {
                        continue;
                    }
                    csv = Files.readAllBytes(file);
                }
                int body = bodyStart(csv);
                if (body < 0) {
                    continue;
                }
                if (header == null) {
                    header = java.util.Arrays.copyOf(csv, body);
                    combined.write(header);
                    if (header[header.length - 1] != '\n') {
                        combined.write('\r');
                        combined.write('\n');
                    }
                } else if (!java.util.Arrays.equals(header, 0, header.length, csv, 0, body)) {
                    continue; // made by another version of the pipeline: its own folder tells
                }
                combined.write(csv, body, csv.length - body);
                if (csv[csv.length - 1] != '\n') {
                    combined.write('\r');
                    combined.write('\n');
                }
            }
            if (header != null) {
                byte[] bytes = combined.toByteArray();
                AtomicFiles.write(folder.resolve(output.table() + ".csv"), out -> out.write(bytes));
            }
        }
    }

    /**
     * Where the rows of a table's CSV start: after the header line and its line end ({@code Table.writeCsv}
     * ends lines with CRLF; a file edited elsewhere may have LF); -1 for an empty file.
     */
    private static int bodyStart(byte[] csv) {
        if (csv.length == 0) {
            return -1;
        }
        for (int i = 0; i < csv.length; i++) {
            if (csv[i] == '\n') {
                return i + 1;
            }
        }
        return csv.length;
    }

    /**
     * Runs one sample of a run (every combination of its sweep, in turn): the unit of work, the same whatever
     * engine schedules it. Never throws for a failing sample: the outcome says why.
     *
     * @param context cancellation and the threads the sample's operators may use
     */
    public List<SampleOutcome> runSample(Pipeline pipeline, Batch batch, ProjectLayout project, Sample sample,
            Options options, OperatorContext context) {
        return runSample(pipeline, batch, project, sample, options, context, null, StepEngine.IN_MEMORY);
    }

    /**
     * As {@link #runSample(Pipeline, Batch, ProjectLayout, Sample, Options, OperatorContext)}, reading the sample's
     * file entries from where {@code inputs} says (an engine that reaches other file systems stages them), or from
     * the project when it is null.
     */
    public List<SampleOutcome> runSample(Pipeline pipeline, Batch batch, ProjectLayout project, Sample sample,
            Options options, OperatorContext context, InputFiles inputs) {
        return runSample(pipeline, batch, project, sample, options, context, inputs, StepEngine.IN_MEMORY);
    }

    /**
     * As {@link #runSample(Pipeline, Batch, ProjectLayout, Sample, Options, OperatorContext, InputFiles)} with the
     * images and steps in {@code steps}' hands (a distributed engine computing one sample's steps over chunks).
     */
    public List<SampleOutcome> runSample(Pipeline pipeline, Batch batch, ProjectLayout project, Sample sample,
            Options options, OperatorContext context, InputFiles inputs, StepEngine steps) {
        return runSample(pipeline, batch, project, sample, options, context, inputs, steps, null, null);
    }

    /**
     * @param written    receives what each combination wrote, by result folder; may be null
     * @param publishing puts result folders in place on its own thread; null: at once
     */
    private List<SampleOutcome> runSample(Pipeline pipeline, Batch batch, ProjectLayout project, Sample sample,
            Options options, OperatorContext context, InputFiles inputs, StepEngine steps,
            Map<Path, SampleRun.Result> written, DeferredPublishing publishing) {
        List<SampleOutcome> outcomes = new ArrayList<>();
        List<Map<String, String>> variants = variants(pipeline);
        Map<String, Outputs> stepCache = new HashMap<>();
        SampleRun run = new SampleRun(pipeline, batch.pipelineHash(), batch.runId(), project, operators, formats,
                stepCache).withEngine(options.engine()).withSteps(steps);
        if (inputs != null) {
            run.withInputs(inputs);
        }
        if (publishing != null) {
            run.publishingWith(publishing);
        }
        if (variants.size() == 1) {
            // nothing to share with a later combination: each image's memory goes back as soon as it is used
            run.releasing();
        }
        try {
            runVariants(run, variants, batch, sample, options, context, outcomes, written, publishing);
        } finally {
            // the combinations of a sweep shared their steps' outputs: give their memory back now they are done
            for (Outputs outputs : stepCache.values()) {
                for (Object value : outputs.asMap().values()) {
                    if (value instanceof ArrayImage image) {
                        image.close();
                    }
                }
            }
        }
        return outcomes;
    }

    private static void runVariants(SampleRun run, List<Map<String, String>> variants, Batch batch, Sample sample,
            Options options, OperatorContext context, List<SampleOutcome> outcomes,
            Map<Path, SampleRun.Result> written, DeferredPublishing publishing) {
        for (Map<String, String> variant : variants) {
            long start = System.nanoTime();
            Path directory = resultFolder(batch.folder(), sample.id(), variant);
            try {
                SampleRun.Result result = run.run(sample, variant, Map.of(), directory, options.force(), context);
                if (!result.skipped()) {
                    if (written != null) {
                        written.put(directory, result);
                    }
                    SampleResult sampleResult = new SampleResult(sample, variant, directory, result.tables(),
                            result.provenance());
                    DeferredPublishing.Then tell = () -> {
                        for (ResultSink sink : options.sinks()) {
                            sink.accept(sampleResult);
                        }
                    };
                    if (publishing != null) {
                        publishing.then(directory, tell); // once the folder is in place
                    } else {
                        tell.run();
                    }
                }
                outcomes.add(new SampleOutcome(sample.id(), variant, result.skipped() ? SampleOutcome.Status.SKIPPED
                        : SampleOutcome.Status.DONE, "", directory, seconds(start)));
            } catch (CancelledException e) {
                outcomes.add(new SampleOutcome(sample.id(), variant, SampleOutcome.Status.CANCELLED,
                        "cancelled while running", null, seconds(start)));
                return;
            } catch (Exception | OutOfMemoryError | StackOverflowError e) {
                String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                outcomes.add(new SampleOutcome(sample.id(), variant, SampleOutcome.Status.FAILED, reason, null,
                        seconds(start)));
            }
        }
    }

    private static double seconds(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static int budgetMegabytes() {
        return (int) Math.max(64, Math.min(Integer.MAX_VALUE, PlatformInfo.offHeapBudgetBytes() >> 20));
    }

    /** A sample's files' size times 8: decoded images and a few intermediates of the same size. */
    private static int estimateMegabytes(ProjectLayout project, Sample sample) {
        long bytes = 0;
        for (String file : sample.files()) {
            try {
                Path path = project.resolve(file);
                bytes += Files.isRegularFile(path) ? Files.size(path) : 0;
            } catch (IOException | IllegalArgumentException e) {
                // a missing file fails the sample later, with a proper message
            }
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes * 8) >> 20));
    }

    /** Passes cancellation through to operators without their progress (the run reports per sample). */
    private record CancelOnly(ProgressMonitor outer) implements ProgressMonitor {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public boolean isCanceled() {
            return outer.isCanceled();
        }

        @Override
        public void done() {
        }
    }
}
