package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.TestFiles;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Interop: files written by nibabel 5.0.0 (data/make_fixtures.py) read with their expected values
 * (data/fixtures.json): RGB24, a .hdr/.img pair, NIfTI-2, big-endian gzip with scaling, complex64, a 5-D file,
 * a qform-only file in micrometres.
 */
class NiftiFixturesTest {

    private static final Map<String, String> UNITS = Map.of("mm", "mm", "micron", "um", "meter", "m", "unknown", "mm",
            "sec", "s", "msec", "ms", "usec", "us");

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = { "nibabel_rgb24.nii", "nibabel_pair_int8.hdr", "nibabel_nifti2_float64.nii",
            "nibabel_bigendian_uint16.nii.gz", "nibabel_complex64.nii", "nibabel_uint32_5d.nii",
            "nibabel_qform_only_int32.nii" })
    void readsWhatNibabelWrote(String name) throws IOException {
        JsonNode expected = new ObjectMapper().readTree(TestFiles.fixture(getClass(), "fixtures.json", dir).toFile())
                .get(name);
        Path file = TestFiles.fixture(getClass(), name, dir);
        if (name.endsWith(".hdr")) {
            TestFiles.fixture(getClass(), name.replace(".hdr", ".img"), dir);
        }
        NiftiReader reader = new NiftiReader();
        assertTrue(reader.canRead(Probe.of(file)));
        try (Image image = Image.of(reader.open(file, null))) {
            ImageHeader header = image.header();
            long[] sizes = new long[5];
            for (int i = 0; i < 5; i++) {
                sizes[i] = expected.get("sizes").get(i).asLong();
            }
            assertArrayEquals(sizes, header.dimensions(), "x, y, z, c, t");
            assertEquals(expected.get("pixelType").asText(), header.pixelType().label());
            assertEquals(expected.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL));
            JsonNode pixdim = expected.get("pixdim");
            String spaceUnit = UNITS.get(expected.get("units").get(0).asText());
            for (int i = 0; i < 3; i++) {
                AxisCalibration axis = header.axes().get(i);
                assertEquals(Math.abs(pixdim.get(i + 1).asDouble()), axis.spacing(), 1e-12);
                assertEquals(spaceUnit, axis.unit());
            }
            String timeUnit = expected.get("units").get(1).asText();
            if (!timeUnit.equals("unknown")) {
                assertEquals(UNITS.get(timeUnit), header.axis(Axis.T).unit());
                assertEquals(pixdim.get(4).asDouble(), header.axis(Axis.T).spacing());
            }
            double slope = expected.get("scl_slope").asDouble();
            double inter = expected.get("scl_inter").asDouble();
            assertEquals(slope, header.rescale().slope());
            assertEquals(inter, header.rescale().intercept());
            assertAffine(expected.get("affine"), header);
        }
    }

    @org.junit.jupiter.api.Test
    void aPairWhoseImageIsGzipped() throws IOException {
        Path header = TestFiles.fixture(getClass(), "nibabel_pair_int8.hdr", dir);
        Path image = TestFiles.fixture(getClass(), "nibabel_pair_int8.img", dir);
        try (java.io.OutputStream out = new java.util.zip.GZIPOutputStream(
                java.nio.file.Files.newOutputStream(dir.resolve("nibabel_pair_int8.img.gz")))) {
            java.nio.file.Files.copy(image, out);
        }
        java.nio.file.Files.delete(image);
        JsonNode expected = new ObjectMapper().readTree(TestFiles.fixture(getClass(), "fixtures.json", dir).toFile())
                .get("nibabel_pair_int8.hdr");
        try (Image read = Image.of(new NiftiReader().open(header, null))) {
            assertEquals(expected.get("sha256").asText(), Fingerprint.of(read, ProgressMonitor.NULL));
        }
    }

    private static void assertAffine(JsonNode affine, ImageHeader header) {
        Orientation orientation = header.orientation().orElseThrow();
        double[] flip = { -1, -1, 1 };
        for (int j = 0; j < 3; j++) {
            double norm = 0;
            for (int i = 0; i < 3; i++) {
                norm += Math.pow(affine.get(i).get(j).asDouble(), 2);
            }
            norm = Math.sqrt(norm);
            for (int i = 0; i < 3; i++) {
                assertEquals(flip[i] * affine.get(i).get(j).asDouble() / norm,
                        orientation.direction(Axis.values()[j])[i], 1e-5, "direction " + j + "[" + i + "]");
            }
            assertEquals(flip[j] * affine.get(j).get(3).asDouble(), header.axes().get(j).origin(), 1e-5);
        }
    }
}
