package org.qbi.ops.point;

import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.ImageArithmetic;

/** Adds the second image to the first, pixel by pixel: {@code point.add_images}. */
public final class AddImages extends ImageArithmetic {

    public static final Param<ResultType> OUTPUT = OUTPUT_PARAM;

    public static final OperatorSpec SPEC = spec("point.add_images", "Add images", "Adds the second image to the first");

    public AddImages() {
        super(Arithmetic.ADD);
    }

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }
}
