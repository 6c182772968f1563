package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * segment.watershed against skimage.segmentation.watershed and segment.split against scikit-image's "separating
 * touching objects" pipeline (scikit-image 0.19, data/make_references.py): identical labels on real images.
 */
class WatershedTest {

    private static final Watershed WATERSHED = new Watershed();
    private static final SplitObjects SPLIT = new SplitObjects();

    @TempDir
    Path dir;

    private Image watershed(Image relief, Image markers, Image mask, int threads, String... parameters)
            throws IOException {
        Map<String, Image> inputs = new HashMap<>(Map.of("image", relief, "markers", markers));
        if (mask != null) {
            inputs.put("mask", mask);
        }
        return OpTesting.run(WATERSHED, inputs, OperatorContext.defaults().withParallelism(threads), parameters)
                .image("labels");
    }

    @Test
    void matchesScikitImageOnBlobsWithPlateaus() throws IOException {
        // relief 255 - blobs: uint8 in steps of 8, so wide plateaus where the queue order decides
        Image blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        ArrayImage relief = SegmentTesting.map(blobs, v -> 255 - v);
        ArrayImage markers = OpTesting.fixture(getClass(), "ws_markers.npy", dir);
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "ws_blobs_c1.npy", dir),
                watershed(relief, markers, null, 1, "connectivity=4"), "watershed, connectivity 4");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "ws_blobs_c2.npy", dir),
                watershed(relief, markers, null, 3, "connectivity=8"), "watershed, connectivity 8");
        Image masked = watershed(relief, markers, SegmentTesting.blobsMask(), 1);
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "ws_blobs_masked.npy", dir), masked, "masked");
    }

    @Test
    void splitsTouchingBlobsAsScikitImage() throws IOException {
        ArrayImage mask = SegmentTesting.blobsMask();
        for (int minDistance : new int[] { 1, 5 }) {
            Image labels = OpTesting.run(SPLIT, Map.of("mask", mask), OperatorContext.defaults().withParallelism(2),
                    "min_distance=" + minDistance).image("labels");
            OpTesting.assertIdentical(OpTesting.fixture(getClass(), "split_blobs_" + minDistance + ".npy", dir), labels,
                    "split, min_distance " + minDistance);
        }
    }

    @Test
    void splitsTouchingObjectsIn3D() throws IOException {
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        Image one = OpTesting.run(SPLIT, Map.of("mask", bone), OperatorContext.defaults().withParallelism(1),
                "min_distance=3").image("labels");
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "split_bone_3.npy", dir), one, "split 3D");
        Image many = OpTesting.run(SPLIT, Map.of("mask", bone), OperatorContext.defaults().withParallelism(7),
                "min_distance=3").image("labels");
        OpTesting.assertIdentical(one, many, "1 vs 7 threads");
    }

    @Test
    void designedPlateauIsSharedBetweenMarkers() throws IOException {
        // a flat row between two markers: the plateau is split in the middle by entry order
        ArrayImage relief = OpTesting.image(PixelType.UINT8, new long[] { 6, 1 }, 0, 0, 0, 0, 0, 0);
        ArrayImage markers = OpTesting.image(PixelType.UINT16, new long[] { 6, 1 }, 1, 0, 0, 0, 0, 2);
        assertArrayEquals(new double[] { 1, 1, 1, 2, 2, 2 }, OpTesting.values(watershed(relief, markers, null, 1)));
        // a mask cuts the flooding: voxels outside stay 0, and so does a region no marker reaches
        ArrayImage mask = OpTesting.image(PixelType.UINT8, new long[] { 6, 1 }, 1, 1, 0, 1, 1, 0);
        assertArrayEquals(new double[] { 1, 1, 0, 0, 0, 0 }, OpTesting.values(watershed(relief, markers, mask, 1)));
    }

    @Test
    void refusesInputsOfDifferentSizes() {
        ArrayImage relief = OpTesting.image(PixelType.UINT8, new long[] { 3, 1 }, 0, 0, 0);
        ArrayImage markers = OpTesting.image(PixelType.UINT16, new long[] { 2, 1 }, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> watershed(relief, markers, null, 1));
        assertTrue(e.getMessage().contains("markers") && e.getMessage().contains("same size"), e.getMessage());
    }
}
