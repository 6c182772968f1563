package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.io.FormatException;

/**
 * PackBits strips, which the reader unpacks itself (without TwelveMonkeys): the example of Apple's Technical Note
 * TN1023 (the TIFF 6.0 specification's reference for PackBits), in a crafted page, whole and cut short. Real
 * PackBits files (8 and 16 bit) are compared with tifffile in SharedTiffTest.
 */
class PackBitsTest {

    /** TN1023: the packed bytes and what they unpack to. */
    private static final byte[] PACKED = HexFormat.of().parseHex("FEAA0280002AFDAA0380002A22F7AA");
    private static final byte[] UNPACKED = HexFormat.of().parseHex(
            "AAAAAA80002AAAAAAAAA80002A22AAAAAAAAAAAAAAAAAAAA");

    @TempDir
    Path dir;

    @Test
    void unpacksAppleTechnicalNoteExample() {
        byte[] out = new byte[UNPACKED.length];
        assertEquals(24, TiffSource.unpackBits(PACKED, PACKED.length, out, out.length));
        assertEquals(HexFormat.of().formatHex(UNPACKED), HexFormat.of().formatHex(out));
        byte[] shorter = new byte[10];
        assertEquals(10, TiffSource.unpackBits(PACKED, PACKED.length, shorter, 10), "output beyond the need is dropped");
        assertEquals(HexFormat.of().formatHex(Arrays.copyOf(UNPACKED, 10)), HexFormat.of().formatHex(shorter));
        assertEquals(3, TiffSource.unpackBits(PACKED, 3, out, out.length), "a cut literal run gives what it has");
    }

    @Test
    void aPackBitsPageReadsAndACutOneFailsNamingTheStrip() throws Exception {
        // 6 x 4 pixels, 8 bit, one strip of PackBits
        Path file = dir.resolve("packbits.tif");
        Files.write(file, TinyTiff.build(TinyTiff.grey(6, 4, 8, 32773), null, PACKED));
        try (ChunkSource source = new TiffReader().open(file, null); Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(24);
            source.readChunk(new long[5], target);
            assertEquals(HexFormat.of().formatHex(UNPACKED), HexFormat.of().formatHex(target.toArray(ValueLayout.JAVA_BYTE)));
        }
        Path cut = dir.resolve("cut.tif");
        Files.write(cut, TinyTiff.build(TinyTiff.grey(6, 4, 8, 32773), null, Arrays.copyOf(PACKED, 9)));
        try (ChunkSource source = new TiffReader().open(cut, null); Arena arena = Arena.ofConfined()) {
            FormatException e = assertThrows(FormatException.class, () -> source.readChunk(new long[5], arena.allocate(24)));
            assertTrue(e.getMessage().startsWith(cut + ": strip 0 of page 0 unpacks (PackBits) to 10 bytes where its 4 "
                    + "rows need 24"), e.getMessage());
        }
    }
}
