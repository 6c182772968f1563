package org.qbi.ops.block;

import java.io.IOException;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.ops.OperatorContext;

/**
 * Runs a {@link BlockKernel} over every channel and time point of an image, block by block in parallel: reads
 * each block with its halo, computes, writes into the output. Deterministic: the output does not depend on the
 * number of threads or the blocks.
 *
 * @since 0.1
 */
public final class BlockRunner {

    private BlockRunner() {
    }

    /**
     * @param input    the image (single-sample pixel type)
     * @param output   header of the result (same x, y, z, c, t sizes as the input)
     * @param kernel   the computation
     * @param boundary values past the border
     * @param task     what the progress monitor shows
     */
    public static ArrayImage run(Image input, ImageHeader output, BlockKernel kernel, Boundary boundary, float constant,
            OperatorContext context, String task) throws IOException {
        long[] dims = input.header().dimensions();
        if (!java.util.Arrays.equals(dims, output.dimensions())) {
            throw new IllegalArgumentException("The output's size must equal the input's");
        }
        int[] halo = kernel.halo().clone();
        if (halo.length != 3 || halo[0] < 0 || halo[1] < 0 || halo[2] < 0) {
            throw new IllegalArgumentException("A kernel's halo is 3 values >= 0, got " + java.util.Arrays.toString(halo));
        }
        ArrayImage result = context.allocate(output);
        List<long[]> blocks = BlockPlan.of(new long[] { dims[0], dims[1], dims[2] }, halo, context.parallelism())
                .blocks();
        long channels = input.header().size(Axis.C);
        long times = input.header().size(Axis.T);
        int perVolume = blocks.size();
        long total = perVolume * channels * times;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Too many blocks: " + total);
        }
        context.monitor().begin(task, total);
        try {
            context.forEach((int) total, n -> {
                long[] block = blocks.get(n % perVolume);
                long volume = n / perVolume;
                long c = volume % channels;
                long t = volume / channels;
                long[] origin = { block[0], block[1], block[2] };
                long[] size = { block[3], block[4], block[5] };
                FloatBlock in = BlockIO.read(input, c, t, origin, size, halo, boundary, constant);
                FloatBlock out = FloatBlock.zeros((int) size[0], (int) size[1], (int) size[2]);
                kernel.compute(in, out);
                BlockIO.write(result, c, t, origin, out);
            });
        } finally {
            context.monitor().done();
        }
        return result;
    }
}
