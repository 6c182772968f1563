package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.progress.ProgressMonitor;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The small TIFFs of data/tiff (written by tifffile and Pillow from seeded arrays, see data/README.md): every sample
 * type, byte order, compression, predictor, colour layout, tiles, BigTIFF, ImageJ hyperstacks, OME-TIFF.
 */
class TiffFixturesTest {

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        Fixtures.expected().fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> !n.startsWith("standard/"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesTheArrayItWasWrittenFrom(String key) throws Exception {
        JsonNode x = Fixtures.expected().get(key);
        String name = key.contains("#") ? key.substring(0, key.indexOf('#')) : key;
        String entry = x.has("entry") ? x.get("entry").asText() : null;
        try (Image image = Image.of(new TiffReader().open(Fixtures.tiff(name), entry))) {
            ImageHeader h = image.header();
            long[] dims = new long[5];
            for (int i = 0; i < 5; i++) {
                dims[i] = x.get("dims").get(i).asLong();
            }
            assertEquals(Arrays.toString(dims), Arrays.toString(h.dimensions()), "x, y, z, c, t");
            assertEquals(x.get("pixelType").asText(), h.pixelType().label());
            ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
            if (x.path("lossy").asBoolean()) {
                // JPEG in TIFF: decoders differ by a grey level here and there (tolerances of SharedStandardImagesTest)
                assertEquals(x.get("mean").asDouble(), stats.mean(), SharedStandardImagesTest.JPEG_MEAN_TOLERANCE, "mean");
                assertEquals(x.get("std").asDouble(), stats.std(), SharedStandardImagesTest.JPEG_MEAN_TOLERANCE, "std");
                assertEquals(x.get("min").asDouble(), stats.min(), SharedStandardImagesTest.JPEG_EXTREMES_TOLERANCE, "min");
                assertEquals(x.get("max").asDouble(), stats.max(), SharedStandardImagesTest.JPEG_EXTREMES_TOLERANCE, "max");
            } else {
                assertEquals(x.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL), "pixel fingerprint");
                assertEquals(x.get("min").asDouble(), stats.min(), "min");
                assertEquals(x.get("max").asDouble(), stats.max(), "max");
            }
            if (x.has("format")) {
                assertEquals(x.get("format").asText(), h.format());
            }
            JsonNode calibration = x.get("calibration");
            for (Axis axis : Axis.values()) {
                AxisCalibration a = h.axis(axis);
                JsonNode c = calibration == null ? null : calibration.get(axis.label());
                if (c == null) {
                    assertEquals(AxisCalibration.PIXEL_UNIT, a.unit(), axis + " is uncalibrated");
                    continue;
                }
                assertEquals(c.get(0).asDouble(), a.spacing(), 1e-12 * c.get(0).asDouble(), axis + " spacing");
                assertEquals(c.get(1).asText(), a.unit(), axis + " unit");
                assertEquals(c.size() > 2 ? c.get(2).asDouble() : 0, a.origin(), 1e-12, axis + " origin");
            }
        }
    }

    @Test
    void omeMetadataNamesTheChannels() throws Exception {
        try (Image image = Image.of(new TiffReader().open(Fixtures.tiff("ome_tczyx.ome.tif"), null))) {
            Metadata m = image.header().metadata();
            assertEquals(List.of("DAPI", "GFP", "mCherry"), m.get("ome:ChannelNames").orElseThrow().value());
            assertEquals("XYZCT", m.text("ome:DimensionOrder").orElseThrow());
            assertEquals(4L, m.get("ome:SizeZ").orElseThrow().value());
            assertEquals("cells", m.text("ome:Name").orElseThrow());
            assertEquals("OME", m.get("ome:SizeZ").orElseThrow().group());
        }
    }

    @Test
    void imageJHyperstackMetadata() throws Exception {
        try (Image image = Image.of(new TiffReader().open(Fixtures.tiff("imagej_hyperstack.tif"), null))) {
            Metadata m = image.header().metadata();
            assertEquals(2L, m.get("imagej:channels").orElseThrow().value());
            assertEquals(3L, m.get("imagej:slices").orElseThrow().value());
            assertEquals(2L, m.get("imagej:frames").orElseThrow().value());
            assertEquals(Boolean.TRUE, m.get("imagej:hyperstack").orElseThrow().value());
        }
    }

    @Test
    void seriesOfDifferentShapesAreEntries() throws Exception {
        Path file = Fixtures.tiff("two_series.tif");
        assertEquals(List.of("series 0", "series 1"), new TiffReader().entries(file));
        assertEquals(List.of(), new TiffReader().entries(Fixtures.tiff("uint8_le_none.tif")));
        FormatException e = assertThrows(FormatException.class, () -> new TiffReader().open(file, "series 2"));
        assertTrue(e.getMessage().contains("two_series.tif") && e.getMessage().contains("series 0 to 1"), e.getMessage());
    }

    @Test
    void everyTiffFieldIsInTheMetadata() throws Exception {
        try (Image image = Image.of(new TiffReader().open(Fixtures.tiff("lzw_pred_uint16.tif"), null))) {
            Metadata m = image.header().metadata();
            Map<String, Object> expected = Map.of("tiff:256", 12L, "tiff:257", 10L, "tiff:258", 16L, "tiff:259", 5L,
                    "tiff:317", 2L);
            expected.forEach((key, value) -> assertEquals(value, m.get(key).orElseThrow(() -> new AssertionError(key)).value(), key));
            assertEquals("Predictor", m.get("tiff:317").orElseThrow().name());
            assertEquals("LZW", m.text("tiff:compressionName").orElseThrow());
            assertTrue(m.search("photometric").size() >= 1, "searchable by name");
        }
    }
}
