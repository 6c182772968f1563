package org.example.lab;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Length;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.BlockKernel;
import org.qbi.ops.block.BlockOperator;
import org.qbi.ops.block.FloatBlock;

/**
 * Local contrast normalization: each voxel minus the mean of its neighbourhood, divided by the neighbourhood's
 * standard deviation (plus a small epsilon), which evens out uneven illumination and staining before a global
 * threshold.
 * <p>
 * The example operator of docs/EXTENDING.md: one class holds the declaration ({@link #SPEC}: id, parameters,
 * ports, description, reference) and the computation (a {@link BlockKernel}); the platform gives it the
 * parameter form, {@code qbi op example.local_contrast}, the pipeline entry, provenance, block-wise parallel
 * execution with borders, channels and time points.
 */
public final class LocalContrastNormalization extends BlockOperator {

    public static final Param<Length> RADIUS = Param.length("radius", "Radius",
            "Half-width of the box: radius r covers 2r+1 voxels along each axis; voxels (2) or physical units "
                    + "(1.5 um, converted per axis, floored)", 2).range(1, 50);
    public static final Param<Double> EPSILON = Param.real("epsilon", "Epsilon",
            "Added to the local standard deviation so flat regions do not divide by zero", 1e-3).range(0, 1e9);

    public static final OperatorSpec SPEC = OperatorSpec.builder("example.local_contrast",
            "Local contrast normalization")
            .category("Example lab")
            .description("(I - local mean) / (local standard deviation + epsilon) over a box of 2r+1 voxels per "
                    + "axis (population standard deviation, as sqrt(uniform_filter(I^2) - uniform_filter(I)^2) in "
                    + "scipy.ndimage), borders mirrored (scipy's mode 'reflect'). 2D images in their plane. "
                    + "Output float32.")
            .reference("Pinto N, Cox DD, DiCarlo JJ. Why is real-world visual object recognition hard? PLoS "
                    + "Comput Biol 4(1), 2008 (local normalization)")
            .outputType("float32")
            .parameters(RADIUS, EPSILON)
            .input(Port.image("image", "Image"))
            .output(Port.image("normalized", "Normalized image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected PixelType outputType(PixelType input, Arguments arguments) {
        return PixelType.FLOAT32;
    }

    @Override
    protected BlockKernel kernel(ImageHeader input, Arguments arguments) {
        double[] voxels = arguments.get(RADIUS).toVoxels(input);
        int rx = (int) Math.floor(voxels[0]);
        int ry = (int) Math.floor(voxels[1]);
        int rz = input.dimensions()[2] == 1 ? 0 : (int) Math.floor(voxels[2]);
        double epsilon = arguments.get(EPSILON);
        return new BlockKernel() {
            @Override
            public int[] halo() {
                return new int[] { rx, ry, rz };
            }

            @Override
            public void compute(FloatBlock in, FloatBlock out) {
                normalize(in, out, rx, ry, rz, epsilon);
            }
        };
    }

    /** Plain loops over the box: clear rather than fast (sums in double, so the result does not depend on order). */
    static void normalize(FloatBlock in, FloatBlock out, int rx, int ry, int rz, double epsilon) {
        double n = (2.0 * rx + 1) * (2.0 * ry + 1) * (2.0 * rz + 1);
        for (int z = 0; z < out.nz(); z++) {
            for (int y = 0; y < out.ny(); y++) {
                for (int x = 0; x < out.nx(); x++) {
                    double sum = 0;
                    double sumSquares = 0;
                    for (int dz = -rz; dz <= rz; dz++) {
                        for (int dy = -ry; dy <= ry; dy++) {
                            for (int dx = -rx; dx <= rx; dx++) {
                                double v = in.value(x + dx, y + dy, z + dz);
                                sum += v;
                                sumSquares += v * v;
                            }
                        }
                    }
                    double mean = sum / n;
                    double sd = Math.sqrt(Math.max(sumSquares / n - mean * mean, 0));
                    out.data()[out.index(x, y, z)] = (float) ((in.value(x, y, z) - mean) / (sd + epsilon));
                }
            }
        }
    }
}
