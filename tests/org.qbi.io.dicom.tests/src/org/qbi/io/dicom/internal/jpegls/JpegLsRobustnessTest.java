package org.qbi.io.dicom.internal.jpegls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.qbi.io.dicom.internal.jpegls.TestStreams.bytes;
import static org.qbi.io.dicom.internal.jpegls.TestStreams.concat;
import static org.qbi.io.dicom.internal.jpegls.TestStreams.find;
import static org.qbi.io.dicom.internal.jpegls.TestStreams.insert;
import static org.qbi.io.dicom.internal.jpegls.TestStreams.slice;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Bad input: truncated, corrupt and hostile code streams give a {@link JpegLsException} naming the problem, never
 * another exception, an oversized allocation or a hang; tolerated deviations (padding, fill bytes, extra segments)
 * decode to the same samples.
 */
class JpegLsRobustnessTest {

    private static final int SOF = 0xF7;
    private static final int SOS = 0xDA;
    private static final int EOI = 0xD9;

    /**
     * gray8_lossless.jls: SOI; SOF55 at 2 (P at 6, Y at 7, X at 9, Nf at 11, C1 H/V Tq at 12); SOS at 15 (Ns at
     * 19, C1 Tm at 20, NEAR at 22, ILV at 23, Pt at 24); coded data from 25; EOI at the end.
     */
    private final byte[] gray8 = TestStreams.fixture("gray8_lossless.jls");
    private final int[] gray8Samples = decode(gray8).samples();

    private static JpegLsDecoder.Decoded decode(byte[] stream) {
        try {
            return JpegLsDecoder.decode(stream);
        } catch (JpegLsException e) {
            throw new AssertionError("unexpected failure: " + e.getMessage(), e);
        }
    }

    private static String failure(byte[] stream) {
        return assertThrows(JpegLsException.class, () -> JpegLsDecoder.decode(stream)).getMessage();
    }

    private static void assertFailure(byte[] stream, String... expectedParts) {
        String message = failure(stream);
        for (String part : expectedParts) {
            assertTrue(message.contains(part), "message '" + message + "' lacks '" + part + "'");
        }
    }

    private byte[] patched(byte[] stream, int offset, int... values) {
        byte[] copy = stream.clone();
        for (int i = 0; i < values.length; i++) {
            copy[offset + i] = (byte) values[i];
        }
        return copy;
    }

    @Test
    void theFixtureHasTheLayoutTheseTestsPatch() {
        assertEquals(2, find(gray8, SOF, 0));
        assertEquals(15, find(gray8, SOS, 0));
        assertEquals(gray8.length - 2, find(gray8, EOI, 25));
        assertEquals(61 * 47, gray8Samples.length);
    }

    @Test
    void rejectsWhatIsNotAJpegLsStream() {
        assertFailure(new byte[0], "does not start with SOI");
        assertFailure(bytes(0xFF), "does not start with SOI");
        assertFailure(bytes(0xFF, 0xD8), "does not start with SOI");
        assertFailure(bytes(0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A), "does not start with SOI", "89504E47"
                .substring(0, 4));
        assertFailure(bytes(0xFF, 0xD8, 0xFF, 0xD9), "no frame header");
        assertFailure(bytes(0xFF, 0xD8, 0x00, 0x00), "expected a marker at byte 2");
    }

