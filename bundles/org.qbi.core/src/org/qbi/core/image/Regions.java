package org.qbi.core.image;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** Copies a region out of an image's chunks, row by row (runs along x). */
final class Regions {

    private Regions() {
    }

    static MemorySegment read(Image image, long[] origin, long[] size, Arena arena) throws IOException {
        long[] dims = image.header().dimensions();
        for (int i = 0; i < Axis.COUNT; i++) {
            if (origin[i] < 0 || size[i] < 1 || origin[i] + size[i] > dims[i]) {
                throw new IndexOutOfBoundsException("Region " + Arrays.toString(origin) + " + " + Arrays.toString(size)
                        + " is outside the image " + Arrays.toString(dims));
            }
        }
        int bpp = image.header().pixelType().bytesPerPixel();
        long total = bpp;
        for (long s : size) {
            total = Math.multiplyExact(total, s);
        }
        MemorySegment target = arena.allocate(total, 8);
        ChunkGrid grid = image.grid();
        long[] first = grid.chunkOf(origin);
        long[] last = grid.chunkOf(new long[] { origin[0] + size[0] - 1, origin[1] + size[1] - 1,
                origin[2] + size[2] - 1, origin[3] + size[3] - 1, origin[4] + size[4] - 1 });
        long[] index = first.clone();
        while (true) {
            copyChunkPart(image, grid, index, origin, size, target, bpp);
            int axis = 0;
            while (axis < Axis.COUNT && ++index[axis] > last[axis]) {
                index[axis] = first[axis];
                axis++;
            }
            if (axis == Axis.COUNT) {
                return target;
            }
        }
    }

    private static void copyChunkPart(Image image, ChunkGrid grid, long[] index, long[] origin, long[] size,
            MemorySegment target, int bpp) throws IOException {
        MemorySegment chunk = image.chunk(index);
        long[] cOrigin = grid.origin(index);
        long[] cSize = grid.size(index);
        long[] from = new long[Axis.COUNT];
        long[] to = new long[Axis.COUNT];
        for (int i = 0; i < Axis.COUNT; i++) {
            from[i] = Math.max(origin[i], cOrigin[i]);
            to[i] = Math.min(origin[i] + size[i], cOrigin[i] + cSize[i]);
        }
        long runBytes = (to[0] - from[0]) * bpp;
        for (long t = from[4]; t < to[4]; t++) {
            for (long c = from[3]; c < to[3]; c++) {
                for (long z = from[2]; z < to[2]; z++) {
                    for (long y = from[1]; y < to[1]; y++) {
                        long src = offset(cSize, from[0] - cOrigin[0], y - cOrigin[1], z - cOrigin[2], c - cOrigin[3],
                                t - cOrigin[4]);
                        long dst = offset(size, from[0] - origin[0], y - origin[1], z - origin[2], c - origin[3],
                                t - origin[4]);
                        MemorySegment.copy(chunk, src * bpp, target, dst * bpp, runBytes);
                    }
                }
            }
        }
    }

    /** Linear pixel offset of (x, y, z, c, t) in a block of {@code size}, x fastest. */
    static long offset(long[] size, long x, long y, long z, long c, long t) {
        return x + size[0] * (y + size[1] * (z + size[2] * (c + size[3] * t)));
    }
}
