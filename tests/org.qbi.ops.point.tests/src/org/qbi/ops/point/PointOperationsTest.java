package org.qbi.ops.point;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.point.engine.Quantiles;
import org.qbi.ops.testing.OpTesting;

/**
 * Point operations against numpy 1.24.2 and scikit-image 0.19.3 (data/make_references.py) on real images: blobs
 * (uint8 2D), mini-t1-head (uint16 3D), a Tribolium light-sheet projection (float32 2D), plus designed cases.
 */
class PointOperationsTest {

    @TempDir
    Path dir;

    static ArrayImage blobs() throws IOException {
        return OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
    }

    static ArrayImage head() throws IOException {
        return OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
    }

    static ArrayImage tribolium() throws IOException {
        return OpTesting.open(SharedData.file("tiff/float/CalibZAPWfixed_000154_max-16.tif"));
    }

    ArrayImage reference(String name) throws IOException {
        return OpTesting.fixture(getClass(), name, dir);
    }

    void same(String reference, Image actual, double tolerance) throws IOException {
        ArrayImage expected = reference(reference);
        assertEquals(expected.header().pixelType().isInteger(), actual.header().pixelType().isInteger(),
                reference + ": integer or floating point as the reference");
        OpTesting.assertClose(expected, actual, tolerance, reference);
    }

    @Test
    void arithmeticWithConstantsEqualsNumpy() throws IOException {
        ArrayImage trib = tribolium();
        Image product = OpTesting.run(new MultiplyConstant(), trib, "value=2.5").image();
        assertEquals(PixelType.FLOAT32, product.header().pixelType());
        OpTesting.assertIdentical(reference("trib_mul_2.5.npy"), product, "float32 * 2.5");
        OpTesting.assertIdentical(reference("trib_add_-10.npy"), OpTesting.run(new AddConstant(), trib, "value=-10")
                .image(), "float32 + -10");
        OpTesting.assertIdentical(reference("trib_div_3.npy"), OpTesting.run(new DivideConstant(), trib, "value=3")
                .image(), "float32 / 3");
        ArrayImage head = head();
        Image same = OpTesting.run(new MultiplyConstant(), head, "value=2.5", "output=same").image();
        assertEquals(PixelType.UINT16, same.header().pixelType());
        OpTesting.assertIdentical(reference("head_mul_2.5_same.npy"), same, "uint16 * 2.5, rounded half to even");
        OpTesting.assertIdentical(reference("head_sub_100_same.npy"),
                OpTesting.run(new SubtractConstant(), head, "value=100", "output=same").image(),
                "uint16 - 100 clipped at 0");
    }

    @Test
    void arithmeticBetweenImagesEqualsNumpy() throws IOException {
        ArrayImage head = head();
        ArrayImage rolled = reference("head_rolled.npy");
        Map<String, Image> inputs = Map.of("first", head, "second", rolled);
        Image difference = OpTesting.run(new SubtractImages(), inputs, OperatorContext.defaults()).image();
        assertEquals(PixelType.FLOAT32, difference.header().pixelType());
        OpTesting.assertIdentical(reference("head_minus_rolled.npy"), difference, "head - rolled head");
        // division by zero: inf and NaN as numpy (the reference has both)
        OpTesting.assertIdentical(reference("head_div_rolled.npy"),
                OpTesting.run(new DivideImages(), inputs, OperatorContext.defaults()).image(), "head / rolled head");
        Image sum = OpTesting.run(new AddImages(), inputs, OperatorContext.defaults(), "output=same").image();
        assertEquals(PixelType.UINT16, sum.header().pixelType());
        ArrayImage product = (ArrayImage) OpTesting.run(new MultiplyImages(),
                Map.of("first", OpTesting.image(PixelType.UINT8, new long[] { 3 }, 2, 100, 255), "second",
                        OpTesting.image(PixelType.FLOAT64, new long[] { 3 }, 0.5, 3, 2)),
                OperatorContext.defaults()).image();
        assertEquals(PixelType.FLOAT64, product.header().pixelType(), "float64 input gives float64");
        assertArrayEquals(new double[] { 1, 300, 510 }, OpTesting.values(product));
    }

