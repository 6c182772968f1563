package org.qbi.ops.point.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/**
 * Contrast-limited adaptive histogram equalization of one volume (a channel at a time point), step for step as
 * skimage.exposure.equalize_adapthist 0.19 computes it, so integer results agree exactly:
 * <ol>
 * <li>values to uint16 as skimage.util.img_as_uint (uint8 times 257, signed types with negatives at 0, floats in
 * [-1, 1] times 65535 rounded), then linearly from the volume's min..max to 2^14 levels, rounded half to even;</li>
 * <li>levels into {@code nbins} bins of {@code 1 + 16384 / nbins} levels;</li>
 * <li>one histogram per contextual region {@code [r k, r k + k)} along each axis (numpy's 'reflect' padding past the
 * end), clipped at {@code max(1, int(clip_limit * kernel voxels))} with skimage's redistribution, cumulated to a
 * mapping onto 0..16383;</li>
 * <li>every voxel mapped by the regions around it (blocks offset by half a kernel), multilinear weights in float64,
 * summed in float32 in skimage's order, truncated to an integer;</li>
 * <li>the result rescaled from its min..max to 0..1.</li>
 * </ol>
 * A 2D image is the case z = 1 with a kernel of 1 along z (its extra terms have weight 0).
 */
public final class AdaptiveEqualization {

    /** skimage's NR_OF_GRAY. */
    public static final int LEVELS = 1 << 14;

    /** Largest table of region mappings (regions x bins), 1 GB of ints. */
    static final long MAX_MAP_ENTRIES = 1L << 28;

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final Image image;
    private final long c;
    private final long t;
    private final int nx;
    private final int ny;
    private final int nz;
    private final int[] k;
    private final int nbins;
    private final long clipLimit;
    private final PixelType type;
    /** A floating-point image within [-1, 1] (skimage's convention), decided before the passes. */
    private boolean unitFloats;

    /**
     * @param kernel    contextual region size along x, y, z in voxels (z is 1 for a 2D image)
     * @param clipLimit skimage's normalised clip limit (0: no clipping)
     */
    public AdaptiveEqualization(Image image, long c, long t, int[] kernel, double clipLimit, int nbins) {
        long[] dims = image.header().dimensions();
        this.image = image;
        this.c = c;
        this.t = t;
        this.nx = Math.toIntExact(dims[0]);
        this.ny = Math.toIntExact(dims[1]);
        this.nz = Math.toIntExact(dims[2]);
        this.k = kernel.clone();
        this.nbins = nbins;
        long voxels = (long) k[0] * k[1] * k[2];
        this.clipLimit = clipLimit > 0 ? (long) Math.max(clipLimit * voxels, 1) : voxels;
        this.type = image.header().pixelType();
        long regions = (long) regions(0) * regions(1) * regions(2);
        if (regions * nbins > MAX_MAP_ENTRIES) {
            throw new IllegalArgumentException("point.clahe: " + regions + " contextual regions of " + nbins
                    + " bins are too many; use a larger kernel_size or fewer bins");
        }
    }

    private int regions(int axis) {
        int n = axis == 0 ? nx : axis == 1 ? ny : nz;
        return (n + k[axis] - 1) / k[axis];
    }

    /** Writes the equalized volume (values 0..1) into {@code out}'s channel c at time t. */
    public void run(ArrayImage out, OperatorContext context) throws IOException {
        long plane = (long) nx * ny;
        if (plane > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("point.clahe: an x-y plane of " + nx + " x " + ny
                    + " voxels is larger than 2^31");
        }
        // 1. the uint16 values' range (img_as_uint), then each voxel's bin
        unitFloats = unitFloats(context);
        double[] range = uintRange(context);
        short[][] bins = new short[nz][];
        int binSize = 1 + LEVELS / nbins;
        context.forEach(nz, z -> bins[z] = bins(z, range[0], range[1], binSize));
        // 2. the mapping of every contextual region
        int rx = regions(0);
        int ry = regions(1);
        int rz = regions(2);
        int[][] maps = new int[rx * ry * rz][];
        long voxels = (long) k[0] * k[1] * k[2];
        context.forEach(maps.length, r -> maps[r] = mapping(bins, r % rx, (r / rx) % ry, r / (rx * ry), voxels));
        // 3. interpolation between the mappings, and the result's range
        long[] dims = out.header().dimensions();
        float[] low = new float[nz];
        float[] high = new float[nz];
        context.forEach(nz, z -> {
            long offset = plane * (z + dims[2] * (c + dims[3] * t));
            float[] row = new float[nx];
            float lo = Float.POSITIVE_INFINITY;
            float hi = Float.NEGATIVE_INFINITY;
            for (int y = 0; y < ny; y++) {
                interpolateRow(bins, maps, z, y, row);
                for (float v : row) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                MemorySegment.copy(row, 0, out.values(), FLOAT, (offset + (long) y * nx) * 4, nx);
            }
            low[z] = lo;
            high[z] = hi;
        });
        float lo = Float.POSITIVE_INFINITY;
        float hi = Float.NEGATIVE_INFINITY;
        for (int z = 0; z < nz; z++) {
            lo = Math.min(lo, low[z]);
            hi = Math.max(hi, high[z]);
        }
        // 4. rescale_intensity to 0..1 (float64 arithmetic; each value rounds once to float32, as numpy's float32)
        double min = lo;
        double max = hi;
        context.forEach(nz, z -> {
            long offset = plane * (z + dims[2] * (c + dims[3] * t)) * 4;
            MemorySegment values = out.values();
            for (long i = 0; i < plane; i++) {
                double v = values.get(FLOAT, offset + i * 4);
                double scaled = min != max ? (v - min) / (max - min) : Math.min(Math.max(v, 0), 1);
                values.set(FLOAT, offset + i * 4, (float) scaled);
            }
        });
    }

