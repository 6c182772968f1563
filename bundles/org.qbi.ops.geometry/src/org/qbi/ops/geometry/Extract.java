package org.qbi.ops.geometry;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
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
 * Takes one channel, one time point and/or a range of z slices out of an image.
 *
 * @since 0.1
 */
public final class Extract implements Operator {

    public static final Param<Integer> CHANNEL = Param.integer("channel", "Channel",
            "Channel to keep, from 0; -1 keeps every channel", -1).range(-1, Integer.MAX_VALUE);
    public static final Param<Integer> TIME = Param.integer("time", "Time point",
            "Time point to keep, from 0; -1 keeps every time point", -1).range(-1, Integer.MAX_VALUE);
    public static final Param<Integer> Z_FIRST = Param.integer("z_first", "First slice",
            "First z slice to keep, from 0", 0).range(0, Integer.MAX_VALUE);
    public static final Param<Integer> Z_LAST = Param.integer("z_last", "Last slice",
            "Last z slice to keep (inclusive); -1 is the last slice", -1).range(-1, Integer.MAX_VALUE);

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.extract", "Extract channel, time, slices")
            .category("Geometry")
            .description("Keeps channel c (or all), time point t (or all) and slices z_first .. z_last (inclusive), "
                    + "numpy's image[t, c, z_first:z_last + 1]. The z and time origins move to the first kept slice "
                    + "and time point (so slices keep their world position and times their time); a kept channel "
                    + "keeps its wavelength where the channel axis has one. Values are copied unchanged; any pixel "
                    + "type, RGB included.")
            .reference("numpy basic slicing")
            .outputType("same as input")
            .parameters(CHANNEL, TIME, Z_FIRST, Z_LAST)
            .input(Port.image("image", "Image to take from"))
            .output(Port.image("extracted", "The channel, time point and slices kept"))
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
        int channel = arguments.get(CHANNEL);
        int time = arguments.get(TIME);
        long zFirst = arguments.get(Z_FIRST);
        long zLast = arguments.get(Z_LAST) < 0 ? dims[2] - 1 : arguments.get(Z_LAST);
        if (channel >= dims[3]) {
            throw new IllegalArgumentException("Channel " + channel + " does not exist: the image has " + dims[3]
                    + " channel(s), 0 .. " + (dims[3] - 1));
        }
        if (time >= dims[4]) {
            throw new IllegalArgumentException("Time point " + time + " does not exist: the image has " + dims[4]
                    + " time point(s), 0 .. " + (dims[4] - 1));
        }
        if (zFirst > zLast || zLast >= dims[2]) {
            throw new IllegalArgumentException("Slices " + zFirst + " .. " + zLast + " are not inside the image's 0 .. "
                    + (dims[2] - 1) + " (z_first must not be after z_last)");
        }
        long[] first = { 0, 0, zFirst };
        long[] sizes = { dims[0], dims[1], zLast - zFirst + 1 };
        VoxelCopy copy = VoxelCopy.shift(first, Math.max(channel, 0), Math.max(time, 0));
        ImageHeader shifted = copy.gridMap(sizes).header(header);
        List<AxisCalibration> axes = new ArrayList<>(shifted.axes());
        if (channel >= 0) {
            axes.set(Axis.C.ordinal(), single(header.axis(Axis.C), channel));
        }
        if (time >= 0) {
            axes.set(Axis.T.ordinal(), single(header.axis(Axis.T), time));
        }
        ArrayImage result = context.allocate(shifted.withAxes(axes));
        copy.run(input, result, context, SPEC.name());
        return Outputs.ofImage(SPEC, result);
    }

    /** Index {@code i} of {@code axis} as an axis of size 1 (origin moved there, its value kept). */
    private static AxisCalibration single(AxisCalibration axis, int i) {
        List<Double> values = axis.values().isEmpty() ? List.of() : List.of(axis.values().get(i));
        return new AxisCalibration(axis.axis(), 1, axis.spacing(), axis.origin() + i * axis.spacing(), axis.unit(),
                values);
    }
}
