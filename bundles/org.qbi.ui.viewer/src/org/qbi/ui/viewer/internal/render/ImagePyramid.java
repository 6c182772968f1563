package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.BooleanSupplier;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.progress.CancelledException;

/**
 * Downsampled copies of a volume too large to browse at full resolution (BigDataViewer's multi-resolution idea):
 * level {@code k} shrinks x, y and z (axes of size 1 stay 1) by the factor {@code f0 * 2^k}, where {@code f0} is
 * the smallest power of two whose level fits the memory budget. Levels are kept off-heap, so their total is at
 * most about 8/7 of the budget (a little more where odd sizes round up), whatever the size of the image.
 * <p>
 * Intensities average: a voxel of the finest level is the mean of the {@code f0^3} voxels of its block (the ones
 * present at the edges), each coarser level the mean of 2 x 2 x 2 voxels of the level below. Labels and masks
 * ({@code label32}, and any image marked categorical) take the nearest voxel (the block's first one), so no new
 * label appears. Colour and complex images have no pyramid ({@link #supports}).
 * <p>
 * {@link #build} streams the image once, x-y plane by x-y plane in z order (the read order of every format),
 * per channel and time point; readers may ask for planes meanwhile: {@link #overview} answers with what is
 * built, and says how much that is. Thread-safe: one builder, any number of readers.
 */
public final class ImagePyramid {

    /** The coarsest level is made no smaller than this along its longest axis (a useful overview). */
    static final int COARSEST_EDGE = 128;

    /** One level: its factor along x, y, z and its voxels. */
    private record Level(long[] factor, ArrayImage image) {
    }

    private final Image source;
    private final ImageHeader header;
    private final boolean categorical;
    private final List<Level> levels = new ArrayList<>();
    /** Per level and per (c, t): the number of z planes of that level complete. */
    private final List<AtomicIntegerArray> built = new ArrayList<>();

    private ImagePyramid(Image source, boolean categorical, long budgetBytes) {
        this.source = source;
        this.header = source.header();
        this.categorical = categorical;
        long[] dims = header.dimensions();
        long f = 2;
        long longest = Math.max(dims[0], Math.max(dims[1], dims[2]));
        while (levelBytes(dims, f) > budgetBytes && f < longest) {
            f *= 2;
        }
        int ct = (int) (dims[3] * dims[4]);
        long[] size;
        do {
            long[] factor = factors(dims, f);
            size = levelSize(dims, factor);
            levels.add(new Level(factor, ArrayImage.allocate(ImageHeader.uncalibrated(header.pixelType(), size))));
            built.add(new AtomicIntegerArray(ct));
            f *= 2;
        } while (Math.max(size[0], size[1]) > COARSEST_EDGE);
    }

    /**
     * A pyramid of {@code image}, nothing built yet (allocates the levels: at most about 8/7 of the budget).
     *
     * @param categorical labels or a mask: levels take the nearest voxel instead of the mean
     * @param budgetBytes the finest level's size at most (bytes); at least one level of one voxel per 2^k block
     * @throws IllegalArgumentException for colour or complex images, or a budget below 1 byte
     */
    public static ImagePyramid of(Image image, boolean categorical, long budgetBytes) {
        if (!supports(image.header().pixelType())) {
            throw new IllegalArgumentException("No pyramid for " + image.header().pixelType().label()
                    + " images: colour and complex values are shown at full resolution only");
        }
        if (budgetBytes < 1) {
            throw new IllegalArgumentException("A pyramid needs a budget of at least 1 byte, got " + budgetBytes);
        }
        return new ImagePyramid(image, categorical || image.header().pixelType() == PixelType.LABEL32, budgetBytes);
    }

    /** True for the pixel types a pyramid can average or sample (scalar, real). */
    public static boolean supports(PixelType type) {
        return !PlaneValues.isColour(type) && type != PixelType.COMPLEX_FLOAT32;
    }

    private static long[] factors(long[] dims, long f) {
        long[] factor = { 1, 1, 1, 1, 1 };
        for (int a = 0; a < 3; a++) {
            factor[a] = dims[a] > 1 ? f : 1;
        }
        return factor;
    }

    private static long[] levelSize(long[] dims, long[] factor) {
        long[] size = dims.clone();
        for (int a = 0; a < 3; a++) {
            size[a] = (dims[a] + factor[a] - 1) / factor[a];
        }
        return size;
    }

    private long levelBytes(long[] dims, long f) {
        long[] size = levelSize(dims, factors(dims, f));
        double bytes = header.pixelType().bytesPerPixel();
        for (long s : size) {
            bytes *= s;
        }
        return bytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE / 2 : (long) bytes;
    }

    /** Number of levels (at least 1). */
    public int levels() {
        return levels.size();
    }

