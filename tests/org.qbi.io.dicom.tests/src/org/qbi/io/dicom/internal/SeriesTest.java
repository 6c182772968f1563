package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.io.FormatException;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/** Folders read as series: grouping, slice order, spacing from positions, and what is irregular. */
class SeriesTest {

    @ParameterizedTest
    @ValueSource(strings = { "dicom/series_MR_brain_T2W_philips/", "dicom/series_MR_scout_TCIA_CPTAC-SAR/" })
    void sharedSeriesMatchTruth(String key) throws IOException {
        Path dir = SharedData.file(key);
        JsonNode truth = SharedData.truth(key);
        try (Image image = ImageFormats.installed().open(dir, null)) {
            ImageHeader header = image.header();
            assertEquals("DICOM series", header.format());
            ImageAssertions.assertMatches(image, truth.get("volume"), true);
            // Slice order and positions along the normal.
            List<String> order = new ArrayList<>();
            truth.get("slice_order").forEach(n -> order.add(n.asText()));
            assertEquals(order, header.metadata().get("qbi:sliceFiles").orElseThrow().value());
            @SuppressWarnings("unchecked")
            List<Double> positions = (List<Double>) header.metadata().get("qbi:slicePositions").orElseThrow().value();
            JsonNode expected = truth.get("slice_normal_positions_mm");
            assertEquals(expected.size(), positions.size());
            for (int i = 0; i < positions.size(); i++) {
                assertEquals(expected.get(i).asDouble(), positions.get(i), 1e-3, "slice " + i);
            }
            // Spacing from positions (not SliceThickness), gaps as truth says.
            JsonNode gaps = truth.get("slice_gaps_mm");
            assertEquals(gaps.get("mean").asDouble(), header.axis(Axis.Z).spacing(), 1e-4);
            assertEquals(gaps.get("min").asDouble(), (Double) header.metadata().get("qbi:sliceGapMin").orElseThrow().value(), 1e-4);
            assertEquals(gaps.get("max").asDouble(), (Double) header.metadata().get("qbi:sliceGapMax").orElseThrow().value(), 1e-4);
            assertFalse(header.metadata().get("qbi:sliceSpacingIrregular").isPresent());
            assertFalse(header.metadata().get("qbi:gantryTilt").isPresent());
            assertEquals("mm", header.axis(Axis.Z).unit());
            SharedConformanceTest.assertGeometry(header, truth.get("first_slice_header"));
            assertEquals(truth.get("n_slices").asInt(), header.size(Axis.Z));
        }
    }

    @Test
    void philipsBrainIs256By256By27At6mm() throws IOException {
        try (Image image = ImageFormats.installed().open(SharedData.file("dicom/series_MR_brain_T2W_philips/"), null)) {
            ImageHeader header = image.header();
            assertEquals(List.of(256L, 256L, 27L), ImageAssertions.nonSingleton(header));
            assertEquals(0.9375, header.axis(Axis.X).spacing());
            assertEquals(0.9375, header.axis(Axis.Y).spacing());
            assertEquals(6.0, header.axis(Axis.Z).spacing(), 1e-6);
            assertTrue(header.describe().startsWith("256 x 256 x 27 uint16, 0.9375 x 0.9375 x 6 mm"), header.describe());
            assertEquals(5.0, header.metadata().get("dicom:0018,0050").orElseThrow().value(), "SliceThickness kept");
        }
    }

    @Test
    void irregularGapsAreReportedNotHidden() throws IOException {
        try (Image image = TestData.open(TestData.file("generated/series_irregular"))) {
            ImageHeader header = image.header();
            assertEquals(5, header.size(Axis.Z));
            assertEquals(2.5, header.axis(Axis.Z).spacing(), 1e-9, "(10 - 0) / 4");
            assertEquals("min 2 mm, max 4 mm", header.metadata().text("qbi:sliceSpacingIrregular").orElseThrow());
            assertTrue(header.metadata().text("qbi:warnings").orElseThrow().contains("irregularly spaced: gaps from 2"));
            // Files are named out of order; the volume is in position order.
            assertEquals(List.of("IM0003", "IM0000", "IM0004", "IM0001", "IM0002"),
                    header.metadata().get("qbi:sliceFiles").orElseThrow().value());
        }
    }

