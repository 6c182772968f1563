package org.qbi.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.table.Table;
import org.qbi.io.testing.SharedData;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * measure.histogram against NumPy on real images (data/make_histogram_references.py: np.bincount for integer images,
 * np.histogram for float32, with and without a mask), plus designed cases: threads, rescale, bad input.
 */
class IntensityHistogramTest {

    @TempDir
    Path dir;

    Table histogram(Image image, Image mask, OperatorContext context, String... parameters) throws IOException {
        Map<String, Image> inputs = new LinkedHashMap<>();
        inputs.put("image", image);
        if (mask != null) {
            inputs.put("mask", mask);
        }
        return OpTesting.run(new IntensityHistogram(), inputs, context, parameters).table("histogram");
    }

    void sameAs(String reference, Table actual) throws IOException {
        double[][] rows = ObjectShapeTest.csv(TestFiles.fixture(getClass(), reference, dir));
        double[][] columns = new double[3][rows.length];
        for (int r = 0; r < rows.length; r++) {
            for (int k = 0; k < 3; k++) {
                columns[k][r] = rows[r][k];
            }
        }
        assertArrayEquals(columns[0], actual.column("lower").numbers(), reference + ": lower edges");
        assertArrayEquals(columns[1], actual.column("upper").numbers(), reference + ": upper edges");
        assertArrayEquals(columns[2], actual.column("count").numbers(), reference + ": counts");
    }

    /** 1 where {@code image} exceeds {@code threshold} (compared in float32, as numpy compares float32 arrays). */
    static ArrayImage above(ArrayImage image, double threshold) {
        long n = image.header().pixelCount();
        ArrayImage mask = ArrayImage.allocate(image.header().withPixelType(PixelType.UINT8)
                .withRescale(Rescale.IDENTITY));
        PixelType type = image.header().pixelType();
        for (long i = 0; i < n; i++) {
            double v = PixelValues.get(type, image.values(), i);
            PixelValues.set(PixelType.UINT8, mask.values(), i, type == PixelType.FLOAT32
                    ? ((float) v > (float) threshold ? 1 : 0) : (v > threshold ? 1 : 0));
        }
        return mask;
    }

    @Test
    void integerImagesCountEveryValueAsNumpyBincount() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        assertEquals(PixelType.UINT16, head.header().pixelType());
        Table table = histogram(head, null, OperatorContext.defaults());
        sameAs("hist_head_u16.csv", table);
        assertEquals((double) head.header().pixelCount(), java.util.Arrays.stream(table.column("count").numbers())
                .sum(), "every pixel counted once");
        ArrayImage blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        sameAs("hist_blobs_masked.csv", histogram(blobs, above(blobs, 127), OperatorContext.defaults()));
    }

    @Test
    void floatImagesAreBinnedAsNumpyHistogram() throws IOException {
        ArrayImage trib = OpTesting.open(SharedData.file("tiff/float/CalibZAPWfixed_000154_max-16.tif"));
        assertEquals(PixelType.FLOAT32, trib.header().pixelType());
        sameAs("hist_trib_f32_64.csv", histogram(trib, null, OperatorContext.defaults(), "bins=64"));
        // the threshold the reference script printed: trib.mean() in float32
        sameAs("hist_trib_f32_masked.csv", histogram(trib, above(trib, 47.40006637573242),
                OperatorContext.defaults(), "bins=50"));
    }

    @Test
    void sameCountsWhateverTheThreads() throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        ArrayImage mask = above(head, 40);
        for (Image m : new Image[] { null, mask }) {
            Table one = histogram(head, m, OperatorContext.defaults().withParallelism(1));
            Table five = histogram(head, m, OperatorContext.defaults().withParallelism(5));
            assertArrayEquals(one.column("count").numbers(), five.column("count").numbers());
            assertArrayEquals(one.column("lower").numbers(), five.column("lower").numbers());
        }
    }

    @Test
    void physicalEdgesFollowTheRescaleAndSignedTypesWork() throws IOException {
        ArrayImage ct = OpTesting.image(PixelType.INT16, new long[] { 5 }, -3, -3, 0, 2, -1);
        ArrayImage hu = ArrayImage.wrap(ct.header().withRescale(new Rescale(2, -1000, "HU")), ct.values());
        Table table = histogram(hu, null, OperatorContext.defaults());
        assertArrayEquals(new double[] { -3, -2, -1, 0, 1, 2 }, table.column("lower").numbers());
        assertArrayEquals(new double[] { 2, 0, 1, 1, 0, 1 }, table.column("count").numbers());
        assertArrayEquals(new double[] { -1006, -1004, -1002, -1000, -998, -996 },
                table.column("physical_lower").numbers());
        assertArrayEquals(new double[] { -1004, -1002, -1000, -998, -996, -994 },
                table.column("physical_upper").numbers());
        assertEquals("HU", table.column("physical_lower").unit());
        // 32-bit integers: also one bin per value, from min to max
        Table ints = histogram(OpTesting.image(PixelType.INT32, new long[] { 4 }, 100000, 100002, 100002, 99999),
                null, OperatorContext.defaults());
        assertArrayEquals(new double[] { 99999, 100000, 100001, 100002 }, ints.column("lower").numbers());
        assertArrayEquals(new double[] { 1, 1, 0, 2 }, ints.column("count").numbers());
    }

    @Test
    void refusesMasksOfAnotherSizeAndEmptySelections() {
        ArrayImage image = OpTesting.image(PixelType.UINT8, new long[] { 2, 2 }, 1, 2, 3, 4);
        ArrayImage wrong = OpTesting.image(PixelType.UINT8, new long[] { 4, 1 }, 1, 1, 1, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> histogram(image, wrong, OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("mask") && e.getMessage().contains("size"), e.getMessage());
        ArrayImage none = OpTesting.image(PixelType.UINT8, new long[] { 2, 2 }, 0, 0, 0, 0);
        e = assertThrows(IllegalArgumentException.class, () -> histogram(image, none, OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("selects no pixel"), e.getMessage());
        ArrayImage nan = OpTesting.image(PixelType.FLOAT32, new long[] { 2 }, Double.NaN, Double.NaN);
        e = assertThrows(IllegalArgumentException.class, () -> histogram(nan, null, OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("no finite value"), e.getMessage());
    }
}
