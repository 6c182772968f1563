package org.qbi.ops.point.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/**
 * Streams the pixels of images through point operations and statistics: the volume is cut into pieces of whole
 * rows that are contiguous in storage (x fastest, then y, z, c, t), pieces run in parallel on
 * {@link OperatorContext#parallelism()} threads, and inside a piece pixels go in runs of {@link #RUN} through
 * primitive arrays (bulk copies in and out, one vectorisable loop per kernel). Every output pixel depends only on
 * the input pixels at the same place, so results are bit-identical whatever the number of threads.
 * <p>
 * In-memory images ({@link ArrayImage}) are read in place; other images piece by piece through
 * {@link Image#readRegion}, so a file larger than memory streams through its chunk cache.
 *
 * @since 0.1
 */
public final class PixelStream {

    /** Pixels per run through the primitive arrays: a few tens of kB, inside the first-level cache. */
    public static final int RUN = 4096;

    /** Pixels per piece (unit of parallel work) for point operations. */
    public static final long PIECE = 1L << 18;

    private PixelStream() {
    }

    /** Which arithmetic a kernel runs in. */
    public enum Precision {
        FLOAT32, FLOAT64;

        /**
         * float64 when any of the types is float64 or a 32-bit integer (whose values float32 cannot hold exactly),
         * else float32.
         */
        public static Precision forTypes(PixelType... types) {
            for (PixelType type : types) {
                if (type == PixelType.FLOAT64 || type == PixelType.INT32 || type == PixelType.UINT32
                        || type == PixelType.LABEL32) {
                    return FLOAT64;
                }
            }
            return FLOAT32;
        }
    }

    /**
     * A box of whole rows of one channel and time point, contiguous in storage: planes {@code z0..z1-1} (rows
     * {@code y0..y1-1} of each; several planes only when whole planes are taken).
     */
    public record Piece(long c, long t, long z0, long z1, long y0, long y1) {

        public long pixels(long nx) {
            return nx * (y1 - y0) * (z1 - z0);
        }

        /** The index of the piece's first pixel in storage order. */
        public long offset(long[] dims) {
            return dims[0] * (y0 + dims[1] * (z0 + dims[2] * (c + dims[3] * t)));
        }
    }

    /** The pieces of channel {@code c} at time {@code t}, each about {@code target} pixels. */
    public static List<Piece> pieces(long[] dims, long c, long t, long target) {
        List<Piece> pieces = new ArrayList<>();
        long plane = dims[0] * dims[1];
        if (plane >= target) {
            long rows = Math.max(1, target / dims[0]);
            for (long z = 0; z < dims[2]; z++) {
                for (long y = 0; y < dims[1]; y += rows) {
                    pieces.add(new Piece(c, t, z, z + 1, y, Math.min(dims[1], y + rows)));
                }
            }
        } else {
            long planes = Math.max(1, target / plane);
            for (long z = 0; z < dims[2]; z += planes) {
                pieces.add(new Piece(c, t, z, Math.min(dims[2], z + planes), 0, dims[1]));
            }
        }
        return pieces;
    }

    /** The pieces of every channel and time point. */
    public static List<Piece> pieces(long[] dims, long target) {
        List<Piece> pieces = new ArrayList<>();
        for (long t = 0; t < dims[4]; t++) {
            for (long c = 0; c < dims[3]; c++) {
                pieces.addAll(pieces(dims, c, t, target));
            }
        }
        return pieces;
    }

    /**
     * The stored values of {@code piece} of {@code image} (a view for in-memory images, else read into
     * {@code arena}), starting at pixel 0 of the returned segment's {@link Located#from()}.
     */
    public static Located read(Image image, Piece piece, Arena arena) throws IOException {
        long[] dims = image.header().dimensions();
        if (image instanceof ArrayImage array) {
            return new Located(array.values(), piece.offset(dims));
        }
        MemorySegment region = image.readRegion(new long[] { 0, piece.y0(), piece.z0(), piece.c(), piece.t() },
                new long[] { dims[0], piece.y1() - piece.y0(), piece.z1() - piece.z0(), 1, 1 }, arena);
        return new Located(region, 0);
    }

    /**
     * The piece of {@code mask} that goes with {@code piece} of an image of the same x, y, z size: the same
     * channel and time point, or the first when the mask has only one (one mask for every channel and time point).
     *
     * @since 0.2
     */
    public static Piece maskPiece(Piece piece, Image mask) {
        long[] m = mask.header().dimensions();
        return new Piece(m[3] == 1 ? 0 : piece.c(), m[4] == 1 ? 0 : piece.t(), piece.z0(), piece.z1(), piece.y0(),
                piece.y1());
    }

