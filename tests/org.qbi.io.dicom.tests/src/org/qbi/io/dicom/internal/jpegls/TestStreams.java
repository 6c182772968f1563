package org.qbi.io.dicom.internal.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Helpers of the JPEG-LS tests: the committed fixtures, sample digests, marker surgery and DICOM fragments. */
final class TestStreams {

    private TestStreams() {
    }

    /** The folder of the committed fixtures (tests/org.qbi.io.dicom.tests/data/jpegls). */
    static Path fixtures() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            for (Path candidate : List.of(dir.resolve("data/jpegls"),
                    dir.resolve("tests/org.qbi.io.dicom.tests/data/jpegls"))) {
                if (Files.isRegularFile(candidate.resolve("expected.tsv"))) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("cannot find data/jpegls/expected.tsv from " + Path.of("").toAbsolutePath());
    }

    static byte[] fixture(String name) {
        try {
            return Files.readAllBytes(fixtures().resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** sha256 of the samples little-endian, 1 byte each when bits <= 8, else 2 (as make_fixtures.py and truth.json). */
    static String sha256(int[] samples, int bits) {
        int bytes = bits <= 8 ? 1 : 2;
        byte[] raw = new byte[samples.length * bytes];
        for (int i = 0; i < samples.length; i++) {
            raw[i * bytes] = (byte) samples[i];
            if (bytes == 2) {
                raw[i * bytes + 1] = (byte) (samples[i] >> 8);
            }
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    /** Offset of the first marker FFxx with this code at or after {@code from}, or -1. */
    static int find(byte[] stream, int code, int from) {
        for (int i = from; i + 1 < stream.length; i++) {
            if ((stream[i] & 0xFF) == 0xFF && (stream[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        return -1;
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    static byte[] slice(byte[] data, int from, int to) {
        return java.util.Arrays.copyOfRange(data, from, to);
    }

    static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    /** Inserts {@code insert} at {@code offset}. */
    static byte[] insert(byte[] data, int offset, byte[] insert) {
        return concat(slice(data, 0, offset), insert, slice(data, offset, data.length));
    }

    /**
     * The encapsulated fragments of the Pixel Data (7FE0,0010) of a little-endian DICOM file: the items after the
     * element with undefined length, without the first (the basic offset table).
     */
    static List<byte[]> pixelDataFragments(byte[] file) {
        int at = lastPixelDataTag(file);
        assertTrue(at >= 0, "no (7FE0,0010) in the file");
        // explicit VR: tag(4) "OB" 00 00 length(4)
        assertEquals(0xFFFFFFFFL, u32(file, at + 8), "Pixel Data is not encapsulated (undefined length)");
        int position = at + 12;
        List<byte[]> items = new ArrayList<>();
        while (position + 8 <= file.length) {
            int group = u16(file, position);
            int element = u16(file, position + 2);
            long length = u32(file, position + 4);
            assertEquals(0xFFFE, group, "item tag group at " + position);
            if (element == 0xE0DD) {
                break; // sequence delimitation
            }
            assertEquals(0xE000, element, "item tag at " + position);
            assertTrue(position + 8 + length <= file.length, "item at " + position + " runs past the file");
            items.add(slice(file, position + 8, position + 8 + (int) length));
            position += 8 + (int) length;
        }
        assertTrue(items.size() >= 2, "expected a basic offset table and at least one fragment");
        return items.subList(1, items.size());
    }

    /**
     * The value of an uncompressed Pixel Data element (explicit VR little endian, the last element of the file),
     * as unsigned 16-bit values.
     */
    static int[] nativePixels16(byte[] file) {
        int at = lastPixelDataTag(file);
        assertTrue(at >= 0, "no (7FE0,0010) in the file");
        String vr = new String(file, at + 4, 2, java.nio.charset.StandardCharsets.US_ASCII);
        assertTrue(vr.equals("OW") || vr.equals("OB"), "Pixel Data VR " + vr);
        long length = u32(file, at + 8);
        assertTrue(at + 12 + length <= file.length, "Pixel Data runs past the file");
        int[] values = new int[(int) (length / 2)];
        for (int i = 0; i < values.length; i++) {
            values[i] = u16(file, at + 12 + 2 * i);
        }
        return values;
    }

    /** The last (7FE0,0010) tag followed by VR OB or OW (explicit VR little endian). */
    private static int lastPixelDataTag(byte[] file) {
        for (int i = file.length - 12; i >= 0; i--) {
            boolean tag = (file[i] & 0xFF) == 0xE0 && (file[i + 1] & 0xFF) == 0x7F && file[i + 2] == 0x10
                    && file[i + 3] == 0;
            boolean vr = file[i + 4] == 'O' && (file[i + 5] == 'W' || file[i + 5] == 'B');
            if (tag && vr) {
                return i;
            }
        }
        return -1;
    }

    static int u16(byte[] b, int at) {
        return (b[at] & 0xFF) | (b[at + 1] & 0xFF) << 8;
    }

    static long u32(byte[] b, int at) {
        return (u16(b, at) | (long) u16(b, at + 2) << 16) & 0xFFFFFFFFL;
    }
}
