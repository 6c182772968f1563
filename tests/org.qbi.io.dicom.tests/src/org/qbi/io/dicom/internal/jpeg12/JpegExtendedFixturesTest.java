package org.qbi.io.dicom.internal.jpeg12;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

/**
 * dcmtk-encoded JPEG Extended DICOM files (data/jpeg12, make_fixtures.py) against dcmtk's own decode (dcmdjpeg, IJG
 * 6b 12-bit, with GDCM agreeing): the decoder alone on every fragment, and the DICOM reader end to end.
 */
class JpegExtendedFixturesTest {

    static Stream<Fixtures.Row> rows() {
        return Fixtures.rows().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void decoderMatchesDcmtkExactly(Fixtures.Row row) throws IOException {
        List<byte[]> fragments = Fixtures.fragments(Fixtures.read(row.file()));
        assertEquals(row.frames(), fragments.size(), "one fragment per frame");
        int perFrame = row.rows() * row.cols() * row.samples();
        int[] all = new int[perFrame * row.frames()];
        for (int f = 0; f < fragments.size(); f++) {
            JpegExtendedDecoder.Decoded d = JpegExtendedDecoder.decode(fragments.get(f));
            assertEquals(row.cols(), d.width());
            assertEquals(row.rows(), d.height());
            assertEquals(row.samples(), d.components());
            assertEquals(row.bitsStored() > 8 ? 12 : 8, d.precision());
            System.arraycopy(d.samples(), 0, all, f * perFrame, perFrame);
        }
        assertTrue(row.gdcmAgrees(), "GDCM and dcmtk agreed when the fixture was made");
        assertEquals(row.sha256(), Fixtures.sha256(all, row.bitsStored()), row.name() + " vs dcmdjpeg");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void dicomReaderMatchesDcmtkForGreyImages(Fixtures.Row row) throws IOException {
        if (row.samples() != 1) {
            return; // colour: the reader converts YBR to RGB, dcmtk's reference keeps YBR (checked above)
        }
        try (Image image = ImageFormats.installed().open(row.file(), null)) {
        assertEquals(row.cols(), image.header().size(org.qbi.core.image.Axis.X));
        assertEquals(row.rows(), image.header().size(org.qbi.core.image.Axis.Y));
        assertEquals(row.sha256(), Fingerprint.of(image, ProgressMonitor.NULL), row.name() + " through the reader");
        }
    }

    @Test
    void pydicomJpgExtendedDecodesAsDcmtkAndGdcm() throws IOException {
        Fixtures.Row row = Fixtures.row("../pydicom/JPGExtended");
        try (Image image = ImageFormats.installed().open(row.file(), null)) {
        assertEquals(256, image.header().size(org.qbi.core.image.Axis.X));
        assertEquals(1024, image.header().size(org.qbi.core.image.Axis.Y));
        assertEquals("d30242775a414c01d616447854ebe3f2b20259822894bcd6891f879bcdcbf313",
                Fingerprint.of(image, ProgressMonitor.NULL));
        }
    }
}