    /**
     * Checks that {@code mask} (non-zero = selected) fits {@code image}: the same x, y, z size, and one channel and
     * time point or as many as the image.
     *
     * @throws IllegalArgumentException naming both sizes when it does not
     * @since 0.2
     */
    public static void checkMask(Image mask, Image image) {
        long[] m = mask.header().dimensions();
        long[] d = image.header().dimensions();
        boolean fits = m[0] == d[0] && m[1] == d[1] && m[2] == d[2] && (m[3] == 1 || m[3] == d[3])
                && (m[4] == 1 || m[4] == d[4]);
        if (!fits) {
            throw new IllegalArgumentException("The mask is " + describe(m) + ", the image " + describe(d)
                    + "; the mask must have the image's size (one channel and time point, or as many as the image)");
        }
        Pixels.checkSupported(mask.header().pixelType());
    }

    /** A segment and the pixel index in it where a piece begins. */
    public record Located(MemorySegment values, long from) {
    }

    /**
     * Applies {@code kernel} to every pixel of {@code inputs} (all of the same size), writing a new image with
     * header {@code output}.
     *
     * @param precision the arithmetic the kernel runs in
     * @param cast      how values become integers when the output type is an integer type
     * @param task      what the progress monitor shows
     * @throws IllegalArgumentException when the inputs' sizes differ or a type has several samples per pixel
     */
    public static ArrayImage map(List<? extends Image> inputs, ImageHeader output, Precision precision, Cast cast,
            PointKernel kernel, OperatorContext context, String task) throws IOException {
        return map(inputs, output, precision, cast, (c, t) -> kernel, context, task);
    }

    /** The kernel for each channel and time point (e.g. a threshold computed per volume). */
    @FunctionalInterface
    public interface VolumeKernels {
        PointKernel kernel(long c, long t);
    }

    /**
     * As {@link #map(List, ImageHeader, Precision, Cast, PointKernel, OperatorContext, String)} with a kernel per
     * channel and time point.
     */
    public static ArrayImage map(List<? extends Image> inputs, ImageHeader output, Precision precision, Cast cast,
            VolumeKernels kernels, OperatorContext context, String task) throws IOException {
        return map(inputs, output, precision, cast, kernels, context, task, false);
    }

