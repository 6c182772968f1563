package org.qbi.measure.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;

/**
 * The x-y planes of one channel and time point of an image, without copying where the image's chunks hold whole
 * planes ({@link org.qbi.core.image.ArrayImage}, plane- or slab-chunked files): a view into the chunk, else a copy
 * read into {@code arena}. Not thread-safe: one per task.
 */
public final class LabelPlanes {

    private final Image image;
    private final long channel;
    private final long time;
    private final Arena arena;
    private final boolean wholePlanes;
    private final long planeBytes;
    private MemorySegment chunk;
    private long chunkFirstZ = -1;
    private long chunkPlanes;

    public LabelPlanes(Image image, long channel, long time, Arena arena) {
        this.image = image;
        this.channel = channel;
        this.time = time;
        this.arena = arena;
        long[] dims = image.header().dimensions();
        long[] chunkSize = image.grid().chunkSize();
        this.wholePlanes = chunkSize[0] == dims[0] && chunkSize[1] == dims[1] && chunkSize[3] == 1 && chunkSize[4] == 1;
        this.planeBytes = dims[0] * dims[1] * image.header().pixelType().bytesPerPixel();
    }

    /** Plane {@code z}: valid until the next call. */
    public MemorySegment plane(long z) throws IOException {
        if (!wholePlanes) {
            return image.readPlane(z, channel, time, arena);
        }
        if (chunk == null || z < chunkFirstZ || z >= chunkFirstZ + chunkPlanes) {
            ChunkGrid grid = image.grid();
            long[] index = grid.chunkOf(new long[] { 0, 0, z, channel, time });
            chunk = image.chunk(index);
            chunkFirstZ = grid.origin(index)[2];
            chunkPlanes = grid.size(index)[2];
        }
        return chunk.asSlice((z - chunkFirstZ) * planeBytes, planeBytes);
    }
}
