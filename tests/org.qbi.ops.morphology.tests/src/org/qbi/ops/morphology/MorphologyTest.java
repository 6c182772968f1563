package org.qbi.ops.morphology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * Morphology against scipy.ndimage 1.10 and scikit-image 0.19 (data/make_references.py) on crops of real images:
 * a binarised micro-CT bone volume, a lung mask, a thresholded CT slice, a T1 MRI head (uint16), blobs (float32).
 * Every comparison is exact: min, max and component sizes have no rounding.
 */
class MorphologyTest {

    @TempDir
    Path dir;

    private ArrayImage data(String name) throws IOException {
        return OpTesting.fixture(getClass(), name, dir);
    }

    private Image run(Operator op, Image input, String... parameters) throws IOException {
        return OpTesting.run(op, input, parameters).image();
    }

    private void same(String reference, Image actual, String what) throws IOException {
        OpTesting.assertIdentical(data(reference), actual, what);
    }

    @Test
    void binaryErosionAndDilationOfRealBoneMatchScipyWithTheClippedBorder() throws IOException {
        ArrayImage bone = data("bone_crop.npy");
        Image eroded = run(new Erode(), bone, "shape=ball", "radius=1");
        assertEquals(PixelType.UINT8, eroded.header().pixelType());
        same("bone_erode_ball1.npy", eroded, "binary_erosion ball(1), border_value=1");
        same("bone_erode_box1.npy", run(new Erode(), bone, "shape=box", "radius=1"), "binary_erosion 3x3x3");
        same("bone_dilate_ball2.npy", run(new Dilate(), bone, "shape=ball", "radius=2"), "binary_dilation ball(2)");
        same("bone_open_box1.npy", run(new Open(), bone, "shape=box", "radius=1"), "binary_opening cube(3)");
        same("bone_close_ball1.npy", run(new Close(), bone), "binary_closing ball(1) (the defaults)");
    }

