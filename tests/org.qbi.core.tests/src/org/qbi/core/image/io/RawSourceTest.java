package org.qbi.core.image.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;

/**
 * RawSource against an independent writer of every layout: the test lays out samples in the file's order
 * (any axis order, samples interleaved or planar, either byte order) with a value that encodes the sample's
 * position, reads it back chunk by chunk and checks every sample. Sizes over 4 MB make several chunks, a last
 * partial one, and chunks of rows.
 */
class RawSourceTest {

    @TempDir
    Path dir;

    /** The value of a sample at (x, y, z, c, t, s), distinct enough to catch any misplacement. */
    private static double value(PixelType type, long[] p, int s) {
        long v = p[0] * 7 + p[1] * 131 + p[2] * 1031 + p[3] * 5003 + p[4] * 10007 + s * 3;
        return type.isInteger() ? v % (long) Math.min(type.maxValue() + 1, 1L << 31) : v * 0.5;
    }

    /** Writes the values in the file order of {@code layout}, from {@code offset} on. */
    private Path write(ImageHeader header, RawLayout layout, ByteOrder order, int offset) throws IOException {
        PixelType type = header.pixelType();
        int samples = type.samplesPerPixel();
        int bps = type.bytesPerSample();
        long[] dims = header.dimensions();
        // file dimensions fastest first: axis ordinal, or -1 for the sample
        List<Integer> fileDims = new ArrayList<>();
        for (Axis axis : layout.order()) {
            fileDims.add(axis.ordinal());
        }
        fileDims.add(layout.samplePosition(), -1);
        long total = header.pixelCount() * samples;
        ByteBuffer bytes = ByteBuffer.allocate((int) (offset + total * bps)).order(order);
        bytes.position(offset);
        MemorySegment one = MemorySegment.ofArray(new byte[8]);
        long[] at = new long[6];
        for (long n = 0; n < total; n++) {
            long[] p = new long[5];
            int s = 0;
            for (int k = 0; k < 6; k++) {
                int d = fileDims.get(k);
                if (d < 0) {
                    s = (int) at[k];
                } else {
                    p[d] = at[k];
                }
            }
            PixelValues.set(type, one, 0, value(type, p, s));
            for (int b = 0; b < bps; b++) {
                // PixelValues writes little-endian; reverse for big-endian files
                bytes.put(one.get(java.lang.foreign.ValueLayout.JAVA_BYTE,
                        order == ByteOrder.LITTLE_ENDIAN ? b : bps - 1 - b));
            }
            for (int k = 0; k < 6; k++) {
                int d = fileDims.get(k);
                long size = d < 0 ? samples : dims[d];
                if (++at[k] < size) {
                    break;
                }
                at[k] = 0;
            }
        }
        Path file = dir.resolve("values.raw");
        Files.write(file, bytes.array());
        return file;
    }

