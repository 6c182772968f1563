package org.qbi.io.metaimage.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.DeflaterOutputStream;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SharedData;
import org.qbi.io.testing.TestFiles;

/**
 * Broken and hostile MetaImage and NRRD files: each gives a FormatException naming the file and the problem
 * (before anything is allocated), never an OutOfMemoryError, a hang or a partial image.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private final MetaImageReader metaImage = new MetaImageReader();
    private final NrrdReader nrrd = new NrrdReader();

    private static FormatException refused(ImageReader reader, Path file, String problem) {
        return TestFiles.assertRefused(reader, file, null, problem);
    }

    /** HeadMRVolume.mhd and its .raw copied; the header rewritten with {@code from} replaced by {@code to}. */
    private Path headMr(String from, String to) throws IOException {
        TestFiles.copy(SharedData.file("metaimage/HeadMRVolume.raw"), dir);
        Path header = TestFiles.copy(SharedData.file("metaimage/HeadMRVolume.mhd"), dir);
        String text = Files.readString(header, StandardCharsets.ISO_8859_1);
        assertTrue(text.contains(from), "the header has '" + from + "'");
        Files.writeString(header, text.replace(from, to), StandardCharsets.ISO_8859_1);
        return header;
    }

    @Test
    void truncatedRawFile() throws IOException {
        Path header = headMr("DimSize", "DimSize");
        TestFiles.truncate(dir.resolve("HeadMRVolume.raw"), 100000);
        FormatException e = refused(metaImage, header, "truncated");
        assertTrue(e.getMessage().contains("HeadMRVolume.raw has 100000 bytes"), e.getMessage());
    }

    @Test
    void truncatedAttachedData() throws IOException {
        Path file = TestFiles.copy(SharedData.file("metaimage/training_001_mr_T1.mha"), dir);
        TestFiles.truncate(file, 2_000_000);
        refused(metaImage, file, "the file has 2000000 bytes, but the header places 3407872 bytes");
    }

    @Test
    void negativeAndZeroSizes() throws IOException {
        refused(metaImage, headMr("DimSize = 48 62 42", "DimSize = 48 -62 42"), "negative size");
        refused(metaImage, headMr("DimSize = 48 62 42", "DimSize = 48 62 0"), "zero size");
    }

    @Test
    void absurdSizes() throws IOException {
        refused(metaImage, headMr("DimSize = 48 62 42", "DimSize = 100000 100000 100000"),
                "places 1000000000000000 bytes of pixel data at offset 0");
        refused(metaImage, headMr("DimSize = 48 62 42", "DimSize = 4000000000 4000000000 4000000000"),
                "exceeds 2^63");
    }

    @Test
    void missingDataFileAndOffsetsPastTheEnd() throws IOException {
        refused(metaImage, headMr("ElementDataFile = HeadMRVolume.raw", "ElementDataFile = nowhere.raw"),
                "nowhere.raw does not exist");
        refused(metaImage, headMr("ElementDataFile", "HeaderSize = 200000\nElementDataFile"),
                "at offset 200000");
        refused(metaImage, headMr("ElementDataFile = HeadMRVolume.raw", ""), "has no ElementDataFile");
    }

    @Test
    void unknownElementType() throws IOException {
        refused(metaImage, headMr("MET_UCHAR", "MET_QUATERNION"), "ElementType MET_QUATERNION");
        refused(metaImage, headMr("MET_UCHAR", "MET_LONG_LONG"), "64-bit integers");
        refused(metaImage, headMr("NDims = 3", "NDims = 7"), "NDims = 7");
    }

    /** A zlib bomb: the header says 10 x 10 x 10, the data inflates to 16 GB. Reading stops at 1000 bytes. */
    @Test
    void zlibBombStopsAtTheHeadersSize() throws IOException {
        Path file = dir.resolve("bomb.mha");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("NDims = 3\nDimSize = 10 10 10\nElementType = MET_UCHAR\nCompressedData = True\n"
                    + "ElementDataFile = LOCAL\n").getBytes(StandardCharsets.US_ASCII));
            TestFiles.bomb(out, 16L << 30, TestFiles.Compression.ZLIB);
        }
        long start = System.nanoTime();
        try (Image image = Image.of(metaImage.open(file, null))) {
            assertEquals(0, ImageStatistics.of(image, ProgressMonitor.NULL).max());
        }
        assertTrue((System.nanoTime() - start) / 1e9 < 2, "inflating 16 GB would take far longer");
    }

    @Test
    void compressedDataThatEndsEarly() throws IOException {
        Path file = dir.resolve("short.mha");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(("NDims = 2\nDimSize = 100 100\nElementType = MET_USHORT\nCompressedData = True\n"
                    + "ElementDataFile = LOCAL\n").getBytes(StandardCharsets.US_ASCII));
            out.write(deflatedZeros(5000, false));
        }
        refused(metaImage, file, "holds 5000 bytes of pixel data, the header needs 20000");
    }

    @Test
    void notAMetaImage() throws IOException {
        Path file = dir.resolve("binary.mha");
        Files.write(file, new byte[] { 0, 1, 2, 3, 4, 5, 6, 7, (byte) 0xff, '\n', 9 });
        refused(metaImage, file, "is not 'Key = Value'");
    }

    // NRRD ------------------------------------------------------------------------------------------------

    private Path nrrdFile(String header, byte[] data) throws IOException {
        Path file = dir.resolve("test.nrrd");
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(header.getBytes(StandardCharsets.US_ASCII));
            out.write(data);
        }
        return file;
    }

    private static final String NRRD = "NRRD0004\ntype: short\ndimension: 3\nsizes: 10 10 10\nendian: little\n";

    @Test
    void nrrdTruncated() throws IOException {
        refused(nrrd, nrrdFile(NRRD + "encoding: raw\n\n", new byte[1500]), "truncated");
    }

    @Test
    void nrrdNegativeAndAbsurdSizes() throws IOException {
        refused(nrrd, nrrdFile(NRRD.replace("10 10 10", "10 -10 10") + "encoding: raw\n\n", new byte[2000]),
                "negative size");
        refused(nrrd, nrrdFile(NRRD.replace("10 10 10", "100000 100000 100000") + "encoding: raw\n\n", new byte[2000]),
                "places 2000000000000000 bytes");
        refused(nrrd, nrrdFile(NRRD.replace("10 10 10", "1 2") + "encoding: raw\n\n", new byte[2000]),
                "has 2 values; expected 3");
    }

    @Test
    void nrrdByteSkipPastTheEnd() throws IOException {
        refused(nrrd, nrrdFile(NRRD + "encoding: raw\nbyte skip: 5000\n\n", new byte[2000]), "at offset");
        refused(nrrd, nrrdFile(NRRD + "encoding: raw\nline skip: 3\n\n", new byte[2000]), "line skip 3");
        refused(nrrd, nrrdFile(NRRD + "encoding: raw\nbyte skip: -2\n\n", new byte[2000]), "byte skip -2");
    }

    @Test
    void nrrdUnknownTypeAndEncoding() throws IOException {
        refused(nrrd, nrrdFile(NRRD.replace("short", "quaternion") + "encoding: raw\n\n", new byte[2000]),
                "type 'quaternion'");
        refused(nrrd, nrrdFile(NRRD.replace("short", "long long") + "encoding: raw\n\n", new byte[8000]),
                "64-bit integers");
        refused(nrrd, nrrdFile(NRRD + "encoding: bzip2\n\n", new byte[2000]), "encoding 'bzip2'");
    }

    @Test
    void nrrdGzipBombStopsAtTheHeadersSize() throws IOException {
        var bomb = new ByteArrayOutputStream();
        TestFiles.bomb(bomb, 16L << 30, TestFiles.Compression.GZIP);
        Path file = nrrdFile(NRRD + "encoding: gzip\n\n", bomb.toByteArray());
        long start = System.nanoTime();
        try (Image image = Image.of(nrrd.open(file, null))) {
            assertEquals(0, ImageStatistics.of(image, ProgressMonitor.NULL).max());
        }
        assertTrue((System.nanoTime() - start) / 1e9 < 2, "decoding 16 GB would take far longer");
    }

    @Test
    void nrrdTruncatedGzip() throws IOException {
        byte[] gz = deflatedZeros(2000, true);
        refused(nrrd, nrrdFile(NRRD + "encoding: gzip\n\n", java.util.Arrays.copyOf(gz, gz.length / 2)),
                "truncated or corrupt");
    }

    /** {@code bytes} zeros, gzip or zlib, compressed as far as deflate goes (about 1000:1). */
    private static byte[] deflatedZeros(int bytes, boolean gzip) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (OutputStream out = gzip ? new GZIPOutputStream(buffer) {
            {
                def.setLevel(Deflater.BEST_COMPRESSION);
            }
        } : new DeflaterOutputStream(buffer, new Deflater(Deflater.BEST_COMPRESSION))) {
            byte[] zeros = new byte[Math.min(bytes, 1 << 20)];
            for (int done = 0; done < bytes; done += zeros.length) {
                out.write(zeros, 0, Math.min(zeros.length, bytes - done));
            }
        }
        return buffer.toByteArray();
    }
}
