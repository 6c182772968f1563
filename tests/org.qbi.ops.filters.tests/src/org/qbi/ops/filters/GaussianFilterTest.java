package org.qbi.ops.filters;

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
import org.qbi.io.testing.SharedData;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/** Gaussian filter against scipy.ndimage.gaussian_filter (data/make_references.py). */
class GaussianFilterTest {

    private static final GaussianFilter GAUSSIAN = new GaussianFilter();

    @TempDir
    Path dir;

    @Test
    void matchesScipyOnARealVolume() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        Image smoothed = OpTesting.run(GAUSSIAN, head, "sigma=2").image();
        assertEquals(PixelType.FLOAT32, smoothed.header().pixelType());
        OpTesting.assertClose(OpTesting.fixture(getClass(), "gaussian_head_s2.npy", dir), smoothed, 2e-3,
                "gaussian sigma 2 (values up to about 1000)");
        Image nearest = OpTesting.run(GAUSSIAN, head, "sigma=1.5", "mode=nearest").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "gaussian_head_s1.5_nearest.npy", dir), nearest, 2e-3,
                "gaussian sigma 1.5, nearest");
    }

    @Test
    void matchesScipyOnARealImageIn2D() throws IOException {
        ArrayImage blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        Image smoothed = OpTesting.run(GAUSSIAN, blobs, "sigma=3 px").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "gaussian_blobs_s3.npy", dir), smoothed, 5e-4,
                "gaussian 2D sigma 3");
    }

    @Test
    void physicalSigmaFollowsAnisotropicSpacing() throws IOException {
        ArrayImage input = OpTesting.fixture(getClass(), "aniso_input.npy", dir);
        ArrayImage calibrated = ArrayImage.wrap(input.header().withAxes(List.of(
                AxisCalibration.of(Axis.X, 24, 1, 0, "mm"), AxisCalibration.of(Axis.Y, 20, 1, 0, "mm"),
                AxisCalibration.of(Axis.Z, 12, 2, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), input.values());
        Image smoothed = OpTesting.run(GAUSSIAN, calibrated, "sigma=2 mm").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "gaussian_aniso_2mm.npy", dir), smoothed, 1e-4,
                "sigma 2 mm at spacing 1 x 1 x 2 mm");
        // the same in micrometres
        Image micrometres = OpTesting.run(GAUSSIAN, calibrated, "sigma=2000um").image();
        OpTesting.assertIdentical(smoothed, micrometres, "2 mm = 2000 um");
    }

    @Test
    void sameOutputWhateverTheThreads() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        Arguments args = Arguments.parse(GaussianFilter.SPEC, Map.of("sigma", "2.5"));
        Image one = GAUSSIAN.apply(org.qbi.ops.Inputs.ofImage(GaussianFilter.SPEC, head), args,
                OperatorContext.defaults().withParallelism(1)).image();
        Image many = GAUSSIAN.apply(org.qbi.ops.Inputs.ofImage(GaussianFilter.SPEC, head), args,
                OperatorContext.defaults().withParallelism(7)).image();
        OpTesting.assertIdentical(one, many, "1 thread vs 7 threads");
    }

    @Test
    void refusesBadParametersNamingThem() {
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> Arguments.parse(GaussianFilter.SPEC, Map.of("sigma", "-1")));
        assertTrue(negative.getMessage().contains("sigma"), negative.getMessage());
        IllegalArgumentException unit = assertThrows(IllegalArgumentException.class,
                () -> Arguments.parse(GaussianFilter.SPEC, Map.of("sigma", "2 parsec")));
        assertTrue(unit.getMessage().contains("parsec"), unit.getMessage());
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                () -> Arguments.parse(GaussianFilter.SPEC, Map.of("sigmaa", "2")));
        assertTrue(unknown.getMessage().contains("sigmaa") && unknown.getMessage().contains("sigma"),
                unknown.getMessage());
    }

    @Test
    void physicalSigmaOnUncalibratedImageIsRefused() {
        ArrayImage plain = OpTesting.image(PixelType.UINT8, new long[] { 3, 2 }, 1, 2, 3, 4, 5, 6);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(GAUSSIAN, plain, "sigma=1 mm"));
        assertTrue(e.getMessage().contains("pixel") || e.getMessage().contains("px"), e.getMessage());
    }
}
