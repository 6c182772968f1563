package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * Walks the output rows of a block: for each (y, z) of the output, the index of the input's voxel under the
 * output row's first voxel. Shared by the filters that compute output rows from shifted input rows.
 */
public final class Rows {

    private Rows() {
    }

    /** Index in {@code in}'s data of the input voxel at output position (0, y, z). */
    public static int inputStart(FloatBlock in, int y, int z) {
        return in.index(0, y, z);
    }

    /** Index in {@code out}'s data (no halo) of output position (0, y, z). */
    public static int outputStart(FloatBlock out, int y, int z) {
        return out.nx() * (y + out.ny() * z);
    }
}
