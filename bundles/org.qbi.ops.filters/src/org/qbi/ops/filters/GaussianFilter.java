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
import org.qbi.ops.filters.internal.SeparableConvolution;

/**
 * Gaussian smoothing, separable along x, y and z: scipy.ndimage.gaussian_filter's kernel and borders.
 */
public final class GaussianFilter extends BlockOperator {

    public static final Param<Length> SIGMA = Param.length("sigma", "Sigma",
            "Standard deviation of the Gaussian, in voxels (2) or physical units (0.5 mm: converted per axis with the "
                    + "spacing, so anisotropic voxels are smoothed isotropically in space)", 1);
    public static final Param<Double> TRUNCATE = Param.real("truncate", "Truncate",
            "Kernel radius in standard deviations (scipy's truncate)", 4.0).range(0.5, 20);
    public static final Param<Boundary> MODE = Param.choice("mode", "Border",
            "How values past the border are made up (scipy.ndimage modes)", Boundary.class, Boundary.REFLECT);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.gaussian", "Gaussian filter")
            .category("Filters")
            .description("Smooths with a Gaussian kernel of standard deviation sigma along each spatial axis "
                    + "(z only for 3D images; channels and time points separately). Kernel radius "
                    + "int(truncate * sigma + 0.5) voxels, weights normalised to sum 1, as "
                    + "scipy.ndimage.gaussian_filter; float32 weights, sums accumulated in double along z and x and "
                    + "in float along y (scipy: float64 throughout; differences below 1e-5 relative). Output "
                    + "float32.")
            .reference("Lindeberg T. Scale-Space Theory in Computer Vision. Kluwer, 1994; "
                    + "scipy.ndimage.gaussian_filter")
            .outputType("float32")
            .parameters(SIGMA, TRUNCATE, MODE)
            .input(Port.image("image", "Image to smooth"))
            .output(Port.image("smoothed", "Smoothed image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        double[] sigma = arguments.get(SIGMA).toVoxels(input);
        double truncate = arguments.get(TRUNCATE);
        float[][] kernels = new float[3][];
        int[] halo = new int[3];
        for (int a = 0; a < 3; a++) {
            kernels[a] = SeparableConvolution.gaussian(sigma[a], truncate);
            halo[a] = kernels[a].length - 1;
            if (halo[a] > SeparableConvolution.MAX_RADIUS) {
                throw new IllegalArgumentException("Sigma " + arguments.get(SIGMA) + " is " + sigma[a] + " voxels along "
                        + "axis " + "xyz".charAt(a) + ": a kernel radius of " + halo[a] + " voxels is more than "
                        + SeparableConvolution.MAX_RADIUS + "; downsample the image first");
            }
        }
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(org.qbi.ops.block.FloatBlock in, org.qbi.ops.block.FloatBlock out) {
                SeparableConvolution.convolve(in, out, kernels);
            }
        };
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }

    @Override
    protected Boundary boundary(Arguments arguments) {
        return arguments.get(MODE);
    }
}
