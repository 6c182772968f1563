package org.qbi.ops.point.internal;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.ResultType;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.engine.PointOperator;

/** Shared body of point.add, point.subtract, point.multiply and point.divide. */
public abstract class ConstantArithmetic extends PointOperator {

    public static final Param<Double> VALUE_PARAM = Param.requiredReal("value", "Value", "The constant");
    public static final Param<ResultType> OUTPUT_PARAM = Param.choice("output", "Output type",
            "float: float32 (float64 for float64 and 32-bit integer inputs), no clipping; same: the input's type, "
                    + "rounded half to even and clipped to its range", ResultType.class, ResultType.FLOAT);

    private final Arithmetic operation;

    protected ConstantArithmetic(Arithmetic operation) {
        this.operation = operation;
    }

    /** The declaration shared by the four operators. */
    public static OperatorSpec spec(String id, String name, String what, Param<Double> value) {
        return OperatorSpec.builder(id, name)
                .category("Point operations")
                .description(what + " (each channel and time point alike). Computed in float32 for images "
                        + "of up to 16 bits and float32 (numpy computes uint8/uint16 with a Python float in float64: "
                        + "results then differ by float32 rounding), in float64 for float64 and 32-bit integer images. "
                        + "Output float32 (float64 for float64 and 32-bit integer inputs) by default, no clipping, "
                        + "IEEE division (x / 0 is +-inf, 0 / 0 is NaN); with output=same the input's type, rounded "
                        + "half to even and clipped to its range (infinities saturate, NaN becomes 0).")
                .reference("numpy arithmetic (https://numpy.org/doc/stable/reference/ufuncs.html); ImageJ Process > "
                        + "Math (https://imagej.net/ij/docs/menus/process.html#math)")
                .outputType("float32 (float64 for float64/int32/uint32 inputs), or the input's type with output=same")
                .parameters(value, OUTPUT_PARAM)
                .input(Port.image("image", "Image"))
                .output(Port.image("result", "Result"))
                .build();
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) {
        PixelType type = input.header().pixelType();
        if (type == PixelType.LABEL32) {
            throw new IllegalArgumentException(spec().id() + ": the input is a label image (label32), whose values "
                    + "are identities, not intensities; convert it first (point.convert type=uint32)");
        }
        double value = arguments.get(VALUE_PARAM);
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException(spec().id() + ": value must be a finite number, got " + value);
        }
        ResultType output = arguments.get(OUTPUT_PARAM);
        PixelType outType = output == ResultType.SAME ? type : Arithmetic.floatType(type);
        return new Plan(operation.withConstant(value), outType, PixelStream.Precision.forTypes(type, outType),
                Cast.ROUND, true);
    }
}
