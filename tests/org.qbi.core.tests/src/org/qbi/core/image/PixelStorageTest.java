package org.qbi.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.TestImages.FormulaSource;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Chunked storage, regions, fingerprint and statistics. Reference values: reference/image_reference.py
 * (NumPy 1.24.2) over the same test image, value x + 10 y + 100 z + 1000 c + 5000 t on 7 x 5 x 3 x 2 x 1.
 */
class PixelStorageTest {

    private static final long[] DIMS = { 7, 5, 3, 2, 1 };
    private static final String NUMPY_SHA256 = "87ae93b49b130a01e446fc9f118fb2fc31d34918a2dee5b2f9951ed72b3c5b14";

    private static final List<long[]> CHUNKINGS = List.of(new long[] { 7, 5, 1, 1, 1 }, new long[] { 3, 2, 2, 1, 1 },
            new long[] { 7, 5, 3, 2, 1 }, new long[] { 1, 1, 1, 1, 1 }, new long[] { 4, 5, 3, 1, 1 });

    @Test
    void theFingerprintIsNumpysSha256WhateverTheChunking() throws Exception {
        for (long[] chunk : CHUNKINGS) {
            Image image = new CachedImage(new FormulaSource(PixelType.UINT16, DIMS, chunk), new ChunkCache(1 << 20));
            assertEquals(NUMPY_SHA256, Fingerprint.of(image, ProgressMonitor.NULL), java.util.Arrays.toString(chunk));
            assertEquals(NUMPY_SHA256, Fingerprint.of(ArrayImage.copyOf(image), ProgressMonitor.NULL));
        }
    }

    @Test
    void regionsAcrossChunkBordersHoldTheRightValues() throws Exception {
        Image image = new CachedImage(new FormulaSource(PixelType.UINT16, DIMS, new long[] { 3, 2, 2, 1, 1 }),
                new ChunkCache(1 << 20));
        long[] origin = { 2, 1, 1, 1, 0 };
        long[] size = { 4, 3, 2, 1, 1 };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = image.readRegion(origin, size, arena);
            long i = 0;
            for (long z = 0; z < 2; z++) {
                for (long y = 0; y < 3; y++) {
                    for (long x = 0; x < 4; x++) {
                        assertEquals(TestImages.value(2 + x, 1 + y, 1 + z, 1, 0),
                                PixelValues.get(PixelType.UINT16, region, i++), "pixel " + x + "," + y + "," + z);
                    }
                }
            }
            MemorySegment plane = image.readPlane(2, 1, 0, arena);
            assertEquals(7 * 5 * 2, plane.byteSize());
            assertEquals(TestImages.value(6, 4, 2, 1, 0), PixelValues.get(PixelType.UINT16, plane, 34), 0);
        }
        assertThrows(IndexOutOfBoundsException.class,
                () -> image.readRegion(new long[] { 5, 0, 0, 0, 0 }, new long[] { 3, 1, 1, 1, 1 }, Arena.ofAuto()));
    }

    @Test
    void integerStatisticsAreExactAndMatchNumpy() throws Exception {
        Image image = Image.of(new FormulaSource(PixelType.UINT16, DIMS, new long[] { 3, 2, 2, 1, 1 }));
        ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
        assertEquals(210, stats.count());
        assertEquals(0, stats.min(), 0);
        assertEquals(1246, stats.max(), 0);
        assertEquals(623, stats.mean(), 0);
        assertEquals(506.82409834839802, stats.std(), 1e-12);
    }

    @Test
    void floatStatisticsMatchNumpyAcrossChunks() throws Exception {
        for (long[] chunk : CHUNKINGS) {
            Image image = Image.of(new FormulaSource(PixelType.FLOAT32, DIMS, chunk, 7));
            ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
            assertEquals(88.999999991272176, stats.mean(), 1e-12);
            assertEquals(72.403442627769948, stats.std(), 1e-12);
        }
    }

    @Test
    void floatStatisticsOfARampAreAnalytic() throws Exception {
        long n = 1000;
        ArrayImage ramp = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.FLOAT64, 10, 10, 10));
        for (long i = 0; i < n; i++) {
            PixelValues.set(PixelType.FLOAT64, ramp.values(), i, 1e6 + i);
        }
        ValueStatistics stats = ImageStatistics.of(ramp, ProgressMonitor.NULL);
        assertEquals(1e6 + (n - 1) / 2.0, stats.mean(), 1e-9);
        assertEquals(Math.sqrt((n * n - 1) / 12.0), stats.std(), 1e-9, "no cancellation with a large offset");
    }

    @Test
    void theCacheStaysWithinItsBudgetAndServesRepeatedReads() throws Exception {
        FormulaSource source = new FormulaSource(PixelType.UINT16, DIMS, new long[] { 7, 5, 1, 1, 1 });
        ChunkCache cache = new ChunkCache(3 * 7 * 5 * 2);
        Image image = new CachedImage(source, cache);
        for (long[] index = { 0, 0, 0, 0, 0 }; index[2] < 3; index[2]++) {
            image.chunk(index);
            image.chunk(index);
        }
        assertEquals(3, source.decodes.get(), "the second read of each chunk is a hit");
        assertEquals(3, cache.hits());
        image.chunk(new long[] { 0, 0, 0, 1, 0 });
        assertTrue(cache.usedBytes() <= cache.budgetBytes(), cache.usedBytes() + " > " + cache.budgetBytes());
        image.chunk(new long[] { 0, 0, 0, 0, 0 });
        assertEquals(5, source.decodes.get(), "the least recently used chunk was evicted and decoded again");
        cache.setBudgetBytes(7 * 5 * 2);
        assertEquals(7 * 5 * 2, cache.usedBytes(), "a smaller budget evicts at once, down to one chunk");
        image.close();
        assertEquals(0, cache.usedBytes(), "closing the image drops its chunks");
    }

    @Test
    void chunksAreReadOnlyAndArrayImagesRefuseWrongSizes() throws Exception {
        Image image = Image.of(new FormulaSource(PixelType.UINT16, DIMS, new long[] { 7, 5, 1, 1, 1 }));
        assertTrue(image.chunk(new long[] { 0, 0, 0, 0, 0 }).isReadOnly());
        assertThrows(IllegalArgumentException.class, () -> ArrayImage.wrap(
                ImageHeader.uncalibrated(PixelType.UINT16, 4, 4), Arena.ofAuto().allocate(30)));
    }

    @Test
    void bulkReadsGiveEachSamplesValueForEveryType() {
        java.util.Random random = new java.util.Random(5);
        byte[] bytes = new byte[8 * 40];
        random.nextBytes(bytes);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment segment = arena.allocate(bytes.length);
            MemorySegment.copy(bytes, 0, segment, java.lang.foreign.ValueLayout.JAVA_BYTE, 0, bytes.length);
            for (PixelType type : PixelType.values()) {
                double[] bulk = new double[30];
                PixelValues.get(type, segment, 7, bulk, 30);
                for (int i = 0; i < 30; i++) {
                    double one = PixelValues.get(type, segment, 7 + i);
                    assertEquals(Double.doubleToRawLongBits(one), Double.doubleToRawLongBits(bulk[i]),
                            type + " sample " + (7 + i));
                }
            }
        }
    }
}
