package org.qbi.io.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;

import com.fasterxml.jackson.databind.JsonNode;

/** Compares an image with its truth.json statistics node (shape, dtype, stats, sha256). */
public final class ImageAssertions {

    /** Relative tolerance on mean and std: different summation orders, not different values. */
    public static final double STATS_TOLERANCE = 1e-9;

    private ImageAssertions() {
    }

    /**
     * Asserts dtype, shape, min, max, mean, std and (for lossless decodes) the sha256 fingerprint.
     *
     * @param pixels truth's "pixels"/"stored" node; its shape is NumPy order (slowest first, samples last)
     * @param numpyOrder true when truth's shape is slowest-first (all formats but NIfTI)
     */
    public static void assertMatches(Image image, JsonNode pixels, boolean numpyOrder) throws IOException {
        ImageHeader header = image.header();
        String dtype = pixels.get("dtype").asText();
        int samples = header.pixelType().samplesPerPixel();
        if (samples == 1) {
            assertEquals(dtype, header.pixelType().label(), "pixel type");
        } else {
            assertEquals("uint8", dtype, "multi-sample pixels are 8-bit");
        }
        List<Long> expected = new ArrayList<>();
        pixels.get("shape").forEach(n -> expected.add(n.asLong()));
        if (samples > 1) {
            assertEquals(samples, expected.removeLast(), "samples per pixel");
        }
        if (numpyOrder) {
            Collections.reverse(expected);
        }
        assertEquals(expected, nonSingleton(header), "shape (x first, singleton axes dropped)");
        ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
        assertEquals(pixels.get("min").asDouble(), stats.min(), "min");
        assertEquals(pixels.get("max").asDouble(), stats.max(), "max");
        assertClose(pixels.get("mean").asDouble(), stats.mean(), "mean");
        assertClose(pixels.get("std").asDouble(), stats.std(), "std");
        assertEquals(pixels.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL), "pixel fingerprint");
    }

    /** The sizes of the axes larger than 1, x first (x and y always). */
    public static List<Long> nonSingleton(ImageHeader header) {
        List<Long> sizes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            long size = header.size(axis);
            if (size > 1 || axis == Axis.X || axis == Axis.Y) {
                sizes.add(size);
            }
        }
        return sizes;
    }

    public static void assertClose(double expected, double actual, String what) {
        double tolerance = STATS_TOLERANCE * Math.max(1, Math.abs(expected));
        assertEquals(expected, actual, tolerance, what);
    }
}
