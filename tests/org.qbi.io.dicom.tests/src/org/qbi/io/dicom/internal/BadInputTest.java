package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SharedData;

/** Corrupt and hostile files, written from the real ones: a FormatException naming the file and the problem. */
class BadInputTest {

    private final DicomReader reader = new DicomReader();

    private static byte[] bytes(String key) throws IOException {
        return Files.readAllBytes(SharedData.file(key));
    }

    /** The offset of the first occurrence of {@code pattern}. */
    private static int find(byte[] data, byte... pattern) {
        outer: for (int i = 0; i + pattern.length <= data.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }

    private FormatException refused(Path file) {
        FormatException e = assertThrows(FormatException.class, () -> {
            try (var source = reader.open(file, null); Image image = Image.of(source)) {
                Fingerprint.of(image, ProgressMonitor.NULL);
            }
        });
        assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        return e;
    }

    @Test
    void truncatedPixelData(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/single/MR_small.dcm");
        int pixel = find(data, (byte) 0xE0, (byte) 0x7F, (byte) 0x10, (byte) 0x00, (byte) 'O', (byte) 'W');
        Path file = dir.resolve("truncated.dcm");
        Files.write(file, Arrays.copyOf(data, pixel + 12 + 4000));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("Pixel Data (7FE0,0010) claims 8192 bytes but only 4000 remain"),
                e.getMessage());
    }