    @Test
    void imagesOfDifferentSizesAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new AddImages(),
                        Map.of("first", OpTesting.image(PixelType.UINT8, new long[] { 2, 2 }, 1, 2, 3, 4), "second",
                                OpTesting.image(PixelType.UINT8, new long[] { 4, 1 }, 1, 2, 3, 4)),
                        OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("2 x 2") && e.getMessage().contains("4 x 1"), e.getMessage());
    }

    @Test
    void convertClipsOrScales() throws IOException {
        Image range = OpTesting.run(new Convert(), head(), "type=uint8", "scaling=range").image();
        assertEquals(PixelType.UINT8, range.header().pixelType());
        OpTesting.assertIdentical(reference("head_uint8_range.npy"), range, "min..max onto 0..255");
        OpTesting.assertIdentical(reference("trib_uint8_clip.npy"),
                OpTesting.run(new Convert(), tribolium(), "type=uint8").image(), "float32 clipped to uint8");
        ArrayImage bytes = OpTesting.image(PixelType.UINT8, new long[] { 3 }, 0, 1, 255);
        assertArrayEquals(new double[] { 0, 257, 65535 },
                OpTesting.values(OpTesting.run(new Convert(), bytes, "type=uint16", "scaling=type").image()),
                "img_as_uint: 255 becomes 65535");
        ArrayImage floats = OpTesting.image(PixelType.FLOAT32, new long[] { 4 }, -1, 0.5, 2.5, Double.NaN);
        assertArrayEquals(new double[] { 0, 0, 2, 0 },
                OpTesting.values(OpTesting.run(new Convert(), floats, "type=uint8").image()),
                "clip, round half to even, NaN as 0");
    }

    @Test
    void clampAndInvert() throws IOException {
        ArrayImage values = OpTesting.image(PixelType.FLOAT32, new long[] { 4 }, -3, 5, 12, Double.NaN);
        double[] clamped = OpTesting.values(OpTesting.run(new Clamp(), values, "min=0", "max=10").image());
        assertArrayEquals(new double[] { 0, 5, 10, Double.NaN }, clamped);
        OpTesting.assertIdentical(reference("blobs_invert.npy"), OpTesting.run(new Invert(), blobs()).image(),
                "skimage.util.invert(uint8)");
        OpTesting.assertIdentical(reference("trib_invert.npy"), OpTesting.run(new Invert(), tribolium()).image(),
                "-v for floats");
        ArrayImage shorts = OpTesting.image(PixelType.INT16, new long[] { 3 }, -32768, 0, 32767);
        assertArrayEquals(new double[] { 32767, -1, -32768 },
                OpTesting.values(OpTesting.run(new Invert(), shorts).image()), "skimage: -1 - v for signed");
        ArrayImage range = OpTesting.image(PixelType.UINT16, new long[] { 3 }, 100, 150, 400);
        assertArrayEquals(new double[] { 400, 350, 100 },
                OpTesting.values(OpTesting.run(new Invert(), range, "range=image").image()), "min + max - v");
    }

    @Test
    void rescaleIntensityEqualsScikitImage() throws IOException {
        Image blobs = OpTesting.run(new RescaleIntensity(), blobs()).image();
        assertEquals(PixelType.UINT8, blobs.header().pixelType());
        OpTesting.assertIdentical(reference("blobs_rescale.npy"), blobs, "rescale_intensity(blobs)");
        Image trib = OpTesting.run(new RescaleIntensity(), tribolium(), "in_range=percentiles", "in_low=2",
                "in_high=98").image();
        OpTesting.assertIdentical(reference("trib_rescale_p2_p98.npy"), trib, "contrast stretching 2..98 %");
        // float64 arithmetic then truncation: identical to numpy
        same("head_rescale_p1_p99.5.npy", OpTesting.run(new RescaleIntensity(), head(), "in_range=percentiles",
                "in_low=1", "in_high=99.5").image(), 0);
        same("head_rescale_values.npy", OpTesting.run(new RescaleIntensity(), head(), "in_range=values",
                "in_low=100", "in_high=800", "out_range=values", "out_low=-1", "out_high=1").image(), 1e-7);
    }

    @Test
    void percentilesEqualNumpy() throws IOException {
        double[] trib = Quantiles.of(tribolium(), 0, 0, new double[] { 2, 98 }, OperatorContext.defaults());
        assertArrayEquals(new double[] { 6.0, 184.0 }, trib, 0, "numpy.percentile(trib, (2, 98))");
        double[] head = Quantiles.of(head(), 0, 0, new double[] { 1, 99.5, 0, 100 }, OperatorContext.defaults());
        assertArrayEquals(new double[] { 43.670000000000016, 385.0, 0, 421 }, head, 1e-12,
                "numpy.percentile(head, (1, 99.5)), min, max");
    }

    @Test
    void gammaAndLogEqualScikitImage() throws IOException {
        OpTesting.assertIdentical(reference("blobs_gamma_0.5.npy"),
                OpTesting.run(new Gamma(), blobs(), "gamma=0.5").image(), "adjust_gamma(blobs, 0.5): its table");
        // pow and log differ in the last bit between Java and numpy at most: integer results within 1
        same("head_gamma_2_gain_1.5.npy", OpTesting.run(new Gamma(), head(), "gamma=2", "gain=1.5").image(), 1);
        same("trib_gamma_0.8.npy", OpTesting.run(new Gamma(), tribolium(), "gamma=0.8").image(), 1e-4);
        same("blobs_log.npy", OpTesting.run(new LogCorrection(), blobs()).image(), 1);
        same("head_log_inv.npy", OpTesting.run(new LogCorrection(), head(), "inverse=true").image(), 1);
        ArrayImage negative = OpTesting.image(PixelType.INT16, new long[] { 2 }, -1, 5);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Gamma(), negative, "gamma=2"));
        assertTrue(e.getMessage().contains("negative"), e.getMessage());
    }

    @Test
    void equalizationEqualsScikitImage() throws IOException {
        // skimage returns float64 for integer images; float32 here: agreement to float32 precision
        same("blobs_equalize.npy", OpTesting.run(new EqualizeHistogram(), blobs()).image(), 1e-7);
        same("head_equalize.npy", OpTesting.run(new EqualizeHistogram(), head()).image(), 1e-7);
        same("trib_equalize.npy", OpTesting.run(new EqualizeHistogram(), tribolium()).image(), 1e-7);
    }

    @Test
    void flatFieldGuardsTheDivision() throws IOException {
        ArrayImage image = OpTesting.image(PixelType.UINT16, new long[] { 4 }, 600, 350, 500, 80);
        ArrayImage dark = OpTesting.image(PixelType.UINT16, new long[] { 4 }, 100, 100, 100, 100);
        ArrayImage open = OpTesting.image(PixelType.UINT16, new long[] { 4 }, 1100, 600, 100, 50);
        Image normalized = OpTesting.run(new FlatField(), Map.of("image", image, "dark", dark, "open_beam", open),
                OperatorContext.defaults()).image();
        assertEquals(PixelType.FLOAT32, normalized.header().pixelType());
        // (600-100)/(1100-100) = 0.5, (350-100)/(600-100) = 0.5; open <= dark: the invalid value
        assertArrayEquals(new double[] { 0.5, 0.5, 0, 0 }, OpTesting.values(normalized));
        Image flagged = OpTesting.run(new FlatField(), Map.of("image", image, "dark", dark, "open_beam", open),
                OperatorContext.defaults(), "invalid=-1").image();
        assertArrayEquals(new double[] { 0.5, 0.5, -1, -1 }, OpTesting.values(flagged));
    }

    @Test
    void flatFieldFramesApplyToEverySliceAsNumpyBroadcasts() throws IOException {
        ArrayImage head = head();
        ArrayImage dark = reference("flat_dark.npy");
        ArrayImage open = reference("flat_open.npy");
        assertEquals(1, dark.header().dimensions()[2], "one 2D frame");
        Map<String, Image> inputs = Map.of("image", head, "dark", dark, "open_beam", open);
        Image normalized = OpTesting.run(new FlatField(), inputs, OperatorContext.defaults().withParallelism(1))
                .image();
        assertEquals(PixelType.FLOAT32, normalized.header().pixelType());
        // the same float32 operations as numpy, in the same order: bit-identical, dead pixels 0
        OpTesting.assertIdentical(reference("head_flatfield.npy"), normalized, "(stack - dark) / (open - dark)");
        OpTesting.assertIdentical(normalized, OpTesting.run(new FlatField(), inputs,
                OperatorContext.defaults().withParallelism(7)).image(), "flat field: 1 vs 7 threads");
        ArrayImage wrongFrame = OpTesting.image(PixelType.UINT16, new long[] { 31, 32 }, new double[31 * 32]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new FlatField(),
                Map.of("image", head, "dark", wrongFrame, "open_beam", open), OperatorContext.defaults()));
        assertTrue(e.getMessage().contains("dark") && e.getMessage().contains("32 x 32 frame"), e.getMessage());
    }

    /** The same pixels behind an image that is not in memory: the engine then streams them through arrays. */
    static Image streamed(ArrayImage image) {
        return new Image() {
            @Override
            public ImageHeader header() {
                return image.header();
            }

            @Override
            public ChunkGrid grid() {
                return image.grid();
            }

            @Override
            public MemorySegment chunk(long[] index) throws IOException {
                return image.chunk(index);
            }
        };
    }

    @Test
    void float32InMemoryEqualsStreamed() throws IOException {
        // float32 images in memory run straight on their memory (MemoryKernel); others through arrays: same bits
        ArrayImage trib = tribolium();
        ArrayImage other = (ArrayImage) OpTesting.run(new AddConstant(), trib, "value=0.37").image();
        for (Operator op : new Operator[] { new AddConstant(), new SubtractConstant(), new MultiplyConstant(),
                new DivideConstant() }) {
            OpTesting.assertIdentical(OpTesting.run(op, streamed(trib), "value=1.3").image(),
                    OpTesting.run(op, trib, "value=1.3").image(), op.spec().id() + " float32, in memory vs streamed");
        }
        for (Operator op : new Operator[] { new AddImages(), new SubtractImages(), new MultiplyImages(),
                new DivideImages() }) {
            Image direct = OpTesting.run(op, Map.of("first", trib, "second", other), OperatorContext.defaults())
                    .image();
            Image viaArrays = OpTesting.run(op, Map.of("first", streamed(trib), "second", other),
                    OperatorContext.defaults()).image();
            assertEquals(PixelType.FLOAT32, direct.header().pixelType());
            OpTesting.assertIdentical(viaArrays, direct, op.spec().id() + " float32, in memory vs streamed");
        }
    }

    @Test
    void sameResultWhateverTheThreads() throws IOException {
        ArrayImage head = head();
        for (Operator op : new Operator[] { new MultiplyConstant(), new EqualizeHistogram(), new RescaleIntensity() }) {
            String[] params = op instanceof MultiplyConstant ? new String[] { "value=1.7" } : new String[0];
            Image one = OpTesting.run(op, Map.of("image", head), OperatorContext.defaults().withParallelism(1), params)
                    .image();
            Image seven = OpTesting.run(op, Map.of("image", head), OperatorContext.defaults().withParallelism(7),
                    params).image();
            OpTesting.assertIdentical(one, seven, op.spec().id() + ": 1 vs 7 threads");
        }
    }

    @Test
    void refusesLabelImagesAndBadParameters() {
        ArrayImage labels = OpTesting.image(PixelType.LABEL32, new long[] { 2 }, 1, 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new AddConstant(), labels, "value=1"));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        ArrayImage bytes = OpTesting.image(PixelType.UINT8, new long[] { 2 }, 1, 2);
        e = assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new AddConstant(), bytes));
        assertTrue(e.getMessage().contains("value"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new Clamp(), bytes, "min=10", "max=1"));
        assertTrue(e.getMessage().contains("min"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new RescaleIntensity(), bytes, "in_range=percentiles", "in_low=-5"));
        assertTrue(e.getMessage().contains("percentile"), e.getMessage());
    }
}
