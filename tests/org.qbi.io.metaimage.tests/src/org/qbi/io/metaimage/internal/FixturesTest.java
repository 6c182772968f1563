package org.qbi.io.metaimage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.TestFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The MetaImage and NRRD variants of data/make_fixtures.py (compression, byte order, channels, RGB, LIST and
 * pattern series, header size and byte/line skips, space conversions) against their expected values.
 */
class FixturesTest {

    /** Each fixture with the files it needs beside it. */
    private static final java.util.Map<String, List<String>> COMPANIONS = java.util.Map.of(
            "bigendian_uint16.mhd", List.of("bigendian_uint16.zraw"),
            "vector_float.mhd", List.of("vector_float.raw"),
            "list_uint8.mhd", List.of("list_slice0.raw", "list_slice1.raw", "list_slice2.raw"),
            "detached_float.nhdr", List.of("detached_float.raw"),
            "vector_field.nhdr", List.of("vector_field.raw"),
            "pattern_uint16.nhdr", List.of("slice00.raw", "slice01.raw", "slice02.raw"));

    @TempDir
    Path dir;

    static Path copy(Class<?> test, String name, Path dir) {
        for (String companion : COMPANIONS.getOrDefault(name, List.of())) {
            TestFiles.fixture(test, companion, dir);
        }
        return TestFiles.fixture(test, name, dir);
    }

    @ParameterizedTest
    @ValueSource(strings = { "zlib_int16.mha", "bigendian_uint16.mhd", "rgb.mha", "vector_float.mhd", "list_uint8.mhd",
            "time_float64.mha", "gzip_ras.nrrd", "detached_float.nhdr", "rgb_color.nrrd", "vector_field.nhdr",
            "pattern_uint16.nhdr" })
    void readsAsExpected(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(TestFiles.fixture(getClass(), "fixtures.json", dir).toFile())
                .get(name);
        Path file = copy(getClass(), name, dir);
        ImageReader reader = name.endsWith(".nrrd") || name.endsWith(".nhdr") ? new NrrdReader() : new MetaImageReader();
        assertTrue(reader.canRead(Probe.of(file)), "detected by content");
        try (Image image = Image.of(reader.open(file, null))) {
            ImageHeader header = image.header();
            long[] sizes = new long[5];
            for (int i = 0; i < 5; i++) {
                sizes[i] = expected.get("sizes").get(i).asLong();
            }
            assertArrayEquals(sizes, header.dimensions(), "x, y, z, c, t");
            assertEquals(expected.get("pixelType").asText(), header.pixelType().label());
            assertEquals(expected.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL));
            for (int i = 0; i < 3; i++) {
                assertEquals(expected.get("spacing").get(i).asDouble(), header.axes().get(i).spacing(), 1e-12,
                        "spacing " + Axis.values()[i].label());
                assertEquals(expected.get("origin").get(i).asDouble(), header.axes().get(i).origin(), 1e-12,
                        "origin " + Axis.values()[i].label());
                assertEquals(expected.get("unit").asText(), header.axes().get(i).unit());
            }
            JsonNode rows = expected.get("orientation");
            assertEquals(!rows.isNull(), header.orientation().isPresent(), "orientation present");
            if (!rows.isNull()) {
                double[] cosines = header.orientation().get().cosines();
                for (int i = 0; i < 9; i++) {
                    assertEquals(rows.get(i / 3).get(i % 3).asDouble(), cosines[i], 1e-12, "cosine " + i);
                }
            }
        }
    }
}
