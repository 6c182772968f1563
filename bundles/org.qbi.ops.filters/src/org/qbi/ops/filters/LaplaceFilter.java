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

/**
 * Discrete Laplacian, scipy.ndimage.laplace.
 *
 * @since 0.1
 */
public final class LaplaceFilter extends BlockOperator {

    public static final Param<Boundary> MODE = Param.choice("mode", "Border",
            "How values past the border are made up (scipy.ndimage modes)", Boundary.class, Boundary.REFLECT);

    public static final OperatorSpec SPEC = OperatorSpec.builder("filter.laplace", "Laplace filter")
            .category("Filters")
            .description("Sum over the axes of the second difference [1, -2, 1] (the 5-point stencil in 2D, "
                    + "7-point in 3D), as scipy.ndimage.laplace; voxel units, spacing not applied. Borders by mode "
                    + "(default reflect).")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 4th ed., 3.6; scipy.ndimage.laplace")
            .outputType("float32")
            .parameters(MODE)
            .input(Port.image("image", "Image"))
            .output(Port.image("laplacian", "Laplacian"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        boolean volume = input.dimensions()[2] > 1;
        int[] halo = { 1, 1, volume ? 1 : 0 };
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                float[] src = in.data();
                float[] dst = out.data();
                int nx = in.nx();
                int plane = nx * in.ny();
                for (int z = 0; z < out.nz(); z++) {
                    for (int y = 0; y < out.ny(); y++) {
                        int c = in.index(0, y, z);
                        int d = out.nx() * (y + out.ny() * z);
                        for (int x = 0; x < out.nx(); x++) {
                            int i = c + x;
                            double v = src[i - 1] + src[i + 1] - 2.0 * src[i] + src[i - nx] + src[i + nx] - 2.0 * src[i];
                            if (volume) {
                                v += src[i - plane] + src[i + plane] - 2.0 * src[i];
                            }
                            dst[d + x] = (float) v;
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
        return arguments.get(MODE);
    }
}
