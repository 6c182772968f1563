package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ImageArithmetic;

/** Multiplies the first image by the second, pixel by pixel: {@code point.multiply_images}. */
public final class MultiplyImages extends ImageArithmetic {

    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.multiply_images", "Multiply images", "Multiplies the first image by the second");

    public MultiplyImages() {
        super(Arithmetic.MULTIPLY);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
