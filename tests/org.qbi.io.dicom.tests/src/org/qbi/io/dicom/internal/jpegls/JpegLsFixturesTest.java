package org.qbi.io.dicom.internal.jpegls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reference code streams of data/jpegls, made by CharLS 2.4.1 and dcmtk 3.6.7 (make_fixtures.py), against the
 * samples those libraries and GDCM decode (expected.tsv): every bit depth class, NEAR, interleave mode, LSE presets
 * and restart intervals.
 */
class JpegLsFixturesTest {

    record Expected(String file, int width, int height, int components, int bits, int near, int min, int max,
            String sha256, String how) {
    }

    static List<Expected> expected() throws IOException {
        return Files.readAllLines(TestStreams.fixtures().resolve("expected.tsv")).stream()
                .filter(line -> !line.startsWith("#") && !line.isBlank())
                .map(line -> line.split("\t"))
                .map(f -> new Expected(f[0], Integer.parseInt(f[1]), Integer.parseInt(f[2]), Integer.parseInt(f[3]),
                        Integer.parseInt(f[4]), Integer.parseInt(f[5]), Integer.parseInt(f[7]),
                        Integer.parseInt(f[8]), f[9], f[10]))
                .toList();
    }

    static Stream<Arguments> fixtures() throws IOException {
        return expected().stream().map(e -> Arguments.of(e.file(), e));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void decodesLikeTheReferenceDecoders(String file, Expected e) throws IOException {
        JpegLsDecoder.Decoded decoded = JpegLsDecoder.decode(TestStreams.fixture(file));

        assertEquals(e.width(), decoded.width(), "width");
        assertEquals(e.height(), decoded.height(), "height");
        assertEquals(e.components(), decoded.components(), "components");
        assertEquals(e.bits(), decoded.bitsPerSample(), "bits");
        assertEquals(e.width() * e.height() * e.components(), decoded.samples().length);
        assertEquals(e.min(), java.util.Arrays.stream(decoded.samples()).min().orElseThrow(), "min");
        assertEquals(e.max(), java.util.Arrays.stream(decoded.samples()).max().orElseThrow(), "max");
        assertEquals(e.sha256(), TestStreams.sha256(decoded.samples(), e.bits()), e.how());
    }

    @Test
    void theTableCoversWhatTheDecoderSupports() throws IOException {
        List<Expected> all = expected();
        assertTrue(all.size() >= 25, "fixtures: " + all.size());
        assertTrue(all.stream().anyMatch(e -> e.bits() == 2));
        assertTrue(all.stream().anyMatch(e -> e.bits() == 16 && e.near() > 0));
        assertTrue(all.stream().anyMatch(e -> e.components() == 3 && e.near() > 0));
        assertTrue(all.stream().anyMatch(e -> e.file().contains("restart") && e.near() > 0));
        assertTrue(all.stream().anyMatch(e -> e.file().startsWith("dcmtk_")));
    }

    /** Lossless streams of the same pixels in every interleave mode, with and without restarts, agree. */
    @Test
    void everyInterleaveModeGivesTheSameRgbPixels() {
        int[] reference = samples("rgb8_ilv0.jls");
        for (String name : List.of("rgb8_ilv1.jls", "rgb8_ilv2.jls", "rgb8_ilv0_restart4.jls",
                "rgb8_ilv1_restart3.jls", "rgb8_ilv2_restart6.jls", "dcmtk_rgb8_ilv1.jls", "dcmtk_rgb8_ilv2.jls")) {
            assertArrayEquals(reference, samples(name), name);
        }
    }

    /** Near-lossless decodes stay within NEAR of the lossless decode of the same source. */
    @Test
    void nearLosslessStaysWithinNearOfTheSource() {
        assertWithin("gray8_lossless.jls", "gray8_near2.jls", 2);
        assertWithin("gray12_lossless.jls", "gray12_near3.jls", 3);
        assertWithin("gray12_lossless.jls", "gray12_near2_restart7.jls", 2);
        assertWithin("gray12_lossless.jls", "dcmtk_gray12_near3_preset.jls", 3);
        assertWithin("gray16_lossless.jls", "gray16_near7.jls", 7);
        assertWithin("gray10_preset.jls", "gray10_preset_near2.jls", 2);
        assertWithin("rgb8_ilv0.jls", "rgb8_ilv2_near3.jls", 3);
        assertWithin("rgb8_ilv0.jls", "dcmtk_rgb8_ilv0_near2.jls", 2);
    }

    private static int[] samples(String name) {
        try {
            return JpegLsDecoder.decode(TestStreams.fixture(name)).samples();
        } catch (JpegLsException e) {
            throw new AssertionError(name + ": " + e.getMessage(), e);
        }
    }

    private static void assertWithin(String lossless, String near, int bound) {
        int[] a = samples(lossless);
        int[] b = samples(near);
        assertEquals(a.length, b.length);
        int worst = 0;
        int differing = 0;
        for (int i = 0; i < a.length; i++) {
            worst = Math.max(worst, Math.abs(a[i] - b[i]));
            differing += a[i] != b[i] ? 1 : 0;
        }
        assertTrue(worst <= bound, near + ": error " + worst + " > NEAR " + bound);
        assertTrue(differing > 0, near + " is identical to the lossless decode: not a near-lossless stream?");
    }
}
