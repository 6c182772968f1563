package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.spark.Success$;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.results.ResultsStore;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The example project's pipelines (nuclei: 2 microscopy images; porosity: 2 bone micro-CT volumes) on Spark
 * local[2] and with the local executor, each on its own copy of the project: the same tables, the same output
 * fingerprints, the same rows in the results store. A task that fails on its first attempt is retried by Spark and
 * its sample is stored once.
 */
class SparkPipelineTest {

    private static final Path EXAMPLE = Path.of(System.getProperty("qbi.examples.project"));
    private static final ObjectMapper JSON = new ObjectMapper();

    /** local[2, 2]: two executor threads, each task tried at most twice (spark.task.maxFailures in local mode). */
    private static SparkSession spark;
    private static final AtomicInteger failedTasks = new AtomicInteger();

    @BeforeAll
    static void startSpark() {
        spark = SparkEngine.session("local[2,2]");
        spark.sparkContext().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                if (end.reason() != Success$.MODULE$) {
                    failedTasks.incrementAndGet();
                }
            }
        });
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
        }
    }

    @Test
    void examplePipelinesGiveTheSameResultsOnSparkAndLocally(@TempDir Path dir) throws IOException {
        ProjectLayout local = LocalSparkTest.copyProject(EXAMPLE, dir.resolve("local"));
        ProjectLayout distributed = LocalSparkTest.copyProject(EXAMPLE, dir.resolve("spark"));
        for (String name : List.of("nuclei", "porosity")) {
            Pipeline pipeline = PipelineFile.read(local.pipelines().resolve(name + ".yaml"));
            RunSummary byLocal = LocalExecutor.installed().run(pipeline, local, LocalSparkTest.samples(local, pipeline),
                    LocalExecutor.Options.defaults().withJobs(2), ProgressMonitor.NULL);
            RunSummary bySpark = new SparkEngine(spark).run(pipeline, name, distributed,
                    LocalSparkTest.samples(distributed, pipeline), LocalExecutor.Options.defaults());
            assertEquals(2, byLocal.count(SampleOutcome.Status.DONE), byLocal.describe());
            assertEquals(2, bySpark.count(SampleOutcome.Status.DONE), bySpark.describe());

            Path localFolder = LocalExecutor.resultsFolder(local, pipeline);
            Path sparkFolder = LocalExecutor.resultsFolder(distributed, pipeline);
            for (Pipeline.Output output : pipeline.outputs()) {
                if (output.isTable()) {
                    String file = output.table() + ".csv";
                    assertEquals(Files.readString(localFolder.resolve(file)), Files.readString(sparkFolder.resolve(file)),
                            name + ": combined " + file);
                    assertTrue(Files.size(sparkFolder.resolve(output.table() + ".parquet")) > 0);
                }
            }
            for (SampleOutcome outcome : bySpark.outcomes()) {
                JsonNode sparkRecord = JSON.readTree(outcome.resultDir().resolve("provenance.json").toFile());
                JsonNode localRecord = JSON.readTree(localFolder.resolve(outcome.sample()).resolve("provenance.json")
                        .toFile());
                assertEquals(localRecord.get("outputs"), sparkRecord.get("outputs"), outcome.sample() + " outputs");
                assertEquals(localRecord.get("key"), sparkRecord.get("key"), outcome.sample() + " content key");
                assertEquals("spark", sparkRecord.path("engine").path("engine").asText());
                assertEquals("local[2,2]", sparkRecord.path("engine").path("master").asText());
                assertEquals(spark.version(), sparkRecord.path("engine").path("spark_version").asText());
                assertEquals("local", localRecord.path("engine").path("engine").asText());
            }
            for (Pipeline.Output output : pipeline.outputs()) {
                if (output.isTable()) {
                    assertEquals(storedRows(local, output.table()), storedRows(distributed, output.table()),
                            name + ": rows of " + output.table() + " in the results store");
                }
            }
        }
    }

    @Test
    void aTaskRetriedAfterAFailureStoresItsSampleOnce(@TempDir Path dir) throws IOException {
        ProjectLayout project = LocalSparkTest.copyProject(EXAMPLE, dir.resolve("retry"));
        Pipeline pipeline = PipelineFile.read(project.pipelines().resolve("nuclei.yaml"));
        List<Sample> samples = LocalSparkTest.samples(project, pipeline);
        int failedBefore = failedTasks.get();
        RunSummary summary = new SparkEngine(spark).failingFirstAttemptOf("blobs").run(pipeline, "nuclei", project,
                samples, LocalExecutor.Options.defaults().withForce(true));
        assertEquals(1, failedTasks.get() - failedBefore, "the first attempt of blobs failed and was retried");
        assertEquals(2, summary.count(SampleOutcome.Status.DONE), summary.describe());
        try (ResultsStore store = ResultsStore.open(project)) {
            assertEquals(1, store.runs().size());
            Table perSample = store.query("SELECT sample_id, count(*) AS n, count(DISTINCT object) AS objects "
                    + "FROM nuclei GROUP BY sample_id ORDER BY sample_id");
            assertEquals(2, perSample.rowCount());
            // counts of the example (equal to scikit-image, org.qbi.examples.tests): blobs 60, nuclei-A03 316
            assertEquals(List.of("blobs", "nuclei-A03"), List.of(perSample.column("sample_id").text(0),
                    perSample.column("sample_id").text(1)));
            assertEquals(60, perSample.column("n").number(0));
            assertEquals(316, perSample.column("n").number(1));
            assertEquals(perSample.column("n").number(0), perSample.column("objects").number(0));
            assertEquals(perSample.column("n").number(1), perSample.column("objects").number(1));
        }
        // no staging folder of the failed attempt is left
        try (Stream<Path> left = Files.walk(LocalExecutor.resultsFolder(project, pipeline))) {
            assertFalse(left.anyMatch(p -> p.getFileName().toString().startsWith(".staging")));
        }
    }

    /** The stored rows of {@code table} without their run id, in key order. */
    private static List<List<String>> storedRows(ProjectLayout project, String table) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        try (ResultsStore store = ResultsStore.open(project)) {
            Table stored = store.read(table);
            for (int r = 0; r < stored.rowCount(); r++) {
                List<String> values = new ArrayList<>();
                for (var column : stored.columns()) {
                    if (!column.name().equals("run_id")) {
                        values.add(column.name() + "=" + column.text(r));
                    }
                }
                rows.add(values);
            }
        }
        return rows;
    }
}
