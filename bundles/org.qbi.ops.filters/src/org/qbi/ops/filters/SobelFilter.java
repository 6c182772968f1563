package org.qbi.ops.filters;

import org.qbi.ops.OperatorSpec;

/**
 * Sobel gradient magnitude, as the root of the summed squares of scipy.ndimage.sobel along each axis.
 *
 * @since 0.1
 */
public final class SobelFilter extends GradientMagnitude {

    public static final OperatorSpec SPEC = spec("filter.sobel", "Sobel gradient magnitude", "sobel", "[1, 2, 1]")
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    float[] smoothing() {
        return new float[] { 2, 1 };
    }
}
