package org.qbi.ui.viewer.internal.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.progress.CancelledException;

/**
 * The pyramid against block means and nearest samples computed here by brute force over the full volume (an
 * independent loop per output voxel, not the streaming sums of the pyramid).
 */
class ImagePyramidTest {

    private static final int X = 37;
    private static final int Y = 29;
    private static final int Z = 19;

    private static ArrayImage volume(PixelType type, int max) {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(type, X, Y, Z));
        Random random = new Random(4);
        for (long i = 0; i < (long) X * Y * Z; i++) {
            PixelValues.set(type, image.values(), i, random.nextInt(max));
        }
        return image;
    }

    private static double at(ArrayImage image, long x, long y, long z) {
        return PixelValues.get(image.header().pixelType(), image.values(), x + X * (y + (long) Y * z));
    }

    @Test
    void finestLevelIsTheBlockMeanWithinTheBudget() throws IOException {
        ArrayImage image = volume(PixelType.UINT16, 60000);
        // full volume 40,774 bytes; factor 2 -> 19 x 15 x 10 x 2 = 5,700 bytes > 4,000; factor 4 -> 10 x 8 x 5 x 2 = 800
        ImagePyramid pyramid = ImagePyramid.of(image, false, 4000);
        assertArrayEquals(new long[] { 4, 4, 4, 1, 1 }, pyramid.factor(0));
        assertEquals(1, pyramid.levels()); // 10 x 8 is already below the coarsest edge
        pyramid.build(() -> false, fraction -> {
        });
        assertTrue(pyramid.complete());
        try (Arena arena = Arena.ofConfined()) {
            for (long z = 0; z < Z; z += 3) {
                MemorySegment shown = pyramid.overview(SlicePlane.AXIAL, z, 0, 0, arena).values();
                for (int y = 0; y < Y; y++) {
                    for (int x = 0; x < X; x++) {
                        double sum = 0;
                        int n = 0;
                        for (long zz = z / 4 * 4; zz < Math.min(Z, z / 4 * 4 + 4); zz++) {
                            for (int yy = y / 4 * 4; yy < Math.min(Y, y / 4 * 4 + 4); yy++) {
                                for (int xx = x / 4 * 4; xx < Math.min(X, x / 4 * 4 + 4); xx++) {
                                    sum += at(image, xx, yy, zz);
                                    n++;
                                }
                            }
                        }
                        assertEquals(Math.rint(sum / n), PixelValues.get(PixelType.UINT16, shown, x + (long) X * y),
                                "x " + x + " y " + y + " z " + z);
                    }
                }
            }
        }
    }

    @Test
    void labelsTakeTheNearestVoxelSoNoNewLabelAppears() throws IOException {
        ArrayImage labels = volume(PixelType.LABEL32, 5);
        ImagePyramid pyramid = ImagePyramid.of(labels, false, 500); // label32 is categorical by its type
        pyramid.build(() -> false, fraction -> {
        });
        long[] f = pyramid.factor(0);
        assertArrayEquals(new long[] { 8, 8, 8, 1, 1 }, f);
        try (Arena arena = Arena.ofConfined()) {
            long x = 7;
            MemorySegment sagittal = pyramid.overview(SlicePlane.SAGITTAL, x, 0, 0, arena).values();
            for (int z = 0; z < Z; z++) {
                for (int y = 0; y < Y; y++) {
                    double expected = at(labels, x / f[0] * f[0], y / f[1] * f[1], z / f[2] * f[2]);
                    assertEquals(expected, PixelValues.get(PixelType.LABEL32, sagittal, y + (long) Y * z));
                }
            }
        }
    }

    @Test
    void coarserLevelsAverageTwoByTwoByTwoOfTheLevelBelow() throws IOException {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.FLOAT32, 600, 520, 9));
        for (long i = 0; i < 600L * 520 * 9; i++) {
            PixelValues.set(PixelType.FLOAT32, image.values(), i, i % 600); // the value is x
        }
        ImagePyramid pyramid = ImagePyramid.of(image, false, 300L * 260 * 5 * 4);
        assertArrayEquals(new long[] { 2, 2, 2, 1, 1 }, pyramid.factor(0));
        assertEquals(3, pyramid.levels()); // 300 x 260, 150 x 130, 75 x 65: stops below 128
        assertEquals(4L * (300 * 260 * 5 + 150 * 130 * 3 + 75 * 65 * 2), pyramid.bytes());
        pyramid.build(() -> false, fraction -> {
        });
        // level 0 block (2x, 2x+1) has mean 2x + 0.5
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment shown = pyramid.overview(SlicePlane.CORONAL, 100, 0, 0, arena).values();
            assertEquals(10.5, PixelValues.get(PixelType.FLOAT32, shown, 10), 1e-6);
            assertEquals(598.5, PixelValues.get(PixelType.FLOAT32, shown, 599 + 600 * 8), 1e-6);
        }
    }

    @Test
    void overviewBeforeBuildingIsNullAndCancellingStops() throws IOException {
        ArrayImage image = volume(PixelType.UINT8, 255);
        ImagePyramid pyramid = ImagePyramid.of(image, false, 100);
        try (Arena arena = Arena.ofConfined()) {
            assertNull(pyramid.overview(SlicePlane.CORONAL, 3, 0, 0, arena));
            int[] planes = { 0 };
            assertThrows(CancelledException.class, () -> pyramid.build(() -> planes[0] >= 8,
                    fraction -> planes[0]++));
            assertFalse(pyramid.complete());
            ImagePyramid.Overview partial = pyramid.overview(SlicePlane.CORONAL, 3, 0, 0, arena);
            long[] f = pyramid.factor(0);
            assertEquals(8 / f[2] / (double) ((Z + f[2] - 1) / f[2]), partial.fraction(), 1e-9);
        }
        assertThrows(IllegalArgumentException.class,
                () -> ImagePyramid.of(ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.RGB8, 4, 4)), false, 10));
    }
}