    @Test
    void truncatedInsideTheHeader(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/single/CT_small.dcm");
        Path file = dir.resolve("header.dcm");
        Files.write(file, Arrays.copyOf(data, 700));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("claims") || e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedEncapsulatedFragment(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/compressed/CT_rle.dcm");
        Path file = dir.resolve("rle.dcm");
        Files.write(file, Arrays.copyOf(data, data.length - 5000));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("fragment") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void hugeElementLengthIsRefusedBeforeAllocating(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/single/MR_small.dcm");
        // Explicit VR LE: (0008,0070) Manufacturer "LO" has a 2-byte length; use a long-length VR instead:
        // rewrite (0008,0070) LO as UT with length 0xFFFFFFF0.
        int at = find(data, (byte) 0x08, (byte) 0x00, (byte) 0x70, (byte) 0x00, (byte) 'L', (byte) 'O');
        byte[] patched = new byte[data.length + 4];
        System.arraycopy(data, 0, patched, 0, at + 4);
        ByteBuffer.wrap(patched, at + 4, 8).order(ByteOrder.LITTLE_ENDIAN).put((byte) 'U').put((byte) 'T').putShort((short) 0)
                .putInt(0xFFFFFFF0);
        System.arraycopy(data, at + 8, patched, at + 12, data.length - at - 8);
        Path file = dir.resolve("huge.dcm");
        Files.write(file, patched);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("element 0008,0070 (Manufacturer, UT)"), e.getMessage());
        assertTrue(e.getMessage().contains("claims 4294967280 bytes but only"), e.getMessage());
    }

    @Test
    void hugeLengthInImplicitVr(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/single/MR_small_implicit.dcm");
        int at = find(data, (byte) 0x08, (byte) 0x00, (byte) 0x70, (byte) 0x00);
        ByteBuffer.wrap(data, at + 4, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(0xFFFFFFF0);
        Path file = dir.resolve("huge-implicit.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("claims 4294967280 bytes"), e.getMessage());
    }

    @Test
    void framesBeyondThePixelData(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/single/MR_small.dcm");
        // Rows (0028,0010) US 64 -> 6400
        int at = find(data, (byte) 0x28, (byte) 0x00, (byte) 0x10, (byte) 0x00, (byte) 'U', (byte) 'S');
        ByteBuffer.wrap(data, at + 8, 2).order(ByteOrder.LITTLE_ENDIAN).putShort((short) 6400);
        Path file = dir.resolve("rows.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("Rows x Columns x frames x samples (6400 x 64 x 1 x 1, 16 bits) needs "
                + "819200 bytes but the Pixel Data holds 8192"), e.getMessage());
    }

    @Test
    void numberOfFramesBeyondTheFragments(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/multiframe/emri_small_RLE.dcm");
        // NumberOfFrames (0028,0008) IS "10" -> "99"
        int at = find(data, (byte) 0x28, (byte) 0x00, (byte) 0x08, (byte) 0x00, (byte) 'I', (byte) 'S');
        data[at + 8] = '9';
        data[at + 9] = '9';
        Path file = dir.resolve("frames.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("99 frames"), e.getMessage());
    }

    @Test
    void rawDatasetWithoutPreambleIsRead(@TempDir Path dir) throws IOException {
        // MR_small_implicit without preamble, "DICM" and meta group: a raw implicit VR little endian dataset.
        byte[] data = bytes("dicom/single/MR_small_implicit.dcm");
        int metaLength = ByteBuffer.wrap(data, 132 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = 132 + 12 + metaLength;
        Path file = dir.resolve("raw.dcm");
        Files.write(file, Arrays.copyOfRange(data, start, data.length));
        assertTrue(reader.canRead(Probe.of(file)));
        try (Image image = TestData.open(file)) {
            assertEquals(SharedData.pixels(SharedData.truth("dicom/single/MR_small_implicit.dcm")).get("sha256").asText(),
                    TestData.fingerprint(image));
            assertTrue(image.header().metadata().text("qbi:warnings").orElseThrow().contains("no DICOM preamble"));
            assertEquals("MR", image.header().metadata().text("dicom:0008,0060").orElseThrow());
        }
    }

    @Test
    void garbageIsNotDicom(@TempDir Path dir) throws IOException {
        byte[] noise = new byte[4096];
        new Random(42).nextBytes(noise);
        Path file = dir.resolve("noise.dcm");
        Files.write(file, noise);
        assertFalse(reader.canRead(Probe.of(file)));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("not a DICOM file"), e.getMessage());
        Path tiny = dir.resolve("tiny.dcm");
        Files.write(tiny, new byte[] { 1, 2, 3 });
        assertTrue(refused(tiny).getMessage().contains("too few"));
    }

    @Test
    void garbageAfterThePreambleIsRefused(@TempDir Path dir) throws IOException {
        byte[] data = new byte[2000];
        new Random(7).nextBytes(data);
        data[128] = 'D';
        data[129] = 'I';
        data[130] = 'C';
        data[131] = 'M';
        Path file = dir.resolve("garbage.dcm");
        Files.write(file, data);
        assertTrue(reader.canRead(Probe.of(file)));
        refused(file);
    }

    @Test
    void fileWithoutPixelDataIsNotAnImage(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/single/MR_small.dcm");
        int at = find(data, (byte) 0xE0, (byte) 0x7F, (byte) 0x10, (byte) 0x00);
        Path file = dir.resolve("nopixels.dcm");
        Files.write(file, Arrays.copyOf(data, at));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("has no Pixel Data"), e.getMessage());
    }

    @Test
    void deeplyNestedSequencesAreRefused(@TempDir Path dir) throws IOException {
        // 40 nested undefined-length sequences of (0008,1115) SQ, implicit VR LE, after a valid meta group.
        byte[] original = bytes("dicom/single/MR_small_implicit.dcm");
        int metaLength = ByteBuffer.wrap(original, 132 + 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int start = 132 + 12 + metaLength;
        ByteBuffer nested = ByteBuffer.allocate(40 * 16 + 16).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 40; i++) {
            nested.putShort((short) 0x0008).putShort((short) 0x1115).putInt(-1); // SQ, undefined length
            nested.putShort((short) 0xFFFE).putShort((short) 0xE000).putInt(-1); // item, undefined length
        }
        byte[] data = new byte[start + nested.position()];
        System.arraycopy(original, 0, data, 0, start);
        System.arraycopy(nested.array(), 0, data, start, nested.position());
        Path file = dir.resolve("nested.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("nested deeper than"), e.getMessage());
    }

    @Test
    void truncatedFileOfPydicomIsRefused() throws IOException {
        Path file = TestData.file("pydicom/MR_truncated.dcm");
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("claims 8192 bytes but only 8130 remain"), e.getMessage());
    }

    @Test
    void unknownTransferSyntaxIsNamed(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/compressed/CT_rle.dcm");
        int at = find(data, "1.2.840.10008.1.2.5".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        data[at + 18] = '9'; // 1.2.840.10008.1.2.9: not a transfer syntax
        Path file = dir.resolve("unknown.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("1.2.840.10008.1.2.9"), e.getMessage());
    }

    @Test
    void corruptRleSegmentIsRefused(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/compressed/MR_small_RLE.dcm");
        // The RLE header follows the first fragment item: set its segment count to 7.
        int pixel = find(data, (byte) 0xE0, (byte) 0x7F, (byte) 0x10, (byte) 0x00);
        int item = find(Arrays.copyOfRange(data, pixel + 12, data.length), (byte) 0xFE, (byte) 0xFF, (byte) 0x00,
                (byte) 0xE0) + pixel + 12; // basic offset table
        int bot = ByteBuffer.wrap(data, item + 4, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        int header = item + 8 + bot + 8;
        ByteBuffer.wrap(data, header, 4).order(ByteOrder.LITTLE_ENDIAN).putInt(7);
        Path file = dir.resolve("rle-segments.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("7 segments"), e.getMessage());
    }

    @Test
    void jpegCodeStreamClaimingAHugeImageIsRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/compressed/CT_jpeg_lossless_sel1.dcm");
        int sof = find(data, (byte) 0xFF, (byte) 0xC3); // SOF3, lossless
        data[sof + 5] = (byte) 0xEA; // height 400 -> 60000
        data[sof + 6] = (byte) 0x60;
        Path file = dir.resolve("huge-jpeg.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("code stream declares 512 x 60000 pixels; the header says 512 x 400"),
                e.getMessage());
    }

    @Test
    void jpeg2000CodeStreamClaimingAHugeImageIsRefusedBeforeDecoding(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/compressed/MR_small_jp2klossless.dcm");
        int siz = find(data, (byte) 0xFF, (byte) 0x4F, (byte) 0xFF, (byte) 0x51);
        ByteBuffer.wrap(data, siz + 8, 8).putInt(1 << 30).putInt(1 << 30); // Xsiz, Ysiz
        Path file = dir.resolve("huge-j2k.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("code stream declares 1073741824 x 1073741824 pixels"), e.getMessage());
    }

    @Test
    void corruptJpegLsStreamIsRefused(@TempDir Path dir) throws IOException {
        byte[] data = bytes("dicom/compressed/MR_small_jpeg_ls_lossless.dcm");
        int sof = find(data, (byte) 0xFF, (byte) 0xF7); // SOF55
        data[sof + 4] = 17; // precision 16 -> 17 bits: not JPEG-LS
        Path file = dir.resolve("jpegls.dcm");
        Files.write(file, data);
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("JPEG-LS code stream (1.2.840.10008.1.2.4.80"), e.getMessage());
    }

    /** The preamble and meta group of pydicom's deflated file, followed by {@code dataset}. */
    private static byte[] deflatedFile(byte[] dataset) throws IOException {
        byte[] original = Files.readAllBytes(TestData.file("pydicom/image_dfl.dcm"));
        int metaEnd = 144 + ByteBuffer.wrap(original, 140, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] data = Arrays.copyOf(original, metaEnd + dataset.length);
        System.arraycopy(dataset, 0, data, metaEnd, dataset.length);
        return data;
    }

    @Test
    void corruptDeflatedDatasetIsRefused(@TempDir Path dir) throws IOException {
        byte[] garbage = new byte[3000];
        new Random(3).nextBytes(garbage);
        Path file = dir.resolve("deflate.dcm");
        Files.write(file, deflatedFile(garbage));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("deflated dataset"), e.getMessage());
    }

    @Test
    void deflateBombIsRefusedWithoutAllocatingIt(@TempDir Path dir) throws IOException {
        java.io.ByteArrayOutputStream bomb = new java.io.ByteArrayOutputStream();
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_SPEED, true);
        try (var out = new java.util.zip.DeflaterOutputStream(bomb, deflater, 1 << 16)) {
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < (int) (DicomParser.MAX_INFLATED >> 20) + 8; i++) {
                out.write(zeros);
            }
        }
        deflater.end();
        Path file = dir.resolve("bomb.dcm");
        Files.write(file, deflatedFile(bomb.toByteArray()));
        FormatException e = refused(file);
        assertTrue(e.getMessage().contains("inflates to more than 1024 MiB"), e.getMessage());
    }

    @Test
    void framesReadConcurrentlyMatchTheTruth() throws Exception {
        String key = "dicom/multiframe/emri_small_RLE.dcm";
        String expected = SharedData.pixels(SharedData.truth(key)).get("sha256").asText();
        try (var source = reader.open(SharedData.file(key), null)) {
            long frames = source.grid().chunkCount();
            byte[][] decoded = new byte[(int) frames][];
            var pool = java.util.concurrent.Executors.newFixedThreadPool(4);
            try {
                java.util.List<java.util.concurrent.Future<?>> futures = new java.util.ArrayList<>();
                for (int round = 0; round < 5; round++) {
                    for (int f = 0; f < frames; f++) {
                        int frame = f;
                        futures.add(pool.submit(() -> {
                            long[] index = source.grid().index(frame);
                            try (var arena = java.lang.foreign.Arena.ofConfined()) {
                                var segment = arena.allocate(source.grid().pixelCount(index) * 2);
                                source.readChunk(index, segment);
                                decoded[frame] = segment.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
                            }
                            return null;
                        }));
                    }
                }
                for (var future : futures) {
                    future.get();
                }
            } finally {
                pool.shutdown();
            }
            java.security.MessageDigest sha = java.security.MessageDigest.getInstance("SHA-256");
            for (byte[] frame : decoded) {
                sha.update(frame);
            }
            assertEquals(expected, java.util.HexFormat.of().formatHex(sha.digest()));
        }
    }
}
