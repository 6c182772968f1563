package org.qbi.io.numpy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

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
 * Broken and hostile .npy, .npz and raw files: a FormatException naming the file and the problem, before
 * anything is allocated; never an OutOfMemoryError, a hang or a partial image.
 */
class NumpyBadInputTest {

    @TempDir
    Path dir;

    private final NpyReader reader = new NpyReader();

    private static FormatException refused(ImageReader reader, Path file, String entry, String problem) {
        return TestFiles.assertRefused(reader, file, entry, problem);
    }

    /** A .npy with this header dict (padded as numpy pads) and {@code data} bytes. */
    private Path npy(String dict, int data) throws IOException {
        Path file = dir.resolve("bad.npy");
        Files.write(file, npyBytes(dict, data));
        return file;
    }

    private static byte[] npyBytes(String dict, int data) {
        int total = 10 + dict.length() + 1;
        int padded = (total + 63) / 64 * 64;
        String text = dict + " ".repeat(padded - total) + "\n";
        byte[] bytes = new byte[padded + data];
        System.arraycopy(new byte[] { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0 }, 0, bytes, 0, 8);
        bytes[8] = (byte) text.length();
        bytes[9] = (byte) (text.length() >> 8);
        System.arraycopy(text.getBytes(StandardCharsets.ISO_8859_1), 0, bytes, 10, text.length());
        return bytes;
    }

    @Test
    void truncatedData() throws IOException {
        Path file = TestFiles.copy(SharedData.file("npy/shellN.npy"), dir);
        TestFiles.truncate(file, 400000);
        refused(reader, file, null, "truncated");
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = TestFiles.copy(SharedData.file("npy/shellN.npy"), dir);
        TestFiles.truncate(file, 60);
        refused(reader, file, null, "ends inside its .npy header");
    }

    @Test
    void negativeZeroAndAbsurdShapes() throws IOException {
        refused(reader, npy("{'descr': '<u2', 'fortran_order': False, 'shape': (4, -5), }", 40), null,
                "a negative size is not an image");
        refused(reader, npy("{'descr': '<u2', 'fortran_order': False, 'shape': (4, 0), }", 40), null,
                "an empty array is not an image");
        refused(reader, npy("{'descr': '<u2', 'fortran_order': False, 'shape': (100000, 100000, 100000), }", 40),
                null, "places 2000000000000000 bytes of pixel data at offset 128");
        refused(reader, npy("{'descr': '<f8', 'fortran_order': False, 'shape': (4000000000, 4000000000, 4000000000), }",
                40), null, "exceeds 2^63");
        refused(reader, npy("{'descr': '<u2', 'fortran_order': False, 'shape': (2, 2, 2, 2, 2, 2), }", 200), null,
                "up to 5 dimensions");
    }

    @Test
    void unsupportedDtypes() throws IOException {
        refused(reader, npy("{'descr': '<i8', 'fortran_order': False, 'shape': (4, 5), }", 160), null,
                "dtype '<i8', which QBI has no pixel type for");
        refused(reader, npy("{'descr': '<f2', 'fortran_order': False, 'shape': (4, 5), }", 40), null, "'<f2'");
        refused(reader, npy("{'descr': [('r', '|u1'), ('g', '|u1')], 'fortran_order': False, 'shape': (4, 5), }", 40),
                null, "structured arrays are not images");
        refused(reader, npy("{'descr': '|O', 'fortran_order': False, 'shape': (4,), }", 32), null, "'|O'");
    }

    @Test
    void headerLengthPastTheEnd() throws IOException {
        Path file = npy("{'descr': '<u2', 'fortran_order': False, 'shape': (4, 5), }", 40);
        TestFiles.patch(file, 8, (byte) 0xff, (byte) 0x7f);
        refused(reader, file, null, "ends inside its .npy header");
        TestFiles.patch(file, 6, (byte) 9);
        refused(reader, file, null, ".npy version 9.0");
    }

    @Test
    void archiveWithoutTheArrayAskedFor() throws IOException {
        Path file = TestFiles.fixture(getClass(), "stored.npz", dir);
        refused(reader, file, "third", "has no array 'third'; it has first, second");
    }

