package org.qbi.io.numpy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Axis;
import org.qbi.core.image.CachedImage;
import org.qbi.core.image.ChunkCache;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/**
 * A 16 GiB volume (2048^3 uint16, a sparse file) opens and is browsed in a test JVM whose heap is 2 GiB
 * (surefire's -Xmx2g): chunks are read on demand and the cache stays within its budget.
 */
class LargeVolumeTest {

    private static final long N = 2048;

    @Test
    void aSixteenGigabyteVolumeIsBrowsedWithATwoGigabyteHeap(@TempDir Path dir) throws Exception {
        assertTrue(Runtime.getRuntime().maxMemory() <= (2L << 30) + (256L << 20), "the test runs with a 2 GiB heap");
        Path raw = dir.resolve("big.raw");
        long planeBytes = N * N * 2;
        try (RandomAccessFile file = new RandomAccessFile(raw.toFile(), "rw")) {
            file.setLength(planeBytes * N);
            for (long z : new long[] { 0, 1000, N - 1 }) {
                file.seek(planeBytes * z + 2 * (N * 7 + 5));
                file.write(new byte[] { (byte) (z & 0xFF), (byte) (z >> 8) });
            }
        }
        Files.writeString(dir.resolve("big.raw.json"),
                "{\"shape\":[2048,2048,2048],\"dtype\":\"uint16\",\"byteOrder\":\"little\",\"offset\":0,"
                        + "\"spacing\":[0.5,0.5,0.5],\"unit\":\"um\"}");

        ChunkCache cache = new ChunkCache(256L << 20);
        try (Image image = new CachedImage(new RawVolumeReader().open(raw, null), cache)) {
            assertEquals(N, image.header().size(Axis.Z));
            assertEquals(PixelType.UINT16, image.header().pixelType());
            assertEquals(16L << 30, image.header().byteCount());
            for (long z : new long[] { 0, 1000, N - 1, 500, 1500 }) {
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment plane = image.readPlane(z, 0, 0, arena);
                    double expected = z == 500 || z == 1500 ? 0 : z;
                    assertEquals(expected, PixelValues.get(PixelType.UINT16, plane, N * 7 + 5), 0, "slice " + z);
                    assertEquals(0, PixelValues.get(PixelType.UINT16, plane, N * 7 + 6), 0);
                }
                assertTrue(cache.usedBytes() <= cache.budgetBytes(), "cache " + cache.usedBytes() + " bytes");
            }
        }
    }
}