    /** The downsampling factor of level {@code k} along x, y, z, c, t. */
    public long[] factor(int k) {
        return levels.get(k).factor().clone();
    }

    /** Bytes the levels hold. */
    public long bytes() {
        long sum = 0;
        for (Level level : levels) {
            sum += level.image().values().byteSize();
        }
        return sum;
    }

    /** True when every level is complete. */
    public boolean complete() {
        AtomicIntegerArray last = built.getLast();
        long depth = levels.getLast().image().header().size(Axis.Z);
        for (int i = 0; i < last.length(); i++) {
            if (last.get(i) < depth) {
                return false;
            }
        }
        return true;
    }

    /**
     * Computes every level, reading each x-y plane of the image once; returns early when {@code cancelled}.
     *
     * @param planeDone called after each plane of the image with the fraction of the pass done (0..1)
     * @throws CancelledException when {@code cancelled} becomes true
     */
    public void build(BooleanSupplier cancelled, java.util.function.DoubleConsumer planeDone) throws IOException {
        long[] dims = header.dimensions();
        PixelType type = header.pixelType();
        Level finest = levels.getFirst();
        long[] f = finest.factor();
        long[] size = finest.image().header().dimensions();
        int width = Math.toIntExact(size[0]);
        int height = Math.toIntExact(size[1]);
        long done = 0;
        long total = dims[2] * dims[3] * dims[4];
        for (long t = 0; t < dims[4]; t++) {
            for (long c = 0; c < dims[3]; c++) {
                int ct = (int) (c + dims[3] * t);
                double[] sums = new double[width * height];
                long[] counts = new long[width * height];
                for (long z = 0; z < dims[2]; z++) {
                    if (cancelled.getAsBoolean()) {
                        throw new CancelledException("Building the overview");
                    }
                    try (Arena arena = Arena.ofConfined()) {
                        MemorySegment plane = source.readPlane(z, c, t, arena);
                        if (categorical) {
                            if (z % f[2] == 0) {
                                samplePlane(plane, type, dims, f, sums, counts, width);
                            }
                        } else {
                            addPlane(plane, type, dims, f, sums, counts, width);
                        }
                    }
                    if ((z + 1) % f[2] == 0 || z == dims[2] - 1) {
                        long zl = z / f[2];
                        writeMeans(finest, sums, counts, zl, c, t);
                        java.util.Arrays.fill(sums, 0);
                        java.util.Arrays.fill(counts, 0);
                        built.getFirst().set(ct, (int) zl + 1);
                        cascade(1, zl, c, t, ct, zl == size[2] - 1);
                    }
                    planeDone.accept(++done / (double) total);
                }
            }
        }
    }

    /** Adds each voxel of a full-resolution plane to the sum of its block in the finest level. */
    private static void addPlane(MemorySegment plane, PixelType type, long[] dims, long[] f, double[] sums,
            long[] counts, int width) {
        int w = (int) dims[0];
        int h = (int) dims[1];
        int fx = (int) f[0];
        int fy = (int) f[1];
        for (int y = 0; y < h; y++) {
            int row = (y / fy) * width;
            long base = (long) y * w;
            // one block of a row at a time: the inner loop adds in a local, without a division per voxel
            for (int block = 0, x = 0; x < w; block++) {
                int end = Math.min(w, x + fx);
                long sum = 0;
                double real = 0;
                switch (type) {
                    case UINT16 -> {
                        for (; x < end; x++) {
                            sum += Short.toUnsignedInt(plane.get(ValueLayout.JAVA_SHORT_UNALIGNED, 2 * (base + x)));
                        }
                    }
                    case UINT8 -> {
                        for (; x < end; x++) {
                            sum += Byte.toUnsignedInt(plane.get(ValueLayout.JAVA_BYTE, base + x));
                        }
                    }
                    default -> {
                        for (; x < end; x++) {
                            real += PixelValues.get(type, plane, base + x);
                        }
                    }
                }
                sums[row + block] += sum + real;
            }
            for (int x = 0; x < w; x += fx) {
                counts[row + x / fx] += Math.min(fx, w - x);
            }
        }
    }

    /** Takes the first voxel of each block (labels: the nearest, never a mix). */
    private static void samplePlane(MemorySegment plane, PixelType type, long[] dims, long[] f, double[] sums,
            long[] counts, int width) {
        int w = (int) dims[0];
        int h = (int) dims[1];
        for (int y = 0; y < h; y += (int) f[1]) {
            for (int x = 0; x < w; x += (int) f[0]) {
                int i = (int) (y / f[1]) * width + (int) (x / f[0]);
                sums[i] = PixelValues.get(type, plane, (long) y * w + x);
                counts[i] = 1;
            }
        }
    }

