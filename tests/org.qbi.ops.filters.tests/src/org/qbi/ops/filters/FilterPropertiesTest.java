package org.qbi.ops.filters;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.filters.internal.ComparatorNetwork;
import org.qbi.ops.testing.OpTesting;

/** Properties of the filters: determinism across threads, invariants, refusals of bad input. */
class FilterPropertiesTest {

    @TempDir
    Path dir;

    private static Image run(Operator op, Image input, int threads, String... parameters) throws IOException {
        java.util.Map<String, String> texts = new java.util.LinkedHashMap<>();
        for (String p : parameters) {
            texts.put(p.substring(0, p.indexOf('=')), p.substring(p.indexOf('=') + 1));
        }
        return op.apply(Inputs.ofImage(op.spec(), input), Arguments.parse(op.spec(), texts),
                OperatorContext.defaults().withParallelism(threads)).image();
    }

    @Test
    void sameOutputWhateverTheThreads() throws IOException {
        ArrayImage head = OpTesting.fixture(getClass(), "head_crop.npy", dir);
        Object[][] cases = { { new MedianFilter(), new String[] { "radius=1" } },
                { new MedianFilter(), new String[] { "radius=2", "shape=ball" } },
                { new MeanFilter(), new String[] { "radius=2" } },
                { new MinimumFilter(), new String[] { "radius=3" } },
                { new VarianceFilter(), new String[] { "radius=1" } },
                { new SobelFilter(), new String[0] },
                { new LaplacianOfGaussian(), new String[] { "sigma=1.2" } },
                { new AnisotropicDiffusion(), new String[] { "iterations=4", "kappa=40" } },
                { new BilateralFilter(), new String[] { "sigma_color=40" } },
                { new NonLocalMeans(), new String[] { "patch_radius=1", "search_radius=2", "h=50" } },
                { new FourierBandPass(), new String[0] } };
        for (Object[] c : cases) {
            Operator op = (Operator) c[0];
            String[] p = (String[]) c[1];
            OpTesting.assertIdentical(run(op, head, 1, p), run(op, head, 7, p), op.spec().id() + " 1 vs 7 threads");
        }
    }

    @Test
    void fileBackedAndInMemoryImagesGiveTheSameResult() throws IOException {
        // in-memory images are read row by row straight from their segment; others through Image.readRegion
        try (Image onDisk = org.qbi.io.ImageFormats.installed()
                .open(org.qbi.io.testing.SharedData.file("tiff/3d/mini-t1-head.tif"), null)) {
            ArrayImage inMemory = ArrayImage.copyOf(onDisk);
            for (String mode : new String[] { "reflect", "mirror", "nearest", "wrap", "constant" }) {
                OpTesting.assertIdentical(OpTesting.run(new GaussianFilter(), onDisk, "sigma=1.5", "mode=" + mode)
                        .image(), OpTesting.run(new GaussianFilter(), inMemory, "sigma=1.5", "mode=" + mode).image(),
                        "gaussian, mode " + mode + ": file-backed vs in memory");
            }
        }
    }

    @Test
    void medianNetworksEqualSorting() {
        SplittableRandom random = new SplittableRandom(3);
        for (int n : new int[] { 3, 9 }) {
            ComparatorNetwork first = ComparatorNetwork.merge(ComparatorNetwork.wires(0, n),
                    ComparatorNetwork.wires(n, n));
            ComparatorNetwork full = first.then(ComparatorNetwork.merge(first.sorted(),
                    ComparatorNetwork.wires(2 * n, n)));
            int rank = 3 * n / 2;
            ComparatorNetwork median = full.prunedTo(rank);
            assertTrue(median.comparators() < full.comparators(), "pruning removes comparators");
            for (int trial = 0; trial < 2000; trial++) {
                float[] v = new float[3 * n];
                for (int i = 0; i < v.length; i++) {
                    v[i] = random.nextInt(7);
                }
                for (int run = 0; run < 3; run++) {
                    Arrays.sort(v, run * n, run * n + n); // the networks merge sorted runs
                }
                float[] sorted = v.clone();
                Arrays.sort(sorted);
                float[] merged = v.clone();
                full.apply(merged);
                for (int r = 0; r < v.length; r++) {
                    assertEquals(sorted[r], merged[full.sorted()[r]], "rank " + r);
                }
                float[] m = v.clone();
                median.apply(m);
                assertEquals(sorted[rank], m[median.sorted()[rank]], "median of " + 3 * n);
            }
        }
    }

    @Test
    void smoothingFiltersKeepAConstantImage() throws IOException {
        double[] values = new double[12 * 10 * 6];
        Arrays.fill(values, 37);
        ArrayImage constant = OpTesting.image(PixelType.UINT16, new long[] { 12, 10, 6 }, values);
        for (Operator op : new Operator[] { new MeanFilter(), new MedianFilter(), new GaussianFilter(),
                new AnisotropicDiffusion(), new NonLocalMeans(), new FourierLowPass() }) {
            String[] p = op instanceof NonLocalMeans ? new String[] { "h=10" } : new String[0];
            double[] out = OpTesting.values(OpTesting.run(op, constant, p).image());
            for (double v : out) {
                assertEquals(37, v, 1e-3, op.spec().id() + " keeps a constant");
            }
        }
        double[] zero = OpTesting.values(OpTesting.run(new VarianceFilter(), constant).image());
        assertArrayEquals(new double[zero.length], zero, 1e-6, "variance of a constant");
    }

    @Test
    void badInputIsRefusedNamingTheProblem() throws IOException {
        ArrayImage small = OpTesting.image(PixelType.FLOAT32, new long[] { 3, 3 }, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        ArrayImage big = OpTesting.image(PixelType.FLOAT32, new long[] { 4, 4 }, new double[16]);
        IllegalArgumentException psf = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new RichardsonLucy(), Map.of("image", small, "psf", big),
                        OperatorContext.defaults()));
        assertTrue(psf.getMessage().contains("PSF"), psf.getMessage());
        IllegalArgumentException dog = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new DifferenceOfGaussians(), small, "low_sigma=2", "high_sigma=1"));
        assertTrue(dog.getMessage().contains("high_sigma"), dog.getMessage());
        ArrayImage volume = OpTesting.image(PixelType.FLOAT32, new long[] { 3, 3, 3 }, new double[27]);
        IllegalArgumentException step = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new AnisotropicDiffusion(), volume, "step=0.25"));
        assertTrue(step.getMessage().contains("1/6"), step.getMessage());
        IllegalArgumentException missing = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new BilateralFilter(), small));
        assertTrue(missing.getMessage().contains("sigma_color"), missing.getMessage());
        IllegalArgumentException radius = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(new MedianFilter(), small, "radius=-1"));
        assertTrue(radius.getMessage().contains("radius"), radius.getMessage());
    }
}
