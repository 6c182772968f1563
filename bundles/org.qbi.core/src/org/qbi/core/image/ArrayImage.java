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
    /** The memory this image owns and gives back on {@link #close()}; null for wrapped segments. */
    private final ZeroedMemory.Lease lease;

    private ArrayImage(ImageHeader header, MemorySegment values, ZeroedMemory.Lease lease) {
        this.header = header;
        this.grid = ChunkGrid.planes(header.dimensions());
        this.values = values;
        this.lease = lease;
    }

    /**
     * A new image of zeros (allocates {@code header.byteCount()} bytes off-heap, reusing released memory of the
     * same size: see {@link ZeroedMemory}). {@link #close()} gives the memory back at once; otherwise it goes
     * back when the image and its values are no longer reachable.
     */
    public static ArrayImage allocate(ImageHeader header) {
        ZeroedMemory.Lease lease = ZeroedMemory.lease(header.byteCount(), true);
        return new ArrayImage(header, lease.segment(), lease);
    }

    /**
     * A new image whose values are unspecified (reused memory is not zeroed first): only for a caller that writes
     * every value before anyone reads it, such as a point operation's output. Otherwise as {@link #allocate}.
     *
     * @since 0.2
     */
    public static ArrayImage allocateForOverwrite(ImageHeader header) {
        ZeroedMemory.Lease lease = ZeroedMemory.lease(header.byteCount(), false);
        return new ArrayImage(header, lease.segment(), lease);
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
        return new ArrayImage(header, values, null);
    }

    /** Reads every value of {@code image} into memory. */
    public static ArrayImage copyOf(Image image) throws IOException {
        ArrayImage copy = allocateForOverwrite(image.header());
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

    /**
     * Gives an allocated image's memory back for reuse; from then on reading its values or chunks throws
     * {@code IllegalStateException} (never stale data). Does nothing for an image made by {@link #wrap}, whose
     * segment belongs to the caller.
     */
    @Override
    public void close() {
        if (lease != null) {
            lease.close();
        }
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
