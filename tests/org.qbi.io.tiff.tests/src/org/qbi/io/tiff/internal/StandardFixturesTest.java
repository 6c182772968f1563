package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The small PNG, BMP and GIF files of data/standard: 16-bit grey, grey + alpha, palettes (grey, colour, with
 * transparency), 16-bit RGB, 24-bit and palette BMP, an animated GIF. Lossless: exact fingerprints.
 */
class StandardFixturesTest {

    static Stream<String> fixtures() {
        List<String> names = new ArrayList<>();
        Fixtures.expected().fieldNames().forEachRemaining(names::add);
        return names.stream().filter(n -> n.startsWith("standard/"));
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void matchesTheArrayItWasWrittenFrom(String key) throws Exception {
        JsonNode x = Fixtures.expected().get(key);
        Path file = Fixtures.dir().resolve(key);
        assertInstanceOf(StandardImageReader.class, ImageFormats.installed().reader(file));
        try (Image image = ImageFormats.installed().open(file, null)) {
            long[] dims = new long[5];
            for (int i = 0; i < 5; i++) {
                dims[i] = x.get("dims").get(i).asLong();
            }
            assertEquals(Arrays.toString(dims), Arrays.toString(image.header().dimensions()), "x, y, z, c, t");
            assertEquals(x.get("pixelType").asText(), image.header().pixelType().label());
            assertEquals(x.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL), "pixel fingerprint");
            ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
            assertEquals(x.get("min").asDouble(), stats.min());
            assertEquals(x.get("max").asDouble(), stats.max());
        }
    }

    @Test
    void gifFramesAreTime() throws Exception {
        try (Image image = ImageFormats.installed().open(Fixtures.dir().resolve("standard/frames.gif"), null)) {
            assertEquals("GIF", image.header().format());
            assertEquals(3L, image.header().metadata().get("gif:frames").orElseThrow().value());
            assertEquals(3, image.grid().chunkCount(), "one chunk per frame");
        }
    }
}
