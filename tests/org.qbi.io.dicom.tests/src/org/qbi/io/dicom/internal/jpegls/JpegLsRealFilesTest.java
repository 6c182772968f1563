package org.qbi.io.dicom.internal.jpegls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The JPEG-LS DICOM files of ../shared/data (pydicom's test files, made by other encoders) against their uncompressed
 * twins and truth.json. The code streams are taken from the encapsulated Pixel Data by hand: no DICOM parser here.
 */
class JpegLsRealFilesTest {

    @Test
    void mrSmallMatchesItsUncompressedTwinAndTruth() throws IOException {
        String key = "dicom/compressed/MR_small_jpeg_ls_lossless.dcm";
        List<byte[]> fragments = TestStreams.pixelDataFragments(Files.readAllBytes(SharedData.file(key)));
        int[] expected = TestStreams.nativePixels16(Files.readAllBytes(SharedData.file("dicom/single/MR_small.dcm")));
        JsonNode truth = SharedData.truth(key).get("pixels");

        assertEquals(1, fragments.size());
        JpegLsDecoder.Decoded decoded = JpegLsDecoder.decode(fragments.get(0));

        assertEquals(64, decoded.width());
        assertEquals(64, decoded.height());
        assertEquals(1, decoded.components());
        assertEquals(16, decoded.bitsPerSample());
        // int16 stored values: the decoder returns their unsigned 16-bit codes, the DICOM reader reinterprets them.
        assertArrayEquals(expected, decoded.samples());
        assertEquals(truth.get("sha256").asText(), TestStreams.sha256(decoded.samples(), 16));
        assertEquals(truth.get("min").asInt(), (short) min(decoded.samples()));
        assertEquals(truth.get("max").asInt(), (short) max(decoded.samples()));
    }

    @Test
    void emriSmallTenFramesMatchTheirUncompressedTwinAndTruth() throws IOException {
        String key = "dicom/multiframe/emri_small_jpeg_ls_lossless.dcm";
        List<byte[]> fragments = TestStreams.pixelDataFragments(Files.readAllBytes(SharedData.file(key)));
        int[] expected = TestStreams.nativePixels16(
                Files.readAllBytes(SharedData.file("dicom/multiframe/emri_small.dcm")));
        JsonNode truth = SharedData.truth(key).get("pixels");

        assertEquals(10, fragments.size(), "one fragment per frame");
        assertEquals(10 * 64 * 64, expected.length);
        int[] all = new int[10 * 64 * 64];
        for (int frame = 0; frame < 10; frame++) {
            JpegLsDecoder.Decoded decoded = JpegLsDecoder.decode(fragments.get(frame));
            assertEquals(64, decoded.width());
            assertEquals(64, decoded.height());
            assertEquals(1, decoded.components());
            assertEquals(16, decoded.bitsPerSample(), "P is 16 although BitsStored is 12");
            System.arraycopy(decoded.samples(), 0, all, frame * 64 * 64, 64 * 64);
        }
        assertArrayEquals(expected, all);
        assertEquals(truth.get("sha256").asText(), TestStreams.sha256(all, 16));
        assertEquals(truth.get("sum").asLong(), java.util.Arrays.stream(all).asLongStream().sum());
        assertEquals(truth.get("max").asInt(), max(all));
    }

    private static int min(int[] values) {
        return java.util.Arrays.stream(values).map(v -> (short) v).min().orElseThrow();
    }

    private static int max(int[] values) {
        return java.util.Arrays.stream(values).max().orElseThrow();
    }
}
