package org.qbi.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
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
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * Rotation and resampling against scipy.ndimage.rotate, scipy.ndimage.zoom and skimage.transform.resize
 * (data/make_references.py). Tolerances: computed in float with the spline prefilter in double, as scipy computes
 * in double and rounds to float32: 1e-3 on values up to about 1000 (about 4 float32 ulps), 2e-4 on 0..255.
 */
class InterpolationTest {

    @TempDir
    Path dir;

    private ArrayImage headFloat() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        ArrayImage f = ArrayImage.allocate(head.header().withPixelType(PixelType.FLOAT32));
        double[] v = OpTesting.values(head);
        for (int i = 0; i < v.length; i++) {
            org.qbi.core.image.PixelValues.set(PixelType.FLOAT32, f.values(), i, v[i]);
        }
        return f;
    }

    @Test
    void rotateMatchesScipy() throws IOException {
        ArrayImage patch = OpTesting.fixture(getClass(), "rotate_input.npy", dir);
        Image cubic = OpTesting.run(new Rotate(), patch, "angle=33").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "rotate_33_cubic.npy", dir), cubic, 2e-4,
                "rotate 33 degrees, cubic, constant 0, reshape");
        Image linear = OpTesting.run(new Rotate(), patch, "angle=-20", "reshape=false", "interpolation=linear",
                "mode=nearest").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "rotate_m20_linear_nearest_noreshape.npy", dir), linear,
                2e-4, "rotate -20 degrees, linear, nearest, same size");
    }

    @Test
    void rotateAVolumeInAnotherPlane() throws IOException {
        Image slab = OpTesting.run(new Crop(), headFloat(), "origin=0,8,0", "size=32,16,32").image();
        Image rotated = OpTesting.run(new Rotate(), slab, "angle=25", "plane=xz", "mode=reflect").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "rotate_head_xz_25_cubic_reflect.npy", dir), rotated, 1e-3,
                "rotate 25 degrees in x-z, cubic, reflect");
    }

    @Test
    void resampleMatchesScipyZoom() throws IOException {
        ArrayImage head = headFloat();
        // numpy (0.55, 1.3, 0.7) on (z, y, x) of 32^3: sizes x 22, y 42, z 18
        Image cubic = OpTesting.run(new Resample(), head, "size=22,42,18", "interpolation=cubic",
                "anti_aliasing=false").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "zoom_head_cubic_grid_mirror.npy", dir), cubic, 1e-3,
                "zoom cubic grid_mode mirror");
        Image linear = OpTesting.run(new Resample(), head, "size=22,42,18", "grid_mode=false", "mode=constant",
                "anti_aliasing=false").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "zoom_head_linear_nogrid_constant.npy", dir), linear, 1e-3,
                "zoom linear, corners aligned, constant");
    }

    @Test
    void resampleAntiAliasedMatchesSkimageResize() throws IOException {
        ArrayImage blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        ArrayImage blobsFloat = ArrayImage.allocate(blobs.header().withPixelType(PixelType.FLOAT32));
        double[] v = OpTesting.values(blobs);
        for (int i = 0; i < v.length; i++) {
            org.qbi.core.image.PixelValues.set(PixelType.FLOAT32, blobsFloat.values(), i, v[i]);
        }
        Image small = OpTesting.run(new Resample(), blobsFloat, "size=100,60").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "resize_blobs_aa_linear.npy", dir), small, 2e-4,
                "skimage resize (60, 100), order 1, anti_aliasing");
        Image constant = OpTesting.run(new Resample(), blobsFloat, "size=100,60", "mode=constant", "value=20").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "resize_blobs_aa_linear_constant.npy", dir), constant, 2e-4,
                "skimage resize (60, 100), order 1, anti_aliasing, mode constant, cval 20");
        Image head = OpTesting.run(new Resample(), headFloat(), "size=20,16,12", "interpolation=cubic").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "resize_head_aa_cubic.npy", dir), head, 1e-3,
                "skimage resize (12, 16, 20), order 3, anti_aliasing, clip off");
    }

    @Test
    void nearestResampleKeepsTheTypeAndValues() throws IOException {
        ArrayImage blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        Image half = OpTesting.run(new Resample(), blobs, "size=128,127", "interpolation=nearest").image();
        assertEquals(PixelType.UINT8, half.header().pixelType());
        OpTesting.assertIdentical(OpTesting.fixture(getClass(), "zoom_blobs_nearest_grid.npy", dir), half,
                "zoom 0.5, order 0, grid_mode");
    }

    @Test
    void resampleToASpacingKeepsTheFieldOfView() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        Image coarse = OpTesting.run(new Resample(), head, "spacing=2,2,3").image();
        ImageHeader h = coarse.header();
        // 32 x 1.5 mm = 48 mm: 24 voxels of 2 mm along x and y, 16 of 3 mm along z
        assertArrayEquals(new long[] { 24, 24, 16, 1, 1 }, h.dimensions());
        assertEquals(2.0, h.axis(Axis.X).spacing(), 1e-12);
        assertEquals(3.0, h.axis(Axis.Z).spacing(), 1e-12);
        for (Axis axis : List.of(Axis.X, Axis.Y, Axis.Z)) {
            AxisCalibration in = head.header().axis(axis);
            AxisCalibration out = h.axis(axis);
            // the first voxel's outer edge stays where it was
            assertEquals(in.origin() - in.spacing() / 2, out.origin() - out.spacing() / 2, 1e-9, axis + " edge");
            assertEquals(in.fieldOfView(), out.fieldOfView(), 1e-9, axis + " field of view");
        }
    }

    @Test
    void badResampleAndRotateParametersAreRefused() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        IllegalArgumentException neither = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Resample(), head));
        assertTrue(neither.getMessage().contains("spacing") && neither.getMessage().contains("size"), neither.getMessage());
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Resample(), head, "size=10", "spacing=1"));
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Resample(), head, "size=10.5"));
        IllegalArgumentException huge = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Resample(), head, "spacing=0.001"));
        assertTrue(huge.getMessage().contains("voxels"), huge.getMessage());
        ArrayImage labels = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.LABEL32, 8, 8));
        IllegalArgumentException mixed = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Resample(), labels, "size=4"));
        assertTrue(mixed.getMessage().contains("nearest"), mixed.getMessage());
        // anisotropic voxels cannot be rotated by an arbitrary angle in index space
        ArrayImage aniso = ArrayImage.wrap(head.header().withAxes(List.of(AxisCalibration.of(Axis.X, 32, 1, 0, "mm"),
                AxisCalibration.of(Axis.Y, 32, 1, 0, "mm"), AxisCalibration.of(Axis.Z, 32, 3, 0, "mm"),
                AxisCalibration.uncalibrated(Axis.C, 1), AxisCalibration.uncalibrated(Axis.T, 1))), head.values());
        IllegalArgumentException shear = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Rotate(), aniso, "angle=10", "plane=xz"));
        assertTrue(shear.getMessage().contains("geometry.resample"), shear.getMessage());
        OpTesting.run(new Rotate(), aniso, "angle=10", "plane=xy");
        OpTesting.run(new Rotate(), aniso, "angle=90", "plane=xz");
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new Rotate(), head));
    }

    @Test
    void sameOutputWhateverTheThreads() throws IOException {
        ArrayImage head = headFloat();
        String[][] runs = { { "size=40,20,25", "interpolation=cubic", "mode=nearest" }, { "size=13" } };
        for (String[] args : runs) {
            Image one = OpTesting.run(new Resample(), Map.of("image", head),
                    OperatorContext.defaults().withParallelism(1), args).image();
            Image many = OpTesting.run(new Resample(), Map.of("image", head),
                    OperatorContext.defaults().withParallelism(7), args).image();
            OpTesting.assertIdentical(one, many, "resample " + String.join(" ", args) + ", 1 vs 7 threads");
        }
        Image one = OpTesting.run(new Rotate(), Map.of("image", head), OperatorContext.defaults().withParallelism(1),
                "angle=17", "plane=yz").image();
        Image many = OpTesting.run(new Rotate(), Map.of("image", head), OperatorContext.defaults().withParallelism(7),
                "angle=17", "plane=yz").image();
        OpTesting.assertIdentical(one, many, "rotate, 1 vs 7 threads");
    }
}