    /**
     * As {@link #map(List, ImageHeader, Precision, Cast, VolumeKernels, OperatorContext, String)}; with
     * {@code planesBroadcast} an input of a single x-y plane (z = 1, the same x, y, channels and time points) is
     * applied to every plane of the output, as numpy broadcasts a (y, x) array over a (z, y, x) stack.
     *
     * @since 0.2
     */
    public static ArrayImage map(List<? extends Image> inputs, ImageHeader output, Precision precision, Cast cast,
            VolumeKernels kernels, OperatorContext context, String task, boolean planesBroadcast) throws IOException {
        long[] dims = output.dimensions();
        PixelType[] types = new PixelType[inputs.size()];
        boolean[] plane = new boolean[inputs.size()];
        boolean anyPlane = false;
        for (int k = 0; k < types.length; k++) {
            ImageHeader header = inputs.get(k).header();
            plane[k] = planesBroadcast && isPlaneOf(header.dimensions(), dims);
            anyPlane |= plane[k];
            if (!plane[k] && !Arrays.equals(dims, header.dimensions())) {
                throw new IllegalArgumentException("Image sizes differ: " + describe(header.dimensions()) + " and "
                        + describe(dims) + "; the images must have the same size (crop or resample one first)");
            }
            types[k] = header.pixelType();
            Pixels.checkSupported(types[k]);
        }
        Pixels.checkSupported(output.pixelType());
        // every pixel is written below: reused memory needs no zeroing first
        ArrayImage result = context.allocateForOverwrite(output);
        // with a broadcast plane, pieces stay inside one plane so the plane's rows line up with the piece's
        List<Piece> pieces = pieces(dims, anyPlane ? Math.min(PIECE, dims[0] * dims[1]) : PIECE);
        PixelType outType = output.pixelType();
        boolean direct = precision == Precision.FLOAT32 && outType == PixelType.FLOAT32
                && ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN;
        for (int k = 0; k < types.length; k++) {
            direct &= types[k] == PixelType.FLOAT32 && inputs.get(k) instanceof ArrayImage;
        }
        boolean memoryKernels = direct;
        context.monitor().begin(task, pieces.size());
        try {
            context.forEach(pieces.size(), p -> {
                Piece piece = pieces.get(p);
                PointKernel kernel = kernels.kernel(piece.c(), piece.t());
                long total = piece.pixels(dims[0]);
                long to = piece.offset(dims);
                if (memoryKernels && kernel instanceof MemoryKernel memory) {
                    MemorySegment[] in = new MemorySegment[types.length];
                    for (int k = 0; k < types.length; k++) {
                        long from = plane[k] ? new Piece(piece.c(), piece.t(), 0, 1, piece.y0(), piece.y1())
                                .offset(inputs.get(k).header().dimensions()) : to;
                        in[k] = ((ArrayImage) inputs.get(k)).values().asSlice(from * 4, total * 4);
                    }
                    memory.floats(in, result.values().asSlice(to * 4, total * 4), total);
                    return;
                }
                Pixels pixels = new Pixels(RUN);
                try (Arena arena = Arena.ofConfined()) {
                    Located[] sources = new Located[types.length];
                    for (int k = 0; k < types.length; k++) {
                        sources[k] = read(inputs.get(k), plane[k] ? new Piece(piece.c(), piece.t(), 0, 1, piece.y0(),
                                piece.y1()) : piece, arena);
                    }
                    if (precision == Precision.FLOAT32) {
                        float[][] in = new float[types.length][RUN];
                        float[] out = new float[RUN];
                        for (long done = 0; done < total; done += RUN) {
                            int n = (int) Math.min(RUN, total - done);
                            for (int k = 0; k < types.length; k++) {
                                pixels.load(types[k], sources[k].values(), sources[k].from() + done, in[k], n);
                            }
                            kernel.floats(in, out, n);
                            pixels.store(outType, out, result.values(), to + done, n, cast);
                        }
                    } else {
                        double[][] in = new double[types.length][RUN];
                        double[] out = new double[RUN];
                        for (long done = 0; done < total; done += RUN) {
                            int n = (int) Math.min(RUN, total - done);
                            for (int k = 0; k < types.length; k++) {
                                pixels.load(types[k], sources[k].values(), sources[k].from() + done, in[k], n);
                            }
                            kernel.doubles(in, out, n);
                            pixels.store(outType, out, result.values(), to + done, n, cast);
                        }
                    }
                }
            });
        } finally {
            context.monitor().done();
        }
        return result;
    }

    /** A task that reads runs of pixel values as doubles (statistics). */
    @FunctionalInterface
    public interface RunReader {
        /** Called with consecutive runs of one piece, {@code values[0..n-1]}; {@code piece} is its index. */
        void accept(int piece, double[] values, int n);
    }

    /**
     * Reads every pixel of channel {@code c} at time {@code t} of {@code image} as doubles, piece by piece in
     * parallel; {@code reader} is called for the runs of each piece from one thread (pieces on several threads).
     *
     * @return the number of pieces (so callers can keep one accumulator per piece and merge them in order)
     */
    public static int read(Image image, long c, long t, long target, OperatorContext context, RunReader reader)
            throws IOException {
        long[] dims = image.header().dimensions();
        PixelType type = image.header().pixelType();
        Pixels.checkSupported(type);
        List<Piece> pieces = pieces(dims, c, t, target);
        context.forEach(pieces.size(), p -> {
            Piece piece = pieces.get(p);
            Pixels pixels = new Pixels(RUN);
            double[] values = new double[RUN];
            long total = piece.pixels(dims[0]);
            try (Arena arena = Arena.ofConfined()) {
                Located source = read(image, piece, arena);
                for (long done = 0; done < total; done += RUN) {
                    int n = (int) Math.min(RUN, total - done);
                    pixels.load(type, source.values(), source.from() + done, values, n);
                    reader.accept(p, values, n);
                }
            }
        });
        return pieces.size();
    }

    /** True when {@code frame} is one x-y plane of a stack of size {@code dims} (more than one plane). */
    public static boolean isPlaneOf(long[] frame, long[] dims) {
        return frame[2] == 1 && dims[2] > 1 && frame[0] == dims[0] && frame[1] == dims[1] && frame[3] == dims[3]
                && frame[4] == dims[4];
    }

    private static String describe(long[] dims) {
        StringBuilder s = new StringBuilder();
        for (int a = 0; a < dims.length; a++) {
            if (dims[a] > 1 || a < 2) {
                s.append(s.isEmpty() ? "" : " x ").append(dims[a]);
            }
        }
        return s.toString();
    }
}
