package org.qbi.ops.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/** Border modes against numpy.pad, block plans, block reading and the runner's determinism. */
class BlockEngineTest {

    @Test
    void bordersMatchNumpyPad() {
        // numpy.pad(np.arange(4), 6, mode=m) for m = symmetric, reflect, edge, wrap (scipy's reflect, mirror,
        // nearest, wrap)
        long[] reflect = { 2, 3, 3, 2, 1, 0, 0, 1, 2, 3, 3, 2, 1, 0, 0, 1 };
        long[] mirror = { 0, 1, 2, 3, 2, 1, 0, 1, 2, 3, 2, 1, 0, 1, 2, 3 };
        long[] nearest = { 0, 0, 0, 0, 0, 0, 0, 1, 2, 3, 3, 3, 3, 3, 3, 3 };
        long[] wrap = { 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1, 2, 3, 0, 1 };
        for (int i = -6; i < 10; i++) {
            assertEquals(reflect[i + 6], Boundary.REFLECT.map(i, 4), "reflect " + i);
            assertEquals(mirror[i + 6], Boundary.MIRROR.map(i, 4), "mirror " + i);
            assertEquals(nearest[i + 6], Boundary.NEAREST.map(i, 4), "nearest " + i);
            assertEquals(wrap[i + 6], Boundary.WRAP.map(i, 4), "wrap " + i);
            assertEquals(i >= 0 && i < 4 ? i : -1, Boundary.CONSTANT.map(i, 4), "constant " + i);
        }
        assertEquals(0, Boundary.MIRROR.map(-3, 1));
    }

    @Test
    void blocksCoverTheVolumeExactlyOnce() {
        for (long[] dims : new long[][] { { 512, 512, 512 }, { 1000, 3, 1 }, { 17, 300, 41 }, { 1, 1, 1 } }) {
            for (int threads : new int[] { 1, 2, 8 }) {
                BlockPlan plan = BlockPlan.of(dims, new int[] { 8, 8, 8 }, threads);
                List<long[]> blocks = plan.blocks();
                long covered = 0;
                for (long[] b : blocks) {
                    for (int a = 0; a < 3; a++) {
                        assertTrue(b[a] >= 0 && b[a] + b[a + 3] <= dims[a]);
                    }
                    covered += b[3] * b[4] * b[5];
                }
                assertEquals(dims[0] * dims[1] * dims[2], covered);
                long[] size = plan.blockSize();
                assertTrue(size[0] * size[1] * size[2] <= BlockPlan.TARGET_VOXELS || size[0] < 16 || size[1] < 16
                        || size[2] < 16);
            }
        }
        assertTrue(BlockPlan.of(new long[] { 512, 512, 512 }, new int[] { 2, 2, 2 }, 2).blocks().size() >= 8);
    }

    @Test
    void readsAHaloLikeNumpyPad() throws IOException {
        // 4 x 3 image, values 10 * y + x; block x 1..2, y 0..1 with halo 2 in x, 1 in y, reflect
        double[] values = new double[12];
        for (int y = 0; y < 3; y++) {
            for (int x = 0; x < 4; x++) {
                values[x + 4 * y] = 10 * y + x;
            }
        }
        ArrayImage image = OpTesting.image(PixelType.INT16, new long[] { 4, 3 }, values);
        FloatBlock block = BlockIO.read(image, 0, 0, new long[] { 1, 0, 0 }, new long[] { 2, 2, 1 },
                new int[] { 2, 1, 0 }, Boundary.REFLECT, 0);
        assertEquals(6, block.nx());
        assertEquals(4, block.ny());
        // rows y = -1 (reflects to 0), 0, 1, 2; columns x = -1 .. 4 -> 0, 0, 1, 2, 3, 3
        float[] expected = { 0, 0, 1, 2, 3, 3, 0, 0, 1, 2, 3, 3, 10, 10, 11, 12, 13, 13, 20, 20, 21, 22, 23, 23 };
        assertArrayEquals(expected, block.data());
        assertEquals(11f, block.value(0, 1, 0));
        FloatBlock constant = BlockIO.read(image, 0, 0, new long[] { 1, 0, 0 }, new long[] { 2, 2, 1 },
                new int[] { 2, 1, 0 }, Boundary.CONSTANT, -5);
        assertEquals(-5f, constant.data()[0]);
        assertEquals(-5f, constant.data()[5 + 6]);
        assertEquals(0f, constant.data()[1 + 6]);
    }

    @Test
    void runnerCopiesEveryTypeExactlyWhateverTheThreadsAndBudget() throws IOException {
        BlockKernel identity = new BlockKernel() {
            @Override
            public int[] halo() {
                return new int[] { 1, 1, 1 };
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                for (int z = 0; z < out.nz(); z++) {
                    for (int y = 0; y < out.ny(); y++) {
                        for (int x = 0; x < out.nx(); x++) {
                            out.data()[out.index(x, y, z)] = in.value(x, y, z);
                        }
                    }
                }
            }
        };
        for (PixelType type : new PixelType[] { PixelType.UINT8, PixelType.INT8, PixelType.INT16, PixelType.UINT16,
                PixelType.FLOAT32 }) {
            ImageHeader header = ImageHeader.uncalibrated(type, 37, 29, 11, 2, 1);
            ArrayImage input = org.qbi.io.testing.SampleImages.distinct(header);
            for (int threads : new int[] { 1, 3 }) {
                for (long budget : new long[] { Long.MAX_VALUE, 0 }) {
                    OperatorContext context = new OperatorContext(ProgressMonitor.NULL, threads, budget);
                    ArrayImage output = BlockRunner.run(input, header, identity, Boundary.REFLECT, 0, context, "copy");
                    OpTesting.assertIdentical(input, output, type + ", " + threads + " threads, budget " + budget);
                }
            }
        }
    }

    @Test
    void labelsBeyondFloatPrecisionAreRefusedNotRounded() throws IOException {
        ArrayImage labels = OpTesting.image(PixelType.LABEL32, new long[] { 2, 1 }, 16777216, 16777217);
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> BlockIO.read(labels, 0, 0, new long[3], new long[] { 2, 1, 1 }, new int[3], Boundary.REFLECT, 0));
        assertTrue(e.getMessage().contains("16777217"), e.getMessage());
        ArrayImage small = OpTesting.image(PixelType.LABEL32, new long[] { 2, 1 }, 7, 16777216);
        assertArrayEquals(new float[] { 7, 16777216 },
                BlockIO.read(small, 0, 0, new long[3], new long[] { 2, 1, 1 }, new int[3], Boundary.REFLECT, 0).data());
    }

    @Test
    void floatsBecomeIntegersRoundedAndClamped() {
        java.lang.foreign.MemorySegment target = java.lang.foreign.Arena.ofAuto().allocate(16);
        Samples.fromFloats(PixelType.UINT8, new float[] { -3f, 2.5f, 3.5f, 300f, Float.NaN, 254.6f }, 0, target, 0, 6);
        assertArrayEquals(new byte[] { 0, 2, 4, (byte) 255, 0, (byte) 255 },
                target.asSlice(0, 6).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE));
    }
}
