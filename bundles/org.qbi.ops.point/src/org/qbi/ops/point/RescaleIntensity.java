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
import org.qbi.ops.point.engine.Quantiles;
import org.qbi.ops.point.engine.ValueRange;
import org.qbi.ops.point.internal.Arithmetic;

/** Stretches or shrinks intensities: {@code point.rescale}, skimage.exposure.rescale_intensity. */
public final class RescaleIntensity extends PointOperator {

    /** Where the input range comes from. */
    public enum InRange {
        /** The image's min and max. */
        IMAGE,
        /** in_low and in_high as values. */
        VALUES,
        /** in_low and in_high as percentiles (0..100) of the image's values. */
        PERCENTILES,
        /** The pixel type's range (0..1 for floating-point images, as skimage's 'dtype'). */
        TYPE
    }

    /** Where the output range comes from. */
    public enum OutRange {
        /** The pixel type's range (skimage's out_range='dtype'); output in the input's type. */
        TYPE,
        /** out_low and out_high; output float32 (float64 for float64 input). */
        VALUES
    }

    public static final Param<InRange> IN_RANGE = Param.choice("in_range", "Input range",
            "image: the image's min..max; values: in_low..in_high; percentiles: the in_low-th..in_high-th "
                    + "percentiles; type: the pixel type's range", InRange.class, InRange.IMAGE);
    public static final Param<Double> IN_LOW = Param.real("in_low", "Input low",
            "Lowest input value (a value or a percentile, see in_range)", 2);
    public static final Param<Double> IN_HIGH = Param.real("in_high", "Input high",
            "Highest input value (a value or a percentile, see in_range)", 98);
    public static final Param<OutRange> OUT_RANGE = Param.choice("out_range", "Output range",
            "type: the pixel type's range, output in the input's type; values: out_low..out_high, output float",
            OutRange.class, OutRange.TYPE);
    public static final Param<Double> OUT_LOW = Param.real("out_low", "Output low", "Lowest output value", 0);
    public static final Param<Double> OUT_HIGH = Param.real("out_high", "Output high", "Highest output value", 1);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.rescale", "Rescale intensity")
            .category("Point operations")
            .description("Maps the input range linearly onto the output range, clipping values outside the input "
                    + "range, as skimage.exposure.rescale_intensity: out = (clip(v, imin, imax) - imin) / (imax - "
                    + "imin) * (omax - omin) + omin. The input range is the image's min..max, two values, two "
                    + "percentiles (numpy.percentile, linear interpolation; contrast stretching) or the type's "
                    + "range. out_range=type gives the input's type over its range (0..max when the input range is "
                    + "not negative, as skimage's clip_negative; 0..1 for floats), values truncated toward zero as "
                    + "skimage's astype does; out_range=values gives float32 (float64 for float64 input). Computed "
                    + "in float32 for float32 images and float64 otherwise, as numpy does. The range statistics "
                    + "are taken per channel and time point; imin = imax gives omin.")
            .reference("skimage.exposure.rescale_intensity (https://scikit-image.org/docs/stable/api/"
                    + "skimage.exposure.html#rescale-intensity)")
            .outputType("same as input (out_range=type) or float32")
            .parameters(IN_RANGE, IN_LOW, IN_HIGH, OUT_RANGE, OUT_LOW, OUT_HIGH)
            .input(Port.image("image", "Image"))
            .output(Port.image("rescaled", "Rescaled image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException {
        PixelType type = input.header().pixelType();
        long[] dims = input.header().dimensions();
        InRange inRange = arguments.get(IN_RANGE);
        if (dims[3] * dims[4] > 1 && (inRange == InRange.IMAGE || inRange == InRange.PERCENTILES)) {
            throw new IllegalArgumentException("point.rescale with in_range=" + inRange.name().toLowerCase()
                    + " works on one channel and time point; the image has " + dims[3] + " channels and " + dims[4]
                    + " time points: split it first or give in_range=values");
        }
        double imin;
        double imax;
        switch (inRange) {
            case IMAGE -> {
                ValueRange range = ValueRange.of(input, 0, 0, context);
                imin = range.min();
                imax = range.max();
            }
            case VALUES -> {
                imin = arguments.get(IN_LOW);
                imax = arguments.get(IN_HIGH);
            }
            case PERCENTILES -> {
                double[] p = Quantiles.of(input, 0, 0, new double[] { arguments.get(IN_LOW), arguments.get(IN_HIGH) },
                        context);
                imin = p[0];
                imax = p[1];
            }
            default -> {
                imin = type.isInteger() ? type.minValue() : -1;
                imax = type.isInteger() ? type.maxValue() : 1;
            }
        }
        if (!(imin <= imax)) {
            throw new IllegalArgumentException("point.rescale: the input range " + imin + " .. " + imax
                    + " is empty or not a number; give in_low <= in_high");
        }
        OutRange outRange = arguments.get(OUT_RANGE);
        PixelType outType;
        double omin;
        double omax;
        if (outRange == OutRange.TYPE) {
            outType = type;
            omin = type.isInteger() ? type.minValue() : -1;
            omax = type.isInteger() ? type.maxValue() : 1;
            if (imin >= 0) {
                omin = Math.max(0, omin);
            }
        } else {
            outType = Arithmetic.floatType(type);
            omin = arguments.get(OUT_LOW);
            omax = arguments.get(OUT_HIGH);
        }
        double lo = imin;
        double hi = imax;
        double span = imax - imin;
        double outSpan = omax - omin;
        double outLow = omin;
        double outHigh = omax;
        float lo32 = (float) lo;
        float hi32 = (float) hi;
        float span32 = (float) span;
        float outSpan32 = (float) outSpan;
        float outLow32 = (float) outLow;
        float outHigh32 = (float) outHigh;
        boolean constant = span == 0;
        var kernel = new org.qbi.ops.point.engine.PointKernel() {
            @Override
            public void floats(float[][] in, float[] out, int n) {
                float[] a = in[0];
                if (constant) {
                    for (int i = 0; i < n; i++) {
                        out[i] = Math.min(Math.max(Math.min(Math.max(a[i], lo32), hi32), outLow32), outHigh32);
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    float v = Math.min(Math.max(a[i], lo32), hi32);
                    out[i] = (v - lo32) / span32 * outSpan32 + outLow32;
                }
            }

            @Override
            public void doubles(double[][] in, double[] out, int n) {
                double[] a = in[0];
                if (constant) {
                    for (int i = 0; i < n; i++) {
                        out[i] = Math.min(Math.max(Math.min(Math.max(a[i], lo), hi), outLow), outHigh);
                    }
                    return;
                }
                for (int i = 0; i < n; i++) {
                    double v = Math.min(Math.max(a[i], lo), hi);
                    out[i] = (v - lo) / span * outSpan + outLow;
                }
            }
        };
        PixelStream.Precision precision = type == PixelType.FLOAT32 ? PixelStream.Precision.FLOAT32
                : PixelStream.Precision.FLOAT64;
        return new Plan(kernel, outType, precision, Cast.TRUNCATE, false);
    }
}
