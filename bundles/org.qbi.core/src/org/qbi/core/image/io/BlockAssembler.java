package org.qbi.core.image.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.Axis;

/**
 * Fills one QBI chunk (a box in x, y, z, c, t; x fastest, little-endian) from the storage blocks of an
 * n-dimensional array stored in C or Fortran order: finds the blocks the box touches, and copies each one's part with
 * {@link StridedCopy}, permuting the array's dimensions onto QBI's axes and swapping the byte order where the
 * values are big-endian. Blocks that were never written give the fill value.
 *
 * @since 0.1
 */
public final class BlockAssembler {

    /** Dimension mapped to the samples of a multi-sample pixel (RGB). */
    public static final int SAMPLES = Axis.COUNT;
    /** Dimension of size 1 that maps to no axis. */
    public static final int NONE = -1;

    /** The values of one storage block (C order unless {@code fortran}), the file's byte order. */
    public record Block(MemorySegment values, long[] shape, boolean fortran) {
        /** A C-order block. */
        public Block(MemorySegment values, long[] shape) {
            this(values, shape, false);
        }
    }

    /** Where the values are. */
    public interface Store {
        /** The shape of a storage block (dataset order); blocks at the dataset's end may hold less. */
        long[] blockShape();

        /** The values of block {@code index}, or null when it was never written. */
        Block read(long[] index) throws IOException;
    }

    private final long[] dims;
    private final int[] axisOfDim;
    private final int itemBytes;
    private final int swapUnit;
    private final Store store;
    private final MemorySegment fill;

    /**
     * @param dims      the dataset's dimensions, slowest first
     * @param axisOfDim per dimension: the axis ordinal, {@link #SAMPLES} or {@link #NONE}
     * @param itemBytes bytes of one stored value
     * @param swapUnit  bytes whose order is reversed (big-endian files), or 0
     * @param fill      one stored value used where no block was written (the file's byte order)
     */
    public BlockAssembler(long[] dims, int[] axisOfDim, int itemBytes, int swapUnit, Store store, MemorySegment fill) {
        this.dims = dims.clone();
        this.axisOfDim = axisOfDim.clone();
        this.itemBytes = itemBytes;
        this.swapUnit = swapUnit;
        this.store = store;
        this.fill = fill;
    }

    /**
     * Copies the box {@code origin}/{@code size} (five values each, x first) into {@code target}.
     *
     * @param pixelBytes bytes of one pixel (all samples)
     */
    public void read(long[] origin, long[] size, int pixelBytes, MemorySegment target) throws IOException {
        int n = dims.length;
        long[] axisStrides = new long[Axis.COUNT];
        long stride = pixelBytes;
        for (int a = 0; a < Axis.COUNT; a++) {
            axisStrides[a] = stride;
            stride *= size[a];
        }
        long[] offset = new long[n];
        long[] count = new long[n];
        long[] dstStrides = new long[n];
        for (int i = 0; i < n; i++) {
            int axis = axisOfDim[i];
            if (axis == SAMPLES) {
                offset[i] = 0;
                count[i] = dims[i];
                dstStrides[i] = itemBytes;
            } else if (axis == NONE) {
                offset[i] = 0;
                count[i] = 1;
                dstStrides[i] = 0;
            } else {
                offset[i] = origin[axis];
                count[i] = size[axis];
                dstStrides[i] = axisStrides[axis];
            }
        }
        long[] blockShape = store.blockShape();
        long[] first = new long[n];
        long[] last = new long[n];
        for (int i = 0; i < n; i++) {
            first[i] = offset[i] / blockShape[i];
            last[i] = (offset[i] + count[i] - 1) / blockShape[i];
        }
        long[] index = first.clone();
        long[] lo = new long[n];
        long[] part = new long[n];
        while (true) {
            Block block = store.read(index.clone());
            long srcOffset = 0;
            long dstOffset = 0;
            long[] srcStrides;
            MemorySegment src;
            if (block == null) {
                src = fill;
                srcStrides = new long[n];
            } else {
                src = block.values();
                srcStrides = block.fortran() ? StridedCopy.fOrderStrides(block.shape(), itemBytes)
                        : StridedCopy.cOrderStrides(block.shape(), itemBytes);
            }
            for (int i = 0; i < n; i++) {
                long blockStart = index[i] * blockShape[i];
                lo[i] = Math.max(offset[i], blockStart);
                long hi = Math.min(offset[i] + count[i], Math.min(blockStart + blockShape[i], dims[i]));
                part[i] = hi - lo[i];
                srcOffset += (lo[i] - blockStart) * srcStrides[i];
                dstOffset += (lo[i] - offset[i]) * dstStrides[i];
            }
            StridedCopy.copy(src, srcOffset, srcStrides, target, dstOffset, dstStrides, part, itemBytes, swapUnit);
            int i = n - 1;
            for (; i >= 0; i--) {
                if (++index[i] <= last[i]) {
                    break;
                }
                index[i] = first[i];
            }
            if (i < 0) {
                return;
            }
        }
    }
}
