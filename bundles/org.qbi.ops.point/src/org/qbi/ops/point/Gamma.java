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
import org.qbi.ops.point.engine.PointKernel;
import org.qbi.ops.point.engine.PointOperator;
import org.qbi.ops.point.internal.Arithmetic;
import org.qbi.ops.point.internal.Exposure;

/** Gamma correction: {@code point.gamma}, skimage.exposure.adjust_gamma. */
public final class Gamma extends PointOperator {

    public static final Param<Double> GAMMA = Param.real("gamma", "Gamma",
            "Exponent: below 1 brightens dark regions, above 1 darkens them", 1).range(0, 100);
    public static final Param<Double> GAIN = Param.real("gain", "Gain", "Multiplier applied after the power", 1)
            .range(0, 1e6);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.gamma", "Gamma correction")
            .category("Point operations")
            .description("Power-law (gamma) correction as skimage.exposure.adjust_gamma: out = gain * scale * (v / "
                    + "scale)^gamma, where scale is the type's maximum for integer images (255 for uint8, 65535 for "
                    + "uint16, 32767 for int16) and 1 for floating-point images. Output in the input's type, "
                    + "truncated toward zero as skimage does (uint8 through skimage's 256-entry table); results "
                    + "above the type's maximum are clipped (skimage lets them wrap around). Negative values are "
                    + "refused, as skimage refuses them. Computed in float32 for float32 images, float64 otherwise.")
            .reference("Gonzalez RC, Woods RE. Digital Image Processing, 3rd ed., section 3.2.3; "
                    + "skimage.exposure.adjust_gamma")
            .outputType("same as input")
            .parameters(GAMMA, GAIN)
            .input(Port.image("image", "Image (values >= 0)"))
            .output(Port.image("corrected", "Corrected image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException {
        PixelType type = Exposure.checkNonNegative(input, "point.gamma", context);
        double gamma = arguments.get(GAMMA);
        double gain = arguments.get(GAIN);
        PointKernel kernel;
        if (type == PixelType.UINT8) {
            float[] lut = new float[256];
            double step = 1.0 / 255;
            for (int i = 0; i < 256; i++) {
                double x = i == 255 ? 1.0 : i * step;
                lut[i] = (float) Math.min(255 * gain * Math.pow(x, gamma), 255);
            }
            kernel = Exposure.lookup(lut);
        } else {
            double scale = Exposure.scale(type);
            float gain32 = (float) gain;
            kernel = Arithmetic.kernel((in, out, n) -> {
                float[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = (float) Math.pow(a[i], gamma) * gain32;
                }
            }, (in, out, n) -> {
                double[] a = in[0];
                for (int i = 0; i < n; i++) {
                    out[i] = Math.pow(a[i] / scale, gamma) * scale * gain;
                }
            });
        }
        PixelStream.Precision precision = type == PixelType.FLOAT32 ? PixelStream.Precision.FLOAT32
                : PixelStream.Precision.FLOAT64;
        return new Plan(kernel, type, precision, Cast.TRUNCATE, false);
    }
}
