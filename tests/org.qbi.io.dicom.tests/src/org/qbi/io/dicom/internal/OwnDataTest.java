package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What ../shared/data lacks, from data/ (pydicom's test files and files written with pydicom; truth by pydicom and
 * GDCM): colour, YBR, deflate, RT dose, float pixel data, 1-bit, enhanced multi-frame functional groups.
 */
class OwnDataTest {

    /** Lossless: exact fingerprint, shape and pixel type. */
    @ParameterizedTest
    @ValueSource(strings = { "pydicom/ExplVR_BigEnd.dcm", "pydicom/SC_rgb_small_odd.dcm", "pydicom/SC_rgb_rle.dcm",
            "pydicom/SC_rgb_rle_2frame.dcm", "pydicom/SC_rgb_rle_16bit.dcm", "pydicom/SC_ybr_full_422_uncompressed.dcm",
            "pydicom/SC_rgb_jpeg_gdcm.dcm", "pydicom/J2K_pixelrep_mismatch.dcm", "pydicom/image_dfl.dcm",
            "pydicom/rtdose.dcm", "pydicom/rtdose_rle.dcm", "pydicom/liver_1frame.dcm",
            "generated/parametric_map_float32.dcm", "generated/parametric_map_float64.dcm",
            "generated/enhanced_mr_functional_groups.dcm" })
    void losslessMatchesPydicom(String key) throws IOException {
        JsonNode truth = TestData.truth(key);
        try (Image image = TestData.open(TestData.file(key))) {
            ImageHeader header = image.header();
            assertEquals(expectedShape(truth, header), shape(header), "shape");
            String dtype = truth.get("dtype").asText();
            if (header.pixelType() == PixelType.RGB8) {
                assertEquals("uint8", dtype);
            } else {
                assertEquals(dtype, header.pixelType().label());
            }
            assertEquals(truth.get("sha256").asText(), TestData.fingerprint(image), "fingerprint");
        }
    }

    /** numpy shape to QBI's non-singleton sizes: rgb8 drops the sample axis; 16-bit RGB puts it on c. */
    private static List<Long> expectedShape(JsonNode truth, ImageHeader header) {
        List<Long> numpy = new ArrayList<>();
        truth.get("shape").forEach(n -> numpy.add(n.asLong()));
        boolean samples = "RGB".equals(truth.get("photometric").asText())
                || truth.get("photometric").asText().startsWith("YBR");
        List<Long> sizes = new ArrayList<>();
        long channels = 1;
        if (samples) {
            channels = numpy.removeLast();
        }
        for (int i = numpy.size() - 1; i >= 0; i--) {
            sizes.add(numpy.get(i));
        }
        if (samples && header.pixelType() != PixelType.RGB8) {
            sizes.add(channels);
        }
        return sizes;
    }

    private static List<Long> shape(ImageHeader header) {
        return org.qbi.io.testing.ImageAssertions.nonSingleton(header);
    }

    /** Lossy colour JPEG / JPEG 2000: each sample within a stated tolerance of GDCM's decode. */
    @ParameterizedTest
    @ValueSource(strings = { "pydicom/SC_rgb_jpeg_dcmtk.dcm", "pydicom/SC_rgb_dcmtk_+eb+cy+np.dcm",
            "pydicom/SC_rgb_gdcm_KY.dcm" })
    void lossyColourWithinTolerance(String key) throws IOException {
        JsonNode truth = TestData.truth(key);
        TestData.Reference reference = TestData.reference(truth.get("reference").asText());
        try (Image image = TestData.open(TestData.file(key)); Arena arena = Arena.ofConfined()) {
            assertEquals(PixelType.RGB8, image.header().pixelType());
            MemorySegment plane = image.readPlane(0, 0, 0, arena);
            double worst = 0;
            for (int i = 0; i < reference.values().length; i++) {
                worst = Math.max(worst, Math.abs(PixelValues.get(PixelType.RGB8, plane, i) - reference.values()[i]));
            }
            // Lossy streams and YCbCr->RGB arithmetic depend on the decoder: tolerance 1 (measured: 0 on these files).
            assertTrue(worst <= 1, key + ": largest difference from GDCM " + worst + " (tolerance 1)");
        }
    }

    @Test
    void rtDoseGridScalingIsTheRescaleAndOffsetsGiveZ() throws IOException {
        try (Image image = TestData.open(TestData.file("pydicom/rtdose.dcm"))) {
            ImageHeader header = image.header();
            assertEquals(new Rescale(1.0e-6, 0, "RELATIVE"), header.rescale());
            assertEquals(15, header.size(Axis.Z));
            assertEquals(5.0, header.axis(Axis.Z).spacing(), 1e-9, "GridFrameOffsetVector steps");
            assertEquals("mm", header.axis(Axis.Z).unit());
            assertEquals(10.0, header.axis(Axis.X).spacing(), 1e-9);
        }
    }

