package org.qbi.core.image;

import java.util.Arrays;

/**
 * How an image is cut into chunks: a block of {@code chunkSize} pixels per axis (the last block along an
 * axis may be smaller). A TIFF stack is cut into pages (x, y, 1, 1, 1), a Zarr array into its own chunks.
 *
 * @since 0.1
 */
public final class ChunkGrid {

    private final long[] dimensions;
    private final long[] chunkSize;

    /**
     * @param dimensions image size per axis (5 values, x first)
     * @param chunkSize  chunk size per axis (5 values, each at least 1; values above the dimension are clipped)
     */
    public ChunkGrid(long[] dimensions, long[] chunkSize) {
        if (dimensions.length != Axis.COUNT || chunkSize.length != Axis.COUNT) {
            throw new IllegalArgumentException("A chunk grid has 5 dimensions and 5 chunk sizes");
        }
        this.dimensions = dimensions.clone();
        this.chunkSize = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            if (chunkSize[i] < 1 || dimensions[i] < 1) {
                throw new IllegalArgumentException("Chunk size " + chunkSize[i] + " and dimension " + dimensions[i]
                        + " of axis " + Axis.values()[i].label() + " must be at least 1");
            }
            this.chunkSize[i] = Math.min(chunkSize[i], dimensions[i]);
        }
        long bytesGuard = 1;
        for (long s : this.chunkSize) {
            bytesGuard = Math.multiplyExact(bytesGuard, s);
        }
    }

    /** One chunk per (z, c, t) plane: what page-based formats (TIFF, DICOM, PNG) have. */
    public static ChunkGrid planes(long[] dimensions) {
        return new ChunkGrid(dimensions, new long[] { dimensions[0], dimensions[1], 1, 1, 1 });
    }

    /**
     * Slabs of whole planes holding about {@code targetBytes} each: for formats stored contiguously (raw,
     * NIfTI, NumPy, MetaImage), where any cut is free.
     */
    public static ChunkGrid slabs(long[] dimensions, int bytesPerPixel, long targetBytes) {
        long planeBytes = dimensions[0] * dimensions[1] * bytesPerPixel;
        long planes = Math.max(1, targetBytes / Math.max(1, planeBytes));
        return new ChunkGrid(dimensions, new long[] { dimensions[0], dimensions[1], Math.min(planes, dimensions[2]), 1, 1 });
    }

    public long[] dimensions() {
        return dimensions.clone();
    }

    public long[] chunkSize() {
        return chunkSize.clone();
    }

    /** Number of chunks along each axis. */
    public long[] chunkCounts() {
        long[] counts = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            counts[i] = (dimensions[i] + chunkSize[i] - 1) / chunkSize[i];
        }
        return counts;
    }

    /** Total number of chunks. */
    public long chunkCount() {
        long total = 1;
        for (long c : chunkCounts()) {
            total *= c;
        }
        return total;
    }

    /** The first pixel of chunk {@code index}. */
    public long[] origin(long[] index) {
        long[] origin = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            origin[i] = index[i] * chunkSize[i];
        }
        return origin;
    }

    /** The size of chunk {@code index} (the last along an axis may be smaller). */
    public long[] size(long[] index) {
        checkIndex(index);
        long[] size = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            size[i] = Math.min(chunkSize[i], dimensions[i] - index[i] * chunkSize[i]);
        }
        return size;
    }

    /** Number of pixels in chunk {@code index}. */
    public long pixelCount(long[] index) {
        long count = 1;
        for (long s : size(index)) {
            count *= s;
        }
        return count;
    }

    /** The chunk holding pixel {@code position}. */
    public long[] chunkOf(long[] position) {
        long[] index = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            index[i] = position[i] / chunkSize[i];
        }
        return index;
    }

    /** The chunk index with linear number {@code n} (x fastest). */
    public long[] index(long n) {
        long[] counts = chunkCounts();
        long[] index = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            index[i] = n % counts[i];
            n /= counts[i];
        }
        return index;
    }

    /** The linear number of chunk {@code index} (x fastest). */
    public long linear(long[] index) {
        long[] counts = chunkCounts();
        long n = 0;
        for (int i = Axis.COUNT - 1; i >= 0; i--) {
            n = n * counts[i] + index[i];
        }
        return n;
    }

    private void checkIndex(long[] index) {
        long[] counts = chunkCounts();
        for (int i = 0; i < Axis.COUNT; i++) {
            if (index[i] < 0 || index[i] >= counts[i]) {
                throw new IndexOutOfBoundsException("Chunk index " + Arrays.toString(index) + " is outside the grid "
                        + Arrays.toString(counts));
            }
        }
    }

    @Override
    public String toString() {
        return "ChunkGrid" + Arrays.toString(chunkSize) + " of " + Arrays.toString(dimensions);
    }
}
