package org.qbi.ops.block;

import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a volume into blocks for block-wise processing: about {@link #TARGET_VOXELS} voxels each, so a block and its
 * halo stay in the caches of one core, with the axis that has the largest halo cut last (halo overhead grows
 * with how thin a block is along it), and at least a few blocks per thread.
 *
 * @since 0.1
 */
public final class BlockPlan {

    /** About 8 MB of floats per block. */
    public static final long TARGET_VOXELS = 1L << 21;

    private final long[] dims;
    private final long[] blockSize;

    private BlockPlan(long[] dims, long[] blockSize) {
        this.dims = dims.clone();
        this.blockSize = blockSize.clone();
    }

    /**
     * @param dims        x, y, z sizes
     * @param halo        the kernel's halo along x, y, z
     * @param parallelism threads that will share the blocks
     */
    public static BlockPlan of(long[] dims, int[] halo, int parallelism) {
        long[] size = { dims[0], dims[1], dims[2] };
        long minBlocks = parallelism <= 1 ? 1 : 4L * parallelism;
        while (true) {
            long voxels = size[0] * size[1] * size[2];
            long blocks = count(dims, size);
            if (voxels <= TARGET_VOXELS && blocks >= minBlocks) {
                break;
            }
            // halve the axis whose halving costs least halo: the longest relative to its halo
            int axis = -1;
            double best = -1;
            for (int a = 2; a >= 0; a--) {
                if (size[a] < 16) {
                    continue;
                }
                double score = size[a] / (1.0 + halo[a]);
                if (score > best) {
                    best = score;
                    axis = a;
                }
            }
            if (axis < 0) {
                break;
            }
            size[axis] = (size[axis] + 1) / 2;
        }
        return new BlockPlan(dims, size);
    }

    private static long count(long[] dims, long[] size) {
        long n = 1;
        for (int a = 0; a < 3; a++) {
            n *= (dims[a] + size[a] - 1) / size[a];
        }
        return n;
    }

    /** The block size along x, y, z (edge blocks may be smaller). */
    public long[] blockSize() {
        return blockSize.clone();
    }

    /** Every block as {origin x, y, z, size x, y, z}, z slowest. */
    public List<long[]> blocks() {
        List<long[]> blocks = new ArrayList<>();
        for (long z = 0; z < dims[2]; z += blockSize[2]) {
            for (long y = 0; y < dims[1]; y += blockSize[1]) {
                for (long x = 0; x < dims[0]; x += blockSize[0]) {
                    blocks.add(new long[] { x, y, z, Math.min(blockSize[0], dims[0] - x),
                            Math.min(blockSize[1], dims[1] - y), Math.min(blockSize[2], dims[2] - z) });
                }
            }
        }
        return blocks;
    }
}
