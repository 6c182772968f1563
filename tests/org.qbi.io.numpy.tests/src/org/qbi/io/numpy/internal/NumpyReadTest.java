package org.qbi.io.numpy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.io.ImageReader;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;
import org.qbi.io.testing.TestFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The .npy files of ../shared/data against truth.json, and the arrays numpy 1.24.2 wrote (data/make_fixtures.py:
 * every dtype, byte order, C and Fortran order, versions 1 to 3, .npz stored and deflated, real pywt files) and
 * a raw volume with its .raw.json, against their expected values.
 */
class NumpyReadTest {

    @TempDir
    Path dir;

    private final NpyReader reader = new NpyReader();

    @ParameterizedTest
    @ValueSource(strings = { "npy/shellN.npy", "npy/dipy_t1_coronal_slice.npy" })
    void sharedFilesMatchTruth(String name) throws IOException {
        Path file = SharedData.file(name);
        assertTrue(reader.canRead(Probe.of(file)));
        try (Image image = Image.of(reader.open(file, null))) {
            ImageAssertions.assertMatches(image, SharedData.pixels(SharedData.truth(name)), true);
            assertEquals("NumPy", image.header().format());
            assertEquals(SharedData.truth(name).get("header").get("descr").asText(),
                    image.header().metadata().text("numpy:descr").orElseThrow());
            assertEquals("pixel", image.header().axis(Axis.X).unit(), ".npy has no calibration");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "uint16_2d.npy", "bigendian_float32_3d.npy", "rgb_uint8.npy", "rgba_volume_uint8.npy",
            "complex64_2d.npy", "bool_2d.npy", "int32_4d.npy", "float64_5d.npy", "fortran_int16_3d.npy",
            "fortran_rgb_uint8.npy", "version2_int8.npy", "version3_uint32.npy", "ecg.npy",
            "stored.npz:first", "stored.npz:second", "deflated.npz:volume", "deflated.npz:image", "camera.npz:data",
            "sst_nino3.npz:sst_csv", "scan.raw.json" })
    void fixturesMatchWhatNumpyWrote(String key) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(TestFiles.fixture(getClass(), "fixtures.json", dir).toFile())
                .get(key);
        String name = key.contains(":") ? key.substring(0, key.indexOf(':')) : key;
        String entry = key.contains(":") ? key.substring(key.indexOf(':') + 1) : null;
        Path file = TestFiles.fixture(getClass(), name, dir);
        ImageReader read = name.endsWith(".raw.json") ? new RawVolumeReader() : reader;
        if (name.endsWith(".raw.json")) {
            TestFiles.fixture(getClass(), "scan.raw", dir);
        }
        assertTrue(read.canRead(Probe.of(file)), "detected by content");
        try (Image image = Image.of(read.open(file, entry))) {
            long[] sizes = new long[5];
            for (int i = 0; i < 5; i++) {
                sizes[i] = expected.get("sizes").get(i).asLong();
            }
            assertArrayEquals(sizes, image.header().dimensions(), "x, y, z, c, t");
            assertEquals(expected.get("pixelType").asText(), image.header().pixelType().label());
            assertEquals(expected.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL));
        }
    }

    @Test
    void anArchiveListsItsArraysAndOpensTheFirstByDefault() throws IOException {
        Path file = TestFiles.fixture(getClass(), "stored.npz", dir);
        assertEquals(List.of("first", "second"), reader.entries(file));
        try (Image first = Image.of(reader.open(file, null))) {
            assertEquals(5, first.header().size(Axis.X));
            assertEquals("first", first.header().metadata().text("numpy:entry").orElseThrow());
            assertEquals("NumPy archive", first.header().format());
        }
        assertEquals(List.of(), reader.entries(TestFiles.fixture(getClass(), "uint16_2d.npy", dir)));
    }

    @Test
    void fortranOrderGivesTheSameImageAsCOrder() throws IOException {
        Path fortran = TestFiles.fixture(getClass(), "fortran_int16_3d.npy", dir);
        try (Image image = Image.of(reader.open(fortran, null))) {
            assertArrayEquals(new long[] { 5, 4, 3, 1, 1 }, image.header().dimensions(), "shape (3, 4, 5) = z, y, x");
            assertEquals(true, image.header().metadata().get("numpy:fortran_order").orElseThrow().value());
        }
    }

    @Test
    void theRawSidecarCalibratesTheVolume() throws IOException {
        Path sidecar = TestFiles.fixture(getClass(), "scan.raw.json", dir);
        Path raw = TestFiles.fixture(getClass(), "scan.raw", dir);
        RawVolumeReader raws = new RawVolumeReader();
        assertTrue(raws.canRead(Probe.of(raw)), "a .raw with a .raw.json beside it");
        try (Image image = Image.of(raws.open(raw, null))) {
            assertEquals(0.5, image.header().axis(Axis.X).spacing());
            assertEquals(2.0, image.header().axis(Axis.Z).spacing());
            assertEquals("mm", image.header().axis(Axis.Z).unit());
            assertEquals(-10.0, image.header().axis(Axis.X).origin());
            assertEquals(5.0, image.header().axis(Axis.Z).origin());
            assertEquals("example", image.header().metadata().text("raw:scanner").orElseThrow());
            assertEquals("Raw", image.header().format());
            try (Image viaSidecar = Image.of(raws.open(sidecar, null))) {
                assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(viaSidecar, ProgressMonitor.NULL));
            }
        }
    }

    @Test
    void theInstalledFormatsOpenNumpyAndRawFiles() throws IOException {
        ImageFormats formats = ImageFormats.installed();
        assertInstanceOf(NpyReader.class, formats.reader(SharedData.file("npy/shellN.npy")));
        assertInstanceOf(NpyReader.class, formats.reader(TestFiles.fixture(getClass(), "camera.npz", dir)));
        assertInstanceOf(RawVolumeReader.class, formats.reader(TestFiles.fixture(getClass(), "scan.raw.json", dir)));
        assertEquals(List.of("data"), formats.entries(dir.resolve("camera.npz")));
        assertEquals(List.of(), formats.problems());
    }
}
