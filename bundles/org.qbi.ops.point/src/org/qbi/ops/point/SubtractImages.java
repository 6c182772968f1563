package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ImageArithmetic;

/** Subtracts the second image from the first, pixel by pixel: {@code point.subtract_images}. */
public final class SubtractImages extends ImageArithmetic {

    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.subtract_images", "Subtract images", "Subtracts the second image from the first");

    public SubtractImages() {
        super(Arithmetic.SUBTRACT);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
