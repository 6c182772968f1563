package org.qbi.ops.filters;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/**
 * Every filter against scipy.ndimage 1.10.1 / scikit-image 0.19.3 on crops of real images (data/make_references.py:
 * head_crop.npy is 24^3 of tiff/3d/mini-t1-head.tif, uint16; blobs_crop.npy 128 x 96 of tiff/8bit/blobs.tif,
 * uint8). Tolerances are absolute, in the images' intensity units, and say why.
 */
class FilterReferencesTest {

    @TempDir
    Path dir;

    private ArrayImage data(String name) throws IOException {
        return OpTesting.fixture(getClass(), name, dir);
    }

    private ArrayImage head() throws IOException {
        return data("head_crop.npy");
    }

    private ArrayImage blobs() throws IOException {
        return data("blobs_crop.npy");
    }

    private void check(Operator op, Image input, String reference, double tolerance, String... parameters)
            throws IOException {
        Image result = OpTesting.run(op, input, parameters).image();
        OpTesting.assertClose(data(reference), result, tolerance, op.spec().id() + " " + String.join(" ", parameters));
    }

    @Test
    void meanMatchesUniformFilter() throws IOException {
        // float32 output of a double mean of values up to ~1000: a few float ulps
        check(new MeanFilter(), head(), "mean_head_r1.npy", 2e-4 * 1000, "radius=1");
        check(new MeanFilter(), blobs(), "mean_blobs_r2_nearest.npy", 1e-3, "radius=2", "mode=nearest");
        check(new MeanFilter(), head(), "mean_head_ball1.npy", 1e-3, "radius=1", "shape=ball");
        assertEquals(PixelType.FLOAT32, OpTesting.run(new MeanFilter(), blobs()).image().header().pixelType());
    }

    @Test
    void medianMatchesScipyExactly() throws IOException {
        check(new MedianFilter(), head(), "median_head_r1.npy", 0, "radius=1");
        check(new MedianFilter(), blobs(), "median_blobs_r1.npy", 0, "radius=1");
        check(new MedianFilter(), blobs(), "median_blobs_disk2.npy", 0, "radius=2", "shape=ball");
        check(new MedianFilter(), head(), "median_head_r2_mirror.npy", 0, "radius=2", "mode=mirror");
        assertEquals(PixelType.UINT16, OpTesting.run(new MedianFilter(), head()).image().header().pixelType());
    }

    @Test
    void minimumAndMaximumMatchScipyExactly() throws IOException {
        check(new MinimumFilter(), head(), "minimum_head_ball1.npy", 0, "radius=1", "shape=ball");
        check(new MaximumFilter(), blobs(), "maximum_blobs_r2.npy", 0, "radius=2");
        check(new MinimumFilter(), head(), "minimum_head_r2_nearest.npy", 0, "radius=2", "mode=nearest");
    }

    @Test
    void varianceAndStdMatchNumpy() throws IOException {
        // variances up to ~1e5 written as float32: relative 1e-7
        check(new VarianceFilter(), head(), "variance_head_r1.npy", 0.05, "radius=1");
        check(new StdFilter(), blobs(), "std_blobs_disk2.npy", 1e-4, "radius=2", "shape=ball");
        check(new StdFilter(), head(), "std_head_r2.npy", 1e-3, "radius=2");
        check(new VarianceFilter(), blobs(), "variance_blobs_ball1.npy", 1e-2, "radius=1", "shape=ball");
    }

    @Test
    void gradientMagnitudesMatchScipy() throws IOException {
        ArrayImage head = head();
        check(new SobelFilter(), head, "sobel_head.npy", 2e-3 * 10, "mode=reflect");
        check(new SobelFilter(), blobs(), "sobel_blobs.npy", 1e-3);
        check(new PrewittFilter(), head, "prewitt_head.npy", 2e-2);
    }

