package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * An image held in one off-heap segment (any size, not limited by 2^31 elements or the heap): results of
 * operations, images built in code, tests. Each x-y plane is one chunk, a view into the segment.
 *
 * @since 0.1
 */
public final class ArrayImage implements Image {

    private final ImageHeader header;
    private final ChunkGrid grid;
    private final MemorySegment values;

    private ArrayImage(ImageHeader header, MemorySegment values) {
        this.header = header;
        this.grid = ChunkGrid.planes(header.dimensions());
        this.values = values;
    }

    /** A new image of zeros (allocates {@code header.byteCount()} bytes off-heap). */
    public static ArrayImage allocate(ImageHeader header) {
        return new ArrayImage(header, ChunkCache.allocate(header.byteCount()));
    }

    /**
     * An image over {@code values} (little-endian, x fastest), which must hold exactly
     * {@code header.byteCount()} bytes; the segment is used, not copied.
     */
    public static ArrayImage wrap(ImageHeader header, MemorySegment values) {
        if (values.byteSize() != header.byteCount()) {
            throw new IllegalArgumentException("The values have " + values.byteSize() + " bytes, the header needs "
                    + header.byteCount());
        }
        return new ArrayImage(header, values);
    }

    /** Reads every value of {@code image} into memory. */
    public static ArrayImage copyOf(Image image) throws IOException {
        ArrayImage copy = allocate(image.header());
        int bpp = image.header().pixelType().bytesPerPixel();
        ChunkGrid source = image.grid();
        for (long n = 0; n < source.chunkCount(); n++) {
            long[] index = source.index(n);
            MemorySegment chunk = image.chunk(index);
            long[] origin = source.origin(index);
            long[] size = source.size(index);
            long[] dims = image.header().dimensions();
            for (long t = 0; t < size[4]; t++) {
                for (long c = 0; c < size[3]; c++) {
                    for (long z = 0; z < size[2]; z++) {
                        for (long y = 0; y < size[1]; y++) {
                            long src = Regions.offset(size, 0, y, z, c, t);
                            long dst = Regions.offset(dims, origin[0], origin[1] + y, origin[2] + z, origin[3] + c,
                                    origin[4] + t);
                            MemorySegment.copy(chunk, src * bpp, copy.values, dst * bpp, size[0] * bpp);
                        }
                    }
                }
            }
        }
        return copy;
    }

    /** All values, writable. */
    public MemorySegment values() {
        return values;
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
    public MemorySegment chunk(long[] index) {
        grid.size(index);
        long planeBytes = header.size(Axis.X) * header.size(Axis.Y) * header.pixelType().bytesPerPixel();
        long plane = index[2] + header.size(Axis.Z) * (index[3] + header.size(Axis.C) * index[4]);
        return values.asSlice(plane * planeBytes, planeBytes);
    }
}
