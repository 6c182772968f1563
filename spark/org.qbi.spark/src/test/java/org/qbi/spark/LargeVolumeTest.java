package org.qbi.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scale test: a synthetic 1024 x 1024 x 512 float32 volume (2 GB) in 64^3 chunks (2,048), processed on
 * Spark local[2] in a JVM whose heap is 1 GB (this test's own surefire execution, "large-volume"), so the volume
 * cannot pass through the driver: the distributed Gaussian (sigma 2, halo from the neighbouring chunks), 26-connected
 * labeling (merged across chunk faces) and exact distance transform (pencils along x, y, z) equal, fingerprint for
 * fingerprint, the local operators on the whole volume in memory, computed in a separate JVM with the memory that
 * needs ({@link ChunkBench} local). About 8 GB of temporary disk and 2-3 minutes; -Dqbi.skipLargeVolume=true skips it.
 */
class LargeVolumeTest {

    private static final long NX = 1024;
    private static final long NY = 1024;
    private static final long NZ = 512;
    private static final int EDGE = 64;

    @Test
    void aVolumeTwiceTheDriversHeapGivesTheLocalResults(@TempDir Path dir) throws Exception {
        assumeFalse(Boolean.getBoolean("qbi.skipLargeVolume"), "skipped with -Dqbi.skipLargeVolume=true");
        long volumeBytes = NX * NY * NZ * Float.BYTES;
        assertTrue(Runtime.getRuntime().maxMemory() <= volumeBytes / 2,
                "run with a heap of at most half the volume (-Xmx1g): " + Runtime.getRuntime().maxMemory());
        Path volume = dir.resolve("volume.zarr");
        Path mask = dir.resolve("mask.zarr");
        Map<String, String> distributed = new HashMap<>();
        SparkSession spark = SparkEngine.session("local[2]");
        try {
            JavaSparkContext context = JavaSparkContext.fromSparkContext(spark.sparkContext());
            SyntheticChunks.generate(context, NX, NY, NZ, EDGE, volume, mask);
            ChunkedFilter.Summary smoothed = ChunkedFilter.run(context, "filter.gaussian", Map.of("sigma", "2"), volume,
                    dir.resolve("smoothed.zarr"));
            assertEquals((NX / EDGE) * (NY / EDGE) * (NZ / EDGE), smoothed.chunks());
            ChunkedLabeling.Summary labels = ChunkedLabeling.run(context, Map.of(), mask, dir.resolve("labels.zarr"));
            assertTrue(labels.joinedPairs() > 0, "objects cross chunk faces");
            ChunkedDistanceTransform.run(context, Map.of(), mask, dir.resolve("distance.zarr"));
            distributed.put("gaussian", LocalSparkTest.fingerprint(dir.resolve("smoothed.zarr")));
            distributed.put("labels", LocalSparkTest.fingerprint(dir.resolve("labels.zarr")));
            distributed.put("objects", Integer.toString(labels.objects()));
            distributed.put("distance", LocalSparkTest.fingerprint(dir.resolve("distance.zarr")));
        } finally {
            spark.stop();
        }

        Map<String, String> local = localResults(dir);
        for (String result : List.of("gaussian", "labels", "objects", "distance")) {
            assertNotNull(local.get(result), "the local run printed " + result + ": " + local);
            assertEquals(local.get(result), distributed.get(result), result);
        }
    }

    /**
     * The local operators on the whole volume in memory, in a JVM of their own (ChunkBench local, one round): result
     * name to fingerprint, and the number of objects.
     */
    private static Map<String, String> localResults(Path dir) throws IOException, InterruptedException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx2g", "-Dqbi.offheap.budget=" + (12L << 30),
                "--enable-native-access=ALL-UNNAMED", "-Dqbi.bench.ops=gaussian,label,distance", "-Dqbi.bench.rounds=1",
                "-cp", System.getProperty("java.class.path"), ChunkBench.class.getName(), "local", dir.toString(), "2"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(10, TimeUnit.MINUTES), "the local run ends");
        assertEquals(0, process.exitValue(), output);
        Map<String, String> results = new HashMap<>();
        for (String line : output.lines().toList()) {
            String[] words = line.split(" ", 2);
            if (words.length == 2 && List.of("gaussian", "labels", "distance").contains(words[0])) {
                // "labels FINGERPRINT objects N.0"
                String[] values = words[1].strip().split(" ");
                results.put(words[0], values[0]);
                if (values.length == 3 && values[1].equals("objects")) {
                    results.put("objects", Long.toString((long) Double.parseDouble(values[2])));
                }
            }
        }
        return results;
    }
}
