package org.qbi.ops.geometry;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Port;

/**
 * Splits RGB (and RGBA) pixels into channels of a uint8 image, so colour images can go through the operators
 * that work on one sample per pixel.
 *
 * @since 0.1
 */
public final class SplitRgb implements Operator {

    public static final OperatorSpec SPEC = OperatorSpec.builder("geometry.split_rgb", "Split RGB into channels")
            .category("Geometry")
            .description("Turns an rgb8 (rgba8) image into a uint8 image with 3 (4) channels: red, green, blue "
                    + "(, alpha), as numpy's moveaxis(rgb, -1, 0). An image that already has several channels gets "
                    + "3 (4) per input channel, in order (channel 0's red, green, blue, then channel 1's). Spatial "
                    + "calibration, time and metadata are kept; values are unchanged. Other pixel types are refused.")
            .reference("numpy.moveaxis; ImageJ Image > Color > Split Channels")
            .outputType("uint8")
            .input(Port.image("image", "An rgb8 or rgba8 image"))
            .output(Port.image("channels", "One uint8 channel per colour sample"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        ImageHeader header = input.header();
        PixelType type = header.pixelType();
        if (type != PixelType.RGB8 && type != PixelType.RGBA8) {
            throw new IllegalArgumentException("geometry.split_rgb takes an rgb8 or rgba8 image, got " + type.label()
                    + "; single-sample images need no splitting (use geometry.extract to pick a channel)");
        }
        int samples = type.samplesPerPixel();
        long[] dims = header.dimensions();
        List<AxisCalibration> axes = new ArrayList<>(header.axes());
        axes.set(Axis.C.ordinal(), AxisCalibration.uncalibrated(Axis.C, dims[3] * samples));
        ArrayImage result = context.allocate(header.withAxes(axes).withPixelType(PixelType.UINT8));
        long plane = dims[0] * dims[1];
        long planes = dims[2] * dims[3] * dims[4];
        context.monitor().begin(SPEC.name(), planes);
        try {
            context.forEach(Math.toIntExact(planes), n -> {
                long z = n % dims[2];
                long c = (n / dims[2]) % dims[3];
                long t = n / (dims[2] * dims[3]);
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment pixels = input.readPlane(z, c, t, arena);
                    for (int s = 0; s < samples; s++) {
                        long outC = c * samples + s;
                        long to = plane * (z + dims[2] * (outC + dims[3] * samples * t));
                        for (long i = 0; i < plane; i++) {
                            result.values().set(ValueLayout.JAVA_BYTE, to + i,
                                    pixels.get(ValueLayout.JAVA_BYTE, i * samples + s));
                        }
                    }
                }
            });
        } finally {
            context.monitor().done();
        }
        return Outputs.ofImage(SPEC, result);
    }
}
