package org.qbi.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.table.Table;
import org.qbi.measure.RegionProperties;
import org.qbi.ops.Arguments;

/**
 * Region properties (measure.regions) of a chunked label volume, with an optional chunked intensity volume, on
 * Spark: each task sums its chunks' per-label moments ({@link RegionProperties#partial}: voxel counts, exact integer
 * coordinate sums and second moments, bounding boxes, intensity sums, minima and maxima) and merges them in chunk
 * order; the driver merges the tasks' partials in the same order and makes the table with the local measurement's
 * own code. Every column of measure.regions is a function of these per-label sums (the nearest-neighbour distance
 * of all merged centroids, on the driver), so no column needs an object's voxels across chunks and none is left out.
 * <p>
 * Identical to the local table bit for bit, every column: all sums are exact (counts and coordinate moments as
 * integers, intensity sums as 128-bit integers or exact floating-point sums rounded once when the table is made), so
 * the order in which chunks are merged does not matter. Memory: one partial per label present, never the voxels.
 *
 * @since 0.1
 */
public final class ChunkedRegions {

    private ChunkedRegions() {
    }

    /**
     * The region properties table of the chunked Zarr label volume {@code labels}, measuring the intensities of the
     * chunked Zarr volume {@code intensityOrNull} (same size and chunks) when given.
     */
    public static Table run(JavaSparkContext context, Map<String, String> parameters, Path labels,
            Path intensityOrNull) throws IOException {
        String in = labels.toAbsolutePath().toString();
        String values = intensityOrNull == null ? null : intensityOrNull.toAbsolutePath().toString();
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        ImageHeader header = image.header();
        int channel = Arguments.parse(RegionProperties.SPEC, new HashMap<>(parameters)).get(RegionProperties.CHANNEL);
        ImageHeader intensityHeader = null;
        if (values != null) {
            ChunkedVolume.forget(values);
            Image intensity = ChunkedVolume.open(values);
            ChunkGrid intensityGrid = ChunkedVolume.grid(intensity, values);
            intensityHeader = intensity.header();
            if (!Arrays.equals(intensityGrid.dimensions(), grid.dimensions())
                    || !Arrays.equals(intensityGrid.chunkSize(), grid.chunkSize())) {
                throw new IllegalArgumentException("measure.regions: the intensity volume " + values + " is "
                        + intensityHeader.describe() + " in chunks " + Arrays.toString(intensityGrid.chunkSize())
                        + ", the labels " + header.describe() + " in chunks " + Arrays.toString(grid.chunkSize())
                        + "; they must have the same size and chunks");
            }
            if (channel > 0) {
                throw new IllegalArgumentException("Channel " + channel + " does not exist; the intensity image has "
                        + "1 channel(s)");
            }
            if (intensityHeader.pixelType().samplesPerPixel() != 1) {
                throw new IllegalArgumentException("The intensity image is " + intensityHeader.pixelType().label()
                        + "; measure a single-sample image (split RGB into channels first)");
            }
        }
        context.setJobDescription("QBI measure.regions on " + grid.chunkCount() + " chunks of " + labels.getFileName());
        // each task's consecutive chunks merged in chunk order, the tasks' partials collected in partition order:
        // the same order in every run (the intensity sums are floating-point)
        List<RegionProperties.Partial> parts = ChunkedVolume.chunks(context, grid).mapPartitions(numbers -> {
            RegionProperties.Partial merged = null;
            while (numbers.hasNext()) {
                RegionProperties.Partial partial = partial(in, values, numbers.next());
                merged = merged == null ? partial : merged.merge(partial);
            }
            Iterator<RegionProperties.Partial> result = merged == null ? List.<RegionProperties.Partial>of().iterator()
                    : List.of(merged).iterator();
            return result;
        }).collect();
        RegionProperties.Partial total = null;
        for (RegionProperties.Partial part : new ArrayList<>(parts)) {
            total = total == null ? part : total.merge(part);
        }
        return RegionProperties.table(header, total, intensityHeader == null ? null : intensityHeader.rescale());
    }

    private static RegionProperties.Partial partial(String in, String values, long n) throws IOException {
        Image source = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(source, in);
        long[] index = grid.index(n);
        ArrayImage labels = ChunkedVolume.readChunk(source, grid, index);
        ArrayImage intensity = null;
        if (values != null) {
            Image image = ChunkedVolume.open(values);
            intensity = ChunkedVolume.readChunk(image, ChunkedVolume.grid(image, values), index);
        }
        return RegionProperties.partial(labels, intensity, grid.origin(index));
    }
}
