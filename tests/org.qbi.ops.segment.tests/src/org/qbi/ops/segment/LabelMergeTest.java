package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * LabelMerge as a distributed labeling would use it: the dense noise mask cut into 2 x 2 x 2 blocks along every
 * axis, each block labeled on its own, the blocks merged across the three cuts; the result must be scipy's labeling
 * of the whole volume (data/label_noise_*.npy), blocks that share only an edge or a corner included.
 */
class LabelMergeTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(ints = { 6, 18, 26 })
    void blocksCutAlongEveryAxisMergeToTheWholeLabeling(int connectivity) throws IOException {
        ArrayImage mask = OpTesting.fixture(getClass(), "noise_mask.npy", dir);
        long[] dims = mask.header().dimensions();
        int nx = (int) dims[0];
        int ny = (int) dims[1];
        int nz = (int) dims[2];
        int[][] cuts = { { 0, 20, nx }, { 0, 15, ny }, { 0, 30, nz } };
        double[] values = OpTesting.values(mask);
        int[] blockOf = new int[values.length];
        int[] local = new int[values.length];
        long[][] firsts = new long[8][];
        for (int b = 0; b < 8; b++) {
            int x0 = cuts[0][b & 1], x1 = cuts[0][(b & 1) + 1];
            int y0 = cuts[1][(b >> 1) & 1], y1 = cuts[1][((b >> 1) & 1) + 1];
            int z0 = cuts[2][b >> 2], z1 = cuts[2][(b >> 2) + 1];
            ArrayImage block = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT8, x1 - x0, y1 - y0, z1 - z0));
            for (int z = z0, i = 0; z < z1; z++) {
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++, i++) {
                        PixelValues.set(PixelType.UINT8, block.values(), i, values[x + nx * (y + ny * z)]);
                    }
                }
            }
            double[] labels = OpTesting.values(OpTesting.run(new ConnectedComponents(), Map.of("mask", block),
                    OperatorContext.defaults().withParallelism(1), "connectivity=" + connectivity).image("labels"));
            int count = (int) java.util.Arrays.stream(labels).max().orElse(0);
            firsts[b] = new long[count + 1];
            java.util.Arrays.fill(firsts[b], -1);
            for (int z = z0, i = 0; z < z1; z++) {
                for (int y = y0; y < y1; y++) {
                    for (int x = x0; x < x1; x++, i++) {
                        int g = x + nx * (y + ny * z);
                        int l = (int) labels[i];
                        blockOf[g] = b;
                        local[g] = l;
                        if (l > 0 && firsts[b][l] < 0) {
                            firsts[b][l] = g;
                        }
                    }
                }
            }
        }
        LabelMerge merge = new LabelMerge(firsts);
        Connectivity c = Connectivity.of(connectivity, true);
        // the cut along x at x = 20: layers x = 19 and x = 20 over (u, v) = (y, z)
        cut(merge, blockOf, local, ny, nz, (u, v) -> 19 + nx * (u + ny * v), (u, v) -> 20 + nx * (u + ny * v), c);
        cut(merge, blockOf, local, nx, nz, (u, v) -> u + nx * (14 + ny * v), (u, v) -> u + nx * (15 + ny * v), c);
        cut(merge, blockOf, local, nx, ny, (u, v) -> u + nx * (v + ny * 29), (u, v) -> u + nx * (v + ny * 30), c);
        LabelMerge.Relabeling relabeling = merge.relabel();
        double[] merged = new double[values.length];
        for (int g = 0; g < merged.length; g++) {
            merged[g] = relabeling.label(blockOf[g], local[g]);
        }
        double[] expected = OpTesting.values(OpTesting.fixture(getClass(), "label_noise_" + connectivity + ".npy", dir));
        assertArrayEquals(expected, merged, "blocks merged, connectivity " + connectivity);
        assertEquals((int) java.util.Arrays.stream(expected).max().orElse(0), relabeling.count());
    }

    private interface Index {
        int of(int u, int v);
    }

    private static void cut(LabelMerge merge, int[] blockOf, int[] local, int width, int height, Index low, Index high,
            Connectivity connectivity) {
        int n = width * height;
        int[] lowBlocks = new int[n], lowLabels = new int[n], highBlocks = new int[n], highLabels = new int[n];
        for (int v = 0; v < height; v++) {
            for (int u = 0; u < width; u++) {
                int i = u + width * v;
                lowBlocks[i] = blockOf[low.of(u, v)];
                lowLabels[i] = local[low.of(u, v)];
                highBlocks[i] = blockOf[high.of(u, v)];
                highLabels[i] = local[high.of(u, v)];
            }
        }
        merge.unionCut(lowBlocks, lowLabels, highBlocks, highLabels, width, height, connectivity);
    }

    @Test
    void numberingFollowsFirstVoxelsWhateverTheUnionOrder() {
        // block 0 has labels first seen at 5 and 9, block 1 at 2 and 7: joining 0:2 with 1:1 makes one object
        // first seen at 2; the others keep their order
        LabelMerge merge = new LabelMerge(new long[][] { { 0, 5, 9 }, { 0, 2, 7 } });
        merge.union(0, 2, 1, 1);
        LabelMerge.Relabeling r = merge.relabel();
        assertEquals(3, r.count());
        assertArrayEquals(new int[] { 0, 2, 1 }, r.lookup()[0]);
        assertArrayEquals(new int[] { 0, 1, 3 }, r.lookup()[1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> merge.union(0, 3, 1, 1));
        assertEquals("Block 0 has labels 1..2, got 3", e.getMessage());
    }
}
