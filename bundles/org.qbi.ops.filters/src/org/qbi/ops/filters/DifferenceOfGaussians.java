package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;
import org.qbi.ops.filters.internal.BlockMath;
import org.qbi.ops.filters.internal.Kernels1D;
import org.qbi.ops.filters.internal.SeparableConvolution;

/**
 * Difference of Gaussians: a band-pass, gaussian(low_sigma) - gaussian(high_sigma).
 *
 * @since 0.1
 */
public final class DifferenceOfGaussians extends BlockOperator {

    public static final Param<Length> LOW_SIGMA = Param.length("low_sigma", "Low sigma",
            "Sigma of the narrower Gaussian, in voxels or physical units (per axis)", 1);
    public static final Param<Length> HIGH_SIGMA = Param.length("high_sigma", "High sigma",
            "Sigma of the wider Gaussian (larger than low_sigma), in voxels or physical units", 1.6);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.dog", "Difference of Gaussians")
            .category("Filters")
            .description("Band-pass: the image smoothed with low_sigma minus the image smoothed with high_sigma "
                    + "(both as filter.gaussian, scipy.ndimage.gaussian_filter), keeping structures between the two "
                    + "scales. skimage.filters.difference_of_gaussians computes the same with mode nearest; here the "
                    + "border is the mode parameter (default reflect).")
            .reference("Marr D, Hildreth E. Theory of edge detection, 1980; Lowe DG. Distinctive image features "
                    + "from scale-invariant keypoints. IJCV 2004, doi:10.1023/B:VISI.0000029664.99615.94")
            .outputType("float32")
            .parameters(LOW_SIGMA, HIGH_SIGMA, GaussianFilter.TRUNCATE, GaussianFilter.MODE)
            .input(Port.image("image", "Image"))
            .output(Port.image("filtered", "Difference of Gaussians"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        Length low = arguments.get(LOW_SIGMA);
        Length high = arguments.get(HIGH_SIGMA);
        double[] s1 = low.toVoxels(input);
        double[] s2 = high.toVoxels(input);
        if (!(s2[0] > s1[0])) {
            throw new IllegalArgumentException("high_sigma (" + high + ") must be larger than low_sigma (" + low + ")");
        }
        double truncate = arguments.get(GaussianFilter.TRUNCATE);
        boolean volume = input.dimensions()[2] > 1;
        float[][] narrow = new float[3][];
        float[][] wide = new float[3][];
        int[] halo = new int[3];
        for (int a = 0; a < 3; a++) {
            boolean flat = a == 2 && !volume;
            float[] k1 = flat ? Kernels1D.identity(0) : SeparableConvolution.gaussian(s1[a], truncate);
            float[] k2 = flat ? Kernels1D.identity(0) : SeparableConvolution.gaussian(s2[a], truncate);
            halo[a] = Math.max(k1.length, k2.length) - 1;
            if (halo[a] > SeparableConvolution.MAX_RADIUS) {
                throw new IllegalArgumentException("high_sigma is " + s2[a] + " voxels along " + "xyz".charAt(a)
                        + ": a kernel radius over " + SeparableConvolution.MAX_RADIUS + "; downsample first");
            }
            narrow[a] = Kernels1D.padded(k1, halo[a]);
            wide[a] = Kernels1D.padded(k2, halo[a]);
        }
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                FloatBlock b = BlockMath.zerosLike(out);
                SeparableConvolution.convolve(in, out, narrow);
                SeparableConvolution.convolve(in, b, wide);
                float[] o = out.data();
                float[] w = b.data();
                for (int i = 0; i < o.length; i++) {
                    o[i] -= w[i];
                }
            }
        };
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }

    @Override
    protected Boundary boundary(Arguments arguments) {
        return arguments.get(GaussianFilter.MODE);
    }
}
