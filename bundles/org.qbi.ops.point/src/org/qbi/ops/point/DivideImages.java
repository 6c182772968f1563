package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ImageArithmetic;

/** Divides the first image by the second, pixel by pixel: {@code point.divide_images}. */
public final class DivideImages extends ImageArithmetic {

    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.divide_images", "Divide images", "Divides the first image by the second");

    public DivideImages() {
        super(Arithmetic.DIVIDE);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
