package org.qbi.ops.filters.internal;

import java.io.IOException;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.block.BlockIO;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;

/**
 * For the filters that need a whole volume at once (Fourier filters, deconvolution, non-local means): reads each
 * channel and time point of an image as one float block, and checks beforehand that the work fits in memory.
 */
public final class Volumes {

    private Volumes() {
    }

    /** Computes one volume (x, y, z) of one channel and time point. */
    @FunctionalInterface
    public interface VolumeFilter {
        /** @return the filtered volume, the size of {@code volume} without its halo */
        FloatBlock apply(FloatBlock volume, OperatorContext context) throws IOException;
    }

    /**
     * Runs {@code filter} on every channel and time point of {@code input}, each read whole with {@code halo} made
     * up by {@code boundary}, and writes the results into a new image with {@code output}'s header.
     */
    public static ArrayImage each(Image input, ImageHeader output, int[] halo, Boundary boundary,
            OperatorContext context, VolumeFilter filter) throws IOException {
        long[] dims = input.header().dimensions();
        ArrayImage result = context.allocate(output);
        long channels = input.header().size(Axis.C);
        long times = input.header().size(Axis.T);
        long[] origin = { 0, 0, 0 };
        long[] size = { dims[0], dims[1], dims[2] };
        ProgressMonitor monitor = context.monitor();
        // progress counts volumes; the parallel steps inside a volume only check cancellation
        OperatorContext inner = context.withMonitor(new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }

            @Override
            public void done() {
            }
        });
        monitor.begin("Filtering", channels * times);
        try {
            for (long t = 0; t < times; t++) {
                for (long c = 0; c < channels; c++) {
                    monitor.checkCanceled("filter");
                    FloatBlock volume = BlockIO.read(input, c, t, origin, size, halo, boundary, 0f);
                    BlockIO.write(result, c, t, origin, filter.apply(volume, inner));
                    monitor.worked(1);
                }
            }
        } finally {
            monitor.done();
        }
        return result;
    }

    /**
     * Refuses work that would not fit: {@code bytes} of working memory against what the Java heap has free.
     *
     * @throws IllegalArgumentException naming the operator, the image size and the memory needed
     */
    public static void checkMemory(long bytes, ImageHeader header, String operator) {
        Runtime runtime = Runtime.getRuntime();
        long free = runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
        long voxels = header.dimensions()[0] * header.dimensions()[1] * header.dimensions()[2];
        if (bytes > free || voxels > Integer.MAX_VALUE / 2) {
            throw new IllegalArgumentException(operator + " works on a whole " + header.dimensions()[0] + " x "
                    + header.dimensions()[1] + " x " + header.dimensions()[2] + " volume at once and needs about "
                    + (bytes >> 20) + " MB of Java heap; " + (free >> 20) + " MB are free. Crop or downsample the "
                    + "image, or start with a larger -Xmx");
        }
    }
}