    @Test
    void laplaciansMatchScipy() throws IOException {
        check(new LaplaceFilter(), head(), "laplace_head.npy", 1e-3);
        check(new LaplaceFilter(), blobs(), "laplace_blobs_nearest.npy", 1e-4, "mode=nearest");
        // second-derivative kernels in float32, values up to a few hundred
        check(new LaplacianOfGaussian(), head(), "log_head_s1.5.npy", 1e-2, "sigma=1.5");
        check(new LaplacianOfGaussian(), blobs(), "log_blobs_s2.npy", 1e-3, "sigma=2");
    }

    @Test
    void differenceOfGaussiansAndUnsharpMask() throws IOException {
        check(new DifferenceOfGaussians(), head(), "dog_head_1_2.npy", 5e-3, "low_sigma=1", "high_sigma=2");
        // against skimage.filters.unsharp_mask(preserve_range=True)
        check(new UnsharpMask(), blobs(), "unsharp_blobs_s2_a1.5.npy", 2e-3, "sigma=2", "amount=1.5");
    }

    @Test
    void peronaMalikMatchesTheIndependentNumpyVersion() throws IOException {
        check(new AnisotropicDiffusion(), head(), "diffusion_head_10_k50.npy", 5e-3, "iterations=10", "kappa=50",
                "step=0.14285714285714285");
        check(new AnisotropicDiffusion(), blobs(), "diffusion_blobs_5_k20_q.npy", 1e-3, "iterations=5", "kappa=20",
                "step=0.2", "conduction=quadratic");
    }

    @Test
    void bilateralMatchesTheDefinition() throws IOException {
        // reference: the definition in numpy (skimage 0.19.3 misplaces its spatial weights, see the script)
        check(new BilateralFilter(), blobs(), "bilateral_blobs.npy", 1e-3, "sigma_spatial=2", "sigma_color=30",
                "radius=3");
    }

    @Test
    void nonLocalMeansMatchesScikitImageSlowMode() throws IOException {
        // skimage uses an approximate exp (_fast_exp), exact exp here: measured 0.25 grey levels of 255 (0.1 %);
        // stated tolerance 0.2 % of the range
        check(new NonLocalMeans(), data("nlm_blobs_input.npy"), "nlm_blobs_crop.npy", 0.5, "patch_radius=2",
                "search_radius=4", "h=25");
        check(new NonLocalMeans(), data("nlm_head_input.npy"), "nlm_head_crop.npy", 5.0, "patch_radius=1",
                "search_radius=2", "h=60", "sigma=10");
    }

    @Test
    void butterworthMatchesScikitImage() throws IOException {
        check(new FourierLowPass(), blobs(), "butterworth_low_blobs_w8.npy", 1e-3, "wavelength=8", "order=2");
        check(new FourierHighPass(), head(), "butterworth_high_head_w10.npy", 1e-2, "wavelength=10", "order=3");
    }

    @Test
    void deconvolutionsMatchScikitImage() throws IOException {
        ArrayImage blurred = data("blurred_blobs.npy");
        ArrayImage psf2 = data("psf_5x5.npy");
        Image rl = OpTesting.run(new RichardsonLucy(), Map.of("image", blurred, "psf", psf2),
                OperatorContext.defaults(), "iterations=20").image();
        OpTesting.assertClose(data("rl_blobs_20.npy"), rl, 1e-2, "richardson_lucy 2D, 20 iterations");
        Image rl3 = OpTesting.run(new RichardsonLucy(), Map.of("image", head(), "psf", data("psf_5x5x5.npy")),
                OperatorContext.defaults(), "iterations=10").image();
        OpTesting.assertClose(data("rl_head_10.npy"), rl3, 5e-2, "richardson_lucy 3D, 10 iterations");
        Image wiener = OpTesting.run(new WienerDeconvolution(), Map.of("image", blurred, "psf", psf2),
                OperatorContext.defaults(), "balance=0.05").image();
        OpTesting.assertClose(data("wiener_blobs_b0.05.npy"), wiener, 1e-2, "wiener 2D, balance 0.05");
    }
}
