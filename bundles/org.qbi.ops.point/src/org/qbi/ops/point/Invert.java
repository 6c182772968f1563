package org.qbi.ops.point;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.engine.PointOperator;
import org.qbi.ops.point.engine.ValueRange;
import org.qbi.ops.point.internal.Kernels;

/** Inverts intensities: {@code point.invert}. */
public final class Invert extends PointOperator {

    /** Which range is mirrored. */
    public enum Range {
        /** The pixel type's range: max - v for unsigned integers, -1 - v for signed ones, -v for floats. */
        TYPE,
        /** The image's own range: min + max - v (ImageJ's Edit &gt; Invert on 16-bit and float images). */
        IMAGE
    }

    public static final Param<Range> RANGE = Param.choice("range", "Range",
            "type: mirror the pixel type's range (skimage.util.invert; -v for floats); image: mirror the image's "
                    + "own min..max", Range.class, Range.TYPE);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.invert", "Invert")
            .category("Point operations")
            .description("Inverts intensities. range=type (default) mirrors the pixel type's range as "
                    + "skimage.util.invert does for integers: max - v for unsigned types (255 - v for uint8), "
                    + "-1 - v for signed ones (min + max - v), and -v for floating-point images (skimage's "
                    + "signed_float=True; its default 1 - v assumes images in [0, 1]). range=image mirrors the "
                    + "image's own range: min + max - v, per channel and time point. Label images are refused.")
            .reference("skimage.util.invert (https://scikit-image.org/docs/stable/api/skimage.util.html#invert); "
                    + "ImageJ Edit > Invert")
            .outputType("same as input")
            .parameters(RANGE)
            .input(Port.image("image", "Image"))
            .output(Port.image("inverted", "Inverted image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException {
        PixelType type = input.header().pixelType();
        if (type == PixelType.LABEL32) {
            throw new IllegalArgumentException("point.invert: a label image (label32) holds identities, not "
                    + "intensities; nothing to invert");
        }
        double sum;
        if (arguments.get(RANGE) == Range.IMAGE) {
            long[] dims = input.header().dimensions();
            if (dims[3] * dims[4] > 1) {
                throw new IllegalArgumentException("point.invert range=image works on one channel and time point; "
                        + "the image has " + dims[3] + " channels and " + dims[4] + " time points: use range=type "
                        + "or split it first");
            }
            ValueRange range = ValueRange.of(input, 0, 0, context);
            sum = range.min() + range.max();
        } else {
            sum = type.isInteger() ? type.minValue() + type.maxValue() : 0;
        }
        return new Plan(Kernels.linear(-1, sum), type, PixelStream.Precision.forTypes(type), Cast.ROUND, true);
    }
}
