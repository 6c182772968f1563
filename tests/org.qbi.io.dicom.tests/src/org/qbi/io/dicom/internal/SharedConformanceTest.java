package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/** Every DICOM file of ../shared/data against truth.json (pydicom 2.3.1 with GDCM). */
class SharedConformanceTest {

    /** Lossless files: the fingerprint must match exactly. */
    @ParameterizedTest
    @ValueSource(strings = { "dicom/single/CT_small.dcm", "dicom/single/MR_small.dcm",
            "dicom/single/MR_small_bigendian.dcm", "dicom/single/MR_small_implicit.dcm",
            "dicom/single/MR_knee_DICOM_KNEE.dcm", "dicom/single/NM_whole_body_bone_JPEG-LL.dcm",
            "dicom/compressed/MR_small_RLE.dcm", "dicom/compressed/MR_small_jp2klossless.dcm",
            "dicom/compressed/CT_jpeg_lossless_sel1.dcm", "dicom/compressed/CT_rle.dcm",
            "dicom/multiframe/emri_small.dcm", "dicom/multiframe/emri_small_RLE.dcm",
            "dicom/multiframe/emri_small_jpeg_2k_lossless.dcm", "dicom/multiframe/MR_philips_16frames.dcm" })
    void losslessFilesMatchTruthExactly(String key) throws IOException {
        Path path = SharedData.file(key);
        JsonNode truth = SharedData.truth(key);
        try (Image image = ImageFormats.installed().open(path, null)) {
            assertEquals("DICOM", image.header().format());
            ImageAssertions.assertMatches(image, SharedData.pixels(truth), true);
            assertGeometry(image.header(), truth.get("header"));
            assertEquals(truth.get("header").get("TransferSyntaxUID").asText(),
                    image.header().metadata().text("dicom:0002,0010").orElseThrow());
        }
    }

    /** JPEG-LS (this bundle's own decoder, package jpegls). */
    @ParameterizedTest
    @ValueSource(strings = { "dicom/compressed/MR_small_jpeg_ls_lossless.dcm",
            "dicom/multiframe/emri_small_jpeg_ls_lossless.dcm" })
    void jpegLsFilesMatchTruthExactly(String key) throws IOException {
        Path path = SharedData.file(key);
        JsonNode truth = SharedData.truth(key);
        try (Image image = ImageFormats.installed().open(path, null)) {
            ImageAssertions.assertMatches(image, SharedData.pixels(truth), true);
            assertGeometry(image.header(), truth.get("header"));
        }
    }

    /** CT_jpeg_2000.dcm is lossy JPEG 2000: every pixel within +-1 of GDCM's decode (data/reference). */
    /** A single slice's z extent is its SliceThickness (5.0 mm for CT_small.dcm per MANIFEST.md). */
    @Test
    void aSingleSliceIsAsThickAsItsSliceThickness() throws IOException {
        try (Image image = ImageFormats.installed().open(SharedData.file("dicom/single/CT_small.dcm"), null)) {
            AxisCalibration z = image.header().axis(Axis.Z);
            assertEquals(1, z.size());
            assertEquals(5.0, z.spacing(), 0);
            assertEquals("mm", z.unit());
        }
    }

