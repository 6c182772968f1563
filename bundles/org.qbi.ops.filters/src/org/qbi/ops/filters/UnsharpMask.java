package org.qbi.ops.filters;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;
import org.qbi.ops.filters.internal.Kernels1D;
import org.qbi.ops.filters.internal.SeparableConvolution;

/**
 * Unsharp masking: image + amount * (image - gaussian(image, sigma)).
 *
 * @since 0.1
 */
public final class UnsharpMask extends BlockOperator {

    public static final Param<Double> AMOUNT = Param.real("amount", "Amount",
            "How much of the detail (image minus its blur) is added back", 1.0).range(0, 1000);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.unsharp_mask", "Unsharp mask")
            .category("Filters")
            .description("Sharpens: image + amount * (image - gaussian(image, sigma)), the blur as filter.gaussian. "
                    + "Equals skimage.filters.unsharp_mask(image, radius=sigma, amount, preserve_range=True) "
                    + "(whose 'radius' is this sigma); values are not clipped (skimage clips to [0, 1] or [-1, 1] "
                    + "without preserve_range). Borders by mode (default reflect).")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 4th ed., 3.6; skimage.filters.unsharp_mask")
            .outputType("float32")
            .parameters(GaussianFilter.SIGMA, AMOUNT, GaussianFilter.TRUNCATE, GaussianFilter.MODE)
            .input(Port.image("image", "Image"))
            .output(Port.image("sharpened", "Sharpened image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        double[] sigma = arguments.get(GaussianFilter.SIGMA).toVoxels(input);
        double truncate = arguments.get(GaussianFilter.TRUNCATE);
        float amount = arguments.get(AMOUNT).floatValue();
        boolean volume = input.dimensions()[2] > 1;
        float[][] kernels = new float[3][];
        int[] halo = new int[3];
        for (int a = 0; a < 3; a++) {
            kernels[a] = a == 2 && !volume ? Kernels1D.identity(0) : SeparableConvolution.gaussian(sigma[a], truncate);
            halo[a] = kernels[a].length - 1;
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
                SeparableConvolution.convolve(in, out, kernels);
                float[] o = out.data();
                float[] src = in.data();
                for (int z = 0; z < out.nz(); z++) {
                    for (int y = 0; y < out.ny(); y++) {
                        int c = in.index(0, y, z);
                        int d = out.nx() * (y + out.ny() * z);
                        for (int x = 0; x < out.nx(); x++) {
                            float v = src[c + x];
                            o[d + x] = v + amount * (v - o[d + x]);
                        }
                    }
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
