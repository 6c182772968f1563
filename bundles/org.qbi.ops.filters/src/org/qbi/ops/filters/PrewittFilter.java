package org.qbi.ops.filters;

import org.qbi.ops.OperatorSpec;

/**
 * Prewitt gradient magnitude, as the root of the summed squares of scipy.ndimage.prewitt along each axis.
 *
 * @since 0.1
 */
public final class PrewittFilter extends GradientMagnitude {

    public static final OperatorSpec SPEC = spec("filter.prewitt", "Prewitt gradient magnitude", "prewitt",
            "[1, 1, 1]").build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    float[] smoothing() {
        return new float[] { 1, 1 };
    }
}