    @Test
    void archiveEntryTruncated() throws IOException {
        Path file = dir.resolve("short.npz");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(file))) {
            zip.putNextEntry(new ZipEntry("a.npy"));
            zip.write(npyBytes("{'descr': '<u2', 'fortran_order': False, 'shape': (40, 50), }", 1000));
            zip.closeEntry();
        }
        refused(reader, file, null, "array 'a' holds 1128 bytes, but its header describes 4128");
    }

    /** A deflate bomb inside a zip: the array says 10 x 10 x 10 uint8, its entry inflates to 16 GB. */
    @Test
    void archiveBombStopsAtTheHeadersSize() throws IOException {
        Path file = dir.resolve("bomb.npz");
        byte[] header = npyBytes("{'descr': '|u1', 'fortran_order': False, 'shape': (10, 10, 10), }", 0);
        writeZipWithRawDeflate(file, "bomb.npy", header, 16L << 30, header.length + 1000);
        long start = System.nanoTime();
        try (Image image = Image.of(reader.open(file, null))) {
            assertEquals(0, ImageStatistics.of(image, ProgressMonitor.NULL).max());
        }
        assertTrue((System.nanoTime() - start) / 1e9 < 2, "inflating 16 GB would take far longer");
    }

    /**
     * A zip with one deflated entry: the npy header, then {@code zeros} zeros, written as the header's bytes in
     * a stored block followed by a bomb's blocks, so the entry costs 16 MB for 16 GB. Its directory lies, as a
     * bomb's does: it declares the header's size plus 1000 bytes.
     */
    private static void writeZipWithRawDeflate(Path file, String name, byte[] header, long zeros, int declared)
            throws IOException {
        var deflated = new java.io.ByteArrayOutputStream();
        // a non-final stored block holding the header (BTYPE 00): 0x00, LEN, NLEN, bytes
        deflated.write(0);
        deflated.write(header.length & 0xff);
        deflated.write(header.length >> 8);
        deflated.write(~header.length & 0xff);
        deflated.write((~header.length >> 8) & 0xff);
        deflated.write(header);
        TestFiles.bomb(deflated, zeros, TestFiles.Compression.DEFLATE);
        byte[] data = deflated.toByteArray();
        byte[] nameBytes = name.getBytes(StandardCharsets.US_ASCII);
        var zip = java.nio.ByteBuffer.allocate(data.length + 200).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        zip.putInt(0x04034b50).putShort((short) 20).putShort((short) 0).putShort((short) 8).putInt(0).putInt(0)
                .putInt(data.length).putInt(declared).putShort((short) nameBytes.length).putShort((short) 0).put(nameBytes)
                .put(data);
        int central = zip.position();
        zip.putInt(0x02014b50).putShort((short) 20).putShort((short) 20).putShort((short) 0).putShort((short) 8)
                .putInt(0).putInt(0).putInt(data.length).putInt(declared).putShort((short) nameBytes.length)
                .putShort((short) 0).putShort((short) 0).putShort((short) 0).putShort((short) 0).putInt(0).putInt(0)
                .put(nameBytes);
        int centralSize = zip.position() - central;
        zip.putInt(0x06054b50).putShort((short) 0).putShort((short) 0).putShort((short) 1).putShort((short) 1)
                .putInt(centralSize).putInt(central).putShort((short) 0);
        try (OutputStream out = Files.newOutputStream(file)) {
            out.write(zip.array(), 0, zip.position());
        }
    }

    @Test
    void rawSidecarProblems() throws IOException {
        RawVolumeReader raws = new RawVolumeReader();
        Path data = dir.resolve("v.raw");
        Files.write(data, new byte[120]);
        Path sidecar = dir.resolve("v.raw.json");
        Files.writeString(sidecar, "{\"shape\": [5, 4, 3], \"dtype\": \"uint16\", \"offset\": 8}");
        refused(raws, sidecar, null, "v.raw has 120 bytes, but the header places 120 bytes of pixel data at offset 8");
        Files.writeString(sidecar, "{\"shape\": [5, -4, 3], \"dtype\": \"uint8\"}");
        refused(raws, sidecar, null, "sizes are whole numbers >= 1");
        Files.writeString(sidecar, "{\"shape\": [100000, 100000, 100000], \"dtype\": \"uint8\"}");
        refused(raws, sidecar, null, "places 1000000000000000 bytes");
        Files.writeString(sidecar, "{\"shape\": [5, 4, 3], \"dtype\": \"int64\"}");
        refused(raws, sidecar, null, "Unknown pixel type 'int64'");
        Files.writeString(sidecar, "{\"shape\": [5, 4, 3], \"dtype\": \"uint8\", \"spacing\": [1, 1, 2]}");
        refused(raws, sidecar, null, "without \"unit\"; add e.g. \"unit\": \"mm\"");
        Files.writeString(sidecar, "{\"shape\": [5, 4, 3], \"dtype\": \"uint8\", \"file\": \"missing.raw\"}");
        refused(raws, sidecar, null, "missing.raw does not exist");
        Files.writeString(sidecar, "{\"shape\": [5, 4, 3], \"dtype\": ");
        refused(raws, sidecar, null, "is not valid JSON");
        Files.writeString(sidecar, "{\"shape\": [5, 4, 3], \"dtype\": \"uint8\", \"byteOrder\": \"middle\"}");
        refused(raws, sidecar, null, "use \"little\" or \"big\"");
    }
}
