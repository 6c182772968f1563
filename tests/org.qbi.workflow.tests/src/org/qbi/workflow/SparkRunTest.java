package org.qbi.workflow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;

/**
 * {@link SparkRun}: the job's JSON progress lines (between Spark's log lines on stderr) reach a progress monitor one
 * sample at a time, its summary on stdout is read back, Cancel ends the whole process tree, and, when the job jar
 * has been built, the example pipeline on Spark local[2] reports each sample and writes the local executor's table.
 * The fake jobs are shell scripts printing what SparkRunMain --json prints.
 */
class SparkRunTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("qbi.repository", "."));

    /** What a monitor was told, in order. */
    static class Recording implements ProgressMonitor {
        final List<String> events = new ArrayList<>();
        final List<Long> worked = new ArrayList<>();
        final List<String> subTasks = new ArrayList<>();
        long total = Long.MIN_VALUE;
        volatile boolean canceled;
        boolean done;

        @Override
        public synchronized void begin(String task, long totalWork) {
            events.add("begin " + task);
            total = totalWork;
        }

        @Override
        public synchronized void worked(long work) {
            worked.add(work);
        }

        @Override
        public synchronized void subTask(String name) {
            subTasks.add(name);
        }

        @Override
        public boolean isCanceled() {
            return canceled;
        }

        @Override
        public synchronized void done() {
            done = true;
        }

        synchronized long sum() {
            return worked.stream().mapToLong(Long::longValue).sum();
        }
    }

    private static ProcessBuilder shell(String script) {
        return new ProcessBuilder("/bin/sh", "-c", script);
    }

    @Test
    void progressLinesAmongSparksLogReachTheMonitorOneSampleAtATimeAndTheSummaryIsReadBack() throws Exception {
        String progress = "{\"task\":\"Running n on 3 sample(s)\",\"done\":%d,\"total\":3%s}";
        String script = String.join("\n",
                "echo '26/11/21 13:04:41 INFO SparkContext: Running Spark version 4.2.0' >&2",
                "echo '" + String.format(progress, 0, "") + "' >&2",
                "sleep 0.4",
                "echo '" + String.format(progress, 1, ",\"current\":\"a: done\"") + "' >&2",
                "echo 'WARNING: sun.misc.Unsafe::arrayBaseOffset has been called' >&2",
                "sleep 0.4",
                "echo '" + String.format(progress, 3, ",\"current\":\"c: failed\"") + "' >&2",
                "cat <<'EOF'",
                """
                {
                  "run" : "20261121T130443Z-7ffc",
                  "pipeline" : "n",
                  "pipeline_sha256" : "ac58",
                  "done" : 1, "skipped" : 1, "failed" : 1, "cancelled" : 0,
                  "results" : "/data/p/results/n",
                  "samples" : [
                    { "sample" : "a", "variant" : { }, "status" : "done", "reason" : "", "seconds" : 0.8 },
                    { "sample" : "b", "variant" : { "smooth.sigma" : "2" }, "status" : "skipped", "reason" : "",
                      "seconds" : 0.0 },
                    { "sample" : "c", "variant" : { }, "status" : "failed",
                      "reason" : "step smooth: cannot read raw/c.tif", "seconds" : 0.1 } ]
                }""",
                "EOF",
                "exit 1");
        Recording monitor = new Recording();

        SparkRun.Result result = SparkRun.follow(shell(script), "Running n on Spark local[2]", 3, monitor);

        assertEquals(1, result.exitCode(), "a failed sample: exit code 1, passed on");
        assertFalse(result.cancelled());
        assertEquals(List.of("begin Running n on Spark local[2]"), monitor.events);
        assertEquals(3, monitor.total);
        // incremental: one sample, then the last two, not everything at the end
        assertEquals(List.of(1L, 2L), monitor.worked, monitor.worked.toString());
        assertEquals(List.of("starting Spark", "a: done", "c: failed"), monitor.subTasks);
        assertTrue(monitor.done);
        assertEquals(List.of("26/11/21 13:04:41 INFO SparkContext: Running Spark version 4.2.0",
                "WARNING: sun.misc.Unsafe::arrayBaseOffset has been called"), result.log(), "the log without progress");

        RunSummary summary = result.summary();
        assertNotNull(summary, result.log().toString());
        assertEquals("20261121T130443Z-7ffc", summary.runId());
        assertEquals("n", summary.pipeline());
        assertEquals("1 done, 1 skipped as up to date, 1 failed", summary.describe());
        SampleOutcome b = summary.outcomes().get(1);
        assertEquals(Map.of("smooth.sigma", "2"), b.variant());
        assertEquals(Path.of("/data/p/results/n/b/sigma-2"), b.resultDir(), "the folder the executor made");
        SampleOutcome c = summary.outcomes().get(2);
        assertEquals(SampleOutcome.Status.FAILED, c.status());
        assertEquals("step smooth: cannot read raw/c.tif", c.reason());
        assertNull(c.resultDir());
    }

    @Test
    void aJobThatDiesBeforeItsSummaryLeavesItsLogForTheMessage() throws Exception {
        Recording monitor = new Recording();
        SparkRun.Result result = SparkRun.follow(shell("echo 'Exception in thread \"main\" java.lang."
                + "ClassNotFoundException: org.qbi.spark.SparkRunMain' >&2; exit 1"), "Running", 2, monitor);
        assertEquals(1, result.exitCode());
        assertNull(result.summary());
        assertTrue(result.logTail(5).contains("ClassNotFoundException"), result.logTail(5));
        assertEquals(0, monitor.sum());
    }

    @Test
    void cancelEndsTheWholeProcessTreeQuickly(@TempDir Path dir) throws Exception {
        Path pidFile = dir.resolve("child.pid");
        // like spark-submit: a shell whose child (the JVM) does the work, and which, ended, reports its count as
        // complete (as a dying job's progress does)
        String script = "trap 'echo \"{\\\"task\\\":\\\"Running n\\\",\\\"done\\\":2,\\\"total\\\":2}\" >&2; exit 143' TERM\n"
                + "sleep 300 & echo $! > " + pidFile + "\n"
                + "echo '{\"task\":\"Running n\",\"done\":0,\"total\":2}' >&2\n" + "wait";
        Recording monitor = new Recording() {
            @Override
            public synchronized void begin(String task, long totalWork) {
                super.begin(task, totalWork);
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(700);
                    } catch (InterruptedException e) {
                        return;
                    }
                    canceled = true;
                });
            }
        };
        long start = System.nanoTime();

        SparkRun.Result result = SparkRun.follow(shell(script), "Running n", 2, monitor);

        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(result.cancelled());
        assertNull(result.summary());
        assertEquals(0, monitor.sum(), "nothing counted after the cancel: " + monitor.worked);
        assertTrue(seconds < 10, "ended within the grace period, took " + seconds + " s");
        long child = Long.parseLong(Files.readString(pidFile).strip());
        ProcessHandle handle = ProcessHandle.of(child).orElse(null);
        if (handle != null) {
            handle.onExit().get(5, java.util.concurrent.TimeUnit.SECONDS);
        }
        assertFalse(handle != null && handle.isAlive(), "the job's child process " + child + " is gone");
    }

    @Test
    void theCommandCarriesTheRunsOptionsAndJsonAndNamesTheMissingSetting(@TempDir Path dir) throws Exception {
        Path job = Files.createFile(dir.resolve("job.jar"));
        SparkRun run = SparkRun.builder(dir.resolve("p/pipelines/n.yaml"), dir.resolve("p")).master("local[2]")
                .environment(Map.of("QBI_SPARK_JOB", job.toString(), "QBI_SPARK_CLASSPATH", "/opt/spark/a.jar"))
                .samples("group=A").out(dir.resolve("out")).force(true).build();
        List<String> command = run.command(true);
        assertEquals(List.of(dir.resolve("p/pipelines/n.yaml").toString(), "--project", dir.resolve("p").toString(),
                "--samples", "group=A", "--out", dir.resolve("out").toString(), "--force", "--json"),
                command.subList(command.size() - 9, command.size()));
        assertFalse(run.command(false).contains("--json"));

        SparkRun.SetupException noJar = assertThrows(SparkRun.SetupException.class, () -> SparkRun.builder(
                dir.resolve("n.yaml"), dir).environment(Map.of()).build().run(new Recording()));
        assertEquals(SparkRun.Setting.JOB_JAR, noJar.setting());
        SparkRun.SetupException noMaster = assertThrows(SparkRun.SetupException.class,
                () -> SparkRun.builder(dir.resolve("n.yaml"), dir).master(" "));
        assertEquals(SparkRun.Setting.MASTER, noMaster.setting());
    }

    @Test
    void theExamplePipelineOnSparkReportsEachSampleAndWritesTheLocalExecutorsTable(@TempDir Path dir)
            throws Exception {
        Path target = REPOSITORY.resolve("spark/org.qbi.spark/target");
        Path classpath = target.resolve("spark.classpath");
        Path job;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            job = files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst().orElse(null);
        }
        assumeTrue(job != null && Files.isRegularFile(classpath), "the Spark job jar is not built in " + target
                + " (build spark/org.qbi.spark first: ./mvnw -B -o install -pl spark/org.qbi.spark -am)");
        Path example = REPOSITORY.resolve("bundles/org.qbi.examples/example-project");
        Path onSpark = ProjectCopies.fresh(example, dir.resolve("spark"));
        Path local = ProjectCopies.fresh(example, dir.resolve("local"));
        Map<String, String> env = new HashMap<>();
        env.put("QBI_SPARK_JOB", job.toString());
        env.put("QBI_SPARK_CLASSPATH", Files.readString(classpath).strip());
        Recording monitor = new Recording();

        SparkRun.Result result = SparkRun.builder(onSpark.resolve("pipelines/nuclei.yaml"), onSpark)
                .master("local[2]").environment(env).build().run(monitor);

        assertEquals(0, result.exitCode(), result.logTail(40));
        assertEquals(2, monitor.total, "the example's two microscopy samples");
        assertEquals(2, monitor.sum(), "progress reached every sample: " + monitor.worked);
        assertTrue(monitor.subTasks.contains("blobs: done") || monitor.subTasks.contains("nuclei-A03: done"),
                monitor.subTasks.toString());
        assertEquals("2 done, 0 skipped as up to date, 0 failed", result.summary().describe());

        ProjectLayout layout = ProjectLayout.open(local);
        Pipeline pipeline = PipelineFile.read(local.resolve("pipelines/nuclei.yaml"));
        LocalExecutor.installed().run(pipeline, layout, SampleFilter.select(SampleCatalog.load(layout.catalogFile())
                .samples(), pipeline.samples()), LocalExecutor.Options.defaults(), ProgressMonitor.NULL);
        byte[] expected = Files.readAllBytes(local.resolve("results/nuclei/nuclei.csv"));
        assertEquals(1 + 60 + 316, Files.readAllLines(local.resolve("results/nuclei/nuclei.csv")).size());
        assertArrayEquals(expected, Files.readAllBytes(onSpark.resolve("results/nuclei/nuclei.csv")),
                "Spark's table equals the local executor's, byte for byte");
    }
}
