package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every NIfTI file of ../shared/data against truth.json (nibabel 5.0.0): shape in [x, y, z, t] order, dtype,
 * statistics and pixel fingerprint; pixdim, units, the affine (sform, else qform) as LPS orientation and
 * origin, and scl_slope/scl_inter.
 */
class NiftiConformanceTest {

    private final NiftiReader reader = new NiftiReader();

    @ParameterizedTest
    @ValueSource(strings = { "nifti/example4d.nii.gz", "nifti/anatomical.nii", "nifti/functional.nii",
            "nifti/training_001_mr_T1.nii", "nifti/ch2bet.nii.gz", "nifti/KmeansTest_T1UCharRaw.nii.gz",
            "nifti/dipy_small_64D.nii" })
    void matchesTruth(String name) throws IOException {
        Path file = SharedData.file(name);
        JsonNode truth = SharedData.truth(name);
        assertTrue(reader.canRead(Probe.of(file)), "detected by its header");
        try (Image image = Image.of(reader.open(file, null))) {
            ImageAssertions.assertMatches(image, SharedData.pixels(truth), false);
            ImageHeader header = image.header();
            assertEquals("NIfTI-1", header.format());
            JsonNode nifti = truth.get("header");
            JsonNode pixdim = nifti.get("pixdim");
            for (int i = 0; i < 3; i++) {
                assertEquals(Math.abs(pixdim.get(i + 1).asDouble()), header.axes().get(i).spacing(), 1e-12,
                        "spacing of " + Axis.values()[i].label());
                assertEquals(spaceUnit(nifti.get("xyzt_units").asInt()), header.axes().get(i).unit());
            }
            assertEquals(nifti.get("datatype").asLong(), header.metadata().get("nifti:datatype").orElseThrow().value());
            assertEquals(nifti.get("qform_code").asLong(), header.metadata().get("nifti:qform_code").orElseThrow().value());
            assertEquals(nifti.get("sform_code").asLong(), header.metadata().get("nifti:sform_code").orElseThrow().value());
            assertAffine(nifti.get("affine"), header);
        }
    }

    private static String spaceUnit(int xyztUnits) {
        return switch (xyztUnits & 7) {
            case 1 -> "m";
            case 3 -> "um";
            default -> "mm";
        };
    }

