package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Table;
import org.qbi.measure.IntensityHistogram;
import org.qbi.ops.Arguments;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.point.engine.Histogram;
import org.qbi.ops.point.engine.ValueRange;

/**
 * The intensity histogram (measure.histogram) of a chunked volume on Spark, the same table as the local measurement
 * bit for bit: where the bins depend on the value range (32-bit and floating-point images), a first tree reduction
 * merges the chunks' finite min and max ({@link ValueRange#merge}, exact in any order); each task then counts its
 * chunks into the bins of the whole volume ({@link Histogram#counts}, the local code), and a second tree reduction
 * adds the integer counts (exact in any order). The driver receives a few ranges and count arrays (the top of the
 * trees), never a voxel; executors hold one count array per task (256 or 65,536 for 8 and 16 bits, the range for
 * 32-bit integers up to 2^24 values, else {@code bins}).
 *
 * @since 0.1
 */
public final class ChunkedHistogram {

    private ChunkedHistogram() {
    }

    /** The histogram table of the chunked Zarr volume {@code input}, with {@code parameters} of measure.histogram. */
    public static Table run(JavaSparkContext context, Map<String, String> parameters, Path input) throws IOException {
        return run(context, parameters, input, null);
    }

    /**
     * As {@link #run(JavaSparkContext, Map, Path)}, counting only where the chunked mask {@code maskOrNull} (the
     * volume's size and chunks) is non-zero.
     */
    public static Table run(JavaSparkContext context, Map<String, String> parameters, Path input, Path maskOrNull)
            throws IOException {
        String in = input.toAbsolutePath().toString();
        String maskPath = maskOrNull == null ? null : maskOrNull.toAbsolutePath().toString();
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        int bins = Arguments.parse(IntensityHistogram.SPEC, new HashMap<>(parameters)).get(IntensityHistogram.BINS);
        if (maskPath != null) {
            ChunkedVolume.forget(maskPath);
            Image mask = ChunkedVolume.open(maskPath);
            ChunkGrid maskGrid = ChunkedVolume.grid(mask, maskPath);
            if (!Arrays.equals(maskGrid.dimensions(), grid.dimensions())
                    || !Arrays.equals(maskGrid.chunkSize(), grid.chunkSize())) {
                throw new IllegalArgumentException("measure.histogram: the mask " + maskPath + " is "
                        + mask.header().describe() + " in chunks " + Arrays.toString(maskGrid.chunkSize())
                        + ", the image " + header.describe() + " in chunks " + Arrays.toString(grid.chunkSize())
                        + "; they must have the same size and chunks");
            }
        }
        context.setJobDescription("QBI measure.histogram on " + grid.chunkCount() + " chunks of "
                + input.getFileName());
        ValueRange range = null;
        if (Histogram.needsRange(type)) {
            range = ChunkedVolume.chunks(context, grid).map(n -> {
                Chunk chunk = Chunk.read(in, maskPath, n);
                return ValueRange.of(chunk.image(), chunk.mask(), 0, 0, alone());
            }).treeReduce(ValueRange::merge);
        }
        ValueRange whole = range;
        long[] counts = ChunkedVolume.chunks(context, grid).map(n -> {
            Chunk chunk = Chunk.read(in, maskPath, n);
            return Histogram.counts(chunk.image(), chunk.mask(), 0, 0, bins, whole, alone());
        }).treeReduce(ChunkedHistogram::add);
        try {
            return IntensityHistogram.table(header, Histogram.of(type, counts, range, bins));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(IntensityHistogram.SPEC.id() + ": " + e.getMessage(), e);
        }
    }

    private static long[] add(long[] a, long[] b) {
        long[] sum = a.clone();
        for (int i = 0; i < sum.length; i++) {
            sum[i] += b[i];
        }
        return sum;
    }

    /** One thread per chunk: the executor's other cores count other chunks. */
    private static OperatorContext alone() {
        return OperatorContext.of(ProgressMonitor.NULL).withParallelism(1);
    }

    /** One chunk of the image and of the mask (or null), as images of the chunk's size. */
    private record Chunk(ArrayImage image, ArrayImage mask) {

        static Chunk read(String in, String maskPath, long n) throws IOException {
            Image source = ChunkedVolume.open(in);
            ChunkGrid grid = ChunkedVolume.grid(source, in);
            long[] index = grid.index(n);
            ArrayImage mask = null;
            if (maskPath != null) {
                Image masks = ChunkedVolume.open(maskPath);
                mask = ChunkedVolume.readChunk(masks, ChunkedVolume.grid(masks, maskPath), index);
            }
            return new Chunk(ChunkedVolume.readChunk(source, grid, index), mask);
        }
    }
}
