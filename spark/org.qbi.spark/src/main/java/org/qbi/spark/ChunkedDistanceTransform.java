package org.qbi.spark;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.LongStream;

import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.io.FileTrees;
import org.qbi.io.ImageFormats;
import org.qbi.io.zarr.internal.ZarrWriter;
import org.qbi.ops.Arguments;
import org.qbi.ops.segment.DistanceLines;
import org.qbi.ops.segment.DistanceTransform;

/**
 * The exact Euclidean distance transform (segment.distance) of a chunked mask volume on Spark, equal to the local
 * operator's output bit for bit: the operator is separable, so it runs as one pass per axis over "pencils" of
 * chunks, each pass a Spark stage writing a chunked store that the next pass reads:
 * <ol>
 * <li>along x: one task per pencil of chunks with the same (cy, cz), the operator's first pass on every row
 * ({@link DistanceLines#first}), writing the squared distances (float32, as the operator keeps them) into an
 * intermediate store beside the output;</li>
 * <li>along y: one task per (cx, cz) pencil, the operator's envelope pass on every column
 * ({@link DistanceLines#next}), into a second intermediate store;</li>
 * <li>along z: one task per (cx, cy) pencil, the last envelope pass and the square root, into the output (float32).
 * A 2D image (z size 1) ends with the pass along y.</li>
 * </ol>
 * The intermediate stores (uncompressed Zarr; chunks of zeros are not written) are deleted at the end. <b>Memory per
 * task: one pencil</b> (the chunks along the axis: the axis's whole length times one chunk face), its input chunks as
 * stored (the mask's bytes, then float32) and its output chunks in float32, plus one line. A run is refused before any
 * task starts when a pencil needs more than a task's share of an executor's memory: {@code spark.executor.memory /
 * (spark.executor.cores / spark.task.cpus)}, in local mode the driver JVM's maximum heap divided by its threads, or
 * {@code -Dqbi.spark.taskMemory=BYTES} on the driver. Chunk-face sizes bound it: 1024 voxels long in 64^3 chunks is 16
 * MB of float32 plus the input.
 *
 * @since 0.1
 */
public final class ChunkedDistanceTransform {

    /** What a run did: chunks, passes (3; 2 for a 2D image), pencils over all passes, the largest pencil's bytes. */
    public record Summary(long chunks, int passes, long pencils, long pencilBytes, double taskSeconds) {
    }

    private static final ValueLayout.OfFloat FLOAT =
            ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private ChunkedDistanceTransform() {
    }

    /**
     * The distance transform of the chunked Zarr mask {@code input} (non-zero = foreground) with {@code parameters}
     * of segment.distance (spacing, inverse), written as the float32 chunked Zarr volume {@code output} (replaced;
     * same chunks).
     *
     * @throws IllegalArgumentException for bad parameters, a mask type the operator does not take, or pencils larger
     *                                  than a task's memory
     */
    public static Summary run(JavaSparkContext context, Map<String, String> parameters, Path input, Path output)
            throws IOException {
        String in = input.toAbsolutePath().toString();
        Path out = output.toAbsolutePath();
        ChunkedVolume.forget(in);
        Image image = ChunkedVolume.open(in);
        ChunkGrid grid = ChunkedVolume.grid(image, in);
        ImageHeader header = image.header();
        HashMap<String, String> texts = new HashMap<>(parameters);
        Arguments arguments = Arguments.parse(DistanceTransform.SPEC, texts);
        double[] spacing = DistanceLines.spacing(header, arguments); // refuses bad spacings before any task runs
        boolean inverse = arguments.get(DistanceTransform.INVERSE);
        PixelType type = header.pixelType();
        if (type.samplesPerPixel() != 1 || !(type.bytesPerSample() == 1 || type.bytesPerSample() == 2
                || type.bytesPerSample() == 4)) {
            throw new IllegalArgumentException("segment.distance takes a mask of 8 to 32 bits per voxel; " + in
                    + " is " + type.label());
        }
        long[] dims = header.dimensions();
        int passes = dims[Axis.Z.ordinal()] > 1 ? 3 : 2;
        long budget = taskMemory(context);
        long largest = 0;
        for (int axis = 0; axis < passes; axis++) {
            long bytes = pencilBytes(grid, axis, axis == 0 ? type.bytesPerSample() : 4);
            largest = Math.max(largest, bytes);
            if (bytes > budget) {
                throw new IllegalArgumentException("segment.distance on Spark holds one pencil of chunks per task (the "
                        + dims[axis] + " voxels along " + Axis.values()[axis].label() + " times one chunk face): "
                        + (bytes >> 20) + " MB, more than a task's share of executor memory (" + (budget >> 20)
                        + " MB); raise spark.executor.memory, run fewer tasks per executor, or store the volume in "
                        + "smaller chunks");
            }
        }
        ImageHeader floats = DistanceLines.outputHeader(header);
        String run = UUID.randomUUID().toString().substring(0, 8);
        List<Path> stores = new ArrayList<>();
        stores.add(input.toAbsolutePath());
        for (int axis = 0; axis < passes - 1; axis++) {
            String name = "." + out.getFileName() + ".pass-" + Axis.values()[axis].label() + "-" + run;
            stores.add(out.resolveSibling(name));
        }
        stores.add(out);
        context.setJobDescription("QBI segment.distance on " + grid.chunkCount() + " chunks of " + input.getFileName());
        double seconds = 0;
        long pencils = 0;
        try {
            for (int axis = 0; axis < passes; axis++) {
                writer(grid, axis == passes - 1).create(floats, stores.get(axis + 1));
                ChunkedVolume.forget(stores.get(axis + 1).toString());
                long count = grid.chunkCount() / grid.chunkCounts()[axis];
                pencils += count;
                List<Long> numbers = LongStream.range(0, count).boxed().toList();
                String source = stores.get(axis).toString();
                String target = stores.get(axis + 1).toString();
                int a = axis;
                boolean last = axis == passes - 1;
                double s = spacing[axis];
                seconds += context.parallelize(numbers, Math.max(1, numbers.size()))
                        .map(p -> pass(source, a == 0, target, a, last, s, inverse, p)).collect().stream()
                        .mapToDouble(Double::doubleValue).sum();
            }
        } finally {
            for (Path intermediate : stores.subList(1, stores.size() - 1)) {
                FileTrees.deleteTree(intermediate);
            }
        }
        return new Summary(grid.chunkCount(), passes, pencils, largest, seconds);
    }

