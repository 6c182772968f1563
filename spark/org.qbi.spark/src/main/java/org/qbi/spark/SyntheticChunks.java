package org.qbi.spark;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.SplittableRandom;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.io.zarr.internal.ZarrWriter;

/**
 * The benchmark volume of the peer benchmarks (background N(100, 10) plus bright spheres, +100, of radius 3..12,
 * 300 per 256^3; as org.qbi.ops.internal.SyntheticVolume and ../shared/bench/peers/gen_data.py) of any size,
 * written chunk by chunk by Spark tasks, with its mask (1 above 150, else 0): volumes larger than the driver's
 * memory. Each voxel's noise is a function of its index in the volume alone, so the volume is the same whatever the
 * chunks and the tasks.
 */
final class SyntheticChunks {

    private SyntheticChunks() {
    }

    /** Writes the float32 volume and the uint8 mask of size {@code nx, ny, nz} as Zarr with chunks of {@code edge}. */
    static void generate(JavaSparkContext context, long nx, long ny, long nz, int edge, Path volume, Path mask)
            throws IOException {
        ImageHeader values = ImageHeader.uncalibrated(PixelType.FLOAT32, nx, ny, nz);
        ImageHeader masks = ImageHeader.uncalibrated(PixelType.UINT8, nx, ny, nz);
        ZarrWriter writer = new ZarrWriter(edge, edge);
        ChunkGrid grid = writer.chunkGrid(values);
        writer.create(values, volume);
        writer.create(masks, mask);
        ChunkedVolume.forget(volume.toAbsolutePath().toString());
        ChunkedVolume.forget(mask.toAbsolutePath().toString());
        String v = volume.toAbsolutePath().toString();
        String m = mask.toAbsolutePath().toString();
        long[] spheres = spheres(nx, ny, nz);
        context.setJobDescription("QBI synthetic volume " + nx + " x " + ny + " x " + nz);
        ChunkedVolume.chunks(context, grid).foreach(n -> {
            ImageHeader h = ImageHeader.uncalibrated(PixelType.FLOAT32, nx, ny, nz);
            ZarrWriter w = new ZarrWriter(edge, edge);
            ChunkGrid g = w.chunkGrid(h);
            long[] index = g.index(n);
            try (ArrayImage chunk = chunk(g, index, spheres, nx, ny);
                    ArrayImage chunkMask = ArrayImage.allocateForOverwrite(
                            ChunkedVolume.resized(ImageHeader.uncalibrated(PixelType.UINT8, nx, ny, nz), g.size(index)))) {
                MemorySegment f = chunk.values();
                MemorySegment b = chunkMask.values();
                long count = b.byteSize();
                for (long i = 0; i < count; i++) {
                    b.set(ValueLayout.JAVA_BYTE, i, f.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, i) > 150 ? (byte) 1 : 0);
                }
                w.writeChunk(Path.of(v), h, index, chunk);
                w.writeChunk(Path.of(m), ImageHeader.uncalibrated(PixelType.UINT8, nx, ny, nz), index, chunkMask);
            }
        });
    }

    /** The spheres as {x, y, z, r} quadruples: a fixed sequence (seed 42), 300 per 256^3 voxels. */
    static long[] spheres(long nx, long ny, long nz) {
        SplittableRandom random = new SplittableRandom(42);
        int count = (int) Math.round(300.0 * nx * ny * nz / (256.0 * 256 * 256));
        long[] s = new long[4 * count];
        for (int i = 0; i < count; i++) {
            s[4 * i] = random.nextLong(nx);
            s[4 * i + 1] = random.nextLong(ny);
            s[4 * i + 2] = random.nextLong(nz);
            s[4 * i + 3] = 3 + random.nextInt(10);
        }
        return s;
    }

    private static ArrayImage chunk(ChunkGrid grid, long[] index, long[] spheres, long nx, long ny) {
        long[] o = grid.origin(index);
        long[] s = grid.size(index);
        ArrayImage chunk = ArrayImage.allocateForOverwrite(ChunkedVolume.resized(
                ImageHeader.uncalibrated(PixelType.FLOAT32, grid.dimensions()[0], grid.dimensions()[1],
                        grid.dimensions()[2]), s));
        MemorySegment values = chunk.values();
        for (long z = 0; z < s[2]; z++) {
            for (long y = 0; y < s[1]; y++) {
                for (long x = 0; x < s[0]; x++) {
                    long global = (o[0] + x) + nx * ((o[1] + y) + ny * (o[2] + z));
                    values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, x + s[0] * (y + s[1] * z),
                            (float) (100 + 10 * gaussian(global)));
                }
            }
        }
        for (int i = 0; i < spheres.length; i += 4) {
            long r = spheres[i + 3];
            long[] c = { spheres[i], spheres[i + 1], spheres[i + 2] };
            long[] lo = new long[3];
            long[] hi = new long[3];
            boolean inside = true;
            for (int a = 0; a < 3; a++) {
                lo[a] = Math.max(o[a], c[a] - r);
                hi[a] = Math.min(o[a] + s[a] - 1, c[a] + r);
                inside &= lo[a] <= hi[a];
            }
            if (!inside) {
                continue;
            }
            for (long z = lo[2]; z <= hi[2]; z++) {
                for (long y = lo[1]; y <= hi[1]; y++) {
                    for (long x = lo[0]; x <= hi[0]; x++) {
                        long dx = x - c[0];
                        long dy = y - c[1];
                        long dz = z - c[2];
                        if (dx * dx + dy * dy + dz * dz <= r * r) {
                            long at = (x - o[0]) + s[0] * ((y - o[1]) + s[1] * (z - o[2]));
                            values.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at,
                                    values.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at) + 100f);
                        }
                    }
                }
            }
        }
        return chunk;
    }

    /** A standard normal value that depends on {@code index} alone (SplitMix64 then Box-Muller). */
    static double gaussian(long index) {
        long a = mix(index * 2 + 0x9E3779B97F4A7C15L);
        long b = mix(index * 2 + 1 + 0x9E3779B97F4A7C15L);
        double u = ((a >>> 11) + 1) * 0x1.0p-53; // (0, 1]
        double v = (b >>> 11) * 0x1.0p-53;
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