    private void writeMeans(Level level, double[] sums, long[] counts, long z, long c, long t) {
        long[] size = level.image().header().dimensions();
        long planeOffset = size[0] * size[1] * (z + size[2] * (c + size[3] * t));
        MemorySegment values = level.image().values();
        PixelType type = header.pixelType();
        for (int i = 0; i < sums.length; i++) {
            PixelValues.set(type, values, planeOffset + i, counts[i] == 0 ? 0 : sums[i] / counts[i]);
        }
    }

    /**
     * Plane {@code zBelow} of level {@code k - 1} is complete: when it completes a pair (or is the last), makes
     * plane {@code zBelow / 2} of level k from the 2 x 2 x 2 blocks below, and so on up.
     */
    private void cascade(int k, long zBelow, long c, long t, int ct, boolean lastBelow) {
        if (k >= levels.size() || (zBelow % 2 == 0 && !lastBelow)) {
            return;
        }
        Level below = levels.get(k - 1);
        Level level = levels.get(k);
        long[] b = below.image().header().dimensions();
        long[] s = level.image().header().dimensions();
        long z = zBelow / 2;
        long zStep = below.factor()[2] == level.factor()[2] ? 1 : 2;
        if (zStep == 1) {
            z = zBelow;
        }
        long fx = level.factor()[0] / below.factor()[0];
        long fy = level.factor()[1] / below.factor()[1];
        PixelType type = header.pixelType();
        MemorySegment from = below.image().values();
        MemorySegment to = level.image().values();
        long belowCt = b[0] * b[1] * b[2] * (c + b[3] * t);
        long levelPlane = s[0] * s[1] * (z + s[2] * (c + s[3] * t));
        for (long y = 0; y < s[1]; y++) {
            for (long x = 0; x < s[0]; x++) {
                double sum = 0;
                long n = 0;
                for (long dz = 0; dz < zStep && z * zStep + dz < b[2]; dz++) {
                    for (long dy = 0; dy < fy && y * fy + dy < b[1]; dy++) {
                        for (long dx = 0; dx < fx && x * fx + dx < b[0]; dx++) {
                            long i = belowCt + (x * fx + dx) + b[0] * ((y * fy + dy) + b[1] * (z * zStep + dz));
                            sum += PixelValues.get(type, from, i);
                            n++;
                            if (categorical) {
                                dz = zStep; // the first voxel only
                                dy = fy;
                                break;
                            }
                        }
                    }
                }
                PixelValues.set(type, to, levelPlane + x + s[0] * y, n == 0 ? 0 : sum / n);
            }
        }
        built.get(k).set(ct, (int) z + 1);
        cascade(k + 1, z, c, t, ct, z == s[2] - 1);
    }

    /**
     * An overview of a plane: the finest level holding any of it, read like the full-resolution plane and
     * enlarged to its size by nearest neighbour (so readout, ROIs and overlays need no other geometry).
     *
     * @return the overview, or null when no level has any of this plane yet
     */
    public Overview overview(SlicePlane plane, long index, long c, long t, Arena arena) throws IOException {
        long[] dims = header.dimensions();
        int ct = (int) (c + dims[3] * t);
        int width = plane.width(header);
        int height = plane.height(header);
        int bpp = header.pixelType().bytesPerPixel();
        for (int k = 0; k < levels.size(); k++) {
            Level level = levels.get(k);
            long[] f = level.factor();
            int zBuilt = built.get(k).get(ct);
            long depth = level.image().header().size(Axis.Z);
            long levelIndex = index / f[plane.normal().ordinal()];
            boolean any = plane == SlicePlane.AXIAL ? levelIndex < zBuilt : zBuilt > 0;
            if (!any) {
                continue;
            }
            MemorySegment small = plane.read(level.image(), levelIndex, c, t, arena);
            int sw = plane.width(level.image().header());
            long fh = f[plane.horizontal().ordinal()];
            long fv = f[plane.vertical().ordinal()];
            MemorySegment large = arena.allocate((long) width * height * bpp, 8);
            for (int v = 0; v < height; v++) {
                long srcRow = (v / fv) * sw;
                long dstRow = (long) v * width;
                for (int h = 0; h < width; h++) {
                    MemorySegment.copy(small, (srcRow + h / fh) * bpp, large, (dstRow + h) * bpp, bpp);
                }
            }
            double fraction = plane == SlicePlane.AXIAL ? 1 : Math.min(1, zBuilt / (double) depth);
            return new Overview(large, f.clone(), fraction);
        }
        return null;
    }

    /**
     * A plane shown from a level.
     *
     * @param values   the plane at full-resolution size (nearest neighbour), stored values
     * @param factor   the level's downsampling along x, y, z, c, t
     * @param fraction how much of the plane the level holds yet (0..1; the rest is 0)
     */
    public record Overview(MemorySegment values, long[] factor, double fraction) {
    }
}