    /**
     * The writer of the output (compressed as the input's chunks are) or of an intermediate store (uncompressed:
     * written once and read once, where Blosc's shuffle and LZ4 took about two thirds of the tasks' time).
     */
    private static ZarrWriter writer(ChunkGrid grid, boolean output) {
        return output ? ChunkedVolume.writer(grid) : ChunkedVolume.writer(grid).uncompressed();
    }

    /** Bytes one task holds for a pencil along {@code axis}: input chunks as stored, output chunks in float32. */
    private static long pencilBytes(ChunkGrid grid, int axis, int inputBytes) {
        long[] chunk = grid.chunkSize();
        long[] dims = grid.dimensions();
        long face = 1;
        for (int a = 0; a < 3; a++) {
            face *= a == axis ? 1 : Math.min(chunk[a], dims[a]);
        }
        return dims[axis] * face * (inputBytes + 4) + dims[axis] * 12;
    }

    /** The memory one task may use: see the class comment. */
    static long taskMemory(JavaSparkContext context) {
        Long given = Long.getLong("qbi.spark.taskMemory");
        if (given != null) {
            return given;
        }
        if (context.master().startsWith("local")) {
            return Runtime.getRuntime().maxMemory() / Math.max(1, context.defaultParallelism());
        }
        SparkConf conf = context.getConf();
        long executor = conf.getSizeAsBytes("spark.executor.memory", "1g");
        int cpus = Math.max(1, conf.getInt("spark.task.cpus", 1));
        int tasks = Math.max(1, conf.getInt("spark.executor.cores", 1) / cpus);
        return executor / tasks;
    }

