package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;
import org.qbi.ops.filters.internal.BlockMath;
import org.qbi.ops.filters.internal.Kernels1D;
import org.qbi.ops.filters.internal.SeparableConvolution;

/**
 * Laplacian of Gaussian, scipy.ndimage.gaussian_laplace.
 *
 * @since 0.1
 */
public final class LaplacianOfGaussian extends BlockOperator {

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.log", "Laplacian of Gaussian")
            .category("Filters")
            .description("Sum over the axes of the second derivative of the Gaussian along that axis (smoothed with "
                    + "the Gaussian along the others), as scipy.ndimage.gaussian_laplace: kernels sampled and "
                    + "truncated as filter.gaussian (radius int(truncate*sigma+0.5)). Sigma in voxels or physical "
                    + "units (per axis). Negative inside bright blobs; multiply by -sigma^2 for the scale-normalised "
                    + "blob detector. Borders by mode (default reflect).")
            .reference("Marr D, Hildreth E. Theory of edge detection. Proc R Soc Lond B 1980, "
                    + "doi:10.1098/rspb.1980.0020; scipy.ndimage.gaussian_laplace")
            .outputType("float32")
            .parameters(GaussianFilter.SIGMA, GaussianFilter.TRUNCATE, GaussianFilter.MODE)
            .input(Port.image("image", "Image"))
            .output(Port.image("laplacian", "Laplacian of Gaussian"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        double[] sigma = arguments.get(GaussianFilter.SIGMA).toVoxels(input);
        double truncate = arguments.get(GaussianFilter.TRUNCATE);
        boolean volume = input.dimensions()[2] > 1;
        int dims = volume ? 3 : 2;
        float[][] smooth = new float[3][];
        float[][] second = new float[3][];
        int[] halo = new int[3];
        for (int a = 0; a < 3; a++) {
            if (a == 2 && !volume || sigma[a] <= 0) {
                smooth[a] = Kernels1D.identity(0);
                second[a] = new float[] { 0 };
            } else {
                smooth[a] = SeparableConvolution.gaussian(sigma[a], truncate);
                second[a] = Kernels1D.gaussianSecondDerivative(sigma[a], truncate);
            }
            halo[a] = smooth[a].length - 1;
            if (halo[a] > SeparableConvolution.MAX_RADIUS) {
                throw new IllegalArgumentException("Sigma is " + sigma[a] + " voxels along " + "xyz".charAt(a)
                        + ": a kernel radius over " + SeparableConvolution.MAX_RADIUS + "; downsample first");
            }
        }
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                FloatBlock term = BlockMath.zerosLike(out);
                java.util.Arrays.fill(out.data(), 0);
                for (int axis = 0; axis < dims; axis++) {
                    float[][] kernels = new float[3][];
                    for (int a = 0; a < 3; a++) {
                        kernels[a] = a == axis ? second[a] : smooth[a];
                    }
                    SeparableConvolution.convolve(in, term, kernels);
                    BlockMath.add(out, term);
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
