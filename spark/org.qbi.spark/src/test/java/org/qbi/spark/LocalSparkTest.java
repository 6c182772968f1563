package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.qbi.project.ProjectLayout;

/**
 * Base of the tests that run on Spark local[2]: one session per test class (started before its tests, stopped
 * after), the plugins' declarations read into the registry, and a copy of a project for each test.
 */
abstract class LocalSparkTest {

    static SparkSession spark;
    static JavaSparkContext context;

    @BeforeAll
    static void startSpark() {
        spark = SparkEngine.session("local[2]");
        context = JavaSparkContext.fromSparkContext(spark.sparkContext());
        ChunkedVolume.installPlugins();
    }

    @AfterAll
    static void stopSpark() {
        if (spark != null) {
            spark.stop();
            spark = null;
        }
    }

    /** A copy of the project at {@code from} (its results left out) at {@code to}. */
    static ProjectLayout copyProject(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else if (!from.relativize(file).startsWith("results")) {
                    Files.copy(file, target);
                }
            }
        }
        return ProjectLayout.open(to);
    }
}