    @Test
    void gantryTiltIsReported() throws IOException {
        try (Image image = TestData.open(TestData.file("generated/series_tilted"))) {
            Metadata metadata = image.header().metadata();
            double tilt = (Double) metadata.get("qbi:gantryTilt").orElseThrow().value();
            assertEquals(Math.toDegrees(Math.atan2(0.7, 2.0)), tilt, 1e-3);
            assertTrue(metadata.text("qbi:warnings").orElseThrow().contains("tilted by 19.3 degrees"));
            assertEquals(2.0, image.header().axis(Axis.Z).spacing(), 1e-9, "spacing along the normal");
        }
    }

    @Test
    void entriesListSeriesLargestFirstAndOpenByUid() throws IOException {
        Path dir = TestData.file("generated/series_two");
        List<String> entries = ImageFormats.installed().entries(dir);
        assertEquals(List.of("1.2.826.0.1.3680043.8.498.13", "1.2.826.0.1.3680043.8.498.14"), entries);
        try (Image image = ImageFormats.installed().open(dir, null)) {
            assertEquals(List.of(64L, 64L, 3L), ImageAssertions.nonSingleton(image.header()));
            assertTrue(image.header().metadata().text("qbi:warnings").orElseThrow().contains("2 series"));
        }
        try (Image image = ImageFormats.installed().open(dir, entries.get(1))) {
            assertEquals(List.of(32L, 32L, 2L), ImageAssertions.nonSingleton(image.header()));
            assertEquals(5.0, image.header().axis(Axis.Z).spacing(), 1e-9);
        }
        FormatException e = assertThrows(FormatException.class, () -> ImageFormats.installed().open(dir, "1.2.3"));
        assertTrue(e.getMessage().contains("no series '1.2.3'") && e.getMessage().contains(entries.getFirst()),
                e.getMessage());
    }

    @Test
    void mixedSizesAreRefusedNamingTheFiles() {
        Path dir = TestData.file("generated/series_mixed_sizes");
        FormatException e = assertThrows(FormatException.class, () -> ImageFormats.installed().open(dir, null));
        assertTrue(e.getMessage().contains("mixes image sizes"), e.getMessage());
        assertTrue(e.getMessage().contains("64 x 64 int16: IM0000, IM0001"), e.getMessage());
        assertTrue(e.getMessage().contains("48 x 32 int16: IM0002"), e.getMessage());
        assertTrue(e.getMessage().startsWith(dir.toString()), e.getMessage());
    }

    @Test
    void folderWithoutDicomIsRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("notes.txt"), "not an image");
        FormatException e = assertThrows(FormatException.class, () -> new DicomReader().open(dir, null));
        assertTrue(e.getMessage().contains("holds no DICOM image files"), e.getMessage());
        assertTrue(e.getMessage().contains("notes.txt (not DICOM)"), e.getMessage());
        assertFalse(new DicomReader().canRead(org.qbi.core.image.io.Probe.of(dir)));
        Path empty = Files.createDirectory(dir.resolve("empty"));
        FormatException none = assertThrows(FormatException.class, () -> new DicomReader().open(empty, null));
        assertTrue(none.getMessage().contains("it is empty"), none.getMessage());
    }

    @Test
    void missingSliceMakesTheGapIrregular(@TempDir Path dir) throws IOException {
        Path source = SharedData.file("dicom/series_MR_scout_TCIA_CPTAC-SAR/");
        Files.copy(source.resolve("1-1.dcm"), dir.resolve("1-1.dcm"));
        Files.copy(source.resolve("1-3.dcm"), dir.resolve("1-3.dcm"));
        try (Image image = TestData.open(dir)) {
            assertEquals(2, image.header().size(Axis.Z));
            assertEquals(24.0, image.header().axis(Axis.Z).spacing(), 1e-9, "true spacing from positions");
            assertEquals(8.0, image.header().metadata().get("dicom:0018,0050").orElseThrow().value(),
                    "SliceThickness is not the spacing");
        }
    }

    @Test
    void filesThatAreNotDicomAreSkippedAndListed(@TempDir Path dir) throws IOException {
        Path source = SharedData.file("dicom/series_MR_scout_TCIA_CPTAC-SAR/");
        for (String name : List.of("1-1.dcm", "1-2.dcm", "1-3.dcm")) {
            Files.copy(source.resolve(name), dir.resolve(name));
        }
        Files.writeString(dir.resolve("README.txt"), "scout");
        try (Image image = TestData.open(dir)) {
            assertEquals(3, image.header().size(Axis.Z));
            assertEquals(List.of("README.txt (not DICOM)"),
                    image.header().metadata().get("qbi:skippedFiles").orElseThrow().value());
        }
    }
}
