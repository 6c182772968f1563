package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.Outputs;
import org.qbi.project.ProjectLayout;
import org.qbi.project.SampleCatalog;
import org.qbi.workflow.LocalExecutor;
import org.qbi.workflow.Pipeline;
import org.qbi.workflow.PipelineFile;
import org.qbi.workflow.RunReport;
import org.qbi.workflow.RunSummary;

/**
 * Benchmark of one volume's chunks on Spark against the local operators on the same machine (issue 9: a
 * 1024 x 1024 x 512 float32 volume, 2 GB, in 64^3 chunks, with a driver heap smaller than the volume):
 * <pre>
 * java -Xmx1g OPENS -cp JOB:SPARK org.qbi.spark.ChunkBench spark DIR local[2] 1024 1024 512 64
 *     (writes DIR/volume.zarr and DIR/mask.zarr, then filter.gaussian sigma 2 and segment.label chunk by chunk)
 * java -Xmx1g OPENS -cp JOB:SPARK org.qbi.spark.ChunkBench local DIR 2
 *     (the same two operators on the whole volume in memory, off-heap, with 2 threads)
 * </pre>
 * Each prints its timings and the outputs' fingerprints, which must be equal. A whole pipeline on the volume, chunk
 * by chunk on Spark against the local executor:
 * <pre>
 * java -Xmx1g OPENS -cp JOB:SPARK org.qbi.spark.ChunkBench project DIR local[2] 1024 1024 512 64
 *     (DIR becomes a project with one sample, vol, whose file is raw/volume.zarr)
 * java -Xmx1g OPENS -cp JOB:SPARK org.qbi.spark.SparkRunMain PIPELINE --project DIR --master local[2] --out DIR/spark
 * java -Xmx1g OPENS -cp JOB:SPARK org.qbi.spark.ChunkBench run-local DIR PIPELINE DIR/local
 * </pre>
 */
public final class ChunkBench {

    private ChunkBench() {
    }

    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        Map<String, String> gaussian = Map.of("sigma", "2");
        if (args[0].equals("run-local")) {
            runLocal(Path.of(args[2]), ProjectLayout.open(dir.toAbsolutePath()), Path.of(args[3]));
            return;
        }
        if (args[0].equals("project")) {
            ProjectLayout project = new ProjectLayout(dir.toAbsolutePath()).create();
            SparkSession spark = SparkEngine.session(args[2]);
            try {
                long t0 = System.nanoTime();
                SyntheticChunks.generate(JavaSparkContext.fromSparkContext(spark.sparkContext()), Long.parseLong(args[3]),
                        Long.parseLong(args[4]), Long.parseLong(args[5]), Integer.parseInt(args[6]),
                        project.root().resolve("raw/volume.zarr"), project.root().resolve("raw/mask.zarr"));
                print("generate (s)", (System.nanoTime() - t0) / 1e9);
            } finally {
                spark.stop();
            }
            Files.writeString(project.catalogFile(), "sample_id,group,notes,files\nvol,synthetic,,raw/volume.zarr\n");
            return;
        }
        if (args[0].equals("local")) {
            ChunkedVolume.installPlugins();
            OperatorContext context = OperatorContext.of(ProgressMonitor.NULL).withParallelism(Integer.parseInt(args[2]));
            for (int round = 0; round < 2; round++) {
                long t0 = System.nanoTime();
                Outputs smoothed = local("filter.gaussian", "image", volume, gaussian, context);
                long t1 = System.nanoTime();
                Outputs labels = local("segment.label", "mask", mask, Map.of(), context);
                long t2 = System.nanoTime();
                print("local gaussian (s, incl. reading the volume)", (t1 - t0) / 1e9);
                print("local label (s, incl. reading the mask)", (t2 - t1) / 1e9);
                if (round == 1) {
                    System.out.println("gaussian " + Fingerprint.of(smoothed.image(), ProgressMonitor.NULL));
                    System.out.println("labels " + Fingerprint.of(labels.image(), ProgressMonitor.NULL) + " objects "
                            + labels.table("objects").column("objects").number(0));
                }
                ((ArrayImage) smoothed.image()).close();
                ((ArrayImage) labels.image()).close();
            }
            return;
        }
        SparkSession spark = SparkEngine.session(args[2]);
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            System.out.println("driver max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
            long t0 = System.nanoTime();
            SyntheticChunks.generate(context, Long.parseLong(args[3]), Long.parseLong(args[4]), Long.parseLong(args[5]),
                    Integer.parseInt(args[6]), volume, mask);
            print("generate (s)", (System.nanoTime() - t0) / 1e9);
            for (int round = 0; round < 2; round++) {
                long t1 = System.nanoTime();
                ChunkedFilter.Summary filtered = ChunkedFilter.run(context, "filter.gaussian", gaussian, volume,
                        dir.resolve("smoothed.zarr"));
                long t2 = System.nanoTime();
                ChunkedLabeling.Summary labeled = ChunkedLabeling.run(context, Map.of(), mask, dir.resolve("labels.zarr"));
                long t3 = System.nanoTime();
                print("spark gaussian wall (s)", (t2 - t1) / 1e9);
                print("spark gaussian task seconds", filtered.taskSeconds());
                print("spark label wall (s)", (t3 - t2) / 1e9);
                print("spark label task seconds", labeled.taskSeconds());
                System.out.println("chunks " + filtered.chunks() + " objects " + labeled.objects() + " joined pairs "
                        + labeled.joinedPairs());
            }
            try (Image smoothed = ImageFormats.installed().open(dir.resolve("smoothed.zarr"), null);
                    Image labels = ImageFormats.installed().open(dir.resolve("labels.zarr"), null)) {
                System.out.println("gaussian " + Fingerprint.of(smoothed, ProgressMonitor.NULL));
                System.out.println("labels " + Fingerprint.of(labels, ProgressMonitor.NULL));
            }
        } finally {
            spark.stop();
        }
    }

    /** The local executor on every sample of {@code project}, its results in {@code out}. */
    private static void runLocal(Path pipelineFile, ProjectLayout project, Path out) throws IOException {
        ChunkedVolume.installPlugins();
        Pipeline pipeline = PipelineFile.read(pipelineFile);
        System.out.println("driver max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
        long t0 = System.nanoTime();
        RunSummary summary = LocalExecutor.installed().run(pipeline, project, SampleCatalog.load(project.catalogFile())
                .samples(), LocalExecutor.Options.defaults().withForce(true).withResults(out), ProgressMonitor.NULL);
        print("local executor wall (s)", (System.nanoTime() - t0) / 1e9);
        RunReport.print(summary, pipeline, out, System.out);
    }

    private static Outputs local(String operator, String port, Path input, Map<String, String> parameters,
            OperatorContext context) throws IOException {
        try (Image image = ImageFormats.installed().open(input, null)) {
            long t0 = System.nanoTime();
            ArrayImage whole = ArrayImage.copyOf(image);
            long t1 = System.nanoTime();
            try {
                Outputs outputs = Operators.installed().run(operator, Map.of(port, whole), parameters, context);
                print("  reading the input into memory (s)", (t1 - t0) / 1e9);
                print("  " + operator + " in memory (s)", (System.nanoTime() - t1) / 1e9);
                return outputs;
            } finally {
                whole.close();
            }
        }
    }

    private static void print(String what, double value) {
        System.out.println(String.format(Locale.ROOT, "%-48s %8.2f", what, value));
    }
}
