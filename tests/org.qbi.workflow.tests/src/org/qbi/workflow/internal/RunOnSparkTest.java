package org.qbi.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code qbi run PIPELINE --engine spark --master local[2]} from inside OSGi: the command starts the job jar the
 * build made (spark/org.qbi.spark, built before the tests in the reactor) in a Java process of its own, and the
 * example's nuclei pipeline lands in the project with Spark named in its provenance. The operators run in that
 * process (this test runtime does not even hold the measurement bundles). Equality with the local engine is tested
 * in the Spark module. Skipped with a message when the job jar has not been built.
 */
class RunOnSparkTest {

    private static final Path REPOSITORY = Path.of(System.getProperty("qbi.repository", "."));

    @Test
    void theExamplePipelineRunsOnSparkFromTheQbiCommand(@TempDir Path dir) throws Exception {
        Path target = REPOSITORY.resolve("spark/org.qbi.spark/target");
        Path classpath = target.resolve("spark.classpath");
        Path job;
        try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
            job = files.filter(f -> f.getFileName().toString().endsWith("-job.jar")).findFirst().orElse(null);
        }
        assumeTrue(job != null && Files.isRegularFile(classpath), "the Spark job jar is not built in " + target
                + " (build spark/org.qbi.spark first)");

        Path example = REPOSITORY.resolve("bundles/org.qbi.examples/example-project");
        Path spark = org.qbi.workflow.ProjectCopies.fresh(example, dir.resolve("spark"));
        Map<String, String> env = new HashMap<>();
        env.put("QBI_SPARK_JOB", job.toString());
        env.put("QBI_SPARK_CLASSPATH", Files.readString(classpath).strip());
        assertEquals(0, run(spark, "spark", env));

        // one header and a row per nucleus: 60 in blobs, 316 in nuclei-A03 (the example's counts, equal to
        // scikit-image in org.qbi.examples.tests)
        assertEquals(1 + 60 + 316, Files.readAllLines(spark.resolve("results/nuclei/nuclei.csv")).size());
        assertTrue(Files.size(spark.resolve("results/nuclei/nuclei.parquet")) > 0);
        JsonNode provenance = new ObjectMapper().readTree(spark.resolve("results/nuclei/blobs/provenance.json").toFile());
        assertEquals("spark", provenance.path("engine").path("engine").asText());
        assertEquals("local[2]", provenance.path("engine").path("master").asText());
        assertEquals("4.2.0", provenance.path("engine").path("spark_version").asText());
    }

    private static int run(Path project, String engine, Map<String, String> env) throws Exception {
        RunCommand command = new RunCommand();
        command.pipelineName = project.resolve("pipelines/nuclei.yaml").toString();
        command.projectDir = project;
        command.engine = engine;
        command.master = "local[2]";
        command.environment = env;
        return command.call();
    }
}
