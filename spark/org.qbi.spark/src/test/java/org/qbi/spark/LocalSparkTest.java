package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.SampleFilter;

/**
 * Base of the tests that run on Spark local[2]: one session per test class (started before its tests, stopped
 * after), the plugins' declarations read into the registry, and a copy of a project for each test. Its static
 * helpers serve the other Spark tests as well.
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

    /** The samples of {@code project} that {@code pipeline} selects. */
    static List<Sample> samples(ProjectLayout project, Pipeline pipeline) throws IOException {
        return SampleFilter.select(SampleCatalog.load(project.catalogFile()).samples(), pipeline.samples());
    }

    /** The pixel fingerprint of the image in {@code file} (e.g. a Zarr store). */
    static String fingerprint(Path file) throws IOException {
        try (Image image = ImageFormats.installed().open(file, null)) {
            return Fingerprint.of(image, ProgressMonitor.NULL);
        }
    }

    /** The local operator on the whole image in {@code input}, read into memory, given to input port {@code port}. */
    static Outputs local(String operator, String port, Path input, Map<String, String> parameters) throws IOException {
        try (Image image = ImageFormats.installed().open(input, null)) {
            ArrayImage whole = ArrayImage.copyOf(image);
            return Operators.installed().run(operator, Map.of(port, whole), parameters, OperatorContext.defaults());
        }
    }
}
