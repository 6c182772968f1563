package org.qbi.ops.point;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.engine.PointOperator;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.Exposure;

/** Logarithmic correction: {@code point.log}, skimage.exposure.adjust_log. */
public final class LogCorrection extends PointOperator {

    public static final Param<Double> GAIN = Param.real("gain", "Gain", "Multiplier", 1).range(0, 1e6);
    public static final Param<Boolean> INVERSE = Param.flag("inverse", "Inverse",
            "Apply the inverse (exponential) correction instead", false);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.log", "Log correction")
            .category("Point operations")
            .description("Logarithmic correction as skimage.exposure.adjust_log: out = gain * scale * log2(1 + v / "
                    + "scale), or with inverse=true out = gain * scale * (2^(v / scale) - 1), where scale is the "
                    + "type's maximum for integer images and 1 for floating-point images. Output in the input's "
                    + "type, truncated toward zero as skimage does, clipped to the type's range. Negative values are "
                    + "refused. Computed in float32 for float32 images, float64 otherwise.")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 3rd ed., section 3.2.2; "
                    + "skimage.exposure.adjust_log")
            .outputType("same as input")
            .parameters(GAIN, INVERSE)
            .input(Port.image("image", "Image (values >= 0)"))
            .output(Port.image("corrected", "Corrected image"))
            .build();

    private static final double LN2 = Math.log(2);

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException {
        PixelType type = Exposure.checkNonNegative(input, "point.log", context);
        double gain = arguments.get(GAIN);
        boolean inverse = arguments.get(INVERSE);
        double scale = Exposure.scale(type);
        float gain32 = (float) gain;
        var kernel = inverse ? Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = ((float) Math.pow(2, a[i]) - 1f) * gain32;
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = (Math.pow(2, a[i] / scale) - 1) * scale * gain;
            }
        }) : Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = (float) (Math.log1p(a[i]) / LN2) * gain32;
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = log2(1 + a[i] / scale) * scale * gain;
            }
        });
        PixelStream.Precision precision = type == PixelType.FLOAT32 ? PixelStream.Precision.FLOAT32
                : PixelStream.Precision.FLOAT64;
        return new Plan(kernel, type, precision, Cast.TRUNCATE, false);
    }

    private static double log2(double x) {
        return Math.log(x) / LN2;
    }
}
