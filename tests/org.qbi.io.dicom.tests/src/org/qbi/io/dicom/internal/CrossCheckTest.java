package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Image;
import org.qbi.io.testing.SharedData;

/** Encodings of the same pixels decode to the same values. */
class CrossCheckTest {

    private static void assertSame(List<String> keys) throws IOException {
        String first = null;
        String firstHeader = null;
        for (String key : keys) {
            try (Image image = TestData.open(SharedData.file(key))) {
                String fingerprint = TestData.fingerprint(image);
                String header = image.header().axes() + " " + image.header().pixelType() + " "
                        + image.header().orientation() + " " + image.header().rescale();
                if (first == null) {
                    first = fingerprint;
                    firstHeader = header;
                }
                assertEquals(first, fingerprint, key + " has the pixels of " + keys.getFirst());
                assertEquals(firstHeader, header, key + " has the calibration of " + keys.getFirst());
            }
        }
    }

    @Test
    void mrSmallInEveryEncoding() throws IOException {
        assertSame(List.of("dicom/single/MR_small.dcm", "dicom/single/MR_small_bigendian.dcm",
                "dicom/single/MR_small_implicit.dcm", "dicom/compressed/MR_small_RLE.dcm",
                "dicom/compressed/MR_small_jp2klossless.dcm", "dicom/compressed/MR_small_jpeg_ls_lossless.dcm"));
    }

    @Test
    void emriSmallInEveryEncoding() throws IOException {
        assertSame(List.of("dicom/multiframe/emri_small.dcm", "dicom/multiframe/emri_small_RLE.dcm",
                "dicom/multiframe/emri_small_jpeg_2k_lossless.dcm", "dicom/multiframe/emri_small_jpeg_ls_lossless.dcm"));
    }
}
