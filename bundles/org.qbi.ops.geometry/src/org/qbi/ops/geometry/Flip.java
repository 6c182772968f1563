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
import org.qbi.ops.geometry.internal.VoxelCopy;

/**
 * Mirrors an image along one axis; the orientation and origin follow, so each voxel keeps its world position.
 *
 * @since 0.1
 */
public final class Flip implements Operator {

    /** An image axis. */
    public enum FlipAxis {
        X, Y, Z
    }

    public static final Param<FlipAxis> AXIS = Param.choice("axis", "Axis", "The axis to reverse", FlipAxis.class,
            FlipAxis.X);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.flip", "Flip")
            .category("Geometry")
            .description("Reverses the voxel order along x (left-right), y (up-down) or z, as numpy.flip on the "
                    + "(z, y, x) array. The calibration follows: the axis's direction is negated and the origin "
                    + "moves to the old last voxel, so world coordinates are unchanged (an image without an "
                    + "orientation gets one). Values are copied unchanged; any pixel type, RGB included.")
            .reference("numpy.flip; ITK FlipImageFilter (FlipAboutOrigin off)")
            .outputType("same as input")
            .parameters(AXIS)
            .input(Port.image("image", "Image to flip"))
            .output(Port.image("flipped", "Flipped image"))
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
        int axis = arguments.get(AXIS).ordinal();
        int[] sign = { 1, 1, 1 };
        long[] first = new long[3];
        sign[axis] = -1;
        first[axis] = dims[axis] - 1;
        VoxelCopy copy = new VoxelCopy(new int[] { 0, 1, 2 }, sign, first, 0, 0, null, 0);
        ArrayImage result = context.allocate(copy.gridMap(new long[] { dims[0], dims[1], dims[2] }).header(header));
        copy.run(input, result, context, SPEC.name());
        return Outputs.ofImage(SPEC, result);
    }
}
