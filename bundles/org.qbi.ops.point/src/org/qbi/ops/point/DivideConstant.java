package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ConstantArithmetic;

/** Divides every pixel by a constant: {@code point.divide}. */
public final class DivideConstant extends ConstantArithmetic {

    public static final Param<Double> VALUE = VALUE_PARAM;
    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.divide", "Divide by constant", "Divides every pixel by the value", VALUE);

    public DivideConstant() {
        super(Arithmetic.DIVIDE);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
