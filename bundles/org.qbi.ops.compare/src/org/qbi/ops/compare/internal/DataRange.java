package org.qbi.ops.compare.internal;

import org.qbi.core.image.PixelType;

/**
 * scikit-image's default data range of an image type (skimage.util.dtype_range) and the checks around it.
 */
public final class DataRange {

    private DataRange() {
    }

    /**
     * The range skimage assumes for {@code type}: integer types their full range, floating point -1 .. 1.
     */
    public static double[] ofType(PixelType type) {
        if (type.isInteger()) {
            return new double[] { type.minValue(), type.maxValue() };
        }
        return new double[] { -1, 1 };
    }

    /**
     * Refuses floating-point images when no range is given: skimage's (-1, 1) convention rarely fits measured
     * data, and a wrong range silently scales PSNR and SSIM.
     */
    public static void requireGivenForFloat(String operator, PixelType type, double given) {
        if (given <= 0 && !type.isInteger()) {
            throw new IllegalArgumentException(operator + " needs data_range for a " + type.label() + " image (the "
                    + "span of possible values, e.g. max - min of the reference); integer images default to their "
                    + "type's range");
        }
    }
}
