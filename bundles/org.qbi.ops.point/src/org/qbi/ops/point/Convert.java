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
import org.qbi.ops.point.engine.ValueRange;
import org.qbi.ops.point.internal.Kernels;

/** Converts to another pixel type, clipping or scaling: {@code point.convert}. */
public final class Convert extends PointOperator {

    /** The target types. */
    public enum Target {
        UINT8(PixelType.UINT8), INT8(PixelType.INT8), UINT16(PixelType.UINT16), INT16(PixelType.INT16),
        UINT32(PixelType.UINT32), INT32(PixelType.INT32), FLOAT32(PixelType.FLOAT32), FLOAT64(PixelType.FLOAT64);

        final PixelType type;

        Target(PixelType type) {
            this.type = type;
        }
    }

    /** How values are brought into the target type. */
    public enum Scaling {
        /** Values kept, clipped to the target's range and rounded (numpy: np.clip then np.rint, astype). */
        CLIP,
        /**
         * The image's min..max (per run, over all channels and time points) mapped linearly onto the target's
         * range, 0..1 for floating-point targets (ImageJ's "scale when converting").
         */
        RANGE,
        /**
         * The source type's range mapped onto the target's (skimage.util.img_as_*: uint8 255 becomes uint16 65535,
         * float 0..1 becomes 0..255); floating-point types stand for 0..1.
         */
        TYPE
    }

    public static final Param<Target> TYPE = Param.choice("type", "Type", "The pixel type to convert to", Target.class,
            Target.FLOAT32);
    public static final Param<Scaling> SCALING = Param.choice("scaling", "Scaling",
            "clip: keep values, clipped to the target range; range: map the image's min..max to the target range; "
                    + "type: map the source type's range to the target type's (0..1 for floats)", Scaling.class,
            Scaling.CLIP);

    public static final OperatorSpec SPEC = OperatorSpec.builder("point.convert", "Convert type")
            .category("Point operations")
            .description("Converts to another pixel type. scaling=clip keeps the values: clipped to the target "
                    + "type's range and, for integer targets, rounded half to even (NaN becomes 0). scaling=range "
                    + "maps the image's finite min..max (over all channels and time points) linearly onto the target "
                    + "type's full range (0..1 for float targets), as ImageJ does when converting with scaling. "
                    + "scaling=type maps the source type's range onto the target type's (skimage.util.img_as_ubyte, "
                    + "img_as_uint, img_as_float: floating-point images stand for 0..1; signed types map their "
                    + "full range, e.g. int16 -32768..32767 onto uint8 0..255). Computed in float64. The rescale "
                    + "to physical values is kept with clip and dropped otherwise.")
            .reference("skimage.util.img_as_* (https://scikit-image.org/docs/stable/user_guide/data_types.html); "
                    + "ImageJ Image > Type")
            .outputType("the chosen type")
            .parameters(TYPE, SCALING)
            .input(Port.image("image", "Image"))
            .output(Port.image("converted", "Converted image"))
            .build();

    @Override
    public OperatorSpec spec() {
        return SPEC;
    }

    @Override
    protected Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException {
        PixelType source = input.header().pixelType();
        PixelType target = arguments.get(TYPE).type;
        Scaling scaling = arguments.get(SCALING);
        double targetMin = target.isInteger() ? target.minValue() : 0;
        double targetMax = target.isInteger() ? target.maxValue() : 1;
        PointKernel kernel = switch (scaling) {
            case CLIP -> Kernels.clamp(target.isInteger() ? target.minValue() : -Double.MAX_VALUE,
                    target.isInteger() ? target.maxValue() : Double.MAX_VALUE);
            case RANGE -> {
                double min = Double.POSITIVE_INFINITY;
                double max = Double.NEGATIVE_INFINITY;
                long[] dims = input.header().dimensions();
                for (long t = 0; t < dims[4]; t++) {
                    for (long c = 0; c < dims[3]; c++) {
                        ValueRange range = ValueRange.of(input, c, t, context);
                        if (!range.isEmpty()) {
                            min = Math.min(min, range.min());
                            max = Math.max(max, range.max());
                        }
                    }
                }
                yield linearMap(min, max, targetMin, targetMax);
            }
            case TYPE -> {
                double sourceMin = source.isInteger() ? source.minValue() : 0;
                double sourceMax = source.isInteger() ? source.maxValue() : 1;
                yield linearMap(sourceMin, sourceMax, targetMin, targetMax);
            }
        };
        // float32 -> float32 with clip is a copy; float64 arithmetic keeps every other case exact before rounding
        return new Plan(kernel, target, PixelStream.Precision.FLOAT64, Cast.ROUND, scaling == Scaling.CLIP);
    }

    private static PointKernel linearMap(double fromMin, double fromMax, double toMin, double toMax) {
        if (!(fromMax > fromMin)) {
            // a constant image (or none finite): everything maps to the bottom of the target range
            return Kernels.linear(0, toMin);
        }
        double scale = (toMax - toMin) / (fromMax - fromMin);
        return Kernels.linear(scale, toMin - fromMin * scale);
    }
}