    @Test
    void scipysDefaultBorderValueZeroIsDeliberatelyNotFollowed() throws IOException {
        ArrayImage bone = data("bone_crop.npy");
        Image eroded = run(new Erode(), bone, "shape=box", "radius=1");
        double[] ours = OpTesting.values(eroded);
        double[] scipyDefault = OpTesting.values(data("bone_erode_box1_scipy_default.npy"));
        long[] d = bone.header().dimensions();
        int differing = 0;
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != scipyDefault[i]) {
                differing++;
                long x = i % d[0];
                long y = i / d[0] % d[1];
                long z = i / (d[0] * d[1]);
                boolean border = x == 0 || y == 0 || z == 0 || x == d[0] - 1 || y == d[1] - 1 || z == d[2] - 1;
                assertTrue(border, "only border voxels differ from border_value=0; not x=" + x + " y=" + y + " z=" + z);
                assertEquals(1.0, ours[i], "border_value=0 erodes the border away, we keep it");
            }
        }
        assertTrue(differing > 1000, "the bone fills most of the crop, so its border voxels differ: " + differing);
    }

    @Test
    void twoDimensionalMasksWithDiskCrossAndBox() throws IOException {
        ArrayImage lung = data("lung_crop.npy");
        same("lung_erode_disk3.npy", run(new Erode(), lung, "shape=disk", "radius=3"), "skimage disk(3)");
        same("lung_erode_disk3.npy", run(new Erode(), lung, "shape=ball", "radius=3"), "ball on 2D = disk");
        same("lung_dilate_cross2.npy", run(new Dilate(), lung, "shape=cross", "radius=2"), "iterated cross, 2");
        same("lung_close_box2.npy", run(new Close(), lung, "shape=box", "radius=2"), "closing 5x5");
    }

    @Test
    void aMaskOf0And255StaysOneOf0And255() throws IOException {
        ArrayImage lung = data("lung_crop.npy");
        ArrayImage scaled = ArrayImage.allocate(lung.header());
        double[] v = OpTesting.values(lung);
        for (int i = 0; i < v.length; i++) {
            PixelValues.set(PixelType.UINT8, scaled.values(), i, v[i] * 255);
        }
        double[] eroded = OpTesting.values(run(new Erode(), scaled, "shape=disk", "radius=3"));
        double[] expected = OpTesting.values(data("lung_erode_disk3.npy"));
        for (int i = 0; i < v.length; i++) {
            assertEquals(expected[i] * 255, eroded[i], "voxel " + i);
        }
    }

    @Test
    void greyMorphologyOfARealMriVolumeMatchesScipy() throws IOException {
        ArrayImage head = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"));
        Image eroded = run(new Erode(), head, "shape=box", "radius=1");
        assertEquals(PixelType.UINT16, eroded.header().pixelType());
        same("head_erode_box1.npy", eroded, "grey_erosion size 3");
        same("head_dilate_ball2.npy", run(new Dilate(), head, "shape=ball", "radius=2"), "grey_dilation ball(2)");
        same("head_white_tophat_ball2.npy", run(new WhiteTopHat(), head, "radius=2"), "white_tophat ball(2)");
        same("head_black_tophat_box1.npy", run(new BlackTopHat(), head, "shape=box"), "black_tophat 3x3x3");
        same("head_open_cross1.npy", run(new Open(), head, "shape=cross"), "grey_opening cross");
    }

    @Test
    void customAsymmetricFootprintAsTextOrImage() throws IOException {
        ArrayImage head = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"));
        String text = "footprint=4x3x2:101101101100001011110011";
        same("head_erode_custom.npy", run(new Erode(), head, "shape=custom", text), "custom erosion");
        same("head_dilate_custom.npy", run(new Dilate(), head, "shape=custom", text),
                "custom dilation (reflected element, as scipy)");
        Map<String, Image> inputs = new HashMap<>();
        inputs.put("image", head);
        inputs.put("footprint", data("custom_footprint.npy"));
        Image viaImage = OpTesting.run(new Dilate(), inputs, OperatorContext.defaults(), "shape=custom").image();
        same("head_dilate_custom.npy", viaImage, "custom footprint image");
        assertEquals(StructuringElement.parse("4x3x2:101101101100001011110011"),
                StructuringElement.of(data("custom_footprint.npy")), "text and image give the same element");
    }

    @Test
    void physicalRadiusOnAnisotropicVoxelsIsAnEllipsoid() throws IOException {
        ArrayImage head = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"));
        ArrayImage calibrated = ArrayImage.wrap(head.header().withAxes(List.of(
                AxisCalibration.of(Axis.X, 32, 1, 0, "mm"), AxisCalibration.of(Axis.Y, 32, 1, 0, "mm"),
                AxisCalibration.of(Axis.Z, 32, 2, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), head.values());
        Image dilated = run(new Dilate(), calibrated, "shape=ball", "radius=2 mm");
        same("head_dilate_ellipsoid_2mm.npy", dilated, "radius 2 mm at 1 x 1 x 2 mm = 2, 2, 1 voxels");
        OpTesting.assertIdentical(dilated, run(new Dilate(), calibrated, "radius=2000 um"), "2 mm = 2000 um");
        assertEquals(15, StructuringElement.ball(2, 2, 1).count(), "disk(2) of 13 in the middle plane, 1 above, 1 below");
    }

    @Test
    void floatGreyOpeningIn2D() throws IOException {
        ArrayImage blobs = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/8bit/blobs.tif"));
        ArrayImage floats = ArrayImage.allocate(blobs.header().withPixelType(PixelType.FLOAT32));
        double[] v = OpTesting.values(blobs);
        for (int i = 0; i < v.length; i++) {
            PixelValues.set(PixelType.FLOAT32, floats.values(), i, v[i]);
        }
        Image opened = run(new Open(), floats, "shape=disk", "radius=3");
        assertEquals(PixelType.FLOAT32, opened.header().pixelType());
        same("blobs_open_disk3.npy", opened, "grey_opening disk(3), float32");
    }

    @Test
    void fillHolesIn3DAnd2D() throws IOException {
        same("bone_fill_holes.npy", run(new FillHoles(), data("bone_crop.npy")), "binary_fill_holes 3D");
        same("bone_fill_holes_c3.npy", run(new FillHoles(), data("bone_crop.npy"), "connectivity=3"),
                "binary_fill_holes, 26-connected background");
        same("ct80_fill_holes.npy", run(new FillHoles(), data("ct80_crop.npy")), "binary_fill_holes 2D");
        same("ct80_fill_holes_c2.npy", run(new FillHoles(), data("ct80_crop.npy"), "connectivity=2"),
                "binary_fill_holes 2D, 8-connected background");
    }

    @Test
    void fillHolesSliceBySliceFillsHolesOpenInZ() throws IOException {
        // a tube along z: no 3D hole, but a hole in every slice
        double[] v = new double[5 * 5 * 3];
        for (int z = 0; z < 3; z++) {
            for (int y = 0; y < 5; y++) {
                for (int x = 0; x < 5; x++) {
                    boolean ring = x >= 1 && x <= 3 && y >= 1 && y <= 3 && !(x == 2 && y == 2);
                    v[x + 5 * (y + 5 * z)] = ring ? 1 : 0;
                }
            }
        }
        ArrayImage tube = OpTesting.image(PixelType.UINT8, new long[] { 5, 5, 3 }, v);
        double[] in3d = OpTesting.values(run(new FillHoles(), tube));
        double[] slices = OpTesting.values(run(new FillHoles(), tube, "slices=true"));
        int centre = 2 + 5 * (2 + 5 * 1);
        assertEquals(0.0, in3d[centre], "the tube's inside reaches the top and bottom: not a hole in 3D");
        assertEquals(1.0, slices[centre], "in each slice it is a hole");
    }

    @Test
    void removeSmallObjectsMatchesSkimage() throws IOException {
        ArrayImage ct = data("ct80_crop.npy");
        same("ct80_remove_small_50_c2.npy", run(new RemoveSmallObjects(), ct, "min_size=50", "connectivity=2"),
                "remove_small_objects 50, 8-connected");
        same("ct80_remove_small_50_c1.npy", run(new RemoveSmallObjects(), ct, "min_size=50 px"),
                "remove_small_objects 50, 4-connected");
        // the pores of the bone: small objects of the inverted mask
        ArrayImage bone = data("bone_crop.npy");
        double[] b = OpTesting.values(bone);
        ArrayImage pores = ArrayImage.allocate(bone.header());
        for (int i = 0; i < b.length; i++) {
            PixelValues.set(PixelType.UINT8, pores.values(), i, 1 - b[i]);
        }
        same("bone_pores_remove_small_30.npy", run(new RemoveSmallObjects(), pores, "min_size=30"),
                "remove_small_objects 30 on the pores, 6-connected");
    }

    @Test
    void physicalMinimumSizeIsConvertedWithTheSpacing() throws IOException {
        ArrayImage ct = data("ct80_crop.npy");
        ArrayImage calibrated = ArrayImage.wrap(ct.header().withAxes(List.of(
                AxisCalibration.of(Axis.X, ct.header().size(Axis.X), 0.5, 0, "mm"),
                AxisCalibration.of(Axis.Y, ct.header().size(Axis.Y), 0.5, 0, "mm"),
                AxisCalibration.uncalibrated(Axis.Z, 1), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), ct.values());
        // 12.5 mm2 at 0.25 mm2 per pixel = 50 pixels
        same("ct80_remove_small_50_c1.npy", run(new RemoveSmallObjects(), calibrated, "min_size=12.5 mm2"),
                "12.5 mm2 = 50 pixels");
        IllegalArgumentException volume = assertThrows(IllegalArgumentException.class,
                () -> run(new RemoveSmallObjects(), calibrated, "min_size=1 mm3"));
        assertTrue(volume.getMessage().contains("2D"), volume.getMessage());
    }

    @Test
    void reconstructionMatchesSkimage() throws IOException {
        ArrayImage head = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"));
        Map<String, Image> inputs = new HashMap<>();
        inputs.put("marker", data("head_seed_minus100.npy"));
        inputs.put("mask", head);
        OperatorContext context = OperatorContext.defaults();
        Reconstruct op = new Reconstruct();
        same("head_reconstruct_dilation.npy", OpTesting.run(op, inputs, context).image(), "by dilation, 26-connected");
        same("head_reconstruct_dilation_c1.npy", OpTesting.run(op, inputs, context, "connectivity=1").image(),
                "by dilation, 6-connected");
        inputs.put("marker", data("head_seed_plus100.npy"));
        same("head_reconstruct_erosion.npy", OpTesting.run(op, inputs, context, "method=erosion").image(),
                "by erosion");
        Map<String, Image> blobs = new HashMap<>();
        blobs.put("marker", data("blobs_seed_minus40.npy"));
        blobs.put("mask", floatBlobs());
        same("blobs_reconstruct_dilation.npy", OpTesting.run(op, blobs, context).image(), "2D float32");
    }

    @Test
    void reconstructionRefusesAMarkerAboveTheMask() throws IOException {
        ArrayImage head = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"));
        Map<String, Image> inputs = new HashMap<>();
        inputs.put("marker", data("head_seed_plus100.npy"));
        inputs.put("mask", head);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Reconstruct(), inputs, OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("marker <= the mask"), e.getMessage());
        inputs.put("marker", data("bone_crop.npy"));
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Reconstruct(), inputs, OperatorContext.defaults()));
        assertTrue(size.getMessage().contains("same size"), size.getMessage());
    }

    private ArrayImage floatBlobs() throws IOException {
        ArrayImage blobs = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/8bit/blobs.tif"));
        ArrayImage floats = ArrayImage.allocate(blobs.header().withPixelType(PixelType.FLOAT32));
        double[] v = OpTesting.values(blobs);
        for (int i = 0; i < v.length; i++) {
            PixelValues.set(PixelType.FLOAT32, floats.values(), i, v[i]);
        }
        return floats;
    }

    @Test
    void sameOutputWhateverTheThreads() throws IOException {
        ArrayImage bone = data("bone_crop.npy");
        ArrayImage head = OpTesting.open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"));
        OperatorContext one = OperatorContext.defaults().withParallelism(1);
        OperatorContext seven = OperatorContext.defaults().withParallelism(7);
        for (Operator op : List.of(new Erode(), new Dilate(), new Open(), new WhiteTopHat(), new FillHoles(),
                new RemoveSmallObjects())) {
            for (ArrayImage image : List.of(bone, head)) {
                String input = op.spec().inputs().getFirst().name();
                OpTesting.assertIdentical(OpTesting.run(op, Map.of(input, image), one).image(),
                        OpTesting.run(op, Map.of(input, image), seven).image(), op.spec().id() + ": 1 vs 7 threads");
            }
        }
    }

    @Test
    void refusesBadInputNamingIt() {
        ArrayImage plain = OpTesting.image(PixelType.UINT8, new long[] { 3, 2 }, 1, 0, 1, 1, 1, 0);
        IllegalArgumentException custom = assertThrows(IllegalArgumentException.class,
                () -> run(new Erode(), plain, "shape=custom"));
        assertTrue(custom.getMessage().contains("footprint"), custom.getMessage());
        IllegalArgumentException ignored = assertThrows(IllegalArgumentException.class,
                () -> run(new Erode(), plain, "footprint=3x3:010111010"));
        assertTrue(ignored.getMessage().contains("shape=custom"), ignored.getMessage());
        IllegalArgumentException bits = assertThrows(IllegalArgumentException.class,
                () -> run(new Erode(), plain, "shape=custom", "footprint=3x3:0101"));
        assertTrue(bits.getMessage().contains("9 bits"), bits.getMessage());
        IllegalArgumentException radius = assertThrows(IllegalArgumentException.class,
                () -> run(new Erode(), plain, "radius=1000"));
        assertTrue(radius.getMessage().contains("radius"), radius.getMessage());
        IllegalArgumentException physical = assertThrows(IllegalArgumentException.class,
                () -> run(new Dilate(), plain, "radius=1 mm"));
        assertTrue(physical.getMessage().contains("px"), physical.getMessage());
        ArrayImage rgb = ArrayImage.allocate(org.qbi.core.image.ImageHeader.uncalibrated(PixelType.RGB8, 4, 4));
        IllegalArgumentException colour = assertThrows(IllegalArgumentException.class, () -> run(new Erode(), rgb));
        assertTrue(colour.getMessage().contains("rgb8"), colour.getMessage());
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> run(new RemoveSmallObjects(), plain, "min_size=lots"));
        assertTrue(size.getMessage().contains("min_size"), size.getMessage());
    }

    @Test
    void elementShapes() {
        assertEquals(7, StructuringElement.ball(1, 1, 1).count(), "ball(1) is the 6-neighbour cross");
        assertEquals(StructuringElement.cross(1, 1, 1), StructuringElement.ball(1, 1, 1), "cross 1 = ball 1");
        assertEquals(25, StructuringElement.cross(2, 2, 2).count(), "diamond of radius 2: 1 + 6 + 18");
        assertEquals(27, StructuringElement.box(1, 1, 1).count());
        assertEquals(13, StructuringElement.ball(2, 2, 0).count(), "skimage disk(2) has 13 pixels");
        assertEquals(StructuringElement.parse("3x3:010111010"), StructuringElement.parse("3x3:010/111/010"));
        StructuringElement asym = StructuringElement.parse("3x1:110");
        assertEquals(StructuringElement.parse("3x1:011"), asym.reflected(), "reflection mirrors through the centre");
    }
}
