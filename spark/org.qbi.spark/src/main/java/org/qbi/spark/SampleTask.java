package org.qbi.spark;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.registry.ClasspathRegistry;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.SampleOutcome;

/**
 * One sample of a run, as a Spark task: the same {@link LocalExecutor#runSample} the local executor calls, on the
 * executor's plain class path (the extension registry read from the plugins' declarations). It only ships texts:
 * the pipeline as its file text, the project and result folder as paths every executor reaches (shared storage),
 * the sample by id (the executor reads the catalog). Result folders are replaced atomically, so a task Spark runs
 * again after a failure rewrites (or finds up to date) the same folder, and the driver, not the task, stores rows.
 */
final class SampleTask implements Function<String, List<SampleTask.Outcome>> {

    private static final long serialVersionUID = 1L;

    /** A {@link SampleOutcome} in a form Spark ships back to the driver. */
    record Outcome(String sample, HashMap<String, String> variant, String status, String reason, String resultDir,
            double seconds) implements Serializable {

        static Outcome of(SampleOutcome o) {
            return new Outcome(o.sample(), new HashMap<>(o.variant()), o.status().name(), o.reason(),
                    o.resultDir() == null ? null : o.resultDir().toString(), o.seconds());
        }

        SampleOutcome toOutcome() {
            return new SampleOutcome(sample, new java.util.LinkedHashMap<>(variant),
                    SampleOutcome.Status.valueOf(status), reason, resultDir == null ? null : Path.of(resultDir), seconds);
        }
    }

    private final String pipelineText;
    private final String pipelineSource;
    private final String projectRoot;
    private final String runId;
    private final String pipelineHash;
    private final String folder;
    private final String started;
    private final boolean force;
    private final HashMap<String, String> engine;
    private final int threads;
    private final String failFirstAttempt;

    SampleTask(Pipeline pipeline, String pipelineSource, ProjectLayout project, LocalExecutor.Batch batch,
            LocalExecutor.Options options, int threads, String failFirstAttempt) {
        this.pipelineText = PipelineFile.format(pipeline);
        this.pipelineSource = pipelineSource;
        this.projectRoot = project.root().toString();
        this.runId = batch.runId();
        this.pipelineHash = batch.pipelineHash();
        this.folder = batch.folder().toString();
        this.started = batch.started().toString();
        this.force = options.force();
        this.engine = new HashMap<>(options.engine());
        this.threads = threads;
        this.failFirstAttempt = failFirstAttempt;
    }

    @Override
    public List<Outcome> call(String sampleId) throws IOException {
        Pipeline pipeline = PipelineFile.parse(pipelineText, pipelineSource);
        ProjectLayout project = ProjectLayout.open(Path.of(projectRoot));
        Sample sample = SampleCatalog.load(project.catalogFile()).samples().stream()
                .filter(s -> s.id().equals(sampleId)).findFirst()
                .orElseThrow(() -> new IllegalStateException("sample " + sampleId + " is not in "
                        + project.catalogFile() + " as this executor sees it"));
        LocalExecutor.Batch batch = new LocalExecutor.Batch(runId, pipelineHash, Path.of(folder), Instant.parse(started));
        LocalExecutor.Options options = LocalExecutor.Options.defaults().withJobs(1).withForce(force)
                .withResults(Path.of(folder)).withStore(false).withEngine(engine);
        // locations on Hadoop file systems (hdfs://, s3a://) are copied to this machine once, then read as files
        List<SampleOutcome> outcomes = executor().runSample(pipeline, batch, project, sample, options,
                OperatorContext.of(ProgressMonitor.NULL).withParallelism(threads),
                entry -> HadoopStorage.isLocation(entry) ? HadoopStorage.stage(entry, HadoopStorage.stagingCache())
                        : project.resolve(entry));
        TaskContext task = TaskContext.get();
        if (sampleId.equals(failFirstAttempt) && task != null && task.attemptNumber() == 0) {
            throw new IllegalStateException("injected failure of the first attempt of sample " + sampleId + " (test)");
        }
        List<Outcome> shipped = new ArrayList<>();
        outcomes.forEach(o -> shipped.add(Outcome.of(o)));
        return shipped;
    }

    private static LocalExecutor executor;

    /** One executor per JVM: the registry and the plugins are read once, at the first task. */
    private static synchronized LocalExecutor executor() {
        if (executor == null) {
            ClasspathRegistry.install(Thread.currentThread().getContextClassLoader());
            executor = new LocalExecutor(Operators.installed(), ImageFormats.installed());
        }
        return executor;
    }
}
