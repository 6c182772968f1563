package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ConstantArithmetic;

/** Subtracts a constant from every pixel: {@code point.subtract}. */
public final class SubtractConstant extends ConstantArithmetic {

    public static final Param<Double> VALUE = VALUE_PARAM;
    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.subtract", "Subtract constant", "Subtracts the value from every pixel", VALUE);

    public SubtractConstant() {
        super(Arithmetic.SUBTRACT);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