    /** One pencil of one pass: reads its chunks of {@code source}, writes its chunks of {@code target}. */
    private static double pass(String source, boolean isInput, String target, int axis, boolean last, double spacing,
            boolean inverse, long pencil) throws IOException {
        long start = System.nanoTime();
        Image image = isInput ? ChunkedVolume.open(source) : openIntermediate(source);
        try {
            ChunkGrid grid = isInput ? ChunkedVolume.grid(image, source) : image.grid();
            ImageHeader header = DistanceLines.outputHeader(image.header());
            PixelType type = image.header().pixelType();
            int bytes = type.bytesPerSample();
            long[] counts = grid.chunkCounts();
            int[] uv = switch (axis) {
                case 0 -> new int[] { 1, 2 };
                case 1 -> new int[] { 0, 2 };
                default -> new int[] { 0, 1 };
            };
            long[] index = new long[5];
            index[uv[0]] = pencil % counts[uv[0]];
            index[uv[1]] = pencil / counts[uv[0]];
            int k = (int) counts[axis];
            int length = (int) grid.dimensions()[axis];
            MemorySegment[] chunks = new MemorySegment[k];
            ArrayImage[] results = new ArrayImage[k];
            long[][] indices = new long[k][];
            int[] first = new int[k];
            int[] along = new int[k];
            long[][] sizes = new long[k][];
            try (Arena arena = Arena.ofConfined()) {
                for (int j = 0; j < k; j++) {
                    index[axis] = j;
                    indices[j] = index.clone();
                    sizes[j] = grid.size(indices[j]);
                    first[j] = (int) grid.origin(indices[j])[axis];
                    along[j] = (int) sizes[j][axis];
                    chunks[j] = image.chunk(indices[j]);
                    // along x every voxel is written; along y and z planes of background are skipped (zeros)
                    ImageHeader size = ChunkedVolume.resized(header, sizes[j]);
                    results[j] = axis == 0 ? ArrayImage.allocateForOverwrite(size) : ArrayImage.allocate(size);
                }
                int nu = (int) sizes[0][uv[0]];
                int nv = (int) sizes[0][uv[1]];
                float[] line = new float[length];
                DistanceLines lines = new DistanceLines();
                if (axis == 0) {
                    // each row of the mask gathered from the pencil's chunks into one run of stored values
                    MemorySegment row = arena.allocate((long) length * bytes);
                    for (int z = 0; z < nv; z++) {
                        for (int y = 0; y < nu; y++) {
                            for (int j = 0; j < k; j++) {
                                long base = sizes[j][0] * (y + sizes[j][1] * z);
                                MemorySegment.copy(chunks[j], base * bytes, row, (long) first[j] * bytes,
                                        (long) along[j] * bytes);
                            }
                            lines.first(type, row, 0, length, inverse, spacing, line);
                            for (int j = 0; j < k; j++) {
                                long base = sizes[j][0] * (y + sizes[j][1] * z);
                                MemorySegment.copy(line, first[j], results[j].values(), FLOAT, base * 4, along[j]);
                            }
                        }
                    }
                } else {
                    // along y or z: x is the in-plane axis that is contiguous; one plane of lines (all x at one v)
                    // is copied row by row into a tile (i * nu + x), processed line by line, copied back
                    float[] tile = new float[length * nu];
                    for (int v = 0; v < nv; v++) {
                        boolean any = false;
                        for (int j = 0; j < k; j++) {
                            for (int i = 0; i < along[j]; i++) {
                                long base = offset(sizes[j], axis, i, v);
                                MemorySegment.copy(chunks[j], FLOAT, base * 4, tile, (first[j] + i) * nu, nu);
                            }
                        }
                        for (float value : tile) {
                            if (value != 0) {
                                any = true;
                                break;
                            }
                        }
                        if (!any) {
                            continue; // all background: the output chunks hold zeros already
                        }
                        for (int x = 0; x < nu; x++) {
                            for (int i = 0; i < length; i++) {
                                line[i] = tile[i * nu + x];
                            }
                            lines.next(line, length, spacing, last);
                            for (int i = 0; i < length; i++) {
                                tile[i * nu + x] = line[i];
                            }
                        }
                        for (int j = 0; j < k; j++) {
                            for (int i = 0; i < along[j]; i++) {
                                MemorySegment.copy(tile, (first[j] + i) * nu, results[j].values(), FLOAT,
                                        offset(sizes[j], axis, i, v) * 4, nu);
                            }
                        }
                    }
                }
                for (int j = 0; j < k; j++) {
                    writer(grid, last).writeChunk(Path.of(target), header, indices[j], results[j]);
                }
            } finally {
                for (ArrayImage result : results) {
                    if (result != null) {
                        result.close();
                    }
                }
            }
        } finally {
            if (!isInput) {
                image.close();
            }
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** The sample index in a chunk of {@code size} of x = 0, {@code i} along {@code axis} (1 or 2), {@code v}. */
    private static long offset(long[] size, int axis, int i, int v) {
        return axis == 1 ? size[0] * (i + size[1] * v) : size[0] * (v + size[1] * (long) i);
    }

    /** An intermediate store, opened by this task alone (its path is new in every run: no handle is kept). */
    private static Image openIntermediate(String path) throws IOException {
        ChunkedVolume.installPlugins();
        return ImageFormats.installed().open(Path.of(path), null);
    }

}
