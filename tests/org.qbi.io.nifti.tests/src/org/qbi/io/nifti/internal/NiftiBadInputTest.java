package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SharedData;
import org.qbi.io.testing.TestFiles;

/**
 * Hostile and broken NIfTI files, made from real ones: each gives a FormatException naming the file and the
 * problem, before anything is allocated; never an OutOfMemoryError, a hang or a partial image.
 */
class NiftiBadInputTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @TempDir
    Path dir;

    private final NiftiReader reader = new NiftiReader();

    private Path t1() throws IOException {
        return TestFiles.copy(SharedData.file("nifti/training_001_mr_T1.nii"), dir);
    }

    private FormatException refused(Path file, String problem) {
        return TestFiles.assertRefused(reader, file, null, problem);
    }

    @Test
    void truncatedData() throws IOException {
        Path file = t1();
        TestFiles.truncate(file, Files.size(file) / 2);
        FormatException e = refused(file, "truncated");
        assertTrue(e.getMessage().contains("3407872 bytes of pixel data at offset 352"), e.getMessage());
    }

    @Test
    void truncatedHeader() throws IOException {
        Path file = t1();
        TestFiles.truncate(file, 200);
        refused(file, "fewer than a NIfTI header");
    }

    @Test
    void negativeDimension() throws IOException {
        Path file = t1();
        TestFiles.patch(file, 40 + 2 * 3, TestFiles.int16(-26, LE));
        refused(file, "negative size dim[3] = -26");
    }

    @Test
    void zeroDimension() throws IOException {
        Path file = t1();
        TestFiles.patch(file, 40 + 2 * 2, TestFiles.int16(0, LE));
        refused(file, "size 0 in dim[2]");
    }

    @Test
    void absurdDimensionsAreCheckedAgainstTheFileLength() throws IOException {
        Path file = t1();
        for (int i = 1; i <= 3; i++) {
            TestFiles.patch(file, 40 + 2 * i, TestFiles.int16(32767, LE));
        }
        refused(file, "70362301923326 bytes of pixel data at offset 352: the file is truncated or the header is wrong");
    }

    @Test
    void absurdNifti2DimensionsOverflow() throws IOException {
        Path file = dir.resolve("huge.nii");
        byte[] header = nifti2Header(new long[] { 3, 100000, 100000, 100000, 1, 1, 1, 1 }, 2);
        Files.write(file, header);
        refused(file, "bytes of pixel data at offset 544");
        Files.write(file, nifti2Header(new long[] { 3, 1L << 40, 1L << 40, 1L << 40, 1, 1, 1, 1 }, 4));
        refused(file, "exceeds 2^63");
    }

    @Test
    void voxOffsetPastTheEnd() throws IOException {
        Path file = t1();
        TestFiles.patch(file, 108, TestFiles.float32(4.0e9f, LE));
        refused(file, "vox_offset 4.0E9");
        TestFiles.patch(file, 108, TestFiles.float32(3.5e6f, LE));
        refused(file, "at offset 3500000");
        TestFiles.patch(file, 108, TestFiles.float32(-352, LE));
        refused(file, "vox_offset -352.0");
    }

    @Test
    void unknownAndUnsupportedDatatypes() throws IOException {
        Path file = t1();
        TestFiles.patch(file, 70, TestFiles.int16(999, LE));
        refused(file, "unknown NIfTI datatype code 999");
        TestFiles.patch(file, 70, TestFiles.int16(1024, LE));
        refused(file, "int64 pixels (NIfTI datatype 1024)");
    }

    @Test
    void tooManyDimensions() throws IOException {
        Path file = t1();
        TestFiles.patch(file, 40, TestFiles.int16(9, LE));
        refused(file, "dim[0] = 9");
        TestFiles.patch(file, 40, TestFiles.int16(6, LE));
        TestFiles.patch(file, 40 + 2 * 6, TestFiles.int16(2, LE));
        refused(file, "QBI reads up to 5");
    }

    @Test
    void truncatedGzip() throws IOException {
        Path file = TestFiles.copy(SharedData.file("nifti/ch2bet.nii.gz"), dir);
        TestFiles.truncate(file, Files.size(file) * 6 / 10);
        reader.open(file, null).close(); // the header decodes: the truncation shows on the first pixel read
        refused(file, "truncated");
    }

    @Test
    void gzipHeaderClaimingMoreThanTheFileCanHold() throws IOException {
        Path file = dir.resolve("claims.nii.gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(nifti2Header(new long[] { 3, 100000, 100000, 100000, 1, 1, 1, 1 }, 2));
        }
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, null));
        assertTrue(e.getMessage().contains("more than claims.nii.gz"), e.getMessage());
    }

    /**
     * A gzip bomb: the header says 10 x 10 x 10 uint8, but the stream goes on for 16 GB of zeros (256 gzip
     * members of 64 MB each, 16 MB of file). Reading stops at the 1000 bytes the header describes.
     */
    @Test
    void gzipBombStopsAtTheHeadersSize() throws IOException {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT8, 10, 10, 10));
        for (int i = 0; i < 1000; i++) {
            image.values().set(java.lang.foreign.ValueLayout.JAVA_BYTE, i, (byte) i);
        }
        Path file = dir.resolve("bomb.nii.gz");
        new NiftiWriter().write(image, file, ProgressMonitor.NULL);
        try (OutputStream out = Files.newOutputStream(file, java.nio.file.StandardOpenOption.APPEND)) {
            TestFiles.bomb(out, 16L << 30, TestFiles.Compression.GZIP);
        }
        long start = System.nanoTime();
        try (Image read = Image.of(reader.open(file, null))) {
            assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(read, ProgressMonitor.NULL));
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds < 3, "decoding 16 GB would take far longer than " + seconds + " s");
    }

    @Test
    void notNiftiAtAll() throws IOException {
        Path file = dir.resolve("text.nii");
        Files.writeString(file, "x".repeat(600));
        refused(file, "is not a NIfTI file");
    }

    @Test
    void pairWithoutItsImageFile() throws IOException {
        Path header = TestFiles.fixture(getClass(), "nibabel_pair_int8.hdr", dir);
        refused(header, "nibabel_pair_int8.img (or .img.gz) is missing");
        Path image = TestFiles.fixture(getClass(), "nibabel_pair_int8.img", dir);
        TestFiles.truncate(image, 100);
        FormatException e = refused(header, "truncated");
        assertTrue(e.getMessage().contains("nibabel_pair_int8.img has 100 bytes"), e.getMessage());
    }

    /** A minimal little-endian single-file NIfTI-2 header (540 bytes + 4) with the given dim and datatype. */
    static byte[] nifti2Header(long[] dim, int datatype) {
        java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(544).order(LE);
        b.putInt(0, 540);
        b.put(4, new byte[] { 'n', '+', '2', 0, '\r', '\n', 0x1a, '\n' });
        b.putShort(12, (short) datatype);
        for (int i = 0; i < 8; i++) {
            b.putLong(16 + 8 * i, dim[i]);
            b.putDouble(104 + 8 * i, 1);
        }
        b.putLong(168, 544);
        return b.array();
    }
}