    @Test
    void enhancedMultiFrameGeometryFromFunctionalGroups() throws IOException {
        try (Image image = TestData.open(TestData.file("generated/enhanced_mr_functional_groups.dcm"))) {
            ImageHeader header = image.header();
            assertEquals(0.7, header.axis(Axis.X).spacing(), 1e-12, "x = PixelSpacing[1]");
            assertEquals(0.8, header.axis(Axis.Y).spacing(), 1e-12, "y = PixelSpacing[0]");
            assertEquals(1.5, header.axis(Axis.Z).spacing(), 1e-5, "z from per-frame positions");
            assertEquals(10, header.size(Axis.Z));
            assertEquals(new Rescale(2, -10, ""), header.rescale(), "from PixelValueTransformationSequence");
            double[] c = header.orientation().orElseThrow().cosines();
            double a = Math.toRadians(20);
            double[] expected = { 1, 0, 0, 0, Math.cos(a), -Math.sin(a), 0, Math.sin(a), Math.cos(a) };
            for (int i = 0; i < 9; i++) {
                assertEquals(expected[i], c[i], 1e-6, "cosine " + i);
            }
            assertEquals(-25.0, header.axis(Axis.X).origin(), 1e-9);
            assertEquals(-20.0, header.axis(Axis.Y).origin(), 1e-9);
            assertEquals(30.0, header.axis(Axis.Z).origin(), 1e-9);
            assertTrue(header.metadata().get("qbi:sliceSpacingIrregular").isEmpty());
            assertEquals(List.of(0.8, 0.7), header.metadata().get("dicom:5200,9229[1]/0028,9110[1]/0028,0030")
                    .orElseThrow().value());
        }
    }

    @Test
    void floatPixelDataKeepsNanAndInfinity() throws IOException {
        try (Image image = TestData.open(TestData.file("generated/parametric_map_float32.dcm"));
                Arena arena = Arena.ofConfined()) {
            assertEquals(PixelType.FLOAT32, image.header().pixelType());
            MemorySegment plane = image.readPlane(0, 0, 0, arena);
            assertTrue(Double.isNaN(PixelValues.get(PixelType.FLOAT32, plane, 0)));
        }
        try (Image image = TestData.open(TestData.file("generated/parametric_map_float64.dcm"));
                Arena arena = Arena.ofConfined()) {
            assertEquals(PixelType.FLOAT64, image.header().pixelType());
            MemorySegment plane = image.readPlane(0, 0, 0, arena);
            assertEquals(Double.NEGATIVE_INFINITY, PixelValues.get(PixelType.FLOAT64, plane, 0));
        }
    }

    @Test
    void ybrIsPresentedAsRgbAndSaysSo() throws IOException {
        try (Image image = TestData.open(TestData.file("pydicom/SC_ybr_full_422_uncompressed.dcm"))) {
            assertEquals(PixelType.RGB8, image.header().pixelType());
            assertEquals("YBR_FULL_422 converted to RGB", image.header().metadata().text("qbi:photometric").orElseThrow());
            assertEquals("YBR_FULL_422", image.header().metadata().text("dicom:0028,0004").orElseThrow());
        }
    }

    @Test
    void sixteenBitRgbGoesOnChannels() throws IOException {
        try (Image image = TestData.open(TestData.file("pydicom/SC_rgb_rle_16bit.dcm"))) {
            assertEquals(3, image.header().size(Axis.C));
            assertEquals(PixelType.UINT16, image.header().pixelType());
        }
    }

    @Test
    void monochrome1IsKeptAsStoredAndSaysSo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
        java.nio.file.Path source = org.qbi.io.testing.SharedData.file("dicom/single/MR_small.dcm");
        String text = new String(java.nio.file.Files.readAllBytes(source), java.nio.charset.StandardCharsets.ISO_8859_1);
        java.nio.file.Path file = dir.resolve("mono1.dcm");
        java.nio.file.Files.write(file, text.replace("MONOCHROME2", "MONOCHROME1")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        try (Image image = TestData.open(file)) {
            assertEquals("MONOCHROME1", image.header().metadata().text("dicom:0028,0004").orElseThrow());
            assertTrue(image.header().metadata().text("qbi:photometric").orElseThrow().startsWith("MONOCHROME1"));
            assertEquals(org.qbi.io.testing.SharedData.pixels(org.qbi.io.testing.SharedData.truth(
                    "dicom/single/MR_small.dcm")).get("sha256").asText(), TestData.fingerprint(image), "stored values");
        }
    }
}
