package org.qbi.ops.block;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
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

    /**
     * The header of the output for an input with header {@code input}: what {@link #apply} returns, for callers
     * that assemble the output region by region ({@link #applyToRegion}).
     *
     * @since 0.1
     */
    public final ImageHeader resultHeader(ImageHeader input, Arguments arguments) {
        return outputHeader(input, arguments);
    }

    /**
     * The output's values in region {@code origin}..{@code origin + size} (x, y, z, c, t) of {@code input}, computed
     * from that region grown by the {@link #halo} alone (past the image's borders from the operator's boundary):
     * bit for bit the same region of {@link #apply}'s output, since a kernel's values depend only on the input's
     * values, never on the blocks. What chunk-wise execution relies on (one Spark task per chunk of a volume too
     * large for one machine); reads only the chunks of {@code input} that the grown region touches.
     *
     * @return an image of size {@code size} (the output's pixel type and calibration, the region's sizes)
     * @throws IllegalArgumentException as {@link #apply} would for these arguments, or when the region is not
     *                                  inside the image
     * @since 0.1
     */
    public ArrayImage applyToRegion(Image input, long[] origin, long[] size, Arguments arguments) throws IOException {
        ImageHeader header = input.header();
        long[] dims = header.dimensions();
        for (int a = 0; a < Axis.COUNT; a++) {
            if (origin[a] < 0 || size[a] < 1 || origin[a] + size[a] > dims[a]) {
                throw new IllegalArgumentException("Region " + java.util.Arrays.toString(origin) + " + "
                        + java.util.Arrays.toString(size) + " is not inside the image " + java.util.Arrays.toString(dims));
            }
        }
        BlockKernel kernel = kernel(header, arguments);
        int[] halo = kernel.halo();
        ImageHeader full = outputHeader(header, arguments);
        java.util.List<AxisCalibration> axes = new java.util.ArrayList<>();
        for (AxisCalibration axis : full.axes()) {
            axes.add(axis.withSize(size[axis.axis().ordinal()]));
        }
        ArrayImage result = ArrayImage.allocateForOverwrite(full.withAxes(axes));
        long[] inner = { origin[0], origin[1], origin[2] };
        long[] innerSize = { size[0], size[1], size[2] };
        int sx = (int) size[0];
        int sy = (int) size[1];
        int sz = (int) size[2];
        for (long t = 0; t < size[4]; t++) {
            for (long c = 0; c < size[3]; c++) {
                FloatBlock in = BlockIO.read(input, origin[3] + c, origin[4] + t, inner, innerSize, halo,
                        boundary(arguments), constant(arguments));
                FloatBlock out = new FloatBlock(new float[Math.multiplyExact(Math.multiplyExact(sx, sy), sz)], sx, sy,
                        sz, new int[3]);
                kernel.compute(in, out);
                BlockIO.write(result, c, t, new long[3], out);
            }
        }
        return result;
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
