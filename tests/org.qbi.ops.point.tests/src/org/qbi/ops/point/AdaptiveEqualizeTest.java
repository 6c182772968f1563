package org.qbi.ops.point;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * point.clahe against skimage.exposure.equalize_adapthist of scikit-image 0.19.3 (data/make_references.py, stored
 * as float32): on real 2D and 3D images of uint8, uint16 and float32 the results are identical to skimage's values
 * rounded to float32 (the port keeps skimage's integer steps and its float32 sums in the same order), so the
 * tolerance is 0.
 */
class AdaptiveEqualizeTest {

    @TempDir
    Path dir;

    ArrayImage reference(String name) throws IOException {
        return OpTesting.fixture(getClass(), name, dir);
    }

    Image clahe(Image image, String... parameters) throws IOException {
        Image result = OpTesting.run(new AdaptiveEqualize(), image, parameters).image();
        assertEquals(PixelType.FLOAT32, result.header().pixelType());
        return result;
    }

    @Test
    void equals2DScikitImage() throws IOException {
        ArrayImage blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        // default kernel: 1/8 of each axis (256 / 8 = 32 along x, 254 / 8 = 31 along y)
        OpTesting.assertIdentical(reference("blobs_clahe.npy"), clahe(blobs), "uint8, defaults");
        ArrayImage wood = OpTesting.open(SharedData.file("tiff/16bit/wood.tif"));
        OpTesting.assertIdentical(reference("wood_clahe_30x50_0.02_128.npy"),
                clahe(wood, "kernel_size=50,30", "clip_limit=0.02", "nbins=128"),
                "uint16, x 50 by y 30 regions not dividing the image");
        OpTesting.assertIdentical(reference("trib_unit_crop_clahe_20.npy"),
                clahe(reference("trib_unit_crop.npy"), "kernel_size=20"), "float32 in 0..1");
    }

    @Test
    void equals3DScikitImage() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        OpTesting.assertIdentical(reference("head_clahe.npy"), clahe(head), "uint16 3D, defaults (4 x 4 x 4)");
        OpTesting.assertIdentical(reference("head_clahe_8_0.05.npy"), clahe(head, "kernel_size=8", "clip_limit=0.05"),
                "3D, kernel 8, clip 0.05");
        OpTesting.assertIdentical(reference("head_clahe_8_noclip.npy"), clahe(head, "kernel_size=8", "clip_limit=0"),
                "3D, no clipping");
    }

    @Test
    void valuesSpanZeroToOneWhateverTheThreads() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        Image one = OpTesting.run(new AdaptiveEqualize(), Map.of("image", head),
                OperatorContext.defaults().withParallelism(1), "kernel_size=6").image();
        Image seven = OpTesting.run(new AdaptiveEqualize(), Map.of("image", head),
                OperatorContext.defaults().withParallelism(7), "kernel_size=6").image();
        OpTesting.assertIdentical(one, seven, "clahe: 1 vs 7 threads");
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : OpTesting.values(one)) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        assertEquals(0, min);
        assertEquals(1, max);
    }

    @Test
    void refusesWrongKernelsAndLabels() {
        ArrayImage plane = OpTesting.image(PixelType.UINT8, new long[] { 4, 4 }, new double[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new AdaptiveEqualize(), plane, "kernel_size=2,2,2"));
        assertTrue(e.getMessage().contains("kernel_size"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new AdaptiveEqualize(), plane, "kernel_size=2.5"));
        assertTrue(e.getMessage().contains("whole pixels"), e.getMessage());
        ArrayImage labels = OpTesting.image(PixelType.LABEL32, new long[] { 2, 2 }, 1, 2, 3, 4);
        e = assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new AdaptiveEqualize(), labels));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
    }
}
