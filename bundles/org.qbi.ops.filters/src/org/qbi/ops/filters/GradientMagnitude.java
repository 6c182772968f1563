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
import org.qbi.ops.filters.internal.BlockMath;
import org.qbi.ops.filters.internal.Kernels1D;
import org.qbi.ops.filters.internal.SeparableConvolution;

/**
 * What the Sobel and Prewitt gradient magnitudes share: per axis the central difference [-1, 0, 1] smoothed with
 * a 3-tap kernel along the other axes, then the square root of the sum of squares.
 *
 * @since 0.1
 */
public abstract class GradientMagnitude extends BlockOperator {

    public static final Param<Boundary> MODE = Param.choice("mode", "Border",
            "How values past the border are made up (scipy.ndimage modes)", Boundary.class, Boundary.REFLECT);

    static OperatorSpec.Builder spec(String id, String name, String scipy, String smoothing) {
        return OperatorSpec.builder(id, name)
                .category("Filters")
                .description("Gradient magnitude sqrt(sum over axes of d_a^2), where d_a is scipy.ndimage." + scipy
                        + "(image, axis=a): the central difference [-1, 0, 1] along a, smoothed with " + smoothing
                        + " along the other axes (not normalised, as scipy; skimage.filters." + scipy + " divides "
                        + "differently). Axes x, y (and z for 3D images); voxel units, spacing not applied. Borders "
                        + "by mode (default reflect). Computed in float32 with double accumulation.")
                .reference("Sobel I, Feldman G. A 3x3 isotropic gradient operator for image processing, 1968; "
                        + "Prewitt JMS. Object enhancement and extraction, 1970; scipy.ndimage." + scipy)
                .outputType("float32")
                .parameters(MODE)
                .input(Port.image("image", "Image"))
                .output(Port.image("magnitude", "Gradient magnitude"));
    }

    /** The smoothing half kernel: {2, 1} for Sobel, {1, 1} for Prewitt. */
    abstract float[] smoothing();

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        boolean volume = input.dimensions()[2] > 1;
        int dims = volume ? 3 : 2;
        int[] halo = { 1, 1, volume ? 1 : 0 };
        float[] smooth = smoothing();
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return halo.clone();
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                FloatBlock d = BlockMath.zerosLike(out);
                java.util.Arrays.fill(out.data(), 0);
                for (int axis = 0; axis < dims; axis++) {
                    float[][] kernels = new float[3][];
                    boolean[] odd = new boolean[3];
                    for (int a = 0; a < 3; a++) {
                        kernels[a] = halo[a] == 0 ? Kernels1D.identity(0)
                                : a == axis ? Kernels1D.centralDifference() : smooth;
                        odd[a] = a == axis;
                    }
                    SeparableConvolution.convolve(in, d, kernels, odd);
                    BlockMath.addSquare(out, d);
                }
                BlockMath.sqrt(out);
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
