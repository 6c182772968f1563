package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import org.apache.spark.ExecutorLostFailure;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.results.ResultsStore;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

/**
 * An executor process killed (SIGKILL) in the middle of a batch, on a cluster of separate executor JVMs (Spark's
 * local-cluster master: a master and two workers in this JVM, each executor a process of its own, as on a real
 * cluster): Spark runs the lost executor's tasks again elsewhere, every sample is done, and the results store holds
 * each sample's rows exactly once.
 */
class ExecutorKilledTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("qbi.examples.project"));
    private static final int SAMPLES = 24;

    @TempDir
    static Path sparkHome;

    private static SparkSession spark;
    private static final Map<String, AtomicInteger> finishedOn = new ConcurrentHashMap<>();
    private static final AtomicInteger lostTasks = new AtomicInteger();
    private static final AtomicLong killed = new AtomicLong();

    @BeforeAll
    static void startCluster() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self")),
                "skipped: executor processes are found through /proc (Linux)");
        // local-cluster launches executors the way Spark's own tests do: from a Spark home (here an empty layout)
        // with the test's class path
        Files.createDirectories(sparkHome.resolve("assembly/target/scala-2.13/jars"));
        Files.createDirectories(sparkHome.resolve("launcher/target/scala-2.13"));
        System.setProperty("spark.testing", "true");
        System.setProperty("spark.test.home", sparkHome.toString());
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        spark = SparkSession.builder().appName("QBI Workbench executor loss").master("local-cluster[2,1,1024]")
                .config("spark.ui.enabled", "false")
                .config("spark.executor.extraClassPath", classPath)
                .config("spark.executor.extraJavaOptions", System.getProperty("qbi.spark.jvmOptions", ""))
                .getOrCreate();
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                String executor = end.taskInfo().executorId();
                if (end.reason() == Success$.MODULE$) {
                    int done = finishedOn.computeIfAbsent(executor, e -> new AtomicInteger()).incrementAndGet();
                    // executor 0 has finished three samples and is working on its next one: kill its process
                    if (executor.equals("0") && done == 3) {
                        killExecutor("0");
                    }
                } else if (end.reason() instanceof ExecutorLostFailure) {
                    lostTasks.incrementAndGet();
                }
            }
        });
    }

    /** Kills the process of executor {@code id} (a child of this JVM; its command line read whole from /proc). */
    private static void killExecutor(String id) {
        ProcessHandle.current().descendants().filter(p -> commandLine(p).contains(
                "org.apache.spark.executor.CoarseGrainedExecutorBackend\0--driver-url")
                && commandLine(p).contains("\0--executor-id\0" + id + "\0")).forEach(p -> {
                    killed.set(p.pid());
                    p.destroyForcibly();
                });
    }

    private static String commandLine(ProcessHandle process) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(process.pid()), "cmdline"),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return ""; // ended meanwhile
        }
    }

    @AfterAll
    static void stopCluster() {
        if (spark != null) {
            spark.stop();
        }
        System.clearProperty("spark.testing");
        System.clearProperty("spark.test.home");
    }

    @Test
    void aKilledExecutorsSamplesAreRunAgainAndStoredOnce(@TempDir Path dir) throws IOException {
        ProjectLayout project = LocalSparkTest.copyProject(EXAMPLE, dir.resolve("project"));
        Files.writeString(project.catalogFile(), "sample_id,group,notes,files\n" + IntStream.range(0, SAMPLES)
                .mapToObj(i -> "blobs-" + i + ",microscopy,,raw/microscopy/blobs.tif\n").collect(Collectors.joining()));
        Pipeline pipeline = PipelineFile.read(project.pipelines().resolve("nuclei.yaml"));
        List<Sample> samples = LocalSparkTest.samples(project, pipeline);
        assertEquals(SAMPLES, samples.size());

        RunSummary summary = new SparkEngine(spark).run(pipeline, "nuclei", project, samples,
                LocalExecutor.Options.defaults());

        assertTrue(killed.get() > 0, "executor 0's process was killed");
        assertTrue(lostTasks.get() >= 1, "Spark reported the task running on the killed executor as lost");
        assertEquals(SAMPLES, summary.count(SampleOutcome.Status.DONE), summary.describe());
        try (ResultsStore store = ResultsStore.open(project)) {
            assertEquals(1, store.runs().size());
            // blobs has 60 nuclei (equal to scikit-image, org.qbi.examples.tests): 60 rows per sample, none twice
            Table counts = store.query("SELECT count(*) AS n, count(DISTINCT sample_id || '/' || object) AS objects, "
                    + "count(DISTINCT sample_id) AS samples FROM nuclei");
            assertEquals(List.of(60.0 * SAMPLES, 60.0 * SAMPLES, (double) SAMPLES), List.of(counts.column("n")
                    .number(0), counts.column("objects").number(0), counts.column("samples").number(0)));
        }
        try (Stream<Path> left = Files.walk(LocalExecutor.resultsFolder(project, pipeline))) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".staging")),
                    "no staging folder of the lost attempt is left");
        }
    }
}
