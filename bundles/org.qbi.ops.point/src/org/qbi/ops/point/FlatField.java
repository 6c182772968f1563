package org.qbi.ops.point;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.PixelStream;
import org.qbi.ops.point.internal.Arithmetic;

/** Flat-field (open-beam) normalization: {@code point.flatfield}. */
public final class FlatField implements Operator {

    public static final Param<Double> INVALID = Param.real("invalid", "Invalid value",
            "Result where the open beam is not above the dark image (open - dark <= 0)", 0);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.flatfield", "Flat-field normalization")
            .category("Point operations")
            .description("Normalises a radiograph or projection by its flat field: (image - dark) / (open_beam - "
                    + "dark), pixel by pixel, giving the transmission (about 0..1) as neutron and X-ray imaging do "
                    + "before tomographic reconstruction. The dark and open-beam images either have the image's size "
                    + "or are one 2D frame (z = 1, the image's x and y) applied to every slice of a stack of "
                    + "projections, as numpy broadcasts (stack - dark) / (open - dark). Where open_beam - "
                    + "dark is zero or negative (dead or saturated detector pixels) the division is not made and "
                    + "the result is the 'invalid' value (default 0), never an infinity or NaN. Computed in float32 "
                    + "(float64 if an input is float64 or a 32-bit integer image); the image's calibration is kept, "
                    + "its rescale dropped (the result is a ratio).")
            .reference("Kaestner AP et al. Spatiotemporal analysis of neutron imaging data, e.g. Lehmann E, Kaestner "
                    + "A (eds.) Neutron Imaging, 2017; Seibert JA et al. Flat-field correction technique for digital "
                    + "detectors, Proc. SPIE 3336 (1998)")
            .outputType("float32 (float64 if an input is float64/int32/uint32)")
            .parameters(INVALID)
            .input(Port.image("image", "The projection or radiograph"))
            .input(Port.image("dark", "Dark image (detector offset, beam off)"))
            .input(Port.image("open_beam", "Open-beam (flat) image, beam on without sample"))
            .output(Port.image("normalized", "Transmission image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image image = inputs.image("image");
        Image dark = inputs.image("dark");
        Image open = inputs.image("open_beam");
        checkFrame("dark", dark, image);
        checkFrame("open_beam", open, image);
        PixelType outType = Arithmetic.floatType(image.header().pixelType(), dark.header().pixelType(),
                open.header().pixelType());
        double invalid = arguments.get(INVALID);
        float invalid32 = (float) invalid;
        var kernel = Arithmetic.kernel((in, out, n) -> {
            float[] v = in[0];
            float[] d = in[1];
            float[] o = in[2];
            for (int i = 0; i < n; i++) {
                float denominator = o[i] - d[i];
                out[i] = denominator > 0 ? (v[i] - d[i]) / denominator : invalid32;
            }
        }, (in, out, n) -> {
            double[] v = in[0];
            double[] d = in[1];
            double[] o = in[2];
            for (int i = 0; i < n; i++) {
                double denominator = o[i] - d[i];
                out[i] = denominator > 0 ? (v[i] - d[i]) / denominator : invalid;
            }
        });
        ImageHeader header = image.header().withPixelType(outType).withRescale(Rescale.IDENTITY);
        Image result = PixelStream.map(List.of(image, dark, open), header,
                PixelStream.Precision.forTypes(outType), Cast.ROUND, (c, t) -> kernel, context, SPEC.name(), true);
        return Outputs.ofImage(SPEC, result);
    }

    /** The image's size, or one x-y frame of it; else an error naming the sizes and what would fit. */
    private static void checkFrame(String name, Image frame, Image image) {
        long[] f = frame.header().dimensions();
        long[] d = image.header().dimensions();
        if (!java.util.Arrays.equals(f, d) && !PixelStream.isPlaneOf(f, d)) {
            throw new IllegalArgumentException(SPEC.id() + ": the " + name + " image is " + f[0] + " x " + f[1]
                    + " x " + f[2] + " (channels " + f[3] + ", time points " + f[4] + "), the image " + d[0] + " x "
                    + d[1] + " x " + d[2] + " (channels " + d[3] + ", time points " + d[4] + "); give a " + name
                    + " of the same size or one " + d[0] + " x " + d[1] + " frame");
        }
    }
}
