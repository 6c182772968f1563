package org.qbi.spark;

import java.nio.file.Path;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.ValueStatistics;

/**
 * Min, max, mean and standard deviation of a chunked volume on Spark: each task sums its chunk
 * ({@link ImageStatistics#chunk}, a few numbers), the driver merges the sums in chunk order
 * ({@link ImageStatistics#merge}), which is exactly what {@link ImageStatistics#of} does on one machine for the same
 * chunks, so the results are equal bit for bit (a tree reduction in another order would differ in the last bits
 * of floating-point means; the sums are a few dozen bytes per chunk, so the driver's share stays negligible).
 *
 * @since 0.1
 */
public final class ChunkedStatistics {

    private ChunkedStatistics() {
    }

    /** The statistics of the stored values of the chunked Zarr volume {@code input}. */
    public static ValueStatistics run(JavaSparkContext context, Path input) {
        String in = input.toAbsolutePath().toString();
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        context.setJobDescription("QBI statistics of " + grid.chunkCount() + " chunks of " + input.getFileName());
        List<ImageStatistics.Partial> parts = ChunkedVolume.chunks(context, grid).map(n -> {
            Image source = ChunkedVolume.open(in);
            return ImageStatistics.chunk(source, source.grid().index(n));
        }).collect(); // in partition order: chunk order
        return ImageStatistics.merge(image.header().pixelType(), parts);
    }
}