    @Test
    void lossyJpeg2000WithinOneOfGdcm() throws IOException {
        String key = "dicom/compressed/CT_jpeg_2000.dcm";
        Path path = SharedData.file(key);
        JsonNode truth = SharedData.truth(key);
        TestData.Reference reference = TestData.reference("reference/CT_jpeg_2000.dcm.ref.npy.gz");
        try (Image image = ImageFormats.installed().open(path, null); Arena arena = Arena.ofConfined()) {
            ImageHeader header = image.header();
            assertEquals(512, header.size(Axis.X));
            assertEquals(512, header.size(Axis.Y));
            assertEquals("int16", header.pixelType().label());
            MemorySegment plane = image.readPlane(0, 0, 0, arena);
            double worst = 0;
            long differing = 0;
            for (int i = 0; i < reference.values().length; i++) {
                double d = Math.abs(PixelValues.get(header.pixelType(), plane, i) - reference.values()[i]);
                worst = Math.max(worst, d);
                differing += d > 0 ? 1 : 0;
            }
            assertTrue(worst <= 1, "largest difference from GDCM " + worst + " (tolerance 1)");
            assertTrue(differing < reference.values().length / 10, differing + " pixels differ by 1");
            ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
            JsonNode pixels = truth.get("pixels");
            assertEquals(pixels.get("mean").asDouble(), stats.mean(), 0.01, "mean");
            assertEquals(pixels.get("min").asDouble(), stats.min(), 1, "min");
            assertEquals(pixels.get("max").asDouble(), stats.max(), 1, "max");
            assertEquals(new Rescale(1, -1024, "HU"), header.rescale());
            assertGeometry(header, truth.get("header"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "dicom/single/CT_small.dcm", "dicom/compressed/CT_rle.dcm" })
    void ctRescaleGivesHounsfieldUnits(String key) throws IOException {
        JsonNode truth = SharedData.truth(key);
        try (Image image = ImageFormats.installed().open(SharedData.file(key), null)) {
            Rescale rescale = image.header().rescale();
            assertEquals("HU", rescale.unit());
            assertEquals(truth.get("rescaled").get("slope").asDouble(), rescale.slope());
            assertEquals(truth.get("rescaled").get("intercept").asDouble(), rescale.intercept());
            ValueStatistics physical = ImageStatistics.of(image, ProgressMonitor.NULL).rescaled(rescale);
            assertEquals(truth.get("rescaled").get("min").asDouble(), physical.min());
            assertEquals(truth.get("rescaled").get("max").asDouble(), physical.max());
            ImageAssertions.assertClose(truth.get("rescaled").get("mean").asDouble(), physical.mean(), "mean");
        }
    }

    @Test
    void cineFramesGoOnTimeWithFrameTime() throws IOException {
        try (Image image = ImageFormats.installed().open(SharedData.file("dicom/multiframe/MR_philips_16frames.dcm"),
                null)) {
            AxisCalibration t = image.header().axis(Axis.T);
            assertEquals(16, t.size());
            assertEquals(69.47, t.spacing(), 1e-9);
            assertEquals("ms", t.unit());
            assertEquals(1, image.header().size(Axis.Z));
        }
    }

    @Test
    void multiFrameWithoutPositionsUsesSpacingBetweenSlicesAndWarns() throws IOException {
        try (Image image = ImageFormats.installed().open(SharedData.file("dicom/multiframe/emri_small.dcm"), null)) {
            AxisCalibration z = image.header().axis(Axis.Z);
            assertEquals(10, z.size());
            assertEquals(1.2, z.spacing(), 1e-12);
            assertEquals("mm", z.unit());
            assertTrue(image.header().metadata().text("qbi:warnings").orElseThrow().contains("no positions"));
        }
    }

    /** Spacing (row spacing is y), origin (ImagePositionPatient) and orientation (row, column, normal). */
    static void assertGeometry(ImageHeader header, JsonNode truthHeader) {
        JsonNode spacing = truthHeader.get("PixelSpacing");
        if (spacing != null) {
            assertEquals(spacing.get(1).asDouble(), header.axis(Axis.X).spacing(), 1e-9, "x spacing = column spacing");
            assertEquals(spacing.get(0).asDouble(), header.axis(Axis.Y).spacing(), 1e-9, "y spacing = row spacing");
            assertEquals("mm", header.axis(Axis.X).unit());
        }
        JsonNode position = truthHeader.get("ImagePositionPatient");
        if (position != null && spacing != null) {
            assertEquals(position.get(0).asDouble(), header.axis(Axis.X).origin(), 1e-6, "origin x");
            assertEquals(position.get(1).asDouble(), header.axis(Axis.Y).origin(), 1e-6, "origin y");
            assertEquals(position.get(2).asDouble(), header.axis(Axis.Z).origin(), 1e-6, "origin z");
        }
        JsonNode iop = truthHeader.get("ImageOrientationPatient");
        if (iop != null) {
            double[] cosines = header.orientation().orElseThrow().cosines();
            double[] row = { iop.get(0).asDouble(), iop.get(1).asDouble(), iop.get(2).asDouble() };
            double[] column = { iop.get(3).asDouble(), iop.get(4).asDouble(), iop.get(5).asDouble() };
            double[] normal = Geometry.cross(row, column);
            for (int i = 0; i < 3; i++) {
                assertEquals(row[i], cosines[i], 1e-6, "row cosine " + i);
                assertEquals(column[i], cosines[3 + i], 1e-6, "column cosine " + i);
                assertEquals(normal[i], cosines[6 + i], 1e-5, "normal " + i);
            }
        }
    }
}
