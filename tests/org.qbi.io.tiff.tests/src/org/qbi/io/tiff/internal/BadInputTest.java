package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.zip.CRC32;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.SharedData;
import org.junit.jupiter.api.function.Executable;

/**
 * Damaged and hostile files, made from the real ones in a temporary folder: each must fail with a FormatException
 * naming the file and the problem, at open where the header can tell, else when the damaged page is read; never an
 * OutOfMemoryError, never a partly decoded image.
 */
class BadInputTest {

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = dir.resolve(name);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] real(String key) throws Exception {
        return Files.readAllBytes(SharedData.file(key));
    }

    /** Asserts a FormatException whose message names {@code file} and contains every one of {@code words}. */
    private static FormatException fails(Path file, Executable action, String... words) {
        FormatException e = assertThrows(FormatException.class, action);
        String message = e.getMessage();
        assertTrue(message.startsWith(file.toString() + ": "), "names the file: " + message);
        for (String word : words) {
            assertTrue(message.toLowerCase(Locale.ROOT).contains(word.toLowerCase(Locale.ROOT)),
                    "says '" + word + "': " + message);
        }
        return e;
    }

    private static void readAll(ImageReader reader, Path file) throws Exception {
        try (Image image = Image.of(reader.open(file, null))) {
            Fingerprint.of(image, ProgressMonitor.NULL);
        }
    }

    @Test
    void craftedValidPageReads() throws Exception {
        // the crafting helper itself makes readable files: the failures below come from what they lie about
        byte[] pixels = new byte[12];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (10 * i);
        }
        Path file = write("valid.tif", TinyTiff.build(TinyTiff.grey(4, 3, 8, 1), "ImageJ=1.54f\nunit=mm\n", pixels));
        try (ChunkSource source = new TiffReader().open(file, null); Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(12);
            source.readChunk(new long[5], target);
            assertEquals(Arrays.toString(pixels), Arrays.toString(target.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
        }
    }

    @Test
    void truncatedDeflateStack() throws Exception {
        byte[] bone = real("tiff/3d/bone_7H3A_B1.tif");
        Path file = write("bone_half.tif", Arrays.copyOf(bone, bone.length / 2));
        fails(file, () -> new TiffReader().open(file, null), "past the end", "truncated");
    }

    @Test
    void truncatedUncompressedImage() throws Exception {
        byte[] aics = real("tiff/16bit/AICS_12_134_C0.tif"); // IFD first, then one 2 MB strip
        Path file = write("aics_cut.tif", Arrays.copyOf(aics, aics.length - 1000));
        fails(file, () -> new TiffReader().open(file, null), "strip 0 of page 0", "2097152 bytes", "past the end of the file");
        byte[] head = real("tiff/3d/mini-t1-head.tif"); // ImageJ: the IFDs at the end
        Path cut = write("head_cut.tif", Arrays.copyOf(head, head.length - 1000));
        fails(cut, () -> new TiffReader().open(cut, null), "IFD 25", "past the end");
    }

    @Test
    void truncatedInsideTheHeader() throws Exception {
        Path tiny = write("tiny.tif", new byte[] { 'I', 'I', 42, 0 });
        fails(tiny, () -> new TiffReader().open(tiny, null), "4 bytes");
        byte[] blobs = real("tiff/8bit/blobs.tif");
        int ifd = (int) TinyTiff.getInt(blobs, 4);
        Path cut = write("blobs_ifd_cut.tif", Arrays.copyOf(blobs, ifd + 20));
        fails(cut, () -> new TiffReader().open(cut, null), "IFD 0", "past the end");
    }

    @Test
    void firstIfdOffsetPastTheEnd() throws Exception {
        byte[] bone = real("tiff/3d/bone_7H3A_B1.tif");
        TinyTiff.putInt(bone, 4, 0x7FFF_FFF0L);
        Path file = write("bone_ifd.tif", bone);
        fails(file, () -> new TiffReader().open(file, null), "first IFD", "2147483632", "past the end");
    }

    @Test
    void ifdClaimingMoreEntriesThanTheFileHolds() throws Exception {
        byte[] blobs = real("tiff/8bit/blobs.tif");
        int ifd = (int) TinyTiff.getInt(blobs, 4);
        TinyTiff.putShort(blobs, ifd, 0xFFFF);
        Path file = write("blobs_entries.tif", blobs);
        fails(file, () -> new TiffReader().open(file, null), "65535 entries", "past the end");
    }

    @Test
    void ifdChainThatLoops() throws Exception {
        byte[] blobs = real("tiff/8bit/blobs.tif");
        int ifd = (int) TinyTiff.getInt(blobs, 4);
        int entries = ByteBuffer.wrap(blobs).getShort(ifd); // blobs.tif is big-endian
        TinyTiff.putInt(blobs, ifd + 2 + 12 * entries, ifd);
        Path file = write("blobs_loop.tif", blobs);
        fails(file, () -> new TiffReader().open(file, null), "loops");
    }

    @Test
    void stripByteCountClaimingMoreThanTheFile() throws Exception {
        byte[] blobs = real("tiff/8bit/blobs.tif");
        TinyTiff.putInt(blobs, TinyTiff.entry(blobs, 279) + 8, 0x7000_0000L);
        Path file = write("blobs_count.tif", blobs);
        fails(file, () -> new TiffReader().open(file, null), "strip 0 of page 0", "1879048192 bytes", "past the end");
    }

    @Test
    void stripOffsetPastTheEnd() throws Exception {
        byte[] blobs = real("tiff/8bit/blobs.tif");
        TinyTiff.putInt(blobs, TinyTiff.entry(blobs, 273) + 8, blobs.length + 10L);
        Path file = write("blobs_offset.tif", blobs);
        fails(file, () -> new TiffReader().open(file, null), "strip 0 of page 0", "past the end");
    }

    @Test
    void uncompressedStripTooShortForItsRows() throws Exception {
        byte[] blobs = real("tiff/8bit/blobs.tif");
        TinyTiff.putInt(blobs, TinyTiff.entry(blobs, 279) + 8, 1000);
        Path file = write("blobs_short.tif", blobs);
        fails(file, () -> new TiffReader().open(file, null), "holds 1000 bytes", "65024");
    }

    /** A 100000 x 100000 page, stacked 100000 deep by ImageJ's description, in a file of a few hundred bytes. */
    @Test
    void headerClaiming100000Cubed() throws Exception {
        String description = "ImageJ=1.54f\nimages=100000\nslices=100000\nunit=mm\n";
        Path deflated = write("cube_deflate.tif", TinyTiff.build(TinyTiff.grey(100_000, 100_000, 8, 8), description,
                TinyTiff.deflatedZeros(100_000)));
        fails(deflated, () -> new TiffReader().open(deflated, null), "100000 x 100000", "cannot expand");
        Path plain = write("cube_plain.tif", TinyTiff.build(TinyTiff.grey(100_000, 100_000, 16, 1), description, new byte[64]));
        fails(plain, () -> new TiffReader().open(plain, null), "holds 64 bytes", "20000000000");
        // a real page, but ImageJ's description claiming 100000 planes stored after it
        Path stack = write("cube_stack.tif", TinyTiff.build(TinyTiff.grey(64, 64, 8, 1), description, new byte[64 * 64]));
        fails(stack, () -> new TiffReader().open(stack, null), "images=100000", "4096 bytes", "the file has");
        // and the same through the registry
        fails(stack, () -> ImageFormats.installed().open(stack, null), "images=100000");
    }

    @Test
    void pageLargerThanADecoderCanHold() throws Exception {
        // 60000 x 60000 Deflate page whose strips could expand that far (1032:1 is Deflate's limit): refused by size
        byte[] zeros = new byte[3_600_000];
        Path file = write("huge.tif", TinyTiff.build(TinyTiff.grey(60_000, 60_000, 8, 8), null, zeros));
        fails(file, () -> new TiffReader().open(file, null), "3600000000 bytes decoded", "2 GiB");
    }

    @Test
    void corruptDeflateDataFailsWhenThePageIsRead() throws Exception {
        byte[] bone = real("tiff/3d/bone_7H3A_B1.tif");
        int stripOffsets = TinyTiff.entry(bone, 273);
        int firstStrip = (int) TinyTiff.getInt(bone, (int) TinyTiff.getInt(bone, stripOffsets + 8));
        for (int i = firstStrip; i < firstStrip + 40; i++) {
            bone[i] ^= 0x5a;
        }
        Path file = write("bone_garbage.tif", bone);
        try (ChunkSource source = new TiffReader().open(file, null); Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(350 * 250);
            fails(file, () -> source.readChunk(new long[] { 0, 0, 0, 0, 0 }, target), "page 0", "corrupt");
            source.readChunk(new long[] { 0, 0, 1, 0, 0 }, target); // the other pages still read
        }
    }

    @Test
    void deflateStripEndingEarly() throws Exception {
        byte[] bone = real("tiff/3d/bone_7H3A_B1.tif");
        int counts = (int) TinyTiff.getInt(bone, TinyTiff.entry(bone, 279) + 8);
        long first = TinyTiff.getInt(bone, counts);
        TinyTiff.putInt(bone, counts, first / 3);
        Path file = write("bone_short.tif", bone);
        fails(file, () -> readAll(new TiffReader(), file), "page 0", "ends early");
    }

    @Test
    void lzwGarbage() throws Exception {
        byte[] lung = real("tiff/8bit/lung_CT_41_40_lzw.tif");
        for (int i = 5000; i < 5100; i++) {
            lung[i] ^= 0x5a;
        }
        Path file = write("lung_garbage.tif", lung);
        fails(file, () -> readAll(new TiffReader(), file), "page 0", "corrupt");
    }

    @Test
    void unsupportedCompression() throws Exception {
        byte[] crafted = TinyTiff.build(TinyTiff.grey(8, 8, 8, 34712), null, new byte[64]);
        Path file = write("jp2k.tif", crafted);
        fails(file, () -> new TiffReader().open(file, null), "JPEG 2000", "cannot decode");
    }

    @Test
    void brokenOptionalFieldIsSkippedWithAWarning() throws Exception {
        byte[] head = real("tiff/3d/mini-t1-head.tif");
        TinyTiff.putInt(head, TinyTiff.entry(head, 50839) + 4, 0x7FFF_FFFFL); // IJMetadata: 2 GB of bytes
        Path file = write("head_ijmeta.tif", head);
        try (Image image = Image.of(new TiffReader().open(file, null))) {
            assertEquals("7035aa787b5d98a90a388e324bcdc76f4452ffd8c7fe56632407b14940886043",
                    Fingerprint.of(image, ProgressMonitor.NULL), "the pixels are untouched");
            @SuppressWarnings("unchecked")
            List<String> warnings = (List<String>) image.header().metadata().get("tiff:warnings").orElseThrow().value();
            assertTrue(warnings.getFirst().contains("50839") && warnings.getFirst().contains("skipped"), warnings.toString());
        }
    }

    @Test
    void notATiff() throws Exception {
        Path file = write("text.tif", "hello, this is not a TIFF file at all".getBytes(StandardCharsets.US_ASCII));
        fails(file, () -> new TiffReader().open(file, null), "not a TIFF");
    }

    // ---- PNG and JPEG

    @Test
    void truncatedPng() throws Exception {
        byte[] png = real("png_jpeg/skimage_camera.png");
        Path file = write("camera_cut.png", Arrays.copyOf(png, png.length / 2));
        fails(file, () -> readAll(new StandardImageReader(), file), "PNG");
    }

    @Test
    void truncatedJpegIsNotShownAsGrey() throws Exception {
        byte[] jpeg = real("png_jpeg/hand_xray.jpg");
        Path file = write("hand_cut.jpg", Arrays.copyOf(jpeg, jpeg.length / 2));
        fails(file, () -> readAll(new StandardImageReader(), file), "JPEG");
    }

    @Test
    void pngHeaderClaiming100000Squared() throws Exception {
        byte[] png = real("png_jpeg/skimage_camera.png");
        ByteBuffer b = ByteBuffer.wrap(png); // PNG is big-endian; IHDR data at 16..28, its CRC at 29..32
        b.putInt(16, 100_000).putInt(20, 100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        b.putInt(29, (int) crc.getValue());
        Path file = write("camera_huge.png", png);
        fails(file, () -> new StandardImageReader().open(file, null), "100000 x 100000", "cannot hold");
    }

    @Test
    void notAnImageWithAnImageName() throws Exception {
        Path file = write("fake.png", "just text".getBytes(StandardCharsets.US_ASCII));
        fails(file, () -> new StandardImageReader().open(file, null), "not a PNG");
        fails(file, () -> ImageFormats.installed().open(file, null), "PNG");
    }
}
