package org.qbi.ops.block;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.Arguments;
import org.qbi.ops.Inputs;
import org.qbi.ops.Operator;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;

/**
 * Base of the operators that map one image to one image of the same size pixel by pixel from a neighbourhood
 * (filters, grey morphology, point operations with halo 0). A subclass declares its spec, prepares a
 * {@link BlockKernel} from the arguments and says which pixel type it writes; block-wise parallel execution,
 * borders, channels and time points come from here.
 *
 * @since 0.1
 */
public abstract class BlockOperator implements Operator {

    /** The kernel for one run on an image with {@code input}'s header. */
    protected abstract BlockKernel kernel(ImageHeader input, Arguments arguments);

    /** The pixel type written for an input of type {@code input}. */
    protected abstract PixelType outputType(PixelType input, Arguments arguments);

    /** Values past the border; scipy.ndimage's default (reflect) unless the operator says otherwise. */
    protected Boundary boundary(Arguments arguments) {
        return Boundary.REFLECT;
    }

    /** The constant for {@link Boundary#CONSTANT}. */
    protected float constant(Arguments arguments) {
        return 0f;
    }

    /** The output's header: the input's with the output type (rescale kept: the result is in the same units). */
    protected ImageHeader outputHeader(ImageHeader input, Arguments arguments) {
        return input.withPixelType(outputType(input.pixelType(), arguments));
    }

    /**
     * How far (x, y, z) around each output pixel this operator reads for an input like {@code input} with these
     * arguments: a crop grown by this much gives the same values inside the crop as the whole image (what the
     * workbench's preview on a crop of a slice relies on). Prepares the kernel, so it costs what a run's setup does.
     *
     * @throws IllegalArgumentException as {@link #apply} would for these arguments
     * @since 0.1
     */
    public int[] halo(ImageHeader input, Arguments arguments) {
        return kernel(input, arguments).halo();
    }

    @Override
    public Outputs apply(Inputs inputs, Arguments arguments, OperatorContext context) throws IOException {
        Image input = inputs.image();
        ImageHeader header = input.header();
        BlockKernel kernel = kernel(header, arguments);
        Image result = BlockRunner.run(input, outputHeader(header, arguments), kernel, boundary(arguments),
                constant(arguments), context, spec().name());
        return Outputs.ofImage(spec(), result);
    }
}