    /** min and max of the uint16 values (img_as_uint) of the volume; finite values only. */
    private double[] uintRange(OperatorContext context) throws IOException {
        double[] low = new double[nz];
        double[] high = new double[nz];
        context.forEach(nz, z -> {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment values = image.readPlane(z, c, t, arena);
                long n = (long) nx * ny;
                for (long i = 0; i < n; i++) {
                    double u = toUint(value(values, i));
                    if (Double.isFinite(u)) {
                        lo = Math.min(lo, u);
                        hi = Math.max(hi, u);
                    }
                }
            }
            low[z] = lo;
            high[z] = hi;
        });
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < nz; z++) {
            lo = Math.min(lo, low[z]);
            hi = Math.max(hi, high[z]);
        }
        if (lo > hi) {
            throw new IllegalArgumentException("point.clahe: the image has no finite value");
        }
        return new double[] { lo, hi };
    }

    /** True for a floating-point image whose finite values all lie in [-1, 1] (skimage's float convention). */
    private boolean unitFloats(OperatorContext context) throws IOException {
        if (type != PixelType.FLOAT32 && type != PixelType.FLOAT64) {
            return false;
        }
        boolean[] inside = new boolean[nz];
        context.forEach(nz, z -> {
            boolean ok = true;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment values = image.readPlane(z, c, t, arena);
                long n = (long) nx * ny;
                for (long i = 0; i < n && ok; i++) {
                    double v = value(values, i);
                    ok = !(v < -1 || v > 1);
                }
            }
            inside[z] = ok;
        });
        for (boolean ok : inside) {
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private double value(MemorySegment values, long i) {
        return switch (type) {
            case UINT8 -> values.get(ValueLayout.JAVA_BYTE, i) & 0xff;
            case INT8 -> values.get(ValueLayout.JAVA_BYTE, i);
            case UINT16 -> values.get(SHORT, i * 2) & 0xffff;
            case INT16 -> values.get(SHORT, i * 2);
            case INT32 -> values.get(INT, i * 4);
            case UINT32 -> Integer.toUnsignedLong(values.get(INT, i * 4));
            case FLOAT32 -> values.get(FLOAT, i * 4);
            case FLOAT64 -> values.get(DOUBLE, i * 8);
            default -> throw new IllegalArgumentException("point.clahe: " + type.label() + " images are not supported");
        };
    }

    /**
     * skimage.util.img_as_uint of one value: integer scaling with floor division as skimage's _scale; floats in
     * [-1, 1] times 65535 rounded half to even and clipped at 0 (in the image's precision); other floats unchanged
     * (their min..max is then mapped linearly to the levels: skimage refuses such images).
     */
    private double toUint(double v) {
        return switch (type) {
            case UINT8 -> v * 257;
            case UINT16 -> v;
            case UINT32 -> Math.floorDiv((long) v, 1L << 16);
            case INT8 -> Math.max(0, Math.floorDiv((long) v * 16513, 32));
            case INT16 -> Math.max(0, Math.floorDiv((long) v * 32769, 1L << 14));
            case INT32 -> Math.max(0, Math.floorDiv((long) v, 1L << 15));
            case FLOAT32 -> unitFloats ? Math.min(Math.max(Math.rint((float) v * 65535f), 0), 65535) : v;
            default -> unitFloats ? Math.min(Math.max(Math.rint(v * 65535), 0), 65535) : v;
        };
    }

    /** The bin of every voxel of plane z. */
    private short[] bins(int z, double lo, double hi, int binSize) throws IOException {
        int n = nx * ny;
        short[] out = new short[n];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment values = image.readPlane(z, c, t, arena);
            for (int i = 0; i < n; i++) {
                double u = toUint(value(values, i));
                double level;
                if (!Double.isFinite(u)) {
                    level = 0;
                } else if (lo != hi) {
                    level = Math.rint((u - lo) / (hi - lo) * (LEVELS - 1));
                } else {
                    level = Math.rint(Math.min(Math.max(u, 0), LEVELS - 1));
                }
                out[i] = (short) ((int) level / binSize);
            }
        }
        return out;
    }

    /** The clipped, cumulated mapping of region (ix, iy, iz): voxels [i k, i k + k) per axis, reflected past the end. */
    private int[] mapping(short[][] bins, int ix, int iy, int iz, long voxels) {
        long[] hist = new long[nbins];
        int[] xs = new int[k[0]];
        for (int i = 0; i < k[0]; i++) {
            xs[i] = reflect(ix * k[0] + i, nx);
        }
        for (int dz = 0; dz < k[2]; dz++) {
            short[] plane = bins[reflect(iz * k[2] + dz, nz)];
            for (int dy = 0; dy < k[1]; dy++) {
                int row = reflect(iy * k[1] + dy, ny) * nx;
                for (int x : xs) {
                    hist[plane[row + x]]++;
                }
            }
        }
        clip(hist, clipLimit);
        int[] map = new int[nbins];
        double scale = (double) (LEVELS - 1) / voxels;
        long sum = 0;
        for (int b = 0; b < nbins; b++) {
            sum += hist[b];
            map[b] = (int) Math.min((double) sum * scale, LEVELS - 1);
        }
        return map;
    }

    /** numpy's 'reflect' padding: ... 2 1 | 0 1 2 ... n-1 | n-2 n-3 ... (period 2 (n - 1)). */
    static int reflect(int i, int n) {
        if (n == 1) {
            return 0;
        }
        int period = 2 * (n - 1);
        int m = Math.floorMod(i, period);
        return m < n ? m : period - m;
    }

    /** skimage's clip_histogram, literally (the redistribution's order decides which bins get the remainder). */
    static void clip(long[] hist, long limit) {
        int size = hist.length;
        long excess = 0;
        for (int i = 0; i < size; i++) {
            if (hist[i] > limit) {
                excess += hist[i] - limit;
                hist[i] = limit;
            }
        }
        long increment = excess / size;
        long upper = limit - increment;
        for (int i = 0; i < size; i++) {
            if (hist[i] < upper) {
                excess -= increment;
                hist[i] += increment;
            }
        }
        for (int i = 0; i < size; i++) {
            if (hist[i] >= upper && hist[i] < limit) {
                excess += hist[i] - limit;
                hist[i] = limit;
            }
        }
        while (excess > 0) {
            long before = excess;
            for (int index = 0; index < size; index++) {
                long under = 0;
                for (long h : hist) {
                    if (h < limit) {
                        under++;
                    }
                }
                int step = (int) Math.max(1, under / excess);
                long added = 0;
                for (int i = index; i < size; i += step) {
                    if (hist[i] < limit) {
                        hist[i]++;
                        added++;
                    }
                }
                excess -= added;
                if (excess <= 0) {
                    break;
                }
            }
            if (before == excess) {
                break;
            }
        }
    }

    /** Row y of plane z: the multilinear blend of the four (eight in 3D) surrounding regions' mappings. */
    private void interpolateRow(short[][] bins, int[][] maps, int z, int y, float[] out) {
        int rx = regions(0);
        int ry = regions(1);
        int rz = regions(2);
        double[] fz = new double[2];
        int[] iz = new int[2];
        weights(z, k[2], rz, fz, iz);
        double[] fy = new double[2];
        int[] iy = new int[2];
        weights(y, k[1], ry, fy, iy);
        double[] fx = new double[2];
        int[] ix = new int[2];
        short[] plane = bins[z];
        int row = y * nx;
        for (int x = 0; x < nx; x++) {
            weights(x, k[0], rx, fx, ix);
            int bin = plane[row + x];
            float sum = 0f;
            for (int ez = 0; ez < 2; ez++) {
                for (int ey = 0; ey < 2; ey++) {
                    int base = (iz[ez] * ry + iy[ey]) * rx;
                    for (int ex = 0; ex < 2; ex++) {
                        double w = fx[ex] * fy[ey] * fz[ez];
                        sum += (float) (maps[base + ix[ex]][bin] * w);
                    }
                }
            }
            out[x] = (int) sum;
        }
    }

    /**
     * Weights and regions of position {@code i} along an axis: the block is (i + k/2) / k in the padded image, the
     * offset in it gives c = offset / k; edge 0 (weight 1 - c) is region block - 1, edge 1 (weight c) region block,
     * both clamped to the regions (skimage's edge-padded map array).
     */
    private static void weights(int i, int k, int regions, double[] f, int[] index) {
        int p = i + k / 2;
        int block = p / k;
        double coefficient = (double) (p % k) / k;
        f[0] = 1 - coefficient;
        f[1] = coefficient;
        index[0] = Math.min(Math.max(block - 1, 0), regions - 1);
        index[1] = Math.min(Math.max(block, 0), regions - 1);
    }
}
