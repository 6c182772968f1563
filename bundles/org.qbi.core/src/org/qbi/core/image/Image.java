package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

/**
 * An image: its header and its stored values, reached chunk by chunk. Values are little-endian, x fastest,
 * then y, z, c, t within a chunk and within every region read.
 * <p>
 * Images from files ({@link CachedImage}) decode chunks on demand and keep them in the shared, bounded
 * {@link ChunkCache}; an {@link ArrayImage} holds all its values in one off-heap segment. Thread-safe: chunks
 * and regions may be read from several threads.
 *
 * @since 0.1
 */
public interface Image extends AutoCloseable {

    ImageHeader header();

    ChunkGrid grid();

    /**
     * The stored values of chunk {@code index} as a read-only segment (decoded now or taken from the cache).
     * The segment stays valid as long as the caller holds it.
     */
    MemorySegment chunk(long[] index) throws IOException;

    /**
     * Copies the stored values of a region into a new segment from {@code arena}: x fastest, then y, z, c, t.
     * Costs the chunks the region touches (decoded unless cached); allocates {@code size} pixels.
     *
     * @param origin first pixel of the region (5 values)
     * @param size   region size (5 values, each at least 1)
     */
    default MemorySegment readRegion(long[] origin, long[] size, Arena arena) throws IOException {
        return Regions.read(this, origin, size, arena);
    }

    /** The stored values of one x-y plane. */
    default MemorySegment readPlane(long z, long c, long t, Arena arena) throws IOException {
        long[] dims = header().dimensions();
        return readRegion(new long[] { 0, 0, z, c, t }, new long[] { dims[0], dims[1], 1, 1, 1 }, arena);
    }

    /** Releases the file behind the image (cached chunks are dropped when memory is needed). */
    @Override
    default void close() throws IOException {
    }

    /** An image over {@code source} whose chunks go through the shared cache. */
    static Image of(ChunkSource source) {
        return new CachedImage(source, ChunkCache.shared());
    }
}
