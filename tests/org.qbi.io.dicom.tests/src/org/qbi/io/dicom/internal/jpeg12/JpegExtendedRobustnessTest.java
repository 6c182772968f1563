package org.qbi.io.dicom.internal.jpeg12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

/** Bad code streams: truncated, corrupt, unsupported processes, absurd sizes; alone and through the DICOM reader. */
class JpegExtendedRobustnessTest {

    private static byte[] stream(String name) {
        return Fixtures.fragments(Fixtures.read(Fixtures.row(name).file())).getFirst();
    }

    @Test
    void everyTruncationIsRefusedWithAMessage() {
        byte[] s = stream("noise12_53x37_q100");
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int length = 0; length < s.length; length++) {
                byte[] cut = Arrays.copyOf(s, length);
                JpegExtendedException e = assertThrows(JpegExtendedException.class,
                        () -> JpegExtendedDecoder.decode(cut), "cut at " + length);
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
                if (length > 700) { // past the tables: inside the entropy-coded data or before EOI
                    assertTrue(e.getMessage().contains("truncated"), length + ": " + e.getMessage());
                }
            }
        });
    }

    @Test
    void corruptEntropyDataDecodesOrFailsCleanlyNeverHangs() {
        byte[] s = stream("ct12_unsigned_121x113_q75");
        int sos = Fixtures.marker(s, 0xDA);
        int dataStart = sos + 2 + ((s[sos + 2] & 0xFF) << 8 | s[sos + 3] & 0xFF);
        Random random = new Random(51);
        int[] outcome = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int trial = 0; trial < 400; trial++) {
                byte[] bad = s.clone();
                for (int k = 0; k <= trial % 5; k++) {
                    bad[dataStart + random.nextInt(s.length - 2 - dataStart)] = (byte) random.nextInt(256);
                }
                try {
                    JpegExtendedDecoder.Decoded d = JpegExtendedDecoder.decode(bad);
                    assertEquals(113 * 121, d.samples().length);
                    assertTrue(Arrays.stream(d.samples()).allMatch(v -> v >= 0 && v <= 4095), "clamped to 12 bits");
                    outcome[0]++;
                } catch (JpegExtendedException e) {
                    outcome[1]++;
                }
            }
        });
        assertTrue(outcome[1] > 0, "some corruptions must be detected: " + Arrays.toString(outcome));
    }

    @Test
    void garbageIsNotAJpegStream() {
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        JpegExtendedException e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(garbage));
        assertTrue(e.getMessage().contains("SOI"), e.getMessage());
        // SOI followed by garbage: no marker where one must be
        garbage[0] = (byte) 0xFF;
        garbage[1] = (byte) 0xD8;
        garbage[2] = 0x12;
        e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(garbage));
        assertTrue(e.getMessage().contains("expected a marker at byte 2"), e.getMessage());
        assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(new byte[0]));
    }

    @ParameterizedTest
    @CsvSource({ "C2, progressive", "C6, progressive", "C3, lossless", "C9, arithmetic", "CA, progressive",
            "C5, hierarchical", "F7, JPEG-LS" })
    void unsupportedFramesAreNamed(String code, String word) {
        byte[] s = stream("noise12_53x37_q100");
        int sof = Fixtures.marker(s, 0xC1);
        s[sof + 1] = (byte) Integer.parseInt(code, 16);
        JpegExtendedException e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(s));
        assertTrue(e.getMessage().contains("FF" + code) && e.getMessage().contains(word), e.getMessage());
    }

    @Test
    void absurdFrameSizeIsRefusedBeforeAllocating() {
        byte[] s = stream("noise12_53x37_q10");
        int sof = Fixtures.marker(s, 0xC1);
        s[sof + 5] = s[sof + 6] = s[sof + 7] = s[sof + 8] = (byte) 0xFF; // 65535 x 65535
        JpegExtendedException e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(s));
        assertTrue(e.getMessage().contains("65535 x 65535") && e.getMessage().contains("cannot hold"),
                e.getMessage());
    }

    @Test
    void badPrecisionAndMissingTablesAreNamed() {
        byte[] s = stream("noise12_53x37_q10");
        int sof = Fixtures.marker(s, 0xC1);
        byte[] p16 = s.clone();
        p16[sof + 4] = 16;
        JpegExtendedException e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(p16));
        assertTrue(e.getMessage().contains("precision 16"), e.getMessage());

        byte[] noDqt = s.clone();
        int dqt = Fixtures.marker(noDqt, 0xDB);
        noDqt[dqt + 1] = (byte) 0xEE; // DQT becomes an APP14 segment, skipped
        e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(noDqt));
        assertTrue(e.getMessage().contains("quantization table"), e.getMessage());

        byte[] longSegment = s.clone();
        longSegment[dqt + 2] = 0x7F; // DQT length far past the end
        e = assertThrows(JpegExtendedException.class, () -> JpegExtendedDecoder.decode(longSegment));
        assertTrue(e.getMessage().contains("FFDB") && e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void dicomReaderNamesTheFileAndTheProblem(@TempDir Path dir) throws IOException {
        byte[] file = Fixtures.read(Fixtures.row("ct12_signed_121x113_q95").file());
        int[] range = Fixtures.fragmentRanges(file).getFirst();
        byte[] progressive = file.clone();
        int sof = range[0] + Fixtures.marker(Arrays.copyOfRange(file, range[0], range[1]), 0xC1);
        progressive[sof + 1] = (byte) 0xC2;
        Path bad = dir.resolve("progressive.dcm");
        Files.write(bad, progressive);
        FormatException e = assertThrows(FormatException.class, () -> {
            try (Image image = ImageFormats.installed().open(bad, null)) {
                Fingerprint.of(image, ProgressMonitor.NULL);
            }
        });
        assertTrue(e.getMessage().contains("progressive.dcm") && e.getMessage().contains("progressive DCT")
                && e.getMessage().contains("1.2.840.10008.1.2.4.51"), e.getMessage());

        byte[] zeroed = file.clone();
        Arrays.fill(zeroed, range[0] + (range[1] - range[0]) / 2, range[1], (byte) 0); // data lost mid-scan
        Path lost = dir.resolve("lost.dcm");
        Files.write(lost, zeroed);
        e = assertThrows(FormatException.class, () -> {
            try (Image image = ImageFormats.installed().open(lost, null)) {
                Fingerprint.of(image, ProgressMonitor.NULL);
            }
        });
        assertTrue(e.getMessage().contains("lost.dcm") && e.getMessage().contains("cannot be decoded"),
                e.getMessage());
    }
}
