package org.qbi.io.hdf5.internal;

import org.qbi.core.image.io.BlockAssembler;
import org.qbi.core.image.io.AxisLayout;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;

import io.jhdf.HdfFile;
import io.jhdf.api.Dataset;
import io.jhdf.api.dataset.ChunkedDataset;
import io.jhdf.api.dataset.ContiguousDataset;
import io.jhdf.dataset.DatasetBase;
import io.jhdf.exceptions.HdfException;
import io.jhdf.filter.PipelineFilterWithData;

/**
 * One HDF5 dataset read chunk by chunk. Chunked datasets are read through their own HDF5 chunks (several
 * small ones grouped into one QBI chunk of about {@value #TARGET_CHUNK_BYTES} bytes); contiguous datasets in
 * slabs of whole planes read with positional reads; compact ones (at most 64 KB) at once. Nothing reads the
 * whole dataset, so a dataset larger than the heap can be browsed.
 */
final class Hdf5Source implements ChunkSource {

    /** About how many bytes a QBI chunk holds (several HDF5 chunks, or a slab of a contiguous dataset). */
    static final long TARGET_CHUNK_BYTES = 1L << 20;

    private final Path file;
    private final HdfFile hdf;
    private final ImageHeader header;
    private final ChunkGrid grid;
    private final BlockAssembler assembler;

