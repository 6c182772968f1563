package org.qbi.ops.segment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * segment.distance against scipy.ndimage.distance_transform_edt (scipy 1.10, float64, stored as float32;
 * data/make_references.py). Tolerance 2e-6 relative: integer squared distances are exact in float32, so
 * isotropic results are identical; anisotropic ones differ by float32 rounding of the squared distances.
 */
class DistanceTransformTest {

    private static final DistanceTransform EDT = new DistanceTransform();

    @TempDir
    Path dir;

    private Image run(Image mask, int threads, String... parameters) throws IOException {
        return OpTesting.run(EDT, Map.of("mask", mask), OperatorContext.defaults().withParallelism(threads), parameters)
                .image("distance");
    }

    private void assertScipy(Image mask, String reference, double tolerance, String... parameters) throws IOException {
        Image expected = OpTesting.fixture(getClass(), reference, dir);
        Image one = run(mask, 1, parameters);
        assertEquals(PixelType.FLOAT32, one.header().pixelType());
        OpTesting.assertClose(expected, one, tolerance, reference);
        OpTesting.assertIdentical(one, run(mask, 7, parameters), reference + ": 1 vs 7 threads");
    }

    @Test
    void matchesScipyOnBlobs() throws IOException {
        ArrayImage mask = SegmentTesting.blobsMask();
        assertScipy(mask, "edt_blobs.npy", 0);
        assertScipy(mask, "edt_blobs_inverse.npy", 0, "inverse=true");
    }

    @Test
    void anisotropicSpacingFromParameterOrCalibration() throws IOException {
        ArrayImage bone = OpTesting.fixture(getClass(), "bone_crop.npy", dir);
        ArrayImage pores = SegmentTesting.zeros(bone);
        // scipy sampling (2.0, 0.7, 0.5) in (z, y, x): values up to about 20, float32 rounding of squares
        assertScipy(pores, "edt_bone_aniso.npy", 1e-5, "inverse=true", "spacing=0.5,0.7,2");
        ArrayImage calibrated = ArrayImage.wrap(pores.header().withAxes(List.of(
                AxisCalibration.of(Axis.X, 64, 500, 0, "um"), AxisCalibration.of(Axis.Y, 48, 0.7, 0, "mm"),
                AxisCalibration.of(Axis.Z, 32, 2, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), pores.values());
        // distances in the x axis's unit (um): 1000 times the mm values
        Image micrometres = run(calibrated, 2, "inverse=true");
        Image millimetres = run(pores, 2, "inverse=true", "spacing=0.5,0.7,2");
        double[] um = OpTesting.values(micrometres);
        double[] mm = OpTesting.values(millimetres);
        for (int i = 0; i < um.length; i++) {
            assertEquals(mm[i] * 1000, um[i], 1e-5 * um[i] + 1e-9, "voxel " + i);
        }
    }

    @Test
    void matchesScipyOnDenseNoiseInverse() throws IOException {
        assertScipy(OpTesting.fixture(getClass(), "noise_mask.npy", dir), "edt_noise_inverse.npy", 0, "inverse=true");
    }

    @Test
    void designedCases() throws IOException {
        // a row: distances to the single background voxel; spacing 2 doubles them
        ArrayImage row = OpTesting.image(PixelType.UINT8, new long[] { 5, 1 }, 1, 1, 0, 1, 1);
        assertEquals(List.of(2.0, 1.0, 0.0, 1.0, 2.0), box(OpTesting.values(run(row, 1))));
        assertEquals(List.of(4.0, 2.0, 0.0, 2.0, 4.0), box(OpTesting.values(run(row, 1, "spacing=2"))));
        // no background at all: infinity (documented difference from scipy)
        ArrayImage full = OpTesting.image(PixelType.UINT8, new long[] { 2, 2 }, 1, 1, 1, 1);
        for (double v : OpTesting.values(run(full, 1))) {
            assertEquals(Double.POSITIVE_INFINITY, v);
        }
    }

    private static List<Double> box(double[] values) {
        return java.util.Arrays.stream(values).boxed().toList();
    }

    @Test
    void refusesBadSpacing() {
        ArrayImage row = OpTesting.image(PixelType.UINT8, new long[] { 2, 1 }, 1, 0);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(row, 1, "spacing=0"));
        assertTrue(e.getMessage().contains("spacing"), e.getMessage());
    }
}
