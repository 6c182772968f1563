package org.qbi.core.image.io;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Path;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;

/**
 * The chunk source of every format that stores its values uncompressed in one dense array, in any byte order
 * and axis order ({@link RawLayout}): NIfTI, MetaImage, NRRD, NumPy, raw volumes (and, through a
 * {@link ByteStore#decoded decoded copy}, their gzip/zlib forms).
 * <p>
 * Chunks are cut so that each is one contiguous run of the file (about {@link #CHUNK_BYTES}: whole planes
 * for the usual x-fastest layouts, a few rows of a larger plane) and read with one positional read straight
 * into the target, then byte-swapped in place when the file is big-endian: close to the speed of reading the
 * file. Layouts whose order differs from x fastest (Fortran-order NumPy, channel-interleaved MetaImage) are
 * read the same way into a staging buffer and then reordered. Thread-safe.
 *
 * @since 0.1
 */
public final class RawSource implements ChunkSource {

    /** Target size of one chunk: a few MB, large enough for reads at disk speed, small enough to cache. */
    public static final long CHUNK_BYTES = 4L << 20;

    private static final int SAMPLE = -1;

    private final Path file;
    private final ImageHeader header;
    private final ByteStore store;
    private final ByteOrder order;
    private final ChunkGrid grid;
    private final int bytesPerSample;
    /** File dimensions fastest first (axis ordinal, or SAMPLE), their sizes and strides in samples. */
    private final int[] fileDims;
    private final long[] fileSizes;
    private final long[] fileStrides;

    /**
     * A source over {@code store}'s bytes, laid out as {@code layout} says.
     *
     * @param file  the file error messages name
     * @param order the byte order of the stored samples
     * @throws FormatException when the store holds fewer bytes than the header needs
     */
    public RawSource(Path file, ImageHeader header, ByteStore store, ByteOrder order, RawLayout layout)
            throws FormatException {
        if (store.size() < header.byteCount()) {
            throw new FormatException(file, "holds " + store.size() + " bytes of pixel data, the header needs "
                    + header.byteCount());
        }
        this.file = file;
        this.header = header;
        this.store = store;
        this.order = order;
        this.bytesPerSample = header.pixelType().bytesPerSample();
        this.fileDims = layout.dimensions();
        this.fileSizes = new long[fileDims.length];
        this.fileStrides = new long[fileDims.length];
        long stride = 1;
        for (int k = 0; k < fileDims.length; k++) {
            fileSizes[k] = size(fileDims[k]);
            fileStrides[k] = stride;
            stride *= fileSizes[k];
        }
        this.grid = new ChunkGrid(header.dimensions(), chunkSize());
    }

    private long size(int dim) {
        return dim == SAMPLE ? header.pixelType().samplesPerPixel() : header.dimensions()[dim];
    }

    /**
     * Whole axes from the fastest while the chunk stays within {@link #CHUNK_BYTES}, then as many positions of
     * the next axis as fit (at least one), then one position of the slower axes: each chunk is one run of
     * the file (or one run per sample when samples are stored as separate blocks).
     */
    private long[] chunkSize() {
        long[] size = new long[Axis.COUNT];
        java.util.Arrays.fill(size, 1);
        long bytes = header.pixelType().bytesPerPixel();
        for (int k = 0; k < fileDims.length; k++) {
            int dim = fileDims[k];
            if (dim == SAMPLE) {
                continue;
            }
            long n = fileSizes[k];
            if (bytes * n <= CHUNK_BYTES) {
                size[dim] = n;
                bytes *= n;
            } else {
                size[dim] = Math.max(1, Math.min(n, CHUNK_BYTES / bytes));
                break;
            }
        }
        return size;
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    @Override
    public void readChunk(long[] index, MemorySegment target) throws IOException {
        long[] origin = grid.origin(index);
        long[] size = grid.size(index);
        long[] boxOrigin = new long[fileDims.length];
        long[] boxSize = new long[fileDims.length];
        for (int k = 0; k < fileDims.length; k++) {
            boxOrigin[k] = fileDims[k] == SAMPLE ? 0 : origin[fileDims[k]];
            boxSize[k] = fileDims[k] == SAMPLE ? fileSizes[k] : size[fileDims[k]];
        }
        if (inTargetOrder(boxSize)) {
            readBox(boxOrigin, boxSize, target);
            swap(target);
            return;
        }
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment staging = arena.allocate(target.byteSize(), 8);
            readBox(boxOrigin, boxSize, staging);
            swap(staging);
            reorder(staging, boxSize, target);
        }
    }

