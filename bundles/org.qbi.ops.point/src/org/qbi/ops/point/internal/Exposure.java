package org.qbi.ops.point.internal;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.point.engine.PointKernel;
import org.qbi.ops.point.engine.ValueRange;

/** What the exposure corrections (gamma, log) share with skimage.exposure. */
public final class Exposure {

    private Exposure() {
    }

    /**
     * The input's type after checking it holds no negative value (skimage refuses them).
     *
     * @throws IllegalArgumentException for label images and images with negative values
     */
    public static PixelType checkNonNegative(Image input, String operator, OperatorContext context) throws IOException {
        PixelType type = input.header().pixelType();
        if (type == PixelType.LABEL32) {
            throw new IllegalArgumentException(operator + ": a label image (label32) holds identities, not "
                    + "intensities");
        }
        if (type.isSigned()) {
            long[] dims = input.header().dimensions();
            for (long t = 0; t < dims[4]; t++) {
                for (long c = 0; c < dims[3]; c++) {
                    ValueRange range = ValueRange.of(input, c, t, context);
                    if (range.min() < 0) {
                        throw new IllegalArgumentException(operator + " works on images without negative values; "
                                + "this one has values down to " + range.min() + ": shift or rescale it first "
                                + "(point.rescale)");
                    }
                }
            }
        }
        return type;
    }

    /** skimage's scale: the type's maximum for integer types, 1 for floating-point ones. */
    public static double scale(PixelType type) {
        return type.isInteger() ? type.maxValue() : 1;
    }

    /** {@code out = lut[(int) in]} for uint8 inputs. */
    public static PointKernel lookup(float[] lut) {
        return Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = lut[(int) a[i]];
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = lut[(int) a[i]];
            }
        });
    }
}
