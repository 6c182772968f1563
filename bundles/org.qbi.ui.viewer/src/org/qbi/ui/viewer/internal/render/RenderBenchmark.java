package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.CachedImage;
import org.qbi.core.image.ChunkCache;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;

/**
 * Times the viewer's rendering path without any UI toolkit: fetch a plane of a cached volume from its chunks
 * ({@link SlicePlane#read}) and map it through a window and a LUT to display colour
 * ({@link SliceRenderer#render}), for the axial, coronal and sagittal planes, and prints slices per second.
 * <p>
 * The volume is synthetic uint16 (a smooth pattern plus noise), held by a {@link CachedImage} with a cache
 * large enough for all its chunks, which are decoded once before timing ("once chunks are cached"). Two
 * chunkings are measured: one chunk per x-y plane (TIFF stacks, DICOM series) and 64^3 blocks (Zarr, HDF5).
 * <p>
 * Run: {@code java -cp <org.qbi.core classes>:<org.qbi.ui.viewer classes>
 * org.qbi.ui.viewer.internal.render.RenderBenchmark [size] [seconds per case]} (defaults 512 and 2). Needs
 * about size^3 x 2 bytes off-heap plus one plane per slice timed.
 */
public final class RenderBenchmark {

    /** One measured case. */
    public record Measurement(String chunking, SlicePlane plane, int slices, double seconds) {
        public double slicesPerSecond() {
            return slices / seconds;
        }
    }

    private RenderBenchmark() {
    }

    public static void main(String[] args) throws IOException {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 512;
        double seconds = args.length > 1 ? Double.parseDouble(args[1]) : 2;
        System.out.printf(Locale.ROOT, "Viewer slice rendering, %d^3 uint16, chunks cached, viridis LUT, %s, %s%n",
                size, System.getProperty("java.vm.name"), Runtime.version());
        for (Measurement m : run(size, seconds)) {
            System.out.printf(Locale.ROOT, "%-14s %-16s %6d slices in %5.2f s  %8.1f slices/s%n", m.chunking(),
                    m.plane().label(), m.slices(), m.seconds(), m.slicesPerSecond());
        }
        long[] dims = { size, size, size, 1, 1 };
        ChunkGrid blocks = new ChunkGrid(dims, new long[] { 64, 64, 64, 1, 1 });
        try (Image image = new CachedImage(new Synthetic(dims, blocks), new ChunkCache(4L * size * size * size))) {
            for (long n = 0; n < blocks.chunkCount(); n++) {
                image.chunk(blocks.index(n));
            }
            for (Axis axis : new Axis[] { Axis.Z, Axis.Y, Axis.X }) {
                long start = System.nanoTime();
                Projection.project(image, axis, Projection.Kind.MAX, 0, 0, org.qbi.core.progress.ProgressMonitor.NULL);
                System.out.printf(Locale.ROOT, "64^3 blocks    maximum projection along %s: %.2f s%n", axis.label(),
                        (System.nanoTime() - start) / 1e9);
            }
        }
    }

    /** Measures every chunking and plane for about {@code seconds} each. */
    public static List<Measurement> run(int size, double seconds) throws IOException {
        List<Measurement> results = new ArrayList<>();
        long[] dims = { size, size, size, 1, 1 };
        ChunkCache cache = new ChunkCache(4L * size * size * size + (64L << 20));
        for (ChunkGrid grid : List.of(ChunkGrid.planes(dims), new ChunkGrid(dims, new long[] { 64, 64, 64, 1, 1 }))) {
            String chunking = grid.chunkSize()[2] == 1 ? "x-y planes" : "64^3 blocks";
            try (Image image = new CachedImage(new Synthetic(dims, grid), cache)) {
                for (long n = 0; n < grid.chunkCount(); n++) {
                    image.chunk(grid.index(n));
                }
                for (SlicePlane plane : SlicePlane.values()) {
                    results.add(time(image, plane, chunking, seconds));
                }
            }
        }
        return results;
    }

    /** Renders successive planes (wrapping around) for about {@code seconds}, as scrolling through them does. */
    static Measurement time(Image image, SlicePlane plane, String chunking, double seconds) throws IOException {
        ImageHeader header = image.header();
        int width = plane.width(header);
        int height = plane.height(header);
        long depth = plane.depth(header);
        SliceRenderer.Look look = new SliceRenderer.Look(Luts.matplotlib("viridis"), false, false);
        DisplayWindow window = new DisplayWindow(500, 3500);
        long checksum = 0;
        for (int warm = 0; warm < 5; warm++) {
            checksum += render(image, plane, warm, width, height, window, look);
        }
        long start = System.nanoTime();
        long deadline = start + (long) (seconds * 1e9);
        int slices = 0;
        do {
            checksum += render(image, plane, slices % depth, width, height, window, look);
            slices++;
        } while (System.nanoTime() < deadline);
        double elapsed = (System.nanoTime() - start) / 1e9;
        if (checksum == 42) {
            System.out.print("");
        }
        return new Measurement(chunking, plane, slices, elapsed);
    }

    private static long render(Image image, SlicePlane plane, long index, int width, int height,
            DisplayWindow window, SliceRenderer.Look look) throws IOException {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = plane.read(image, index, 0, 0, arena);
            RenderedSlice slice = SliceRenderer.render(PixelType.UINT16, values, width, height, Rescale.IDENTITY,
                    SliceRenderer.Contrast.FIXED, window, look);
            return slice.pixels()[slice.pixels().length / 2];
        }
    }

    /** A uint16 volume computed chunk by chunk: a smooth pattern plus a hash for texture. */
    private static final class Synthetic implements ChunkSource {

        private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED
                .withOrder(ByteOrder.LITTLE_ENDIAN);

        private final ImageHeader header;
        private final ChunkGrid grid;

        Synthetic(long[] dims, ChunkGrid grid) {
            List<AxisCalibration> axes = new ArrayList<>();
            for (Axis axis : Axis.values()) {
                axes.add(axis.ordinal() < 3 ? AxisCalibration.of(axis, dims[axis.ordinal()], 0.5, 0, "mm")
                        : AxisCalibration.uncalibrated(axis, 1));
            }
            this.header = new ImageHeader("synthetic", PixelType.UINT16, axes, java.util.Optional.empty(),
                    Rescale.IDENTITY, Metadata.EMPTY);
            this.grid = grid;
        }

        @Override
        public ImageHeader header() {
            return header;
        }

        @Override
        public ChunkGrid grid() {
            return grid;
        }

        @Override
        public void readChunk(long[] index, MemorySegment target) {
            long[] origin = grid.origin(index);
            long[] size = grid.size(index);
            long i = 0;
            for (long z = 0; z < size[2]; z++) {
                for (long y = 0; y < size[1]; y++) {
                    for (long x = 0; x < size[0]; x++, i++) {
                        long gx = origin[0] + x;
                        long gy = origin[1] + y;
                        long gz = origin[2] + z;
                        int value = (int) (1000 + 4 * ((gx + gy + gz) % 512) + ((gx * 31 + gy * 17 + gz * 7) & 255));
                        target.setAtIndex(SHORT, i, (short) value);
                    }
                }
            }
        }
    }
}
