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
 * Makes another plane of a volume the image plane: a transpose of the axes with the calibration carried along.
 *
 * @since 0.1
 */
public final class Reslice implements Operator {

    /** Which input axes become the output's x and y (the remaining one becomes z). */
    public enum View {
        /** Unchanged. */
        XY(0, 1),
        /** x stays x, z becomes y, y becomes the slice axis: coronal slices of an axial stack (ImageJ "Top"). */
        XZ(0, 2),
        /** y becomes x, z becomes y, x becomes the slice axis: sagittal slices of an axial stack. */
        YZ(1, 2),
        /** Swaps x and y. */
        YX(1, 0),
        /** z becomes x, x becomes y, y becomes the slice axis. */
        ZX(2, 0),
        /** z becomes x, y stays y, x becomes the slice axis (ImageJ "Left"). */
        ZY(2, 1);

        private final int x;
        private final int y;

        View(int x, int y) {
            this.x = x;
            this.y = y;
        }

        int[] axes() {
            return new int[] { x, y, 3 - x - y };
        }
    }

    public static final Param<View> VIEW = Param.choice("view", "View",
            "Input axes that become the output's x and y, e.g. xz: output x = x, output y = z, slices along y",
            View.class, View.XZ);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.reslice", "Reslice")
            .category("Geometry")
            .description("Reorders the axes so another plane becomes the image plane: output axis x, y, z is input "
                    + "axis view[0], view[1] and the remaining one (numpy.transpose of the (z, y, x) array). Sizes, "
                    + "spacings and units move with their axes and the orientation rows are permuted, so every voxel "
                    + "keeps its world position (the axes may become left-handed; viewers follow the orientation). "
                    + "Values are copied unchanged; any pixel type, RGB included.")
            .reference("numpy.transpose; ImageJ Image > Stacks > Reslice (without interpolation)")
            .outputType("same as input")
            .parameters(VIEW)
            .input(Port.image("image", "Volume to reslice"))
            .output(Port.image("resliced", "Resliced volume"))
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
        int[] axisOf = arguments.get(VIEW).axes();
        long[] sizes = { dims[axisOf[0]], dims[axisOf[1]], dims[axisOf[2]] };
        VoxelCopy copy = new VoxelCopy(axisOf, new int[] { 1, 1, 1 }, new long[3], 0, 0, null, 0);
        ArrayImage result = context.allocate(copy.gridMap(sizes).header(header));
        copy.run(input, result, context, SPEC.name());
        return Outputs.ofImage(SPEC, result);
    }
}
