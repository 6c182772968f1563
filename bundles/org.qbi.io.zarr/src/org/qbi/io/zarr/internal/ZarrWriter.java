package org.qbi.io.zarr.internal;

import org.qbi.core.image.io.Units;
import org.qbi.core.image.io.BlockAssembler;
import org.qbi.core.image.io.StridedCopy;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.io.FileTrees;
import org.qbi.core.progress.ProgressMonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Writes an image as an OME-Zarr (OME-NGFF 0.4) image: a Zarr v2 group holding one array "0" with chunks of
 * {@value #CHUNK_3D}^3 (volumes) or {@value #CHUNK_2D}^2 (planes), Blosc-LZ4 with byte shuffle (Python zarr's
 * default; options: see {@link #write(Image, Path, Map, ProgressMonitor)}), "/" as dimension separator, fill
 * value 0 (chunks of zeros are not written). Fiji, napari and
 * Python's zarr read it. Chunks are read, compressed and written by up to {@value #MAX_THREADS} threads, at
 * most two per thread in memory; each file is forced to disk before the store is renamed into place.
 * <p>
 * The array's dimensions are NumPy order: t (when more than one time point), c (several channels, or the
 * samples of an RGB image, planar), z (several slices), y, x. The group's .zattrs holds:
 * <pre>
 * "multiscales": [{"version": "0.4", "name": ..., "axes": [{"name": "z", "type": "space", "unit": "millimeter"}, ...],
 *                  "datasets": [{"path": "0", "coordinateTransformations": [
 *                      {"type": "scale", "scale": [...]}, {"type": "translation", "translation": [...]}]}]}]
 * "qbi": {"version": 1, "array": "0", "pixel_type": "uint16", "dimensions": ["z", "y", "x"],
 *         "axes": {"x": {"size": 512, "spacing": 0.5, "origin": 0, "unit": "mm"}, ... all five axes},
 *         "rescale": {"slope": 1, "intercept": -1024, "unit": "HU"}, "orientation": [9 direction cosines]}
 * </pre>
 * NGFF carries what other tools read (scale and translation per dimension, units by their UDUNITS-2 names);
 * "qbi" carries QBI's calibration exactly (units as QBI names them, the pixel type RGB8 / LABEL32 that Zarr has
 * no dtype for, the rescale and the orientation). With option {@code provenance}, the provenance record (a JSON
 * object) is the group attribute {@value #PROVENANCE_ATTRIBUTE}.
 * <p>
 * Atomic: the group is written into a hidden folder beside the target and renamed into place; an existing
 * target is moved aside first and deleted after, so readers see the old store or the new one (for the instant
 * between the two renames, none). A failure or a cancel removes the temporary folder and leaves the target as
 * it was.
 */
public final class ZarrWriter implements ImageWriter {

    /** Chunk edge of volumes (z, y and x). */
    static final int CHUNK_3D = 64;
    /** Chunk edge of single planes (y and x). */
    static final int CHUNK_2D = 256;
    /** Threads that read, compress and write chunks at once (at most one per processor). */
    private static final int MAX_THREADS = 8;

    /** Largest chunk edge option {@code chunk} takes. */
    static final int MAX_CHUNK = 4096;

    /** How chunks are compressed (option {@code compression}). */
    enum Compression {
        /** Blosc with LZ4 and byte shuffle, Python zarr's default: fast, and what most Zarr tools expect. */
        BLOSC_LZ4("blosc-lz4"),
        /** numcodecs' Zlib at level 1: readable by any zarr implementation, even without Blosc. */
        ZLIB("zlib"),
        /** No compression: chunk files hold the values as they are. */
        NONE("none");

        final String option;

        Compression(String option) {
            this.option = option;
        }
    }

    private final int chunk3d;
    private final int chunk2d;
    private final Compression compression;
    /** The provenance record (a JSON object) for the group's attributes, or null. */
    private final JsonNode provenance;

    /** Group attribute holding the provenance record. */
    public static final String PROVENANCE_ATTRIBUTE = "qbi_provenance";

    public ZarrWriter() {
        this(CHUNK_3D, CHUNK_2D);
    }

    @Override
    public boolean keepsProvenance() {
        return true;
    }

    /** A writer with other chunk edges (of volumes along x, y and z; of planes along x and y). */
    public ZarrWriter(int chunk3d, int chunk2d) {
        this(chunk3d, chunk2d, Compression.BLOSC_LZ4);
    }

    /**
     * A writer like this one whose chunks are stored without compression: for intermediate stores that are written
     * once and read once (compressing costs more than the bytes saved there).
     *
     * @since 0.1
     */
    public ZarrWriter uncompressed() {
        return new ZarrWriter(chunk3d, chunk2d, Compression.NONE, provenance);
    }

    private ZarrWriter(int chunk3d, int chunk2d, Compression compression) {
        this(chunk3d, chunk2d, compression, null);
    }

    private ZarrWriter(int chunk3d, int chunk2d, Compression compression, JsonNode provenance) {
        this.provenance = provenance;
        if (chunk3d < 1 || chunk2d < 1) {
            throw new IllegalArgumentException("Chunk edges are at least 1, got " + chunk3d + " and " + chunk2d);
        }
        this.chunk3d = chunk3d;
        this.chunk2d = chunk2d;
        this.compression = compression;
    }

    /**
     * Writes with options {@code chunk=N} (the chunk edge along z, y and x of volumes, or y and x of planes; 1 to
     * {@value #MAX_CHUNK}; default 64 and 256) and {@code compression=blosc-lz4|zlib|none} (default blosc-lz4).
     */
    @Override
    public void write(Image image, Path target, Map<String, String> options, ProgressMonitor monitor)
            throws IOException {
        int volumeEdge = chunk3d;
        int planeEdge = chunk2d;
        Compression chosen = compression;
        JsonNode record = provenance;
        for (Map.Entry<String, String> option : options.entrySet()) {
            String value = option.getValue() == null ? "" : option.getValue().strip();
            switch (option.getKey()) {
                case "chunk" -> {
                    int edge;
                    try {
                        edge = Integer.parseInt(value);
                    } catch (NumberFormatException e) {
                        edge = -1;
                    }
                    if (edge < 1 || edge > MAX_CHUNK) {
                        throw new IllegalArgumentException("Zarr chunk edge '" + value + "' is not a number from 1 to "
                                + MAX_CHUNK);
                    }
                    volumeEdge = edge;
                    planeEdge = edge;
                }
                case "compression" -> {
                    chosen = null;
                    for (Compression c : Compression.values()) {
                        if (c.option.equals(value)) {
                            chosen = c;
                        }
                    }
                    if (chosen == null) {
                        throw new IllegalArgumentException("Zarr compression '" + value + "' is not written; use "
                                + "blosc-lz4, zlib or none");
                    }
                }
                case PROVENANCE_OPTION -> {
                    try {
                        record = ZarrArray.JSON.readTree(value);
                    } catch (IOException e) {
                        record = null;
                    }
                    if (record == null || !record.isObject()) {
                        throw new IllegalArgumentException("The Zarr writer's option " + PROVENANCE_OPTION + " is a "
                                + "JSON object; got '" + (value.length() > 40 ? value.substring(0, 40) + "..." : value)
                                + "'");
                    }
                }
                default -> throw new IllegalArgumentException("The Zarr writer takes the options chunk=N, "
                        + "compression=blosc-lz4|zlib|none and " + PROVENANCE_OPTION + "=JSON, not '" + option.getKey()
                        + "'");
            }
        }
        new ZarrWriter(volumeEdge, planeEdge, chosen, record).write(image, target, monitor);
    }

    /** One dimension of the array: its name, size, chunk and the QBI axis it holds (or samples). */
    private record Dim(String name, long size, long chunk, int axis) {
    }

    @Override
    public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
        List<Dim> layout = layout(image.header());
        Path absolute = target.toAbsolutePath();
        Path parent = absolute.getParent();
        Files.createDirectories(parent);
        Path temp = createTempDir(parent, absolute.getFileName().toString());
        try {
            writeStore(image, layout, temp, absolute, monitor);
            replace(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            try {
                FileTrees.deleteTree(temp);
            } catch (IOException cleanup) {
                e.addSuppressed(cleanup);
            }
            throw e;
        }
    }

    /**
     * Starts a store that other processes fill chunk by chunk ({@link #writeChunk}): writes the metadata of an image
     * with {@code header} (every chunk the fill value until written) at {@code target}, replacing what was there.
     * Not atomic as a whole: a store being filled is incomplete until every chunk is written. Chunks of volumes are
     * this writer's chunk edge along x, y and z, one channel and time point each (the grid
     * {@link #chunkGrid} gives).
     *
     * @since 0.1
     */
    public void create(ImageHeader header, Path target) throws IOException {
        List<Dim> layout = layout(header);
        Path absolute = target.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        Path temp = createTempDir(absolute.getParent(), absolute.getFileName().toString());
        try {
            writeDurably(temp.resolve(ZarrArray.ZGROUP), "{\n    \"zarr_format\": 2\n}\n".getBytes(StandardCharsets.UTF_8));
            writeDurably(temp.resolve(ZarrArray.ZATTRS), pretty(withProvenance(groupAttributes(header, layout, absolute))));
            Path array = Files.createDirectory(temp.resolve("0"));
            writeDurably(array.resolve(ZarrArray.ZARRAY), pretty(zarray(header.pixelType(),
                    layout.stream().mapToLong(Dim::size).toArray(), layout.stream().mapToLong(Dim::chunk).toArray(),
                    compression)));
            replace(temp, absolute);
        } catch (IOException | RuntimeException | Error e) {
            FileTrees.deleteTree(temp);
            throw e;
        }
    }

    /** The QBI chunk grid of the Zarr chunks this writer makes for an image with {@code header}. */
    public ChunkGrid chunkGrid(ImageHeader header) {
        long[] chunk = { 1, 1, 1, 1, 1 };
        for (Dim dim : layout(header)) {
            if (dim.axis() != BlockAssembler.SAMPLES) {
                chunk[dim.axis()] = dim.chunk();
            }
        }
        return new ChunkGrid(header.dimensions(), chunk);
    }

    /**
     * Writes chunk {@code index} of {@link #chunkGrid} into a store {@link #create} made: {@code values} holds the
     * chunk's pixels (its size, x fastest, the store's pixel type). The file is written beside and renamed into
     * place, so a chunk written twice (a task run again) is whole either way. A chunk of zeros writes no file (and
     * removes an old one).
     *
     * @since 0.1
     */
    public void writeChunk(Path target, ImageHeader header, long[] index, Image values) throws IOException {
        List<Dim> layout = layout(header);
        ChunkGrid grid = chunkGrid(header);
        long[] origin = grid.origin(index);
        long[] size = grid.size(index);
        if (!java.util.Arrays.equals(values.header().dimensions(), size)
                || values.header().pixelType() != header.pixelType()) {
            throw new IllegalArgumentException("Chunk " + java.util.Arrays.toString(index) + " is "
                    + java.util.Arrays.toString(size) + " " + header.pixelType().label() + ", got "
                    + java.util.Arrays.toString(values.header().dimensions()) + " " + values.header().pixelType().label());
        }
        // the chunk seen as the whole image: writeChunk below reads the chunk's region in image coordinates
        Image whole = new Image() {
            @Override
            public ImageHeader header() {
                return header;
            }

            @Override
            public ChunkGrid grid() {
                return grid;
            }

            @Override
            public MemorySegment chunk(long[] i) {
                throw new UnsupportedOperationException("only the region of chunk " + java.util.Arrays.toString(index));
            }

            @Override
            public MemorySegment readRegion(long[] o, long[] s, Arena arena) throws IOException {
                long[] shifted = new long[Axis.COUNT];
                for (int a = 0; a < Axis.COUNT; a++) {
                    shifted[a] = o[a] - origin[a];
                }
                return values.readRegion(shifted, s, arena);
            }
        };
        int n = layout.size();
        long[] shape = layout.stream().mapToLong(Dim::size).toArray();
        long[] chunks = layout.stream().mapToLong(Dim::chunk).toArray();
        long[] zarrIndex = new long[n];
        for (int i = 0; i < n; i++) {
            int axis = layout.get(i).axis();
            zarrIndex[i] = axis == BlockAssembler.SAMPLES ? 0 : index[axis];
        }
        PixelType type = header.pixelType();
        int itemBytes = type == PixelType.COMPLEX_FLOAT32 ? 8 : type.bytesPerSample();
        long chunkBytes = itemBytes;
        for (long c : chunks) {
            chunkBytes *= c;
        }
        writeChunk(whole, layout, target.toAbsolutePath().resolve("0"), zarrIndex, shape, chunks,
                StridedCopy.cOrderStrides(chunks, itemBytes), (int) chunkBytes, itemBytes, type.bytesPerPixel(),
                compression, true);
    }

    /** How an image with {@code header} is laid out as a Zarr array (NumPy order) with this writer's chunks. */
    private List<Dim> layout(ImageHeader header) {
        PixelType type = header.pixelType();
        long[] dims = header.dimensions();
        int samples = type == PixelType.COMPLEX_FLOAT32 ? 1 : type.samplesPerPixel();
        if (samples > 1 && dims[Axis.C.ordinal()] > 1) {
            throw new IllegalArgumentException("Zarr cannot hold an " + type.label() + " image with "
                    + dims[Axis.C.ordinal()] + " channels; split the channels or convert them to grey values first");
        }
        boolean volume = dims[Axis.Z.ordinal()] > 1;
        long edge = volume ? chunk3d : chunk2d;
        List<Dim> layout = new ArrayList<>();
        if (dims[Axis.T.ordinal()] > 1) {
            layout.add(new Dim("t", dims[Axis.T.ordinal()], 1, Axis.T.ordinal()));
        }
        if (samples > 1) {
            layout.add(new Dim("c", samples, samples, BlockAssembler.SAMPLES));
        } else if (dims[Axis.C.ordinal()] > 1) {
            layout.add(new Dim("c", dims[Axis.C.ordinal()], 1, Axis.C.ordinal()));
        }
        if (volume) {
            layout.add(new Dim("z", dims[Axis.Z.ordinal()], Math.min(edge, dims[Axis.Z.ordinal()]), Axis.Z.ordinal()));
        }
        layout.add(new Dim("y", dims[Axis.Y.ordinal()], Math.min(edge, dims[Axis.Y.ordinal()]), Axis.Y.ordinal()));
        layout.add(new Dim("x", dims[Axis.X.ordinal()], Math.min(edge, dims[Axis.X.ordinal()]), Axis.X.ordinal()));
        return layout;
    }

    private void writeStore(Image image, List<Dim> layout, Path dir, Path target, ProgressMonitor monitor)
            throws IOException {
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        int itemBytes = type == PixelType.COMPLEX_FLOAT32 ? 8 : type.bytesPerSample();
        int n = layout.size();
        long[] shape = layout.stream().mapToLong(Dim::size).toArray();
        long[] chunks = layout.stream().mapToLong(Dim::chunk).toArray();
        long[] counts = new long[n];
        long total = 1;
        for (int i = 0; i < n; i++) {
            counts[i] = (shape[i] + chunks[i] - 1) / chunks[i];
            total = Math.multiplyExact(total, counts[i]);
        }
        long chunkBytes = itemBytes;
        for (long c : chunks) {
            chunkBytes = Math.multiplyExact(chunkBytes, c);
        }
        if (chunkBytes > Integer.MAX_VALUE - 1024) {
            throw new IllegalArgumentException("A Zarr chunk of " + java.util.Arrays.toString(chunks) + " values is "
                    + "larger than 2 GB");
        }
        writeDurably(dir.resolve(ZarrArray.ZGROUP), "{\n    \"zarr_format\": 2\n}\n".getBytes(StandardCharsets.UTF_8));
        writeDurably(dir.resolve(ZarrArray.ZATTRS), pretty(withProvenance(groupAttributes(header, layout, target))));
        Path array = Files.createDirectory(dir.resolve("0"));
        writeDurably(array.resolve(ZarrArray.ZARRAY), pretty(zarray(type, shape, chunks, compression)));

        long[] dstStrides = StridedCopy.cOrderStrides(chunks, itemBytes);
        int pixelBytes = type.bytesPerPixel();
        int chunkSize = (int) chunkBytes;
        String task = "writing " + target.getFileName();
        monitor.begin("Writing " + target.getFileName(), total);
        int threads = Math.max(1, Math.min(MAX_THREADS, Runtime.getRuntime().availableProcessors()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, runnable -> {
            Thread thread = new Thread(runnable, "QBI Zarr writer");
            thread.setDaemon(true);
            return thread;
        });
        // At most two chunks per thread in flight: memory stays a few chunks whatever the image's size.
        Semaphore slots = new Semaphore(2 * threads);
        Deque<Future<?>> pending = new ArrayDeque<>();
        try {
            long[] index = new long[n];
            for (long done = 0; done < total; done++) {
                monitor.checkCanceled(task);
                while (!pending.isEmpty() && pending.peekFirst().isDone()) {
                    finish(pending.pollFirst(), monitor);
                }
                acquire(slots);
                long[] chunkIndex = index.clone();
                pending.addLast(pool.submit(() -> {
                    try {
                        writeChunk(image, layout, array, chunkIndex, shape, chunks, dstStrides, chunkSize, itemBytes,
                                pixelBytes, compression, false);
                    } finally {
                        slots.release();
                    }
                    return null;
                }));
                for (int i = n - 1; i >= 0; i--) {
                    if (++index[i] < counts[i]) {
                        break;
                    }
                    index[i] = 0;
                }
            }
            while (!pending.isEmpty()) {
                finish(pending.pollFirst(), monitor);
                monitor.checkCanceled(task);
            }
        } finally {
            pool.shutdownNow();
            try {
                pool.awaitTermination(1, TimeUnit.MINUTES);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            monitor.done();
        }
    }

    private static void acquire(Semaphore slots) throws IOException {
        try {
            slots.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a Zarr store");
        }
    }

    /** Waits for one chunk, reporting it as done or rethrowing what went wrong. */
    private static void finish(Future<?> future, ProgressMonitor monitor) throws IOException {
        try {
            future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while writing a Zarr store");
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case IOException io -> throw io;
                case RuntimeException runtime -> throw runtime;
                case Error error -> throw error;
                default -> throw new IOException(e.getCause());
            }
        }
        monitor.worked(1);
    }

    /** Reads one chunk's region, lays it out in NumPy order (padded with zeros at the edges) and writes it. */
    private static void writeChunk(Image image, List<Dim> layout, Path array, long[] index, long[] shape,
            long[] chunks, long[] dstStrides, int chunkBytes, int itemBytes, int pixelBytes, Compression compression,
            boolean replace) throws IOException {
        int n = layout.size();
        long[] origin = new long[Axis.COUNT];
        long[] size = { 1, 1, 1, 1, 1 };
        long[] count = new long[n];
        for (int i = 0; i < n; i++) {
            long start = index[i] * chunks[i];
            count[i] = Math.min(chunks[i], shape[i] - start);
            int axis = layout.get(i).axis();
            if (axis != BlockAssembler.SAMPLES) {
                origin[axis] = start;
                size[axis] = count[i];
            }
        }
        byte[] buffer = new byte[chunkBytes];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = image.readRegion(origin, size, arena);
            long[] axisStrides = new long[Axis.COUNT];
            long stride = pixelBytes;
            for (int a = 0; a < Axis.COUNT; a++) {
                axisStrides[a] = stride;
                stride *= size[a];
            }
            long[] srcStrides = new long[n];
            for (int i = 0; i < n; i++) {
                int axis = layout.get(i).axis();
                srcStrides[i] = axis == BlockAssembler.SAMPLES ? itemBytes : axisStrides[axis];
            }
            StridedCopy.copy(region, 0, srcStrides, MemorySegment.ofArray(buffer), 0, dstStrides, count, itemBytes, 0);
        }
        Path file = array;
        for (int i = 0; i < n - 1; i++) {
            file = file.resolve(Long.toString(index[i]));
        }
        Path chunkFile = file.resolve(Long.toString(index[n - 1]));
        if (allZero(buffer)) {
            if (replace) {
                Files.deleteIfExists(chunkFile);
            }
            return;
        }
        Files.createDirectories(file);
        byte[] encoded = switch (compression) {
            case BLOSC_LZ4 -> Blosc.encodeLz4(buffer, itemBytes);
            case ZLIB -> zlib(buffer);
            case NONE -> buffer;
        };
        if (replace) {
            Path temp = file.resolve("." + index[n - 1] + "." + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36)
                    + ".tmp");
            try {
                // not forced to disk: a store filled by a distributed job is complete when the job is, and a job
                // cut short by a crash runs again (as Spark's own output committers do; an fsync per chunk cost
                // more than computing it)
                Files.write(temp, encoded, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                Files.move(temp, chunkFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(temp);
            }
        } else {
            writeDurably(chunkFile, encoded);
        }
    }

    /** A zlib stream (numcodecs' Zlib) at level 1. */
    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED);
        try {
            deflater.setInput(data);
            deflater.finish();
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(data.length / 2 + 64);
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                int n = deflater.deflate(buffer);
                out.write(buffer, 0, n);
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Writes a new file and forces it to disk, so that the renamed store is complete after a crash too. */
    private static void writeDurably(Path file, byte[] content) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            ByteBuffer buffer = ByteBuffer.wrap(content);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
            channel.force(false);
        }
    }

    private static boolean allZero(byte[] buffer) {
        for (byte b : buffer) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static ObjectNode zarray(PixelType type, long[] shape, long[] chunks, Compression compression) {
        ObjectNode zarray = ZarrArray.JSON.createObjectNode();
        ArrayNode chunkList = zarray.putArray("chunks");
        for (long c : chunks) {
            chunkList.add(c);
        }
        switch (compression) {
            case BLOSC_LZ4 -> {
                ObjectNode compressor = zarray.putObject("compressor");
                compressor.put("blocksize", 0);
                compressor.put("clevel", 5);
                compressor.put("cname", "lz4");
                compressor.put("id", "blosc");
                compressor.put("shuffle", 1);
            }
            case ZLIB -> zarray.putObject("compressor").put("id", "zlib").put("level", 1);
            case NONE -> zarray.putNull("compressor");
        }
        zarray.put("dimension_separator", "/");
        zarray.put("dtype", DType.of(type));
        if (type == PixelType.COMPLEX_FLOAT32) {
            zarray.putArray("fill_value").add(0.0).add(0.0);
        } else if (type.isInteger()) {
            zarray.put("fill_value", 0);
        } else {
            zarray.put("fill_value", 0.0);
        }
        zarray.putNull("filters");
        zarray.put("order", "C");
        ArrayNode shapeList = zarray.putArray("shape");
        for (long s : shape) {
            shapeList.add(s);
        }
        zarray.put("zarr_format", 2);
        return zarray;
    }

    private ObjectNode withProvenance(ObjectNode attributes) {
        if (provenance != null) {
            attributes.set(PROVENANCE_ATTRIBUTE, provenance);
        }
        return attributes;
    }

    private static ObjectNode groupAttributes(ImageHeader header, List<Dim> layout, Path target) {
        ObjectNode attributes = ZarrArray.JSON.createObjectNode();
        ObjectNode multiscale = attributes.putArray("multiscales").addObject();
        multiscale.put("version", "0.4");
        String name = target.getFileName().toString();
        multiscale.put("name", name.endsWith(".zarr") ? name.substring(0, name.length() - 5) : name);
        ArrayNode axes = multiscale.putArray("axes");
        List<Double> scale = new ArrayList<>();
        List<Double> translation = new ArrayList<>();
        boolean translated = false;
        for (Dim dim : layout) {
            ObjectNode axis = axes.addObject();
            axis.put("name", dim.name());
            if (dim.axis() == BlockAssembler.SAMPLES || dim.axis() == Axis.C.ordinal()) {
                axis.put("type", "channel");
                scale.add(1.0);
                translation.add(0.0);
                continue;
            }
            AxisCalibration calibration = header.axes().get(dim.axis());
            axis.put("type", dim.axis() == Axis.T.ordinal() ? "time" : "space");
            String unit = Units.ngff(calibration.unit());
            if (unit != null && calibration.isCalibrated()) {
                axis.put("unit", unit);
            }
            scale.add(calibration.spacing());
            translation.add(calibration.origin());
            translated |= calibration.origin() != 0;
        }
        ObjectNode dataset = multiscale.putArray("datasets").addObject();
        dataset.put("path", "0");
        ArrayNode transformations = dataset.putArray("coordinateTransformations");
        ArrayNode scaleList = transformations.addObject().put("type", "scale").putArray("scale");
        scale.forEach(scaleList::add);
        if (translated) {
            ArrayNode translationList = transformations.addObject().put("type", "translation").putArray("translation");
            translation.forEach(translationList::add);
        }

        ObjectNode qbi = attributes.putObject("qbi");
        qbi.put("version", 1);
        qbi.put("array", "0");
        qbi.put("pixel_type", header.pixelType().label());
        ArrayNode dimensions = qbi.putArray("dimensions");
        layout.forEach(d -> dimensions.add(d.name()));
        ObjectNode qbiAxes = qbi.putObject("axes");
        for (AxisCalibration calibration : header.axes()) {
            ObjectNode axis = qbiAxes.putObject(calibration.axis().label());
            axis.put("size", calibration.size());
            axis.put("spacing", calibration.spacing());
            axis.put("origin", calibration.origin());
            axis.put("unit", calibration.unit());
        }
        Rescale rescale = header.rescale();
        if (!rescale.isIdentity() || !rescale.unit().isEmpty()) {
            ObjectNode r = qbi.putObject("rescale");
            r.put("slope", rescale.slope());
            r.put("intercept", rescale.intercept());
            r.put("unit", rescale.unit());
        }
        header.orientation().ifPresent(o -> {
            ArrayNode cosines = qbi.putArray("orientation");
            for (double c : o.cosines()) {
                cosines.add(c);
            }
        });
        return attributes;
    }

    private static byte[] pretty(ObjectNode node) throws IOException {
        return (ZarrArray.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A new hidden folder ".NAME.RANDOM.tmp" beside the target (same file system, so the rename is atomic). */
    private static Path createTempDir(Path parent, String name) throws IOException {
        for (int attempt = 1;; attempt++) {
            String random = Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
            try {
                return Files.createDirectory(parent.resolve("." + name + "." + random + ".tmp"));
            } catch (FileAlreadyExistsException taken) {
                if (attempt == 100) {
                    throw taken;
                }
            }
        }
    }

    /** Renames {@code temp} to {@code target}; an existing target is moved aside first, then deleted. */
    private static void replace(Path temp, Path target) throws IOException {
        Path old = null;
        if (Files.exists(target, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            old = target.resolveSibling("." + target.getFileName() + "."
                    + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36) + ".old");
            move(target, old);
        }
        try {
            move(temp, target);
        } catch (IOException | RuntimeException e) {
            if (old != null) {
                move(old, target);
            }
            throw e;
        }
        if (old != null) {
            FileTrees.deleteTree(old);
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to);
        }
    }
}
