package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ConstantArithmetic;

/** Adds a constant to every pixel: {@code point.add}. */
public final class AddConstant extends ConstantArithmetic {

    public static final Param<Double> VALUE = VALUE_PARAM;
    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.add", "Add constant", "Adds the value to every pixel", VALUE);

    public AddConstant() {
        super(Arithmetic.ADD);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
