package org.qbi.ops.point.internal;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.OperatorSpec;
import org.qbi.ops.Outputs;
import org.qbi.ops.Param;
import org.qbi.ops.Port;
import org.qbi.ops.point.ResultType;
import org.qbi.ops.point.engine.Cast;
import org.qbi.ops.point.engine.PixelStream;

/** Shared body of point.add_images, point.subtract_images, point.multiply_images and point.divide_images. */
public abstract class ImageArithmetic implements Operator {

    public static final Param<ResultType> OUTPUT_PARAM = Param.choice("output", "Output type",
            "float: float32 (float64 when either input is float64 or a 32-bit integer image), no clipping; same: the "
                    + "first image's type, rounded half to even and clipped to its range", ResultType.class,
            ResultType.FLOAT);

    private final Arithmetic operation;

    protected ImageArithmetic(Arithmetic operation) {
        this.operation = operation;
    }

    /** The declaration shared by the four operators. */
    public static OperatorSpec spec(String id, String name, String what) {
        return OperatorSpec.builder(id, name)
                .category("Point operations")
                .description(what + ", pixel by pixel; the images must have the same size (x, y, z, channels, time "
                        + "points). Output type rule: float32, or float64 when either input is float64 or a 32-bit "
                        + "integer image (computed in that precision; no clipping, IEEE division: x / 0 is +-inf, "
                        + "0 / 0 is NaN); with output=same the first image's type, rounded half to even and clipped "
                        + "to its range (infinities saturate, NaN becomes 0). The first image's calibration is kept.")
                .reference("numpy arithmetic (https://numpy.org/doc/stable/reference/ufuncs.html); ImageJ Process > "
                        + "Image Calculator (https://imagej.net/ij/docs/menus/process.html#calculator)")
                .outputType("float32 (float64 if an input is float64/int32/uint32), or the first image's type with "
                        + "output=same")
                .parameters(OUTPUT_PARAM)
                .input(Port.image("first", "First image"))
                .input(Port.image("second", "Second image, the same size as the first"))
                .output(Port.image("result", "Result"))
                .build();
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image first = inputs.image("first");
        Image second = inputs.image("second");
        PixelType a = first.header().pixelType();
        PixelType b = second.header().pixelType();
        for (PixelType type : new PixelType[] { a, b }) {
            if (type == PixelType.LABEL32) {
                throw new IllegalArgumentException(spec().id() + ": an input is a label image (label32), whose values "
                        + "are identities, not intensities; convert it first (point.convert type=uint32)");
            }
        }
        PixelType outType = arguments.get(OUTPUT_PARAM) == ResultType.SAME ? a : Arithmetic.floatType(a, b);
        ImageHeader header = first.header().withPixelType(outType);
        Image result = PixelStream.map(List.of(first, second), header, PixelStream.Precision.forTypes(a, b, outType),
                Cast.ROUND, operation.betweenImages(), context, spec().name());
        return Outputs.ofImage(spec(), result);
    }
}
