package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/** The PNG and JPEG files of ../shared/data against truth.json (Pillow's decodes). */
class SharedStandardImagesTest {

    /**
     * JPEG tolerance: decoders differ in IDCT and chroma upsampling. The mean may differ by at most 0.5 grey levels,
     * the standard deviation by 0.5, min and max by 3.
     */
    static final double JPEG_MEAN_TOLERANCE = 0.5;
    static final double JPEG_EXTREMES_TOLERANCE = 3;

    static Stream<String> pngFiles() {
        return Stream.of("png_jpeg/skimage_camera.png", "png_jpeg/skimage_coins.png", "png_jpeg/skimage_cell.png",
                "png_jpeg/skimage_moon.png", "png_jpeg/skimage_ihc.png", "png_jpeg/em_image.png",
                "png_jpeg/tiny-bone.png", "png_jpeg/itk_BrainProtonDensitySlice.png", "png_jpeg/itk_BrainT1Slice.png",
                "png_jpeg/itk_FatMRISlice.png", "png_jpeg/itk_BrainMidSagittalSlice.png");
    }

    static Stream<String> jpegFiles() {
        return Stream.of("png_jpeg/skimage_hubble_deep_field.jpg", "png_jpeg/hand_xray.jpg");
    }

    /** PNG is lossless: exact fingerprint (grey palettes expanded to their grey values, which these equal). */
    @ParameterizedTest
    @MethodSource("pngFiles")
    void pngMatchesTruthExactly(String key) throws Exception {
        Path file = SharedData.file(key);
        assertInstanceOf(StandardImageReader.class, ImageFormats.installed().reader(file));
        try (Image image = ImageFormats.installed().open(file, null)) {
            assertEquals("PNG", image.header().format());
            ImageAssertions.assertMatches(image, SharedData.pixels(SharedData.truth(key)), true);
        }
    }

    @ParameterizedTest
    @MethodSource("jpegFiles")
    void jpegMatchesTruthWithinTolerance(String key) throws Exception {
        Path file = SharedData.file(key);
        JsonNode pixels = SharedData.pixels(SharedData.truth(key));
        try (Image image = ImageFormats.installed().open(file, null)) {
            assertEquals("JPEG", image.header().format());
            assertEquals(PixelType.RGB8, image.header().pixelType());
            List<Long> shape = new ArrayList<>();
            pixels.get("shape").forEach(n -> shape.add(n.asLong()));
            assertEquals(3L, shape.removeLast());
            Collections.reverse(shape);
            assertEquals(shape, ImageAssertions.nonSingleton(image.header()));
            ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
            assertEquals(pixels.get("mean").asDouble(), stats.mean(), JPEG_MEAN_TOLERANCE, "mean");
            assertEquals(pixels.get("std").asDouble(), stats.std(), JPEG_MEAN_TOLERANCE, "std");
            assertEquals(pixels.get("min").asDouble(), stats.min(), JPEG_EXTREMES_TOLERANCE, "min");
            assertEquals(pixels.get("max").asDouble(), stats.max(), JPEG_EXTREMES_TOLERANCE, "max");
            assertEquals(pixels.get("shape").get(0).asLong() * pixels.get("shape").get(1).asLong() * 3, stats.count());
        }
    }

    @Test
    void greyPaletteBecomesGreyValues() throws Exception {
        try (Image image = ImageFormats.installed().open(SharedData.file("png_jpeg/itk_FatMRISlice.png"), null)) {
            assertEquals(PixelType.UINT8, image.header().pixelType());
            assertTrue(image.header().metadata().text("png:conversion").orElseThrow().contains("grey"));
            assertEquals(AxisCalibration.PIXEL_UNIT, image.header().axis(Axis.X).unit());
        }
    }
}
