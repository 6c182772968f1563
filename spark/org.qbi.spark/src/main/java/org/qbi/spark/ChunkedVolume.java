package org.qbi.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.io.ImageFormats;
import org.qbi.io.registry.ClasspathRegistry;
import org.qbi.io.zarr.internal.ZarrWriter;

/**
 * A volume stored as chunked Zarr on a path every executor reaches, processed chunk by chunk: the driver handles
 * only the header and the chunk indices ({@link #chunks}); executors open the store themselves ({@link #open}, once
 * per JVM, chunks decoded through the shared chunk cache), read their chunk or a region around it, and write their
 * output chunk into an output store the driver created ({@link #create}, {@link #writeChunk}). No voxel of the
 * volume passes through the driver.
 * <p>
 * Output stores are Zarr with the same chunk edge as the input, written with {@link ZarrWriter} (the Zarr bundle's
 * implementation, used directly: this module runs on a plain class path, not in OSGi).
 */
final class ChunkedVolume {

    private static final ConcurrentHashMap<String, Image> OPEN = new ConcurrentHashMap<>();

    private ChunkedVolume() {
    }

    /** Reads the plugins' declarations into the extension registry, once per JVM (executors run no OSGi). */
    static synchronized void installPlugins() {
        if (!installed) {
            ClasspathRegistry.install(Thread.currentThread().getContextClassLoader());
            installed = true;
        }
    }

    private static boolean installed;

    /**
     * The volume at {@code path} (a Zarr store: a path or a Hadoop location, see {@link #location}), opened once per JVM: its chunks are read when a region needs them
     * and kept in the shared off-heap chunk cache, so neighbouring tasks on one executor decode a chunk once.
     */
    static Image open(String path) {
        return OPEN.computeIfAbsent(path, p -> {
            installPlugins();
            try {
                return ImageFormats.installed().open(location(p), null);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot open the chunked volume " + p, e);
            }
        });
    }

    /**
     * The path of a volume's text form: a local or shared path, or a location on a Hadoop file system
     * ({@link HadoopStorage}: hdfs://, s3a://, file:), read from there chunk by chunk.
     */
    static Path location(String text) {
        return HadoopStorage.isLocation(text) ? HadoopStorage.path(text) : Path.of(text);
    }

    /** Forgets an opened store (it was rewritten, e.g. by a test writing the same path again). */
    static void forget(String path) {
        Image image = OPEN.remove(path);
        if (image != null) {
            try {
                image.close();
            } catch (IOException e) {
                // a stale handle of a read-only store: nothing is lost
            }
        }
    }

    /**
     * The chunk grid to distribute: the store's own chunks, which must be cubes of one edge along x, y and z (for
     * volumes), one channel and one time point each (what {@link ZarrWriter} writes), so that input and output
     * chunks coincide.
     */
    static ChunkGrid grid(Image image, String path) {
        ChunkGrid grid = image.grid();
        long[] chunk = grid.chunkSize();
        long[] dims = image.header().dimensions();
        ChunkGrid expected = writer(grid).chunkGrid(image.header());
        if (!Arrays.equals(expected.chunkSize(), chunk) || dims[Axis.C.ordinal()] != 1 || dims[Axis.T.ordinal()] != 1) {
            throw new IllegalArgumentException("The chunked volume " + path + " has chunks " + Arrays.toString(chunk)
                    + " of " + Arrays.toString(dims) + "; distributed processing takes one channel and time point in "
                    + "chunks of one edge along x, y and z (as qbi convert writes Zarr with option chunk=N)");
        }
        return grid;
    }

    /** The writer of output stores for chunks like {@code grid}'s. */
    static ZarrWriter writer(ChunkGrid grid) {
        long[] chunk = grid.chunkSize();
        int edge = (int) Math.max(chunk[0], Math.max(chunk[1], chunk[2]));
        return new ZarrWriter(edge, edge);
    }

    /**
     * Chunks per Spark task ({@code -Dqbi.spark.chunksPerTask}, default {@value #CHUNKS_PER_TASK}): consecutive
     * chunks (x fastest), so a task's chunks share their neighbours in the chunk cache, and Spark's cost per task
     * (a few milliseconds) is paid once per group.
     */
    static final int CHUNKS_PER_TASK = 8;

    /** The chunks of {@code grid} by linear number (x fastest), in groups of consecutive chunks per task. */
    static JavaRDD<Long> chunks(JavaSparkContext context, ChunkGrid grid) {
        List<Long> numbers = LongStream.range(0, grid.chunkCount()).boxed().toList();
        int perTask = Math.max(1, Integer.getInteger("qbi.spark.chunksPerTask", CHUNKS_PER_TASK));
        return context.parallelize(numbers, Math.max(1, (numbers.size() + perTask - 1) / perTask));
    }

    /** An image header like {@code header} with the sizes {@code size} (a chunk or region of it). */
    static ImageHeader resized(ImageHeader header, long[] size) {
        List<AxisCalibration> axes = header.axes().stream().map(a -> a.withSize(size[a.axis().ordinal()])).toList();
        return header.withAxes(axes);
    }

    /** Chunk {@code index}'s pixels of {@code image} as an image of the chunk's size (read-only values). */
    static ArrayImage readChunk(Image image, ChunkGrid grid, long[] index) throws IOException {
        return ArrayImage.wrap(resized(image.header(), grid.size(index)), image.chunk(index));
    }
}