    Hdf5Source(Path file, HdfFile hdf, FileChannel channel, Dataset dataset, ImageHeader header, AxisLayout layout,
            int itemBytes, ByteOrder order) throws FormatException {
        this.file = file;
        this.hdf = hdf;
        this.header = header;
        long[] dims = dataset.getDimensionsAsLong();
        PixelType type = header.pixelType();
        int swapUnit = order == ByteOrder.BIG_ENDIAN ? type.bytesPerSample() : 0;
        BlockAssembler.Store store;
        long[] blockShape;
        long[] group = new long[dims.length];
        Arrays.fill(group, 1);
        if (dataset instanceof ChunkedDataset chunked) {
            int[] chunkDims = chunked.getChunkDimensions();
            if (chunkDims.length != dims.length) {
                throw new FormatException(file, "dataset " + dataset.getPath() + " has chunks of "
                        + chunkDims.length + " dimensions for " + dims.length + " dimensions");
            }
            blockShape = new long[dims.length];
            long chunkBytes = itemBytes;
            for (int i = 0; i < dims.length; i++) {
                if (chunkDims[i] < 1) {
                    throw new FormatException(file, "dataset " + dataset.getPath() + " has chunk dimensions "
                            + Arrays.toString(chunkDims));
                }
                blockShape[i] = chunkDims[i];
                chunkBytes = multiply(chunkBytes, chunkDims[i]);
            }
            if (chunkBytes > Integer.MAX_VALUE - 64) {
                throw new FormatException(file, "dataset " + dataset.getPath() + " has chunks of " + chunkBytes
                        + " bytes; QBI reads HDF5 chunks of up to 2 GB");
            }
            List<PipelineFilterWithData> filters = filters(dataset);
            store = new ChunkedStore(file, chunked, blockShape, (int) chunkBytes, itemBytes, filters);
            group = groupFactors(dims, blockShape, layout.axisOfDim(), chunkBytes);
        } else if (dataset instanceof ContiguousDataset contiguous) {
            blockShape = slabShape(dims, itemBytes, layout.axisOfDim());
            if (contiguous.isEmpty()) {
                store = new EmptyStore(blockShape);
            } else {
                long start = hdf.getUserBlockSize() + contiguous.getDataAddress();
                long bytes = multiply(dataset.getSize(), itemBytes);
                long length = size(channel);
                if (start < 0 || start + bytes > length) {
                    throw new FormatException(file, "dataset " + dataset.getPath() + " is truncated: its " + bytes
                            + " bytes start at byte " + start + " but the file has " + length + " bytes");
                }
                store = new ContiguousStore(file, channel, start, dims, blockShape, itemBytes);
            }
        } else {
            blockShape = dims.clone();
            store = new CompactStore(file, dataset, blockShape, itemBytes);
        }
        long[] sizes = layout.sizes(dims);
        long[] chunk = { 1, 1, 1, 1, 1 };
        for (int i = 0; i < dims.length; i++) {
            int axis = layout.axisOfDim()[i];
            if (axis >= 0 && axis < Axis.COUNT) {
                chunk[axis] = Math.min(sizes[axis], blockShape[i] * group[i]);
            }
        }
        this.grid = new ChunkGrid(sizes, chunk);
        this.assembler = new BlockAssembler(dims, layout.axisOfDim(), itemBytes, swapUnit, store,
                fillValue(dataset, itemBytes, order));
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
        try {
            assembler.read(grid.origin(index), grid.size(index), header.pixelType().bytesPerPixel(), target);
        } catch (HdfException | IllegalArgumentException | IllegalStateException | IndexOutOfBoundsException
                | java.nio.BufferUnderflowException e) {
            throw new FormatException(file, "cannot read chunk " + Arrays.toString(index) + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() throws IOException {
        try {
            // Not hdf.close(): with a channel of its own it closes the channel, then fails logging its path.
            hdf.getHdfBackingStorage().close();
        } catch (HdfException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /**
     * How many HDF5 chunks to group per QBI chunk along each dimension, fastest dimension first, so that a QBI
     * chunk holds about {@link #TARGET_CHUNK_BYTES}.
     */
    static long[] groupFactors(long[] dims, long[] blockShape, int[] axisOfDim, long blockBytes) {
        long[] factors = new long[dims.length];
        Arrays.fill(factors, 1);
        long bytes = blockBytes;
        for (int i = dims.length - 1; i >= 0; i--) {
            if (axisOfDim[i] < 0 || axisOfDim[i] >= Axis.COUNT) {
                continue;
            }
            long available = (dims[i] + blockShape[i] - 1) / blockShape[i];
            long factor = Math.max(1, Math.min(available, TARGET_CHUNK_BYTES / Math.max(1, bytes)));
            factors[i] = factor;
            bytes = multiply(bytes, factor);
            if (factor < available) {
                break;
            }
        }
        return factors;
    }

    /**
     * Slabs of a contiguous dataset: whole trailing dimensions while they fit in {@link #TARGET_CHUNK_BYTES},
     * part of the next one, single positions of the slower ones. A slab is one contiguous run of the file.
     */
    static long[] slabShape(long[] dims, int itemBytes, int[] axisOfDim) {
        long[] shape = new long[dims.length];
        Arrays.fill(shape, 1);
        long bytes = itemBytes;
        for (int i = dims.length - 1; i >= 0; i--) {
            boolean mustBeWhole = axisOfDim[i] == BlockAssembler.SAMPLES;
            if (mustBeWhole || bytes * dims[i] <= TARGET_CHUNK_BYTES) {
                shape[i] = dims[i];
                bytes = multiply(bytes, dims[i]);
            } else {
                shape[i] = Math.max(1, TARGET_CHUNK_BYTES / bytes);
                break;
            }
        }
        return shape;
    }

    private static long multiply(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long size(FileChannel channel) {
        try {
            return channel.size();
        } catch (IOException e) {
            return 0;
        }
    }

    private static List<PipelineFilterWithData> filters(Dataset dataset) {
        List<PipelineFilterWithData> filters = dataset.getFilters();
        return filters == null ? List.of() : List.copyOf(filters);
    }

    /** The dataset's fill value as one stored value in the file's byte order (0 when it defines none). */
    private static MemorySegment fillValue(Dataset dataset, int itemBytes, ByteOrder order) {
        ByteBuffer buffer = ByteBuffer.allocate(itemBytes).order(order);
        try {
            Object fill = dataset.getFillValue();
            if (fill instanceof Number number) {
                switch (itemBytes) {
                    case 1 -> buffer.put(number.byteValue());
                    case 2 -> buffer.putShort(number.shortValue());
                    case 4 -> {
                        if (fill instanceof Float || fill instanceof Double) {
                            buffer.putFloat(number.floatValue());
                        } else {
                            buffer.putInt(number.intValue());
                        }
                    }
                    case 8 -> buffer.putDouble(number.doubleValue());
                    default -> {
                    }
                }
            }
        } catch (RuntimeException e) {
            // No readable fill value: HDF5's default, zero.
        }
        return MemorySegment.ofArray(buffer.array());
    }

    /** HDF5 chunks, decoded with a size limit. */
    private static final class ChunkedStore implements BlockAssembler.Store {
        private final Path file;
        private final ChunkedDataset dataset;
        private final long[] shape;
        private final int chunkBytes;
        private final int itemBytes;
        private final List<PipelineFilterWithData> filters;
        private final boolean ownDecoder;

        ChunkedStore(Path file, ChunkedDataset dataset, long[] shape, int chunkBytes, int itemBytes,
                List<PipelineFilterWithData> filters) {
            this.file = file;
            this.dataset = dataset;
            this.shape = shape;
            this.chunkBytes = chunkBytes;
            this.itemBytes = itemBytes;
            this.filters = filters;
            this.ownDecoder = ChunkCodec.handles(filters);
        }

        @Override
        public long[] blockShape() {
            return shape;
        }

        @Override
        public BlockAssembler.Block read(long[] index) throws IOException {
            int[] offset = new int[index.length];
            for (int i = 0; i < index.length; i++) {
                offset[i] = Math.toIntExact(index[i] * shape[i]);
            }
            String where = "chunk at " + Arrays.toString(offset) + " of " + dataset.getPath();
            byte[] decoded;
            try {
                if (ownDecoder) {
                    ByteBuffer raw = dataset.getRawChunkBuffer(offset);
                    byte[] stored = new byte[raw.remaining()];
                    raw.get(stored);
                    decoded = decodeOwn(stored, where);
                } else {
                    decoded = dataset.getDecompressedChunk(offset);
                }
            } catch (HdfException e) {
                if (neverWritten(e)) {
                    return null;
                }
                throw new FormatException(file, where + " cannot be read (" + e.getMessage()
                        + "); the file may be truncated or corrupt", e);
            } catch (OutOfMemoryError e) {
                throw new FormatException(file, where + " claims a size that cannot be allocated; the file is corrupt");
            }
            if (decoded.length != chunkBytes) {
                throw new FormatException(file, where + " holds " + decoded.length + " bytes after decoding, "
                        + "a chunk of " + Arrays.toString(shape) + " values has " + chunkBytes);
            }
            return new BlockAssembler.Block(MemorySegment.ofArray(decoded), shape);
        }

        /**
         * True when jHDF failed because the chunk was never written: the B-tree index has no entry ("No chunk
         * with offset"), the fixed and extensible array indexes of HDF5 1.10 an undefined address (-1). jHDF
         * says so only in its messages.
         */
        private static boolean neverWritten(HdfException e) {
            String message = e.getMessage();
            return message != null && (message.startsWith("No chunk with offset") || message.endsWith(" at address -1"));
        }

        private byte[] decodeOwn(byte[] stored, String where) throws FormatException {
            if (filters.isEmpty()) {
                return stored;
            }
            try {
                return ChunkCodec.decode(stored, filters, chunkBytes, itemBytes);
            } catch (ChunkCodec.CorruptChunkException e) {
                throw new FormatException(file, where + ": " + e.getMessage());
            }
        }
    }

    /** Slabs of a contiguous dataset, read with positional reads (thread-safe, no shared position). */
    private static final class ContiguousStore implements BlockAssembler.Store {
        private final Path file;
        private final FileChannel channel;
        private final long start;
        private final long[] dims;
        private final long[] shape;
        private final int itemBytes;

        ContiguousStore(Path file, FileChannel channel, long start, long[] dims, long[] shape, int itemBytes) {
            this.file = file;
            this.channel = channel;
            this.start = start;
            this.dims = dims;
            this.shape = shape;
            this.itemBytes = itemBytes;
        }

        @Override
        public long[] blockShape() {
            return shape;
        }

        @Override
        public BlockAssembler.Block read(long[] index) throws IOException {
            long[] actual = new long[dims.length];
            long linear = 0;
            long count = 1;
            for (int i = 0; i < dims.length; i++) {
                long origin = index[i] * shape[i];
                actual[i] = Math.min(shape[i], dims[i] - origin);
                linear = linear * dims[i] + origin;
                count *= actual[i];
            }
            long bytes = count * itemBytes;
            byte[] values = new byte[Math.toIntExact(bytes)];
            ByteBuffer buffer = ByteBuffer.wrap(values);
            long position = start + linear * itemBytes;
            while (buffer.hasRemaining()) {
                int read = channel.read(buffer, position + buffer.position());
                if (read < 0) {
                    throw new FormatException(file, "the data ends at byte " + (position + buffer.position())
                            + ", before the dataset's end; the file is truncated");
                }
            }
            return new BlockAssembler.Block(MemorySegment.ofArray(values), actual);
        }
    }

    /** A compact dataset: its values are in its header (at most 64 KB). */
    private static final class CompactStore implements BlockAssembler.Store {
        private final Path file;
        private final Dataset dataset;
        private final long[] shape;
        private final int itemBytes;

        CompactStore(Path file, Dataset dataset, long[] shape, int itemBytes) {
            this.file = file;
            this.dataset = dataset;
            this.shape = shape;
            this.itemBytes = itemBytes;
        }

        @Override
        public long[] blockShape() {
            return shape;
        }

        @Override
        public BlockAssembler.Block read(long[] index) throws IOException {
            if (!(dataset instanceof DatasetBase base)) {
                throw new FormatException(file, "dataset " + dataset.getPath() + " has a storage layout QBI does not read");
            }
            ByteBuffer buffer = base.getDataBuffer();
            long expected = Math.multiplyExact(dataset.getSize(), (long) itemBytes);
            if (buffer.remaining() != expected) {
                throw new FormatException(file, "dataset " + dataset.getPath() + " holds " + buffer.remaining()
                        + " bytes, its shape needs " + expected);
            }
            byte[] values = new byte[buffer.remaining()];
            buffer.get(values);
            return new BlockAssembler.Block(MemorySegment.ofArray(values), shape);
        }
    }

    /** A dataset whose storage was never allocated: every value is the fill value. */
    private record EmptyStore(long[] blockShape) implements BlockAssembler.Store {
        @Override
        public BlockAssembler.Block read(long[] index) {
            return null;
        }
    }
}