    @ParameterizedTest
    @ValueSource(ints = {0xC0, 0xC1, 0xC2, 0xC3})
    void namesOtherJpegProcesses(int sof) {
        byte[] t81 = patched(gray8, 3, sof);
        assertFailure(t81, "ITU-T T.81", "not JPEG-LS", "SOF" + (sof - 0xC0));
        if (sof == 0xC0) {
            assertFailure(t81, "baseline");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gray8_lossless.jls", "gray16_lossless.jls", "rgb8_ilv2_restart6.jls",
            "rgb8_ilv0.jls", "gray10_preset_near2.jls"})
    void everyTruncationFails(String name) {
        byte[] stream = TestStreams.fixture(name);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int length = 0; length < stream.length; length++) {
                byte[] cut = slice(stream, 0, length);
                JpegLsException e = assertThrows(JpegLsException.class, () -> JpegLsDecoder.decode(cut),
                        name + " cut to " + length + " bytes");
                assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
            }
        });
    }

    @Test
    void truncationMessagesSayWhat() {
        assertFailure(slice(gray8, 0, gray8.length - 2), "without an EOI marker", "truncated");
        assertFailure(slice(gray8, 0, 600), "coded data ends early", "truncated");
        assertFailure(slice(gray8, 0, 10), "SOF55", "claims 11 bytes");
        assertFailure(slice(gray8, 0, 20), "SOS", "stream ends");
    }

    @Test
    void corruptBytesNeverCrashOrHang() {
        List<String> names = List.of("gray8_lossless.jls", "gray12_near3.jls", "gray16_lossless.jls",
                "rgb8_ilv1.jls", "rgb8_ilv2_near3.jls", "gray8_restart5.jls", "gray10_preset.jls");
        Random random = new Random(20261121);
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int failures = 0;
            int runs = 0;
            for (String name : names) {
                byte[] original = TestStreams.fixture(name);
                for (int i = 0; i < 600; i++) {
                    byte[] corrupt = original.clone();
                    int changes = 1 + random.nextInt(4);
                    for (int c = 0; c < changes; c++) {
                        corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
                    }
                    runs++;
                    try {
                        JpegLsDecoder.Decoded d = JpegLsDecoder.decode(corrupt);
                        assertEquals((long) d.width() * d.height() * d.components(), d.samples().length);
                    } catch (JpegLsException expected) {
                        failures++;
                    } catch (RuntimeException | Error e) {
                        fail(name + " with " + changes + " corrupt bytes: " + e, e);
                    }
                }
            }
            System.out.println("corrupt streams detected: " + failures + " of " + runs);
            // Most corruptions are detected (the rest hit padding or decode to other valid values).
            assertTrue(failures > runs * 8 / 10, failures + " of " + runs + " detected");
        });
    }

    @Test
    void garbageAfterTheHeadersNeverCrashesOrHangs() {
        byte[] headers = slice(gray8, 0, 25);
        Random random = new Random(7);
        assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
            for (int i = 0; i < 300; i++) {
                byte[] garbage = new byte[random.nextInt(3000)];
                random.nextBytes(garbage);
                byte[] stream = concat(headers, garbage, bytes(0xFF, 0xD9));
                try {
                    JpegLsDecoder.decode(stream);
                } catch (JpegLsException expected) {
                    // fine
                }
                byte[] pure = new byte[random.nextInt(200)];
                random.nextBytes(pure);
                if (pure.length > 1) {
                    pure[0] = (byte) 0xFF;
                    pure[1] = (byte) 0xD8;
                }
                try {
                    JpegLsDecoder.decode(pure);
                } catch (JpegLsException expected) {
                    // fine
                }
            }
        });
    }

    @Test
    void zeroBitsEverywhereAreAnInvalidGolombCode() {
        byte[] zeros = concat(slice(gray8, 0, 25), new byte[200], bytes(0xFF, 0xD9));
        assertFailure(zeros, "invalid Golomb code", "leading zero bits");
    }

    @Test
    void dimensionsTheStreamCannotHoldAreRefusedBeforeAllocating() {
        // 65535 x 65535 would be a 17 GB int array: refused from the stream length alone.
        assertFailure(patched(gray8, 7, 0xFF, 0xFF, 0xFF, 0xFF), "65535 x 65535", "more than", "can hold");
        // 65535 lines of 61 samples need at least 65535 bits; the stream has ~10,000.
        assertFailure(patched(gray8, 7, 0xFF, 0xFF), "61 x 65535", "can hold");
        // More lines than the data holds but few enough to allocate: decoding runs out of data.
        assertFailure(patched(gray8, 7, 0x04, 0x00), "coded data ends early");
    }

    @Test
    void invalidFrameHeaders() {
        assertFailure(patched(gray8, 9, 0x00, 0x00), "empty size 0 x 47");
        assertFailure(patched(gray8, 6, 1), "sample precision 1");
        assertFailure(patched(gray8, 6, 17), "sample precision 17");
        assertFailure(patched(gray8, 13, 0x21), "sampling factors H=2 V=1", "subsampled");
        assertFailure(patched(gray8, 11, 0), "declares no components");
        assertFailure(patched(gray8, 2, 0xFF, 0xF7, 0x7F, 0x00), "SOF55", "claims");
        assertFailure(concat(slice(gray8, 0, 15), slice(gray8, 2, gray8.length)), "second frame header");
        assertFailure(concat(slice(gray8, 0, 2), slice(gray8, 15, gray8.length)), "before the frame header");
    }

    @Test
    void invalidScanHeaders() {
        // SOS: FF DA 00 08 | Ns=01 | C1=01 Tm=00 | NEAR | ILV | Pt
        assertFailure(patched(gray8, 20, 9), "component 9", "does not have");
        assertFailure(patched(gray8, 21, 1), "mapping table");
        assertFailure(patched(gray8, 22, 128), "NEAR 128", "127");
        assertFailure(patched(gray8, 23, 3), "interleave mode 3");
        assertFailure(patched(gray8, 24, 1), "point transform");
        assertFailure(patched(gray8, 19, 2), "SOS declares 2 components");
    }

    @Test
    void invalidPresetParameters() {
        assertFailure(insert(gray8, 15, lse(0, 10, 5, 30, 0)), "invalid thresholds", "T1=10 T2=5");
        assertFailure(insert(gray8, 15, lse(0, 0, 0, 300, 0)), "invalid thresholds");
        assertFailure(insert(gray8, 15, lse(0, 0, 0, 0, 2)), "invalid RESET 2");
        assertFailure(insert(gray8, 15, lse(256, 0, 0, 0, 0)), "MAXVAL 256", "1..255");
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xF8, 0x00, 0x03, 0x09)), "unknown id 9");
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xF8, 0x00, 0x05, 0x01, 0x00, 0xFF)), "LSE", "too short");
    }

    @Test
    void explicitDefaultPresetsDecodeTheSame() {
        // The defaults of T.87 C.2.4.1.1.1 for 8 bits: T1=3, T2=7, T3=21, RESET=64.
        assertArrayEquals(gray8Samples, decode(insert(gray8, 15, lse(255, 3, 7, 21, 64))).samples());
        // Other thresholds are a different coding: the same bits cannot decode to the same samples.
        byte[] other = insert(gray8, 15, lse(255, 4, 9, 25, 64));
        try {
            assertTrue(!java.util.Arrays.equals(gray8Samples, JpegLsDecoder.decode(other).samples()));
        } catch (JpegLsException expected) {
            // also fine: the coded data no longer fits
        }
    }

    @Test
    void defaultThresholdsFollowT87() {
        assertArrayEquals(new int[] {3, 7, 21}, CodingParameters.defaultThresholds(255, 0));
        assertArrayEquals(new int[] {18, 67, 276}, CodingParameters.defaultThresholds(4095, 0));
        assertArrayEquals(new int[] {18, 67, 276}, CodingParameters.defaultThresholds(65535, 0));
        assertArrayEquals(new int[] {9, 17, 35}, CodingParameters.defaultThresholds(255, 2));
        // MAXVAL < 128 uses the second set of formulas (CharLS issue 51 was about missing it)
        assertArrayEquals(new int[] {2, 3, 3}, CodingParameters.defaultThresholds(3, 0));
        assertArrayEquals(new int[] {2, 3, 4}, CodingParameters.defaultThresholds(31, 0));
        assertArrayEquals(new int[] {3, 5, 9}, CodingParameters.defaultThresholds(31, 1));
    }

    private static byte[] lse(int maxVal, int t1, int t2, int t3, int reset) {
        return bytes(0xFF, 0xF8, 0x00, 0x0D, 0x01, maxVal >> 8, maxVal & 0xFF, t1 >> 8, t1 & 0xFF, t2 >> 8,
                t2 & 0xFF, t3 >> 8, t3 & 0xFF, reset >> 8, reset & 0xFF);
    }

    @Test
    void restartMarkerErrors() {
        byte[] restarts = TestStreams.fixture("gray8_restart5.jls");
        int rst0 = find(restarts, 0xD0, find(restarts, SOS, 0));
        assertTrue(rst0 > 0);
        assertFailure(patched(restarts, rst0 + 1, 0xD3), "expected restart marker RST0", "before line 5",
                "found FFD3");
        // A DRI without restart markers in the data.
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xDD, 0x00, 0x04, 0x00, 0x05)), "expected restart marker RST0",
                "found FFD9");
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xDD, 0x00, 0x02)), "DRI", "0 parameter bytes");
        // A restart marker outside a scan.
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xD0)), "RST0", "outside a scan");
    }

    @Test
    void scanStructureErrors() {
        byte[] planar = TestStreams.fixture("rgb8_ilv0.jls");
        int second = find(planar, SOS, find(planar, SOS, 0) + 2);
        int third = find(planar, SOS, second + 2);
        // The second scan names component 1 again.
        assertFailure(patched(planar, second + 5, planar[find(planar, SOS, 0) + 5] & 0xFF), "appears in two scans");
        // The third scan is missing.
        assertFailure(concat(slice(planar, 0, third), bytes(0xFF, 0xD9)), "no scan holds component");
        // A second SOI.
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xD8)), "second SOI");
    }

    @Test
    void toleratedDeviationsDecodeTheSame() {
        int eoi = gray8.length - 2;
        // DICOM pads odd fragments to even length: bytes after EOI are ignored.
        assertArrayEquals(gray8Samples, decode(concat(gray8, bytes(0x00))).samples());
        // Fill bytes 0xFF before a marker (dcmtk's --padding-standard).
        assertArrayEquals(gray8Samples, decode(insert(gray8, eoi, bytes(0xFF, 0xFF))).samples());
        // A stray zero byte between the coded data and EOI (seen in WG04 samples; CharLS >= 2.3 refuses them).
        assertArrayEquals(gray8Samples, decode(insert(gray8, eoi, bytes(0x00))).samples());
        // APPn (JFIF, SPIFF-like) and COM segments before the frame and between frame and scan.
        byte[] app = bytes(0xFF, 0xE0, 0x00, 0x07, 'J', 'F', 'I', 'F', 0x00);
        byte[] com = bytes(0xFF, 0xFE, 0x00, 0x05, 'q', 'b', 'i');
        assertArrayEquals(gray8Samples, decode(insert(insert(gray8, 15, com), 2, app)).samples());
        // An APP8 "mrfx" segment with colour transform 0 (none).
        assertArrayEquals(gray8Samples,
                decode(insert(gray8, 15, bytes(0xFF, 0xE8, 0x00, 0x07, 'm', 'r', 'f', 'x', 0))).samples());
    }

    @Test
    void hpColourTransformsAreRefused() {
        assertFailure(insert(gray8, 15, bytes(0xFF, 0xE8, 0x00, 0x07, 'm', 'r', 'f', 'x', 1)), "colour transform 1",
                "not supported");
    }

    @Test
    void linesFromADnlMarker() {
        int eoi = gray8.length - 2;
        byte[] dnl = insert(patched(gray8, 7, 0, 0), eoi, bytes(0xFF, 0xDC, 0x00, 0x04, 0x00, 47));
        JpegLsDecoder.Decoded decoded = decode(dnl);
        assertEquals(47, decoded.height());
        assertArrayEquals(gray8Samples, decoded.samples());
        assertFailure(patched(gray8, 7, 0, 0), "0 lines", "no DNL");
    }

    @Test
    void sizeFromAnOversizeLseSegment() {
        // SOF55 with 0 x 0 and LSE id 4 giving 47 lines and 61 columns in 3-byte values.
        byte[] oversize = insert(patched(gray8, 7, 0, 0, 0, 0), 15,
                bytes(0xFF, 0xF8, 0x00, 0x0A, 0x04, 0x03, 0x00, 0x00, 47, 0x00, 0x00, 61));
        JpegLsDecoder.Decoded decoded = decode(oversize);
        assertEquals(61, decoded.width());
        assertEquals(47, decoded.height());
        assertArrayEquals(gray8Samples, decoded.samples());
        assertFailure(insert(gray8, 2, bytes(0xFF, 0xF8, 0x00, 0x08, 0x04, 0x02, 0, 1, 0, 1)),
                "comes before the frame header");
    }

    /**
     * CharLS codes a preset MAXVAL below 2^P - 1 with RANGE and LIMIT of 2^P - 1 (against T.87 A.2.1). The stream
     * fails as T.87 reads it, so the decoder retries the CharLS way.
     */
    @Test
    void charlsReducedMaxValStreamsDecodeThroughTheRetry() throws JpegLsException {
        byte[] stream = TestStreams.fixture("gray12_maxval1023.jls");
        int lse = find(stream, 0xF8, 0);
        assertEquals(0x03, stream[lse + 5]); // MAXVAL 1023
        assertEquals(0xFF, stream[lse + 6] & 0xFF);
        // The same coded data with MAXVAL left to its default (4095) decodes to the same samples.
        assertArrayEquals(JpegLsDecoder.decode(patched(stream, lse + 5, 0, 0)).samples(),
                JpegLsDecoder.decode(stream).samples());
    }

    /**
     * JAI ImageIO (old dcm4che) codes more than 12 bits with thresholds of an unclamped FACTOR and no LSE segment;
     * T.87's defaults cannot decode such a stream, so the decoder retries with JAI's (dcm4che's "JAI2ISO" patch).
     */
    @Test
    void jaiStreamsDecodeThroughTheRetry() throws JpegLsException {
        byte[] jai = TestStreams.fixture("jai_gray16.jls");
        assertEquals(-1, find(jai, 0xF8, 0), "no LSE segment");
        int sos = find(jai, SOS, 0);
        int[] samples = JpegLsDecoder.decode(jai).samples();
        // The same coded data with JAI's thresholds written out decodes the same without any retry ...
        assertArrayEquals(samples, decode(insert(jai, sos, lse(65535, 258, 1027, 4356, 64))).samples());
        // ... and with T.87's defaults written out (18, 67, 276 for 16 bits) it does not decode to those samples.
        byte[] iso = insert(jai, sos, lse(65535, 18, 67, 276, 64));
        try {
            assertTrue(!java.util.Arrays.equals(samples, JpegLsDecoder.decode(iso).samples()));
        } catch (JpegLsException expected) {
            assertTrue(expected.getMessage().length() > 0);
        }
    }

    @Test
    void standardStreamsWithoutLseAbove12BitsStayStandard() throws JpegLsException {
        byte[] gray16 = TestStreams.fixture("gray16_lossless.jls");
        int lse = find(gray16, 0xF8, 0);
        assertEquals(0x12, gray16[lse + 8], "CharLS wrote T.87's T1 = 18");
        int[] samples = JpegLsDecoder.decode(gray16).samples();
        byte[] noLse = concat(slice(gray16, 0, lse), slice(gray16, lse + 15, gray16.length));
        assertEquals(-1, find(noLse, 0xF8, 0));
        assertArrayEquals(samples, JpegLsDecoder.decode(noLse).samples());
        // Junk before EOI fails the strict first reading and the JAI one; the lenient T.87 reading decodes it.
        byte[] junk = insert(noLse, noLse.length - 2, new byte[] {0x12, 0x34, 0x56, 0x78, 0x12, 0x34});
        assertArrayEquals(samples, JpegLsDecoder.decode(junk).samples());
    }
}