    private static void assertValues(Image image) throws IOException {
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        ChunkGrid grid = image.grid();
        for (long n = 0; n < grid.chunkCount(); n++) {
            long[] index = grid.index(n);
            MemorySegment chunk = image.chunk(index);
            long[] origin = grid.origin(index);
            long[] size = grid.size(index);
            long i = 0;
            for (long t = 0; t < size[4]; t++) {
                for (long c = 0; c < size[3]; c++) {
                    for (long z = 0; z < size[2]; z++) {
                        for (long y = 0; y < size[1]; y++) {
                            for (long x = 0; x < size[0]; x++) {
                                long[] p = { origin[0] + x, origin[1] + y, origin[2] + z, origin[3] + c, origin[4] + t };
                                for (int s = 0; s < type.samplesPerPixel(); s++, i++) {
                                    double expected = value(type, p, s);
                                    double actual = PixelValues.get(type, chunk, i);
                                    if (expected != actual) {
                                        assertEquals(expected, actual, "sample " + s + " at " + java.util.Arrays.toString(p)
                                                + " in chunk " + java.util.Arrays.toString(index));
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    private void check(PixelType type, long[] dims, RawLayout layout, ByteOrder order, int expectedChunks)
            throws IOException {
        ImageHeader header = ImageHeader.uncalibrated(type, dims);
        Path file = write(header, layout, order, 17);
        try (Image image = Image.of(new RawSource(file, header, ByteStore.file(file, file, 17, header.byteCount()),
                order, layout))) {
            assertEquals(expectedChunks, image.grid().chunkCount(), "chunks of " + image.grid());
            assertValues(image);
        }
    }

    @Test
    void xFastestSlabsWithAPartialLastChunk() throws IOException {
        // 512 x 512 x 20 uint16 = 10 MB: slabs of 8 planes (4 MB), the last one of 4
        check(PixelType.UINT16, new long[] { 512, 512, 20 }, RawLayout.STANDARD, ByteOrder.LITTLE_ENDIAN, 3);
    }

    @Test
    void bigEndianValuesAreSwapped() throws IOException {
        check(PixelType.INT32, new long[] { 300, 200, 30 }, RawLayout.STANDARD, ByteOrder.BIG_ENDIAN, 2);
        check(PixelType.FLOAT64, new long[] { 33, 20, 4, 1, 3 }, RawLayout.STANDARD, ByteOrder.BIG_ENDIAN, 1);
        check(PixelType.COMPLEX_FLOAT32, new long[] { 40, 30, 5 }, RawLayout.STANDARD, ByteOrder.BIG_ENDIAN, 1);
    }

    @Test
    void planesLargerThanAChunkAreCutIntoRows() throws IOException {
        // 3000 x 1000 uint16 = 6 MB in one plane: chunks of 699 rows
        check(PixelType.UINT16, new long[] { 3000, 1000 }, RawLayout.STANDARD, ByteOrder.LITTLE_ENDIAN, 2);
    }

    @Test
    void niftiOrderTimeBeforeChannels() throws IOException {
        RawLayout nifti = RawLayout.of(Axis.X, Axis.Y, Axis.Z, Axis.T, Axis.C);
        // small: one chunk holding t and c, reordered from t-before-c
        check(PixelType.INT16, new long[] { 16, 12, 5, 3, 4 }, nifti, ByteOrder.LITTLE_ENDIAN, 1);
        // 7.9 MB: a chunk per channel, each holding all time points
        check(PixelType.INT16, new long[] { 128, 128, 20, 3, 4 }, nifti, ByteOrder.LITTLE_ENDIAN, 3);
    }

    @Test
    void fortranOrderIsReordered() throws IOException {
        // NumPy (40, 200, 300) int16 in Fortran order: z fastest; 4.8 MB, so slabs along x
        check(PixelType.INT16, new long[] { 300, 200, 40 }, RawLayout.of(Axis.Z, Axis.Y, Axis.X, Axis.C, Axis.T),
                ByteOrder.BIG_ENDIAN, 2);
    }

    @Test
    void planarSamplesAreInterleaved() throws IOException {
        // NumPy (1500, 1200, 3) uint8 in Fortran order: y fastest, then x, then the sample
        check(PixelType.RGB8, new long[] { 1200, 1500 }, new RawLayout(List.of(Axis.Y, Axis.X, Axis.Z, Axis.C, Axis.T), 2),
                ByteOrder.LITTLE_ENDIAN, 2);
    }

    @Test
    void interleavedChannelsGoToTheChannelAxis() throws IOException {
        // MetaImage with 2 float channels per element: c fastest; 9.6 MB
        check(PixelType.FLOAT32, new long[] { 200, 200, 30, 2 }, RawLayout.of(Axis.C, Axis.X, Axis.Y, Axis.Z, Axis.T),
                ByteOrder.LITTLE_ENDIAN, 3);
    }

    @Test
    void chunksMaySpanSeveralFiles() throws IOException {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT16, 512, 512, 20);
        Path whole = write(header, RawLayout.STANDARD, ByteOrder.LITTLE_ENDIAN, 0);
        byte[] bytes = Files.readAllBytes(whole);
        int perFile = bytes.length / 5; // 4 planes per file, chunks of 8 planes
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Path part = dir.resolve("part" + i + ".raw");
            byte[] withHeader = new byte[perFile + 9];
            System.arraycopy(bytes, i * perFile, withHeader, 9, perFile);
            Files.write(part, withHeader);
            files.add(part);
        }
        try (Image image = Image.of(new RawSource(whole, header, ByteStore.files(whole, files, 9, perFile),
                ByteOrder.LITTLE_ENDIAN, RawLayout.STANDARD))) {
            assertValues(image);
        }
    }

    @Test
    void aDecodedCopyReadsLikeTheFileAndLeavesNothingBehind() throws IOException {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT16, 512, 512, 20);
        Path raw = write(header, RawLayout.STANDARD, ByteOrder.LITTLE_ENDIAN, 0);
        Path gz = dir.resolve("values.raw.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            out.write(new byte[100]);
            Files.copy(raw, out);
        }
        Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
        List<Path> before = decodedCopies(tmp);
        try (Image image = Image.of(new RawSource(gz, header, ByteStore.decoded(gz, 100, header.byteCount(),
                () -> new java.util.zip.GZIPInputStream(Files.newInputStream(gz))), ByteOrder.LITTLE_ENDIAN,
                RawLayout.STANDARD))) {
            assertValues(image);
            assertEquals(before, decodedCopies(tmp), "the copy is unlinked as soon as it is opened (Linux)");
        }
    }

    private static List<Path> decodedCopies(Path tmp) throws IOException {
        try (var files = Files.list(tmp)) {
            return files.filter(p -> p.getFileName().toString().startsWith("qbi-decoded-")).sorted().toList();
        }
    }

    @Test
    void aStoreShorterThanTheHeaderIsRefused() throws IOException {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT16, 10, 10, 10);
        Path file = dir.resolve("short.raw");
        Files.write(file, new byte[1999]);
        FormatException e = assertThrows(FormatException.class, () -> new RawSource(file, header,
                ByteStore.file(file, file, 0, 1999), ByteOrder.LITTLE_ENDIAN, RawLayout.STANDARD));
        assertTrue(e.getMessage().contains("holds 1999 bytes of pixel data, the header needs 2000"), e.getMessage());
        e = assertThrows(FormatException.class, () -> ByteStore.file(file, file, 0, 2000));
        assertTrue(e.getMessage().contains("the file has 1999 bytes, but the header places 2000 bytes"), e.getMessage());
    }
}
