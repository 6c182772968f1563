package org.qbi.ops.point;

import java.io.IOException;
import java.util.Arrays;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.engine.PointOperator;
import org.qbi.ops.point.internal.Arithmetic;

/** Histogram equalization by the cumulative distribution: {@code point.equalize}, skimage.exposure.equalize_hist. */
public final class EqualizeHistogram extends PointOperator {

    public static final Param<Integer> BINS = Param.integer("bins", "Bins",
            "Histogram bins for floating-point images (integer images use one bin per value, as scikit-image)", 256)
            .range(2, 1 << 20);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.equalize", "Equalize histogram")
            .category("Point operations")
            .description("Global histogram equalization as skimage.exposure.equalize_hist: each value is mapped "
                    + "through the image's normalised cumulative histogram (CDF), linearly interpolated between bin "
                    + "centres (numpy.interp), giving values in (0, 1]. The histogram is scikit-image's: one bin "
                    + "per integer value for integer images, 'bins' equal bins over min..max for floating-point "
                    + "ones (NaN and infinities left out, and mapped to NaN, 0 and 1). Output float32 (float64 for "
                    + "float64 input; skimage gives float64 for integer input: values agree to float32 precision). "
                    + "Per channel and time point is not separated: one image, one channel, one time point.")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 3rd ed., section 3.3.1; "
                    + "skimage.exposure.equalize_hist")
            .outputType("float32 (float64 for float64 input)")
            .parameters(BINS)
            .input(Port.image("image", "Image"))
            .output(Port.image("equalized", "Equalized image, values in (0, 1]"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException {
        PixelType type = input.header().pixelType();
        long[] dims = input.header().dimensions();
        if (dims[3] * dims[4] > 1) {
            throw new IllegalArgumentException("point.equalize works on one channel and time point; the image has "
                    + dims[3] + " channels and " + dims[4] + " time points: split it first");
        }
        Histogram histogram = Histogram.of(input, 0, 0, arguments.get(BINS), context);
        double[] x = histogram.centers();
        double[] cdf = new double[x.length];
        double sum = 0;
        for (int i = 0; i < cdf.length; i++) {
            sum += histogram.count(i);
            cdf[i] = sum;
        }
        for (int i = 0; i < cdf.length; i++) {
            cdf[i] = cdf[i] / sum;
            if (type == PixelType.FLOAT32) {
                cdf[i] = (float) cdf[i]; // skimage casts the CDF to float32 for float32 images
            }
        }
        double[] slopes = new double[Math.max(1, x.length - 1)];
        for (int i = 0; i + 1 < x.length; i++) {
            slopes[i] = (cdf[i + 1] - cdf[i]) / (x[i + 1] - x[i]);
        }
        var kernel = Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = (float) interpolate(a[i], x, cdf, slopes);
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = interpolate(a[i], x, cdf, slopes);
            }
        });
        return new Plan(kernel, Arithmetic.floatType(type), PixelStream.Precision.FLOAT64, Cast.ROUND, false);
    }

    /** numpy.interp(v, x, y) with precomputed slopes. */
    static double interpolate(double v, double[] x, double[] y, double[] slopes) {
        int last = x.length - 1;
        if (!(v == v)) {
            return Double.NaN;
        }
        if (v <= x[0]) {
            return y[0];
        }
        if (v >= x[last]) {
            return y[last];
        }
        int j = Arrays.binarySearch(x, v);
        if (j >= 0) {
            return y[j];
        }
        j = -j - 2; // x[j] < v < x[j + 1]
        return slopes[j] * (v - x[j]) + y[j];
    }
}
