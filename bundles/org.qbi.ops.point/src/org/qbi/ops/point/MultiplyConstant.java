package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ConstantArithmetic;

/** Multiplies every pixel by a constant: {@code point.multiply}. */
public final class MultiplyConstant extends ConstantArithmetic {

    public static final Param<Double> VALUE = VALUE_PARAM;
    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.multiply", "Multiply by constant", "Multiplies every pixel by the value", VALUE);

    public MultiplyConstant() {
        super(Arithmetic.MULTIPLY);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
