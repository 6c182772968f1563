package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.MemorySegment;

/**
 * An image whose chunks a {@link ChunkSource} decodes on demand, kept in a {@link ChunkCache}.
 *
 * @since 0.1
 */
public final class CachedImage implements Image {

    private final ChunkSource source;
    private final ChunkCache cache;
    private final int bytesPerPixel;

    public CachedImage(ChunkSource source, ChunkCache cache) {
        this.source = source;
        this.cache = cache;
        this.bytesPerPixel = source.header().pixelType().bytesPerPixel();
    }

    @Override
    public ImageHeader header() {
        return source.header();
    }

    @Override
    public ChunkGrid grid() {
        return source.grid();
    }

    @Override
    public MemorySegment chunk(long[] index) throws IOException {
        ChunkGrid grid = source.grid();
        long bytes = grid.pixelCount(index) * bytesPerPixel;
        return cache.get(new ChunkCache.Key(this, grid.linear(index)), () -> {
            MemorySegment target = ChunkCache.allocate(bytes);
            source.readChunk(index.clone(), target);
            return target;
        });
    }

    /** The source behind this image (its reader). */
    public ChunkSource source() {
        return source;
    }

    @Override
    public void close() throws IOException {
        cache.invalidate(this);
        source.close();
    }
}
