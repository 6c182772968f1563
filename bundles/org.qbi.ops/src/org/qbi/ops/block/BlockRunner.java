package org.qbi.ops.block;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

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
        // the blocks tile every volume and each is written whole: reused memory needs no zeroing first
        ArrayImage result = context.allocateForOverwrite(output);
        List<long[]> blocks = BlockPlan.of(new long[] { dims[0], dims[1], dims[2] }, halo, context.parallelism())
                .blocks();
        long channels = input.header().size(Axis.C);
        long times = input.header().size(Axis.T);
        int perVolume = blocks.size();
        long total = perVolume * channels * times;
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Too many blocks: " + total);
        }
        Buffers buffers = new Buffers();
        context.monitor().begin(task, total);
        try {
            context.forEach((int) total, n -> {
                long[] block = blocks.get(n % perVolume);
                long volume = n / perVolume;
                long c = volume % channels;
                long t = volume / channels;
                long[] origin = { block[0], block[1], block[2] };
                long[] size = { block[3], block[4], block[5] };
                int inLength = Math.toIntExact((size[0] + 2L * halo[0]) * (size[1] + 2L * halo[1])
                        * (size[2] + 2L * halo[2]));
                int outLength = Math.toIntExact(size[0] * size[1] * size[2]);
                FloatBlock in = BlockIO.read(input, c, t, origin, size, halo, boundary, constant,
                        buffers.take(inLength));
                float[] outValues = buffers.take(outLength);
                if (outValues == null) {
                    outValues = new float[outLength];
                } else {
                    Arrays.fill(outValues, 0);
                }
                FloatBlock out = new FloatBlock(outValues, (int) size[0], (int) size[1], (int) size[2], new int[3]);
                kernel.compute(in, out);
                BlockIO.write(result, c, t, origin, out);
                buffers.give(in.data());
                buffers.give(out.data());
            });
        } finally {
            context.monitor().done();
        }
        return result;
    }

    /**
     * Float arrays of finished blocks, handed to the next blocks of the same size: allocating and zeroing a
     * block's arrays (megabytes each) costs as much as a light kernel's computation. Lives for one run.
     */
    private static final class Buffers {
        private final ConcurrentHashMap<Integer, ConcurrentLinkedQueue<float[]>> free = new ConcurrentHashMap<>();

        float[] take(int length) {
            ConcurrentLinkedQueue<float[]> queue = free.get(length);
            return queue == null ? null : queue.poll();
        }

        void give(float[] array) {
            free.computeIfAbsent(array.length, k -> new ConcurrentLinkedQueue<>()).add(array);
        }
    }
}
