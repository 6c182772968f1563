package org.qbi.ops.point;

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
import org.qbi.ops.point.internal.Kernels;

/** Clips values to [min, max]: {@code point.clamp}, numpy.clip. */
public final class Clamp extends PointOperator {

    public static final Param<Double> MIN = Param.real("min", "Minimum", "Values below become this", 0);
    public static final Param<Double> MAX = Param.real("max", "Maximum", "Values above become this", 255);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.clamp", "Clamp")
            .category("Point operations")
            .description("Clips every value to [min, max] (numpy.clip): values below min become min, above max "
                    + "become max; NaN stays NaN. The output has the input's type; for integer images min and max "
                    + "are first rounded to integers of the type's range.")
            .reference("numpy.clip (https://numpy.org/doc/stable/reference/generated/numpy.clip.html)")
            .outputType("same as input")
            .parameters(MIN, MAX)
            .input(Port.image("image", "Image"))
            .output(Port.image("clamped", "Clamped image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) {
        double min = arguments.get(MIN);
        double max = arguments.get(MAX);
        if (!(min <= max)) {
            throw new IllegalArgumentException("point.clamp: min (" + min + ") must not be above max (" + max + ")");
        }
        PixelType type = input.header().pixelType();
        return new Plan(Kernels.clamp(min, max), type, PixelStream.Precision.forTypes(type), Cast.ROUND, true);
    }
}
