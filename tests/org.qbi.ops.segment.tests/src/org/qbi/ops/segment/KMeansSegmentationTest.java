package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.table.Table;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;
import org.qbi.ops.testing.OpTesting;

/**
 * segment.kmeans against scipy.cluster.vq.kmeans2 started from the same quantiles (scipy 1.10,
 * data/make_references.py prints the centres quoted here).
 */
class KMeansSegmentationTest {

    private static final KMeansSegmentation KMEANS = new KMeansSegmentation();

    @TempDir
    Path dir;

    @Test
    void matchesScipyOnBlobs() throws IOException {
        Image blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        Outputs out = OpTesting.run(KMEANS, Map.of("image", blobs), OperatorContext.defaults().withParallelism(3), "k=3");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "kmeans_blobs_3.npy", dir), out.image("labels"),
                "k-means 3 classes");
        Table clusters = out.table("clusters");
        assertArrayEquals(new double[] { 49.43735974, 122.84240688, 207.88401219 },
                clusters.column("centre").numbers(), 1e-7);
        assertEquals(65024, clusters.column("voxels").number(0) + clusters.column("voxels").number(1)
                + clusters.column("voxels").number(2));
    }

    @Test
    void matchesScipyOnAHeadVolume() throws IOException {
        Image head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        Outputs one = OpTesting.run(KMEANS, Map.of("image", head), OperatorContext.defaults().withParallelism(1), "k=4");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "kmeans_head_4.npy", dir), one.image("labels"),
                "k-means 4 classes, 3D");
        assertArrayEquals(new double[] { 91.55195638, 219.30088371, 285.15497783, 348.93077717 },
                one.table("clusters").column("centre").numbers(), 1e-7);
        Outputs seven = OpTesting.run(KMEANS, Map.of("image", head), OperatorContext.defaults().withParallelism(7),
                "k=4");
        OpTesting.assertIdentical(one.image("labels"), seven.image("labels"), "1 vs 7 threads");
    }

    @Test
    void maskedVoxelsGetZeroAndTakeNoPart() throws IOException {
        ArrayImage image = OpTesting.image(PixelType.FLOAT32, new long[] { 6, 1 }, 1, 2, 10, 11, 1000, 3);
        ArrayImage mask = OpTesting.image(PixelType.UINT8, new long[] { 6, 1 }, 1, 1, 1, 1, 0, 1);
        Outputs out = OpTesting.run(KMEANS, Map.of("image", image, "mask", mask), OperatorContext.defaults(), "k=2");
        assertArrayEquals(new double[] { 1, 1, 2, 2, 0, 1 }, OpTesting.values(out.image("labels")));
        assertArrayEquals(new double[] { 2, 10.5 }, out.table("clusters").column("centre").numbers(), 1e-12);
    }
}
