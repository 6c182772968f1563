package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Table;
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
 *     (writes DIR/volume.zarr and DIR/mask.zarr, then filter.gaussian sigma 2 and segment.label chunk by chunk, and
 *     segment.distance by pencils of chunks)
 * java -Xmx1g OPENS -cp JOB:SPARK org.qbi.spark.ChunkBench local DIR 2
 *     (the same three operators on the whole volume in memory, off-heap, with 2 threads)
 * -Dqbi.bench.ops=gaussian,label,distance,histogram,regions chooses (default: the first three; regions measures the
 * labels the Spark run wrote), -Dqbi.bench.reuse=true keeps a volume written before, -Dqbi.bench.rounds=N (default 2:
 * the second without the JIT's first compilations).
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
        Set<String> ops = Set.of(System.getProperty("qbi.bench.ops", "gaussian,label,distance").split(","));
        if (args[0].equals("local")) {
            ChunkedVolume.installPlugins();
            OperatorContext context = OperatorContext.of(ProgressMonitor.NULL).withParallelism(Integer.parseInt(args[2]));
            int rounds = Math.max(1, Integer.getInteger("qbi.bench.rounds", 2));
            for (int round = 0; round < rounds; round++) {
                boolean last = round == rounds - 1;
                if (ops.contains("gaussian")) {
                    localRun("gaussian", "filter.gaussian", "image", volume, gaussian, context, last);
                }
                if (ops.contains("label")) {
                    localRun("labels", "segment.label", "mask", mask, Map.of(), context, last);
                }
                if (ops.contains("distance")) {
                    localRun("distance", "segment.distance", "mask", mask, Map.of(), context, last);
                }
                if (ops.contains("histogram")) {
                    long t0 = System.nanoTime();
                    Table histogram = local("measure.histogram", "image", volume, Map.of(), context).table("histogram");
                    print("local measure.histogram (s, incl. reading the input)", (System.nanoTime() - t0) / 1e9);
                    System.out.println("histogram " + digest(histogram));
                }
                if (ops.contains("regions")) {
                    // the labels written by the Spark run (segment.label's, identical to the local labels)
                    try (Image labels = ImageFormats.installed().open(dir.resolve("labels.zarr"), null)) {
                        long t0 = System.nanoTime();
                        ArrayImage whole = ArrayImage.copyOf(labels);
                        Table regions = Operators.installed().run("measure.regions", Map.of("labels", whole),
                                Map.of(), context).table("regions");
                        print("local measure.regions (s, incl. reading the labels)", (System.nanoTime() - t0) / 1e9);
                        System.out.println("regions " + digest(regions) + " rows " + regions.rowCount());
                        whole.close();
                    }
                }
            }
            return;
        }
        SparkSession spark = SparkEngine.session(args[2]);
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            System.out.println("driver max heap " + Runtime.getRuntime().maxMemory() / (1 << 20) + " MB");
            if (!Boolean.getBoolean("qbi.bench.reuse") || !Files.exists(mask)) {
                long t0 = System.nanoTime();
                SyntheticChunks.generate(context, Long.parseLong(args[3]), Long.parseLong(args[4]),
                        Long.parseLong(args[5]), Integer.parseInt(args[6]), volume, mask);
                print("generate (s)", (System.nanoTime() - t0) / 1e9);
            }
            for (int round = 0; round < 2; round++) {
                if (ops.contains("gaussian")) {
                    long t1 = System.nanoTime();
                    ChunkedFilter.Summary filtered = ChunkedFilter.run(context, "filter.gaussian", gaussian, volume,
                            dir.resolve("smoothed.zarr"));
                    print("spark gaussian wall (s)", (System.nanoTime() - t1) / 1e9);
                    print("spark gaussian task seconds", filtered.taskSeconds());
                    System.out.println("chunks " + filtered.chunks());
                }
                if (ops.contains("label")) {
                    long t2 = System.nanoTime();
                    ChunkedLabeling.Summary labeled = ChunkedLabeling.run(context, Map.of(), mask,
                            dir.resolve("labels.zarr"));
                    print("spark label wall (s)", (System.nanoTime() - t2) / 1e9);
                    print("spark label task seconds", labeled.taskSeconds());
                    System.out.println("objects " + labeled.objects() + " joined pairs " + labeled.joinedPairs());
                }
                if (ops.contains("distance")) {
                    long t3 = System.nanoTime();
                    ChunkedDistanceTransform.Summary distance = ChunkedDistanceTransform.run(context, Map.of(), mask,
                            dir.resolve("distance.zarr"));
                    print("spark distance wall (s, 3 passes)", (System.nanoTime() - t3) / 1e9);
                    print("spark distance task seconds", distance.taskSeconds());
                    print("spark distance task ms per chunk and pass",
                            1000 * distance.taskSeconds() / distance.chunks() / distance.passes());
                    System.out.println("pencils " + distance.pencils() + ", largest pencil "
                            + (distance.pencilBytes() >> 20) + " MB");
                }
                if (ops.contains("histogram")) {
                    long t4 = System.nanoTime();
                    Table histogram = ChunkedHistogram.run(context, Map.of(), volume);
                    print("spark histogram wall (s, range and counts)", (System.nanoTime() - t4) / 1e9);
                    System.out.println("histogram " + digest(histogram));
                }
                if (ops.contains("regions")) {
                    long t5 = System.nanoTime();
                    Table regions = ChunkedRegions.run(context, Map.of(), dir.resolve("labels.zarr"), null);
                    print("spark regions wall (s)", (System.nanoTime() - t5) / 1e9);
                    System.out.println("regions " + digest(regions) + " rows " + regions.rowCount());
                }
            }
            for (String[] output : new String[][] { { "gaussian", "smoothed" }, { "label", "labels" },
                    { "distance", "distance" } }) {
                if (ops.contains(output[0])) {
                    try (Image image = ImageFormats.installed().open(dir.resolve(output[1] + ".zarr"), null)) {
                        System.out.println(output[1] + " " + Fingerprint.of(image, ProgressMonitor.NULL));
                    }
                }
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

    private static void localRun(String name, String operator, String port, Path input, Map<String, String> parameters,
            OperatorContext context, boolean fingerprint) throws IOException {
        long t0 = System.nanoTime();
        Outputs outputs = local(operator, port, input, parameters, context);
        print("local " + operator + " (s, incl. reading the input)", (System.nanoTime() - t0) / 1e9);
        if (fingerprint) {
            System.out.println(name + " " + Fingerprint.of(outputs.image(), ProgressMonitor.NULL)
                    + (operator.equals("segment.label") ? " objects "
                            + outputs.table("objects").column("objects").number(0) : ""));
        }
        ((ArrayImage) outputs.image()).close();
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

    /** SHA-256 of a table's CSV text: equal tables, equal digests. */
    private static String digest(Table table) throws IOException {
        java.io.StringWriter text = new java.io.StringWriter();
        table.writeCsv(text);
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8))).substring(0, 16);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void print(String what, double value) {
        System.out.println(String.format(Locale.ROOT, "%-48s %8.2f", what, value));
    }
}