    /** truth's affine (RAS+, nibabel's best affine) against QBI's LPS orientation and origin. */
    private static void assertAffine(JsonNode affine, ImageHeader header) {
        Orientation orientation = header.orientation().orElseThrow(() -> new AssertionError("no orientation"));
        double[] flip = { -1, -1, 1 };
        for (int j = 0; j < 3; j++) {
            double[] column = new double[3];
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                column[i] = affine.get(i).get(j).asDouble();
                norm += column[i] * column[i];
            }
            norm = Math.sqrt(norm);
            double[] direction = orientation.direction(Axis.values()[j]);
            for (int i = 0; i < 3; i++) {
                assertEquals(flip[i] * column[i] / norm, direction[i], 2e-6, "direction " + j + " component " + i);
            }
            assertEquals(norm, header.axes().get(j).spacing(), 1e-5, "affine column norm = pixdim " + j);
            assertEquals(flip[j] * affine.get(j).get(3).asDouble(), header.axes().get(j).origin(), 1e-5,
                    "origin " + Axis.values()[j].label());
        }
    }

    @Test
    void fourDimensionalFilesHaveATimeAxisInTheirUnit() throws IOException {
        try (Image example = Image.of(reader.open(SharedData.file("nifti/example4d.nii.gz"), null));
                Image functional = Image.of(reader.open(SharedData.file("nifti/functional.nii"), null));
                Image dipy = Image.of(reader.open(SharedData.file("nifti/dipy_small_64D.nii"), null))) {
            assertEquals(2, example.header().size(Axis.T));
            assertEquals(2000, example.header().axis(Axis.T).spacing(), "pixdim[4]");
            assertEquals("s", example.header().axis(Axis.T).unit(), "xyzt_units 10 = 2 (mm) + 8 (s), as nibabel says");
            assertEquals(20, functional.header().size(Axis.T));
            assertEquals(2, functional.header().axis(Axis.T).spacing());
            assertEquals("s", functional.header().axis(Axis.T).unit());
            assertEquals(65, dipy.header().size(Axis.T));
            assertEquals("pixel", dipy.header().axis(Axis.T).unit(), "xyzt_units 0: time unit unknown");
            assertEquals(1, dipy.header().size(Axis.C));
        }
    }

    @Test
    void sclSlopeAndInterceptAreTheRescale() throws IOException {
        JsonNode scaled = SharedData.truth("nifti/functional.nii").get("scaled");
        try (Image image = Image.of(reader.open(SharedData.file("nifti/functional.nii"), null))) {
            assertEquals(scaled.get("slope").asDouble(), image.header().rescale().slope(), 1e-15);
            assertEquals(scaled.get("inter").asDouble(), image.header().rescale().intercept(), 1e-15);
            ValueStatistics physical = ImageStatistics.of(image, ProgressMonitor.NULL).rescaled(image.header().rescale());
            ImageAssertions.assertClose(scaled.get("min").asDouble(), physical.min(), "scaled min");
            ImageAssertions.assertClose(scaled.get("max").asDouble(), physical.max(), "scaled max");
            ImageAssertions.assertClose(scaled.get("mean").asDouble(), physical.mean(), "scaled mean");
            ImageAssertions.assertClose(scaled.get("std").asDouble(), physical.std(), "scaled std");
        }
        try (Image unscaled = Image.of(reader.open(SharedData.file("nifti/anatomical.nii"), null))) {
            assertTrue(unscaled.header().rescale().isIdentity(), "scl_slope 1, scl_inter 0: no rescale");
        }
    }

    @Test
    void headerFieldsDescriptionAndExtensionsAreMetadata() throws IOException {
        try (Image image = Image.of(reader.open(SharedData.file("nifti/example4d.nii.gz"), null))) {
            var metadata = image.header().metadata();
            assertEquals("FSL3.3", metadata.text("nifti:descrip").orElseThrow(),
                    "descrip up to its NUL (nibabel: b'FSL3.3\\x00 v2.25 NIfTI-1 Single file format')");
            assertEquals("Description", metadata.get("nifti:descrip").orElseThrow().name());
            assertEquals("NIfTI", metadata.get("nifti:descrip").orElseThrow().group());
            assertEquals("none", metadata.text("nifti:intent").orElseThrow());
            assertEquals(416.0, metadata.get("nifti:vox_offset").orElseThrow().value());
            assertEquals("n+1", metadata.text("nifti:magic").orElseThrow());
            assertEquals(10L, metadata.get("nifti:xyzt_units").orElseThrow().value());
            assertEquals("mm, s", metadata.text("nifti:units").orElseThrow());
            assertTrue(metadata.get("nifti:extension.0").orElseThrow().name().contains("code 6"),
                    "nibabel lists two extensions of code 6 (comment)");
            assertTrue(metadata.get("nifti:extension.1").isPresent());
            for (String field : new String[] { "sizeof_hdr", "data_type", "db_name", "extents", "session_error",
                    "regular", "dim_info", "dim", "intent_p1", "intent_p2", "intent_p3", "intent_code", "datatype",
                    "bitpix", "slice_start", "pixdim", "vox_offset", "scl_slope", "scl_inter", "slice_end",
                    "slice_code", "xyzt_units", "cal_max", "cal_min", "slice_duration", "toffset", "glmax", "glmin",
                    "descrip", "aux_file", "qform_code", "sform_code", "quatern_b", "quatern_c", "quatern_d",
                    "qoffset_x", "qoffset_y", "qoffset_z", "srow_x", "srow_y", "srow_z", "intent_name", "magic" }) {
                assertTrue(metadata.get("nifti:" + field).isPresent(), "header field " + field);
            }
            assertEquals(1162.0, metadata.get("nifti:cal_max").orElseThrow().value());
        }
    }

    @Test
    void bigEndianFileIsDetectedAndSwapped() throws IOException {
        Path file = SharedData.file("nifti/anatomical.nii");
        try (Image image = Image.of(reader.open(file, null))) {
            assertEquals(SharedData.truth("nifti/anatomical.nii").get("stored").get("sha256").asText(),
                    Fingerprint.of(image, ProgressMonitor.NULL));
            assertEquals("int16", image.header().pixelType().label());
        }
    }

    @Test
    void theInstalledFormatsOpenNiftiByContent() throws IOException {
        ImageFormats formats = ImageFormats.installed();
        assertInstanceOf(NiftiReader.class, formats.reader(SharedData.file("nifti/ch2bet.nii.gz")));
        assertInstanceOf(NiftiReader.class, formats.reader(SharedData.file("nifti/anatomical.nii")));
        try (Image image = formats.open(SharedData.file("nifti/ch2bet.nii.gz"), null)) {
            assertEquals(181, image.header().size(Axis.Z));
            assertEquals(java.util.List.of(), formats.problems());
        }
    }
}
