package org.qbi.workflow.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.workflow.SparkRun;
import org.qbi.workflow.SparkRun.SetupException;

/** What {@code qbi run --engine spark} starts, depending on SPARK_HOME, QBI_SPARK_JOB and QBI_SPARK_CLASSPATH. */
class SparkSubmissionTest {

    @Test
    void withSparkHomeItIsSparkSubmitOfTheJobJar(@TempDir Path dir) throws Exception {
        Path job = Files.createFile(dir.resolve("job.jar"));
        Path submit = Files.createDirectories(dir.resolve("spark/bin")).resolve("spark-submit");
        Files.createFile(submit, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        Path lab = Files.createFile(dir.resolve("lab-ops.jar"));
        List<String> command = SparkSubmission.command(Map.of("SPARK_HOME", dir.resolve("spark").toString(),
                "QBI_SPARK_JOB", job.toString()), dir.resolve("p/pipelines/n.yaml"), dir.resolve("p"), "yarn",
                List.of(lab), List.of("--force"));
        assertEquals(List.of(submit.toString(), "--master", "yarn", "--jars", lab.toString(), "--class",
                "org.qbi.spark.SparkRunMain",
                job.toString(), dir.resolve("p/pipelines/n.yaml").toString(), "--project", dir.resolve("p").toString(),
                "--force"), command);
    }

    @Test
    void withoutSparkHomeLocalMastersRunInAPlainJava(@TempDir Path dir) throws Exception {
        Path job = Files.createFile(dir.resolve("job.jar"));
        Path lab = Files.createFile(dir.resolve("lab-ops.jar"));
        List<String> command = SparkSubmission.command(Map.of("QBI_SPARK_JOB", job.toString(), "QBI_SPARK_CLASSPATH",
                "/opt/spark/a.jar:/opt/spark/b.jar"), dir.resolve("n.yaml"), dir, "local[2]", List.of(lab), List.of());
        int cp = command.indexOf("-cp");
        assertTrue(cp > 0, command.toString());
        assertEquals(job + ":" + lab + ":/opt/spark/a.jar:/opt/spark/b.jar", command.get(cp + 1));
        assertEquals(List.of("org.qbi.spark.SparkRunMain", "--master", "local[2]"), command.subList(cp + 2, cp + 5));
        assertTrue(command.contains("--add-opens=java.base/java.nio=ALL-UNNAMED"), "Kryo needs java.nio opened");
    }

    @Test
    void missingPiecesAreNamedWithTheVariableToSet(@TempDir Path dir) throws Exception {
        SetupException noJob = assertThrows(SetupException.class, () -> SparkSubmission.command(Map.of(),
                dir.resolve("n.yaml"), dir, "local[*]", List.of(), List.of()));
        assertTrue(noJob.getMessage().contains("QBI_SPARK_JOB"), noJob.getMessage());
        assertEquals(SparkRun.Setting.JOB_JAR, noJob.setting());
        Path job = Files.createFile(dir.resolve("job.jar"));
        SetupException cluster = assertThrows(SetupException.class, () -> SparkSubmission.command(
                Map.of("QBI_SPARK_JOB", job.toString()), dir.resolve("n.yaml"), dir, "spark://head:7077", List.of(),
                List.of()));
        assertTrue(cluster.getMessage().contains("SPARK_HOME"), cluster.getMessage());
        assertEquals(SparkRun.Setting.SPARK_HOME, cluster.setting());
        SetupException noSpark = assertThrows(SetupException.class, () -> SparkSubmission.command(
                Map.of("QBI_SPARK_JOB", job.toString()), dir.resolve("n.yaml"), dir, "local[*]", List.of(), List.of()));
        assertTrue(noSpark.getMessage().contains("QBI_SPARK_CLASSPATH"), noSpark.getMessage());
        assertEquals(SparkRun.Setting.SPARK_CLASSPATH, noSpark.setting());
    }
}
