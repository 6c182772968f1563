package org.qbi.ops.geometry;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.geometry.internal.AxisValues;
import org.qbi.ops.geometry.internal.VoxelCopy;

/**
 * Grows an image by a margin on each side, numpy.pad's modes; the origin moves so the original voxels keep
 * their world position.
 *
 * @since 0.1
 */
public final class Pad implements Operator {

    /** numpy.pad's modes. */
    public enum Mode {
        /** The constant value (numpy 'constant'). */
        CONSTANT(Boundary.CONSTANT),
        /** The edge voxel repeated (numpy 'edge'). */
        EDGE(Boundary.NEAREST),
        /** Mirrored about the edge voxel, which is not repeated: d c b | a b c d (numpy 'reflect'). */
        REFLECT(Boundary.MIRROR),
        /** Mirrored about the edge, which is repeated: c b a | a b c d (numpy 'symmetric'). */
        SYMMETRIC(Boundary.REFLECT),
        /** Periodic (numpy 'wrap'). */
        WRAP(Boundary.WRAP);

        private final Boundary boundary;

        Mode(Boundary boundary) {
            this.boundary = boundary;
        }
    }

    public static final Param<double[]> WIDTH = Param.reals("width", "Width",
            "Voxels added: one value (every side of every axis), one per axis (x, y[, z]: both sides), or a before "
                    + "and after pair per axis (x0, x1, y0, y1[, z0, z1])", 1).range(0, 1_000_000);
    public static final Param<Mode> MODE = Param.choice("mode", "Mode",
            "What the margin holds (numpy.pad modes: constant, edge, reflect, symmetric, wrap)", Mode.class,
            Mode.CONSTANT);
    public static final Param<Double> VALUE = Param.real("value", "Value",
            "The constant for mode constant (rounded and clamped to the pixel type)", 0);

    /** Largest padded image (1 TiB): beyond, a width is surely a typing error, not a wish. */
    static final double MAX_OUTPUT_BYTES = 0x1p40;

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.pad", "Pad")
            .category("Geometry")
            .description("Adds a margin around every channel and time point, as numpy.pad(image, width, mode). "
                    + "The axes' origins move back by the margin, so the original voxels keep their world "
                    + "position. z is padded only for 3D images unless a z width is given. Values are copied "
                    + "unchanged; any pixel type, RGB included.")
            .reference("numpy.pad")
            .outputType("same as input")
            .parameters(WIDTH, MODE, VALUE)
            .input(Port.image("image", "Image to pad"))
            .output(Port.image("padded", "Padded image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        ImageHeader header = input.header();
        long[] dims = header.dimensions();
        int rank = AxisValues.rank(header);
        double[] width = arguments.get(WIDTH);
        long[] before = new long[3];
        long[] after = new long[3];
        if (width.length == 2 * rank || width.length == 6) {
            for (int a = 0; a < width.length / 2; a++) {
                before[a] = AxisValues.whole(WIDTH.name(), width[2 * a]);
                after[a] = AxisValues.whole(WIDTH.name(), width[2 * a + 1]);
            }
        } else {
            double[] xyz = AxisValues.perAxis(WIDTH.name(), width, rank, 0);
            for (int a = 0; a < 3; a++) {
                before[a] = AxisValues.whole(WIDTH.name(), xyz[a]);
                after[a] = before[a];
            }
        }
        long[] sizes = new long[3];
        double bytes = header.pixelType().bytesPerPixel() * (double) dims[3] * dims[4];
        for (int a = 0; a < 3; a++) {
            sizes[a] = dims[a] + before[a] + after[a];
            bytes *= sizes[a];
        }
        if (bytes > MAX_OUTPUT_BYTES) {
            throw new IllegalArgumentException("Padding to " + sizes[0] + " x " + sizes[1] + " x " + sizes[2]
                    + " voxels would make a " + Math.round(bytes / (1L << 30)) + " GiB image; give a smaller width");
        }
        Mode mode = arguments.get(MODE);
        VoxelCopy copy = new VoxelCopy(new int[] { 0, 1, 2 }, new int[] { 1, 1, 1 },
                new long[] { -before[0], -before[1], -before[2] }, 0, 0, mode.boundary, arguments.get(VALUE));
        ImageHeader out = copy.gridMap(sizes).header(header);
        ArrayImage result = context.allocate(out);
        copy.run(input, result, context, SPEC.name());
        return Outputs.ofImage(SPEC, result);
    }
}
