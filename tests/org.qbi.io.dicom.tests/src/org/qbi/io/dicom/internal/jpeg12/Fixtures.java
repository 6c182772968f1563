package org.qbi.io.dicom.internal.jpeg12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/** The committed fixtures of data/jpeg12 (made by make_fixtures.py), expected.tsv, fragments and digests. */
final class Fixtures {

    record Row(String name, int rows, int cols, int frames, int samples, int bitsStored, String photometric,
            String sha256, boolean gdcmAgrees) {
        Path file() {
            return dir().resolve(name + ".dcm").normalize();
        }
    }

    private Fixtures() {
    }

    static Path dir() {
        for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
            for (Path candidate : List.of(d.resolve("data/jpeg12"), d.resolve("tests/org.qbi.io.dicom.tests/data/jpeg12"))) {
                if (Files.isRegularFile(candidate.resolve("expected.tsv"))) {
                    return candidate;
                }
            }
        }
        throw new AssertionError("cannot find data/jpeg12/expected.tsv from " + Path.of("").toAbsolutePath());
    }

    static List<Row> rows() {
        try {
            List<String> lines = Files.readAllLines(dir().resolve("expected.tsv"));
            List<Row> rows = new ArrayList<>();
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.split("\t");
                rows.add(new Row(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), f[7], f[8], f[9].equals("yes")));
            }
            assertTrue(rows.size() >= 10, "expected.tsv rows");
            return rows;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Row row(String name) {
        return rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

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

    /** Offset of the last (7FE0,0010) tag of an explicit VR little-endian file. */
    static int pixelDataTag(byte[] file) {
        for (int i = file.length - 12; i >= 0; i--) {
            if (file[i] == (byte) 0xE0 && file[i + 1] == 0x7F && file[i + 2] == 0x10 && file[i + 3] == 0
                    && file[i + 4] == 'O' && (file[i + 5] == 'B' || file[i + 5] == 'W')) {
                return i;
            }
        }
        return -1;
    }

    /** The fragments of the encapsulated Pixel Data (one per frame in these fixtures), and their file offsets. */
    static List<int[]> fragmentRanges(byte[] file) {
        int at = pixelDataTag(file);
        assertTrue(at >= 0, "no (7FE0,0010)");
        assertEquals(0xFFFFFFFFL, u32(file, at + 8), "Pixel Data is not encapsulated");
        int p = at + 12;
        List<int[]> items = new ArrayList<>();
        while (p + 8 <= file.length) {
            int group = u16(file, p);
            int element = u16(file, p + 2);
            long length = u32(file, p + 4);
            assertEquals(0xFFFE, group, "item tag group at " + p);
            if (element == 0xE0DD) {
                break;
            }
            items.add(new int[] { p + 8, p + 8 + (int) length });
            p += 8 + (int) length;
        }
        return items.subList(1, items.size());
    }

    static List<byte[]> fragments(byte[] file) {
        return fragmentRanges(file).stream().map(r -> Arrays.copyOfRange(file, r[0], r[1])).toList();
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Offset of the first marker FF xx at or after {@code from}. */
    static int marker(byte[] s, int code) {
        for (int i = 0; i + 1 < s.length; i++) {
            if ((s[i] & 0xFF) == 0xFF && (s[i + 1] & 0xFF) == code) {
                return i;
            }
        }
        return -1;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) | (b[i + 1] & 0xFF) << 8;
    }

    private static long u32(byte[] b, int i) {
        return (u16(b, i) & 0xFFFFL) | (long) u16(b, i + 2) << 16;
    }
}
