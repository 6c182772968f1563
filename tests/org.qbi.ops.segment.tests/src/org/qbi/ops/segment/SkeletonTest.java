package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.testing.OpTesting;

/** segment.skeleton against skimage.morphology.skeletonize / skeletonize_3d (0.19, data/make_references.py). */
class SkeletonTest {

    private static final Skeleton SKELETON = new Skeleton();

    @TempDir
    Path dir;

    @Test
    void zhangSuenMatchesScikitImageIn2D() throws IOException {
        Image skeleton = OpTesting.run(SKELETON, SegmentTesting.blobsMask()).image("skeleton");
        assertEquals(PixelType.UINT8, skeleton.header().pixelType());
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "skeleton_blobs_zhang.npy", dir), skeleton, "zhang");
    }

    @Test
    void leeMatchesScikitImageIn2DAnd3D() throws IOException {
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "skeleton_blobs_lee.npy", dir),
                OpTesting.run(SKELETON, SegmentTesting.blobsMask(), "method=lee").image(), "lee 2D");
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "skeleton_bone_lee.npy", dir),
                OpTesting.run(SKELETON, bone).image(), "lee 3D (auto)");
    }

    @Test
    void aBarThinsToAConnectedLineInsideIt() throws IOException {
        // a 3-voxel-thick bar 7 long; skimage.morphology.skeletonize (0.19.3) gives the middle row from x=1 to 5
        // and a spur to the corner at (6, 1): Zhang-Suen's known corner artefact
        double[] values = new double[9 * 5];
        for (int y = 1; y <= 3; y++) {
            for (int x = 1; x <= 7; x++) {
                values[y * 9 + x] = 1;
            }
        }
        double[] expected = new double[9 * 5];
        for (int x = 1; x <= 5; x++) {
            expected[2 * 9 + x] = 1;
        }
        expected[9 + 6] = 1;
        double[] skeleton = OpTesting.values(OpTesting.run(SKELETON,
                OpTesting.image(PixelType.UINT8, new long[] { 9, 5 }, values)).image());
        assertArrayEquals(expected, skeleton);
        for (int i = 0; i < skeleton.length; i++) {
            assertTrue(skeleton[i] <= values[i], "skeleton voxel " + i + " outside the object");
        }
        // an empty mask stays empty
        assertArrayEquals(new double[4], OpTesting.values(OpTesting.run(SKELETON,
                OpTesting.image(PixelType.UINT8, new long[] { 2, 2 }, 0, 0, 0, 0)).image()));
    }

    @Test
    void zhangRefusesVolumes() {
        ArrayImage volume = OpTesting.image(PixelType.UINT8, new long[] { 2, 1, 2 }, 1, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(SKELETON, volume, "method=zhang"));
        assertTrue(e.getMessage().contains("2D") && e.getMessage().contains("lee"), e.getMessage());
    }
}
