package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.apache.spark.sql.SparkSession;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunSummary;
import org.qbi.workflow.SampleOutcome;

/**
 * Throughput of a pipeline over many samples with the local executor and with Spark local[1] and local[2], in one
 * run on the same machine and files: samples per minute, the ratios, and Spark's overhead per sample (its time
 * minus the local executor's at the same number of samples at once, divided by the samples). SparkSession start is
 * timed separately. Results are not stored (the results store's transaction is the same for both engines).
 * <p>
 * {@code java <spark options> -cp JOB_JAR:SPARK_CLASSPATH org.qbi.spark.SparkBench EXAMPLE_PROJECT [PIPELINE]
 * [SAMPLES] [REPEAT]}; defaults nuclei, 40 samples (copies of the pipeline's samples), best of 2.
 */
public final class SparkBench {

    private SparkBench() {
    }

    public static void main(String[] args) throws IOException {
        Path example = Path.of(args.length > 0 ? args[0] : "bundles/org.qbi.examples/example-project");
        String name = args.length > 1 ? args[1] : "nuclei";
        int count = args.length > 2 ? Integer.parseInt(args[2]) : 40;
        int repeat = args.length > 3 ? Integer.parseInt(args[3]) : 2;
        Path work = Files.createTempDirectory("qbi-spark-bench");
        ProjectLayout project = copies(example, work.resolve("project"), name, count);
        Pipeline pipeline = PipelineFile.read(project.pipelines().resolve(name + ".yaml"));
        List<Sample> samples = SampleCatalog.load(project.catalogFile()).samples();
        LocalExecutor.Options options = LocalExecutor.Options.defaults().withForce(true).withStore(false);
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "pipeline %s, %d samples, %d cores, best of %d%n", name, count, cores, repeat);

        double local1 = best(repeat, () -> LocalExecutor.installed().run(pipeline, project, samples,
                options.withJobs(1), ProgressMonitor.NULL));
        double work1 = sampleSeconds;
        double local2 = best(repeat, () -> LocalExecutor.installed().run(pipeline, project, samples,
                options.withJobs(2), ProgressMonitor.NULL));
        double work2 = sampleSeconds;
        double[] spark1 = spark("local[1]", repeat, pipeline, project, samples, options);
        double sparkWork1 = sampleSeconds;
        double[] spark2 = spark("local[2]", repeat, pipeline, project, samples, options);
        double sparkWork2 = sampleSeconds;

        System.out.printf(Locale.ROOT, "%-26s %9s %12s %14s%n", "engine", "seconds", "samples/min", "vs local jobs=1");
        row("local executor, jobs=1", local1, count, local1);
        row("local executor, jobs=2", local2, count, local1);
        row("Spark local[1]", spark1[1], count, local1);
        row("Spark local[2]", spark2[1], count, local1);
        System.out.printf(Locale.ROOT, "Spark scaling local[1] -> local[2]: %.2fx; local executor jobs 1 -> 2: %.2fx%n",
                spark1[1] / spark2[1], local1 / local2);
        System.out.printf(Locale.ROOT, "Spark overhead per sample: %.1f ms at 1 at once, %.1f ms at 2 at once "
                + "(local executor %.1f / %.1f ms per sample)%n", 1000 * (spark1[1] - local1) / count,
                1000 * (spark2[1] - local2) / count, 1000 * local1 / count, 1000 * local2 / count);
        System.out.printf(Locale.ROOT, "one sample's own work (runSample): local %.1f / %.1f ms, Spark %.1f / %.1f ms "
                + "(1 / 2 at once)%n", 1000 * work1, 1000 * work2, 1000 * sparkWork1, 1000 * sparkWork2);
        System.out.printf(Locale.ROOT, "SparkSession start: %.2f s (local[1]), %.2f s (local[2])%n", spark1[0],
                spark2[0]);
    }

    private interface Run {
        RunSummary run() throws IOException;
    }

    /** Mean seconds of one sample's own work (inside runSample) in the best run of the last {@link #best} call. */
    private static double sampleSeconds;

    private static double best(int repeat, Run run) throws IOException {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repeat; i++) {
            long start = System.nanoTime();
            RunSummary summary = run.run();
            double seconds = (System.nanoTime() - start) / 1e9;
            if (seconds < best) {
                best = seconds;
                sampleSeconds = summary.outcomes().stream().mapToDouble(SampleOutcome::seconds).average().orElse(0);
            }
            if (summary.count(SampleOutcome.Status.DONE) != summary.outcomes().size()) {
                throw new IllegalStateException("not every sample ran: " + summary.describe());
            }
        }
        return best;
    }

    /** @return session start seconds, best run seconds */
    private static double[] spark(String master, int repeat, Pipeline pipeline, ProjectLayout project,
            List<Sample> samples, LocalExecutor.Options options) throws IOException {
        long start = System.nanoTime();
        try (SparkSession spark = SparkEngine.session(master)) {
            double session = (System.nanoTime() - start) / 1e9;
            SparkEngine engine = new SparkEngine(spark);
            double best = best(repeat, () -> engine.run(pipeline, pipeline.name(), project, samples, options));
            return new double[] { session, best };
        }
    }

    private static void row(String engine, double seconds, int count, double reference) {
        System.out.printf(Locale.ROOT, "%-26s %9.2f %12.1f %14.2f%n", engine, seconds, 60 * count / seconds,
                reference / seconds);
    }

    /** A project whose catalog lists {@code count} samples, copies of the pipeline's own samples' files in turn. */
    private static ProjectLayout copies(Path example, Path to, String name, int count) throws IOException {
        try (Stream<Path> files = Files.walk(example)) {
            for (Path file : files.toList()) {
                Path relative = example.relativize(file);
                if (relative.startsWith("results") && !Files.isDirectory(file)) {
                    continue; // a fresh project: the folders, no earlier results
                }
                Path target = to.resolve(relative.toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
        ProjectLayout project = ProjectLayout.open(to);
        Pipeline pipeline = PipelineFile.read(project.pipelines().resolve(name + ".yaml"));
        SampleCatalog catalog = SampleCatalog.load(project.catalogFile());
        List<Sample> originals = org.qbi.workflow.SampleFilter.select(catalog.samples(), pipeline.samples());
        List<String> lines = new ArrayList<>(List.of("sample_id,group,notes,files"));
        for (int i = 0; i < count; i++) {
            Sample original = originals.get(i % originals.size());
            lines.add(String.format(Locale.ROOT, "s%04d-%s,%s,,%s", i, original.id(), original.group(),
                    String.join(";", original.files())));
        }
        Files.write(project.catalogFile(), lines);
        // the pipeline's sample selection would pick by group; the bench runs every listed sample
        return project;
    }
}
