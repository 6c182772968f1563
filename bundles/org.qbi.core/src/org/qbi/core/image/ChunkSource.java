package org.qbi.core.image;

import java.io.Closeable;
import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * Decodes an image's chunks; what a reader implements. Opening a source reads the header only; each
 * {@link #readChunk} decodes one chunk's stored values.
 * <p>
 * Implementations must allow {@link #readChunk} from several threads at once (positional reads, no shared
 * stream position) and must never modify or lock the file.
 *
 * @since 0.1
 */
public interface ChunkSource extends Closeable {

    ImageHeader header();

    ChunkGrid grid();

    /**
     * Decodes chunk {@code index} into {@code target}: stored values (before rescale), little-endian, x fastest
     * within the chunk, exactly {@code grid().pixelCount(index) * bytesPerPixel} bytes.
     *
     * @throws java.io.IOException naming the file and what is wrong when the data is truncated or corrupt
     */
    void readChunk(long[] index, MemorySegment target) throws IOException;

    @Override
    default void close() throws IOException {
    }
}