    /** True when the box's values in file order are already x fastest, samples interleaved. */
    private boolean inTargetOrder(long[] boxSize) {
        int last = Integer.MIN_VALUE;
        for (int k = 0; k < fileDims.length; k++) {
            if (boxSize[k] > 1) {
                if (fileDims[k] < last) {
                    return false;
                }
                last = fileDims[k];
            }
        }
        return true;
    }

    /**
     * Reads a box of the file into {@code staging} in file order: the fastest dimensions it covers fully and
     * the next one form a contiguous run; each position of the slower dimensions inside the box is one run.
     */
    private void readBox(long[] boxOrigin, long[] boxSize, MemorySegment staging) throws IOException {
        int partial = 0;
        while (partial < fileDims.length && boxSize[partial] == fileSizes[partial]) {
            partial++;
        }
        int slowStart = Math.min(partial + 1, fileDims.length);
        long runSamples = partial < fileDims.length ? fileStrides[partial] * boxSize[partial]
                : fileStrides[fileDims.length - 1] * fileSizes[fileDims.length - 1];
        long runBytes = runSamples * bytesPerSample;
        long[] at = new long[fileDims.length];
        long written = 0;
        while (true) {
            long sample = 0;
            for (int k = 0; k < fileDims.length; k++) {
                sample += (boxOrigin[k] + (k >= slowStart ? at[k] : 0)) * fileStrides[k];
            }
            store.read(sample * bytesPerSample, staging.asSlice(written, runBytes));
            written += runBytes;
            int k = slowStart;
            while (k < fileDims.length && ++at[k] >= boxSize[k]) {
                at[k] = 0;
                k++;
            }
            if (k >= fileDims.length) {
                return;
            }
        }
    }

    /** Converts big-endian samples to little-endian in place. */
    private void swap(MemorySegment values) {
        if (order != ByteOrder.BIG_ENDIAN || bytesPerSample == 1) {
            return;
        }
        ValueLayout big = layout(bytesPerSample).withOrder(ByteOrder.BIG_ENDIAN);
        ValueLayout little = layout(bytesPerSample).withOrder(ByteOrder.LITTLE_ENDIAN);
        MemorySegment.copy(values, big, 0, values, little, 0, values.byteSize() / bytesPerSample);
    }

    private static ValueLayout layout(int bytes) {
        return switch (bytes) {
            case 2 -> ValueLayout.JAVA_SHORT_UNALIGNED;
            case 4 -> ValueLayout.JAVA_INT_UNALIGNED;
            case 8 -> ValueLayout.JAVA_LONG_UNALIGNED;
            default -> ValueLayout.JAVA_BYTE;
        };
    }

    /** Copies a box from file order ({@code staging}) to x fastest, samples interleaved ({@code target}). */
    private void reorder(MemorySegment staging, long[] boxSize, MemorySegment target) {
        // Target dimensions fastest first (sample, x, y, z, c, t) that are larger than 1, with their extent and
        // their stride (in samples) within the staging box.
        int[] targetDims = { SAMPLE, 0, 1, 2, 3, 4 };
        long[] extent = new long[targetDims.length];
        long[] stride = new long[targetDims.length];
        int count = 0;
        for (int dim : targetDims) {
            long boxStride = 1;
            for (int k = 0; k < fileDims.length; k++) {
                if (fileDims[k] == dim) {
                    if (boxSize[k] > 1) {
                        extent[count] = boxSize[k];
                        stride[count] = boxStride;
                        count++;
                    }
                    break;
                }
                boxStride *= boxSize[k];
            }
        }
        if (count == 0) {
            copySample(staging, 0, target, 0);
            return;
        }
        long[] at = new long[count];
        long source = 0;
        long dst = 0;
        while (true) {
            for (long i = 0; i < extent[0]; i++, dst++) {
                copySample(staging, source + i * stride[0], target, dst);
            }
            int k = 1;
            for (; k < count; k++) {
                at[k]++;
                source += stride[k];
                if (at[k] < extent[k]) {
                    break;
                }
                source -= at[k] * stride[k];
                at[k] = 0;
            }
            if (k == count) {
                return;
            }
        }
    }

    private void copySample(MemorySegment from, long fromSample, MemorySegment to, long toSample) {
        switch (bytesPerSample) {
            case 1 -> to.set(ValueLayout.JAVA_BYTE, toSample, from.get(ValueLayout.JAVA_BYTE, fromSample));
            case 2 -> to.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, toSample,
                    from.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, fromSample));
            case 4 -> to.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, toSample,
                    from.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, fromSample));
            default -> to.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, toSample,
                    from.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, fromSample));
        }
    }

    @Override
    public void close() throws IOException {
        store.close();
    }
}
