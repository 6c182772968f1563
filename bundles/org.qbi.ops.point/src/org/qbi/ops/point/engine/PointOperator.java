package org.qbi.ops.point.engine;

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
import org.qbi.ops.Outputs;

/**
 * Base of the operators that map one image to one image pixel by pixel (arithmetic with a constant, conversion,
 * clamp, gamma ...): a subclass looks at its input (type, and statistics when it needs them) and returns a
 * {@link Plan}; {@link PixelStream} applies it in parallel over every channel and time point.
 *
 * @since 0.1
 */
public abstract class PointOperator implements Operator {

    /**
     * How to compute one run.
     *
     * @param kernel     the pixel function
     * @param outputType the pixel type written
     * @param precision  the arithmetic the kernel runs in
     * @param cast       how values become integers for integer outputs
     * @param keepRescale true when the output keeps the input's rescale to physical values (the operation keeps
     *                    the meaning of stored values); false for operations that change the scale
     */
    public record Plan(PointKernel kernel, PixelType outputType, PixelStream.Precision precision, Cast cast,
            boolean keepRescale) {
    }

    /**
     * The plan for {@code input}.
     *
     * @throws IllegalArgumentException when the input or the arguments do not fit
     */
    protected abstract Plan plan(Image input, Arguments arguments, OperatorContext context) throws IOException;

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        Plan plan = plan(input, arguments, context);
        ImageHeader header = input.header().withPixelType(plan.outputType());
        if (!plan.keepRescale()) {
            header = header.withRescale(Rescale.IDENTITY);
        }
        Image result = PixelStream.map(List.of(input), header, plan.precision(), plan.cast(), plan.kernel(), context,
                spec().name());
        return Outputs.ofImage(spec(), result);
    }
}
