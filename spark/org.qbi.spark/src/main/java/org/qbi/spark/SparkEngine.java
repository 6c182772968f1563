package org.qbi.spark;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.apache.spark.TaskContext;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.results.ResultsStore;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

import scala.jdk.javaapi.CollectionConverters;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * Runs a pipeline over samples on Apache Spark: each sample is one task running exactly what the local executor
 * runs per sample ({@link LocalExecutor#runSample}), on any master (local[N], spark://, yarn, k8s://); a sample
 * whose input is a chunked Zarr volume too large for one executor (or every sample of a pipeline saying
 * {@code distribute: chunks}) runs instead with each step distributed over the volume's chunks (the rule:
 * {@link Distribution}; the steps: {@link ChunkedSteps}), one sample after the other. The driver
 * starts and ends the run as the local executor does ({@link LocalExecutor#begin}, {@link LocalExecutor#finish}):
 * the tables of all samples go into the project's results store in one transaction, written by the driver from
 * the result folders (so a task Spark ran twice is stored once), and each table is also written as Parquet
 * (results/NAME/TABLE.parquet, with its provenance sidecar). Each sample's provenance records the engine, the
 * master and the Spark version.
 * <p>
 * The project folder must be on storage every executor reaches under the same path (a shared file system; a local
 * folder in local mode).
 *
 * @since 0.1
 */
public final class SparkEngine {

    private final SparkSession spark;
    private String failFirstAttempt = "";
    /** Where the decision for each sample is told (the run's standard error in qbi-spark). */
    private java.util.function.Consumer<String> log = line -> {
    };

    public SparkEngine(SparkSession spark) {
        this.spark = spark;
    }

    /** Tests of retries only: the first attempt of sample {@code sample}'s task fails after the sample ran. */
    SparkEngine failingFirstAttemptOf(String sample) {
        this.failFirstAttempt = sample;
        return this;
    }

    /** A local or cluster session named for QBI; the master comes from {@code master} or spark-submit. */
    public static SparkSession session(String master) {
        SparkSession.Builder builder = SparkSession.builder().appName("QBI Workbench");
        if (master != null) {
            builder.master(master);
        }
        return builder.config("spark.ui.enabled", "false").getOrCreate();
    }

    /** What runs the samples, as provenance records it. */
    public Map<String, String> engine() {
        Map<String, String> engine = new LinkedHashMap<>();
        engine.put("engine", "spark");
        engine.put("master", spark.sparkContext().master());
        engine.put("spark_version", spark.version());
        engine.put("application", spark.sparkContext().applicationId());
        return engine;
    }

    /**
     * Runs {@code pipeline} on {@code samples} of {@code project}: one Spark task per sample, except the samples
     * {@link Distribution} sends chunk by chunk, which run after those tasks, one after the other, each step over
     * the chunks of the sample's volume.
     *
     * @param source  where the pipeline was read from (for messages)
     * @param options force, results folder and store as for the local executor; jobs is ignored (Spark's
     *                executors decide how many samples run at once)
     */
    public RunSummary run(Pipeline pipeline, String source, ProjectLayout project, List<Sample> samples,
            LocalExecutor.Options options) throws IOException {
        return run(pipeline, source, project, samples, options, ProgressMonitor.NULL);
    }

    /**
     * The same, reporting one unit of {@code monitor} per sample as its task's result reaches the driver, with
     * "SAMPLE: status" as the sub-task (what {@code qbi run --engine spark --json} prints), set before the unit is
     * reported. The monitor is called from one thread at a time (Spark's scheduler thread while tasks end).
     */
    public RunSummary run(Pipeline pipeline, String source, ProjectLayout project, List<Sample> samples,
            LocalExecutor.Options options, ProgressMonitor monitor) throws IOException {
        LocalExecutor.Options withEngine = options.withEngine(engine());
        LocalExecutor.Batch batch = LocalExecutor.begin(pipeline, project, withEngine);
        JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        long threshold = Distribution.threshold(executorMemory());
        ChunkedVolume.installPlugins(); // the driver reads the inputs' headers to decide
        Map<String, Distribution.Decision> decisions = new LinkedHashMap<>();
        List<Sample> asTasks = new ArrayList<>();
        for (Sample sample : samples) {
            Distribution.Decision decision = Distribution.decide(pipeline, project, sample, threshold);
            decisions.put(sample.id(), decision);
            if (!decision.chunks()) {
                asTasks.add(sample);
            }
        }
        Map<String, List<SampleOutcome>> bySample = new HashMap<>();
        monitor.begin("Running " + pipeline.name() + " on " + samples.size() + " sample(s)", samples.size());
        try {
            if (!asTasks.isEmpty()) {
                int slots = Math.max(1, context.defaultParallelism());
                // operators of a task share the executor's cores with the other tasks running beside it
                int threads = Math.max(1, Runtime.getRuntime().availableProcessors() / Math.min(slots,
                        asTasks.size()));
                SampleTask task = new SampleTask(pipeline, source, project, batch, withEngine, threads,
                        failFirstAttempt);
                List<String> ids = asTasks.stream().map(Sample::id).toList();
                context.setJobDescription("QBI pipeline " + pipeline.name() + " on " + ids.size() + " sample(s)");
                // one partition per sample: each sample is one task, retried alone when it fails
                JavaRDD<String> rdd = context.parallelize(ids, Math.max(1, ids.size()));
                List<List<SampleTask.Outcome>> shipped = new ArrayList<>(Collections.nCopies(ids.size(), null));
                // runJob hands each partition's result over as its task ends (collect() would wait for all)
                spark.sparkContext().runJob(rdd.rdd(), new PerPartition(task), partitions(ids.size()),
                        new Arrived(shipped, ids, monitor), ClassTag$.MODULE$.apply(List.class));
                shipped.forEach(list -> list.forEach(o -> bySample.computeIfAbsent(o.sample(),
                        k -> new ArrayList<>()).add(o.toOutcome())));
            }
            for (Sample sample : samples) {
                Distribution.Decision decision = decisions.get(sample.id());
                if (decision.chunks()) {
                    log.accept("sample " + sample.id() + " chunk by chunk (" + decision.reason() + ")");
                    long start = System.nanoTime();
                    List<SampleOutcome> outcomes = runChunkWise(pipeline, project, sample, batch, withEngine,
                            decision, context, log);
                    bySample.put(sample.id(), outcomes);
                    log.accept(String.format(java.util.Locale.ROOT, "sample %s: %.1f s", sample.id(),
                            (System.nanoTime() - start) / 1e9));
                    monitor.subTask(sample.id() + ": " + outcomes.stream().map(o -> o.status().name()
                            .toLowerCase(Locale.ROOT)).distinct().collect(Collectors.joining("/")));
                    monitor.worked(1);
                }
            }
        } finally {
            monitor.done();
        }
        List<SampleOutcome> outcomes = new ArrayList<>();
        for (Sample sample : samples) {
            outcomes.addAll(bySample.getOrDefault(sample.id(), List.of()));
        }
        RunSummary summary = LocalExecutor.finish(pipeline, batch, project, outcomes, withEngine);
        if (withEngine.store()) {
            writeParquet(pipeline, project, batch, summary);
        }
        return summary;
    }

    /** Partitions 0 .. n-1 as the Scala sequence runJob takes. */
    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static scala.collection.immutable.Seq<Object> partitions(int n) {
        List<Object> all = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            all.add(i);
        }
        return (scala.collection.immutable.Seq) CollectionConverters.asScala(all).toSeq();
    }

    /** The task of one partition (one sample): runs on an executor. */
    private static final class PerPartition
            extends AbstractFunction2<TaskContext, scala.collection.Iterator<String>, List<SampleTask.Outcome>>
            implements Serializable {
        private static final long serialVersionUID = 1L;
        private final SampleTask task;

        PerPartition(SampleTask task) {
            this.task = task;
        }

        @Override
        public List<SampleTask.Outcome> apply(TaskContext context, scala.collection.Iterator<String> samples) {
            List<SampleTask.Outcome> all = new ArrayList<>();
            try {
                while (samples.hasNext()) {
                    all.addAll(task.call(samples.next()));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return all;
        }
    }

    /** On the driver: a partition's result arrived (once per partition, also when Spark retried its task). */
    private static final class Arrived extends AbstractFunction2<Object, List<SampleTask.Outcome>, BoxedUnit> {
        private final List<List<SampleTask.Outcome>> shipped;
        private final List<String> ids;
        private final ProgressMonitor monitor;

        Arrived(List<List<SampleTask.Outcome>> shipped, List<String> ids, ProgressMonitor monitor) {
            this.shipped = shipped;
            this.ids = ids;
            this.monitor = monitor;
        }

        @Override
        public BoxedUnit apply(Object partition, List<SampleTask.Outcome> outcomes) {
            int index = (Integer) partition;
            synchronized (shipped) {
                shipped.set(index, outcomes);
                String status = outcomes.stream().map(o -> o.status().toLowerCase(Locale.ROOT)).distinct()
                        .collect(Collectors.joining("/"));
                monitor.subTask(ids.get(index) + ": " + status);
                monitor.worked(1);
            }
            return BoxedUnit.UNIT;
        }
    }

    /** Tells how each sample is distributed to {@code value}. */
    public SparkEngine logging(java.util.function.Consumer<String> value) {
        this.log = value;
        return this;
    }

    /**
     * One sample whose volume is distributed chunk by chunk: the local executor's run of the sample on the driver,
     * each step computed over the chunks on Spark ({@link ChunkedPipeline}); provenance records the distribution
     * and the chunk size with the engine.
     */
    private static List<SampleOutcome> runChunkWise(Pipeline pipeline, ProjectLayout project, Sample sample,
            LocalExecutor.Batch batch, LocalExecutor.Options options, Distribution.Decision decision,
            JavaSparkContext context, java.util.function.Consumer<String> log) throws IOException {
        Map<String, String> engine = new LinkedHashMap<>(options.engine());
        engine.put("distribution", "chunks");
        if (!decision.chunk().isEmpty()) {
            engine.put("chunk", decision.chunk());
        }
        LocalExecutor.Options chunkWise = options.withEngine(engine).withStore(false);
        // the work folder's name is a staging name: the next run removes what an interrupted one left
        Path work = batch.folder().resolve(".staging-" + sample.id() + "-chunks-"
                + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()));
        ChunkedVolume.installPlugins();
        LocalExecutor executor = new LocalExecutor(Operators.installed(), ImageFormats.installed());
        try (ChunkedPipeline steps = new ChunkedPipeline(context, work, LocalExecutor.variants(pipeline).size() == 1,
                log)) {
            return executor.runSample(pipeline, batch, project, sample, chunkWise, OperatorContext.of(
                    ProgressMonitor.NULL), entry -> Distribution.locate(project, entry), steps);
        }
    }

    /** The memory of one executor: spark.executor.memory on a cluster, this JVM's heap in local mode. */
    private long executorMemory() {
        if (spark.sparkContext().master().startsWith("local")) {
            return Runtime.getRuntime().maxMemory();
        }
        return spark.sparkContext().getConf().getSizeAsBytes("spark.executor.memory", "1g");
    }

    /** results/NAME/TABLE.parquet of this run's rows (with the provenance sidecar), for Spark-side queries. */
    private static void writeParquet(Pipeline pipeline, ProjectLayout project, LocalExecutor.Batch batch,
            RunSummary summary) throws IOException {
        if (summary.count(SampleOutcome.Status.CANCELLED) > 0) {
            return;
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            List<String> stored = store.tables();
            for (Pipeline.Output output : pipeline.outputs()) {
                if (output.isTable() && stored.contains(output.table())) {
                    Path file = batch.folder().resolve(output.table() + ".parquet");
                    Files.deleteIfExists(file);
                    store.exportTable(output.table(), batch.runId(), file);
                }
            }
        }
    }
}
