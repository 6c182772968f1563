package org.qbi.ops.block;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;

/**
 * Reads blocks of one channel and time point of an image as floats (with a halo made up by a {@link Boundary}
 * at the image's borders), and writes float blocks into an output image.
 *
 * @since 0.1
 */
public final class BlockIO {

    private BlockIO() {
    }

    /**
     * The region {@code origin}..{@code origin+size} (x, y, z) of channel {@code c} at time {@code t}, grown by
     * {@code halo} on each side; pixels outside the image come from {@code boundary} ({@code constant} for
     * {@link Boundary#CONSTANT}).
     */
    public static FloatBlock read(Image image, long c, long t, long[] origin, long[] size, int[] halo, Boundary boundary,
            float constant) throws IOException {
        return read(image, c, t, origin, size, halo, boundary, constant, null);
    }

    /**
     * As {@link #read(Image, long, long, long[], long[], int[], Boundary, float)}, filling {@code buffer} (every
     * value is overwritten) when it has exactly the block's length, so a caller can reuse blocks without the cost
     * of allocating and zeroing them.
     *
     * @since 0.1
     */
    public static FloatBlock read(Image image, long c, long t, long[] origin, long[] size, int[] halo, Boundary boundary,
            float constant, float[] buffer) throws IOException {
        long[] dims = image.header().dimensions();
        PixelType type = image.header().pixelType();
        if (type.samplesPerPixel() != 1) {
            throw Samples.unsupported(type);
        }
        int nx = Math.toIntExact(size[0] + 2L * halo[0]);
        int ny = Math.toIntExact(size[1] + 2L * halo[1]);
        int nz = Math.toIntExact(size[2] + 2L * halo[2]);
        int length = Math.multiplyExact(Math.multiplyExact(nx, ny), nz);
        float[] data = buffer != null && buffer.length == length ? buffer : new float[length];
        // source index of each padded coordinate (-1: constant)
        long[][] maps = new long[3][];
        long[] lo = new long[3];
        long[] hi = new long[3];
        int[] n = { nx, ny, nz };
        for (int a = 0; a < 3; a++) {
            maps[a] = new long[n[a]];
            lo[a] = Long.MAX_VALUE;
            hi[a] = Long.MIN_VALUE;
            for (int i = 0; i < n[a]; i++) {
                long m = boundary.map(origin[a] - halo[a] + i, dims[a]);
                maps[a][i] = m;
                if (m >= 0) {
                    lo[a] = Math.min(lo[a], m);
                    hi[a] = Math.max(hi[a], m);
                }
            }
        }
        if (lo[0] > hi[0] || lo[1] > hi[1] || lo[2] > hi[2]) {
            java.util.Arrays.fill(data, constant);
            return new FloatBlock(data, nx, ny, nz, halo);
        }
        if (image instanceof ArrayImage array) {
            readRows(array, type, c, t, maps, data, n, constant);
            return new FloatBlock(data, nx, ny, nz, halo);
        }
        long sx = hi[0] - lo[0] + 1;
        long sy = hi[1] - lo[1] + 1;
        long sz = hi[2] - lo[2] + 1;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = image.readRegion(new long[] { lo[0], lo[1], lo[2], c, t },
                    new long[] { sx, sy, sz, 1, 1 }, arena);
            float[] row = new float[(int) sx];
            for (int z = 0; z < nz; z++) {
                long zs = maps[2][z];
                for (int y = 0; y < ny; y++) {
                    long ys = maps[1][y];
                    int base = nx * (y + ny * z);
                    if (zs < 0 || ys < 0) {
                        java.util.Arrays.fill(data, base, base + nx, constant);
                        continue;
                    }
                    long from = sx * ((ys - lo[1]) + sy * (zs - lo[2]));
                    Samples.toFloats(type, region, from, row, 0, (int) sx);
                    for (int x = 0; x < nx; x++) {
                        long xs = maps[0][x];
                        data[base + x] = xs < 0 ? constant : row[(int) (xs - lo[0])];
                    }
                }
            }
        }
        return new FloatBlock(data, nx, ny, nz, halo);
    }

    /**
     * The fast path for images held in memory: each row's run inside the image is converted straight from the
     * image's segment into the block (one pass, no intermediate region), the few halo pixels one by one.
     */
    private static void readRows(ArrayImage image, PixelType type, long c, long t, long[][] maps, float[] data, int[] n,
            float constant) {
        long[] dims = image.header().dimensions();
        MemorySegment values = image.values();
        int nx = n[0];
        long[] xmap = maps[0];
        // the longest run of x along which the block's pixels are consecutive pixels of the image: copied in bulk
        int runStart = -1;
        int runEnd = -1;
        for (int x = 0; x < nx;) {
            int end = x + 1;
            while (end < nx && xmap[x] >= 0 && xmap[end] == xmap[end - 1] + 1) {
                end++;
            }
            if (xmap[x] >= 0 && end - x > runEnd - runStart) {
                runStart = x;
                runEnd = end;
            }
            x = end;
        }
        long volume = dims[0] * dims[1] * dims[2] * (c + dims[3] * t);
        for (int z = 0; z < n[2]; z++) {
            long zs = maps[2][z];
            for (int y = 0; y < n[1]; y++) {
                long ys = maps[1][y];
                int base = nx * (y + n[1] * z);
                if (zs < 0 || ys < 0) {
                    java.util.Arrays.fill(data, base, base + nx, constant);
                    continue;
                }
                long row = volume + dims[0] * (ys + dims[1] * zs);
                if (runStart >= 0) {
                    Samples.toFloats(type, values, row + xmap[runStart], data, base + runStart, runEnd - runStart);
                }
                for (int x = 0; x < nx; x++) {
                    if (x == runStart) {
                        x = runEnd - 1;
                        continue;
                    }
                    long xs = xmap[x];
                    if (xs < 0) {
                        data[base + x] = constant;
                    } else {
                        Samples.toFloats(type, values, row + xs, data, base + x, 1);
                    }
                }
            }
        }
    }

    /**
     * Writes the inner part (halo excluded) of {@code block} at {@code origin} (x, y, z) of channel {@code c}, time
     * {@code t} of {@code target}, converting to its pixel type (see {@link Samples#fromFloats}).
     */
    public static void write(ArrayImage target, long c, long t, long[] origin, FloatBlock block) {
        long[] dims = target.header().dimensions();
        PixelType type = target.header().pixelType();
        MemorySegment values = target.values();
        int[] halo = block.halo();
        int sx = block.nx() - 2 * halo[0];
        int sy = block.ny() - 2 * halo[1];
        int sz = block.nz() - 2 * halo[2];
        for (int z = 0; z < sz; z++) {
            for (int y = 0; y < sy; y++) {
                long to = origin[0] + dims[0] * ((origin[1] + y) + dims[1] * ((origin[2] + z) + dims[2] * (c + dims[3] * t)));
                Samples.fromFloats(type, block.data(), block.index(0, y, z), values, to, sx);
            }
        }
    }
}
