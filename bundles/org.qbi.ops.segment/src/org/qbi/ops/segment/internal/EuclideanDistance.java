package org.qbi.ops.segment.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.function.Supplier;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/**
 * Exact Euclidean distance transform of one volume, separable (Felzenszwalb and Huttenlocher's lower envelope of
 * parabolas along each axis in turn, on squared distances, with per-axis voxel sizes), parallel over lines,
 * computed in place in the float32 output.
 * <p>
 * Shortcuts that keep it fast on sparse masks without changing the result: the first pass (along x) needs no
 * envelope, only each foreground run's distance to its ends, and writes nothing on the background (the output
 * starts as zeros); later passes process a line only between its zeros (a zero of the squared distance bounds
 * every envelope: no point beyond it can be nearer than the zero itself) and skip lines that are all zeros.
 *
 * @since 0.1
 */
public final class EuclideanDistance {

    /** Columns per task for the pass along y of a 2D image. */
    private static final int CHUNK = 256;
    private static final long ONES = 0x0101010101010101L;
    private static final long HIGHS = 0x8080808080808080L;

    private EuclideanDistance() {
    }

    /**
     * Computes the distances of channel {@code c}, time {@code t} of {@code mask} into the float32 {@code output}
     * from sample {@code offset} on (which must hold zeros).
     *
     * @param spacing    voxel size along x, y, z
     * @param inverse    measure background voxels' distance to the nearest foreground voxel instead
     * @param allocation when not null, makes the output: run as the first of the parallel tasks that find the
     *                   foreground runs, so it overlaps with them
     * @param output     the output's values (asked for once the runs are found)
     */
    public static void compute(Image mask, long c, long t, Volume volume, double[] spacing, boolean inverse,
            Runnable allocation, Supplier<MemorySegment> output, long offset, OperatorContext context)
            throws IOException {
        int nx = volume.nx();
        int ny = volume.ny();
        int nz = volume.nz();
        int rpp = volume.rowsPerPlane();
        PixelType type = mask.header().pixelType();
        int[] bands = volume.bands(Math.max(1, 4 * context.parallelism()));
        float scale = (float) (spacing[0] * spacing[0]);
        RowPass[] passes = new RowPass[bands.length - 1];
        int extra = allocation == null ? 0 : 1;
        context.forEach(bands.length - 1 + extra, task -> {
            if (task < extra) {
                allocation.run();
                return;
            }
            int b = task - extra;
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment values = volume.planes(mask, c, t, bands[b], bands[b + 1], arena);
                RowPass pass = new RowPass(nx, (bands[b + 1] - bands[b]) * rpp, inverse);
                pass.rows(type, values);
                passes[b] = pass;
            }
        });
        MemorySegment target = output.get();
        context.forEach(bands.length - 1, b -> passes[b].write(target, offset + (long) bands[b] * rpp * nx, scale));
        Foreground runs = new Foreground(passes, bands, rpp);
        if (nz > 1) {
            context.forEach(nz, z -> new Sweep(target, offset + (long) z * nx * ny, nx, spacing[1], false)
                    .run(0, nx, ny, y -> runs.row(y + ny * z)));
            context.forEach(ny, y -> new Sweep(target, offset + (long) y * nx, (long) nx * ny, spacing[2], true)
                    .run(0, nx, nz, z -> runs.row(y + ny * z)));
        } else {
            int chunks = (nx + CHUNK - 1) / CHUNK;
            context.forEach(chunks, k -> new Sweep(target, offset, nx, spacing[1], true)
                    .run(k * CHUNK, Math.min(nx, (k + 1) * CHUNK), ny, y -> runs.row(y)));
        }
    }

    /** The foreground runs of every row found by the first pass: row g = y + ny z (2D: g = y). */
    private static final class Foreground {
        private final RowPass[] passes;
        private final int[] bandOfPlane;
        private final int[] firstRow;
        private final int rpp;

        Foreground(RowPass[] passes, int[] bands, int rpp) {
            this.passes = passes;
            this.rpp = rpp;
            this.bandOfPlane = new int[bands[bands.length - 1]];
            this.firstRow = new int[passes.length];
            for (int b = 0; b < passes.length; b++) {
                firstRow[b] = bands[b] * rpp;
                java.util.Arrays.fill(bandOfPlane, bands[b], bands[b + 1], b);
            }
        }

        /** The pass holding row g, positioned on it. */
        Row row(int g) {
            int b = bandOfPlane[g / rpp];
            return new Row(passes[b], g - firstRow[b]);
        }
    }

    /** The runs of one row: runs first .. end-1 of a pass. */
    private record Row(RowPass pass, int local) {
        int first() {
            return pass.rowFirst[local];
        }

        int end() {
            return pass.rowFirst[local + 1];
        }

        int start(int r) {
            return pass.start[r];
        }

        int stop(int r) {
            return pass.end[r];
        }
    }

    /**
     * The envelope pass along one axis over a sheet of lines (one per x), sweeping the rows that cross them in
     * order: each line's foreground intervals (bounded by background, whose value is 0, or by the border) are
     * processed as they close, so the work is proportional to the foreground, not to the volume.
     */
    private static final class Sweep {
        private final MemorySegment target;
        private final long base;
        private final long stride;
        private final double spacing;
        private final boolean last;
        private float[] values = new float[64];
        private float[] out = new float[64];
        private double[] envelope = new double[65];
        private int[] vertices = new int[64];

        /** Voxel (x, i) of the sheet is sample base + x + i stride. */
        Sweep(MemorySegment target, long base, long stride, double spacing, boolean last) {
            this.target = target;
            this.base = base;
            this.stride = stride;
            this.spacing = spacing;
            this.last = last;
        }

        void run(int x0, int x1, int length, java.util.function.IntFunction<Row> rows) {
            int w = x1 - x0;
            int[] from = new int[w];
            int[] to = new int[w];
            java.util.Arrays.fill(to, -2);
            for (int i = 0; i < length; i++) {
                Row row = rows.apply(i);
                for (int r = row.first(); r < row.end(); r++) {
                    int s = Math.max(row.start(r), x0);
                    int e = Math.min(row.stop(r), x1);
                    for (int x = s; x < e; x++) {
                        int k = x - x0;
                        if (to[k] != i - 1) {
                            if (to[k] >= 0) {
                                interval(x, from[k], to[k], length);
                            }
                            from[k] = i;
                        }
                        to[k] = i;
                    }
                }
            }
            for (int k = 0; k < w; k++) {
                if (to[k] >= 0) {
                    interval(x0 + k, from[k], to[k], length);
                }
            }
        }

        /** Foreground a..b of line x (background or border at a-1 and b+1). */
        private void interval(int x, int a, int b, int length) {
            int lo = a > 0 ? a - 1 : a;
            int hi = b < length - 1 ? b + 1 : b;
            int n = hi - lo + 1;
            if (values.length < n) {
                values = new float[2 * n];
                out = new float[2 * n];
                envelope = new double[2 * n + 1];
                vertices = new int[2 * n];
            }
            for (int i = a; i <= b; i++) {
                values[i - lo] = target.get(Volume.FLOAT, (base + x + i * stride) * 4);
            }
            values[0] = lo < a ? 0 : values[0];
            values[n - 1] = hi > b ? 0 : values[n - 1];
            line(values, 0, n, spacing, out, envelope, vertices);
            for (int i = a; i <= b; i++) {
                float v = out[i - lo];
                target.set(Volume.FLOAT, (base + x + i * stride) * 4, last ? (float) Math.sqrt(v) : v);
            }
        }
    }

    /**
     * The pass along x: finds the foreground runs of every row of a band (kept for the next passes), then writes
     * each foreground voxel's squared distance to the nearest background voxel of its row.
     */
    private static final class RowPass {
        private final int nx;
        private final int rows;
        private final boolean inverse;
        private final byte[] mask;
        final int[] rowFirst;
        int[] start = new int[256];
        int[] end = new int[256];
        private int runs;

        RowPass(int nx, int rows, boolean inverse) {
            this.nx = nx;
            this.rows = rows;
            this.inverse = inverse;
            this.mask = new byte[nx];
            this.rowFirst = new int[rows + 1];
        }

        /** Writes the squared distances along x of the band's foreground (sample firstTarget = its first voxel). */
        void write(MemorySegment target, long firstTarget, float scale) {
            float[] row = new float[nx];
            for (int r = 0; r < rows; r++) {
                long rowOffset = firstTarget + (long) r * nx;
                for (int k = rowFirst[r]; k < rowFirst[r + 1]; k++) {
                    int s = start[k];
                    int e = end[k];
                    for (int x = s; x < e; x++) {
                        row[x - s] = runDistance(x, s, e, nx, scale);
                    }
                    MemorySegment.copy(row, 0, target, Volume.FLOAT, (rowOffset + s) * 4, e - s);
                }
            }
        }

        void rows(PixelType type, MemorySegment values) {
            for (int r = 0; r < rows; r++) {
                rowFirst[r] = runs;
                long from = (long) r * nx;
                if (type.bytesPerSample() == 1) {
                    byteRuns(values, from);
                } else {
                    Volume.readMask(type, values, from, mask, 0, nx);
                    int x = 0;
                    while (x < nx) {
                        while (x < nx && (mask[x] != 0) == inverse) {
                            x++;
                        }
                        int s = x;
                        while (x < nx && (mask[x] != 0) != inverse) {
                            x++;
                        }
                        if (x > s) {
                            run(s, x);
                        }
                    }
                }
            }
            rowFirst[rows] = runs;
        }
        /** Foreground runs of a row of bytes, 8 voxels at a time through uniform words. */
        private void byteRuns(MemorySegment values, long from) {
            int x = 0;
            while (x < nx) {
                // background
                if (inverse) {
                    while (x + 8 <= nx && !hasZeroByte(values.get(Volume.LONG, from + x))) {
                        x += 8;
                    }
                    while (x < nx && values.get(ValueLayout.JAVA_BYTE, from + x) != 0) {
                        x++;
                    }
                } else {
                    while (x + 8 <= nx && values.get(Volume.LONG, from + x) == 0) {
                        x += 8;
                    }
                    while (x < nx && values.get(ValueLayout.JAVA_BYTE, from + x) == 0) {
                        x++;
                    }
                }
                if (x == nx) {
                    return;
                }
                int s = x;
                if (inverse) {
                    while (x + 8 <= nx && values.get(Volume.LONG, from + x) == 0) {
                        x += 8;
                    }
                    while (x < nx && values.get(ValueLayout.JAVA_BYTE, from + x) == 0) {
                        x++;
                    }
                } else {
                    while (x + 8 <= nx && !hasZeroByte(values.get(Volume.LONG, from + x))) {
                        x += 8;
                    }
                    while (x < nx && values.get(ValueLayout.JAVA_BYTE, from + x) != 0) {
                        x++;
                    }
                }
                run(s, x);
            }
        }

        /** Records the foreground run s..e-1 (background or the border at s-1 and e). */
        private void run(int s, int e) {
            if (runs == start.length) {
                start = java.util.Arrays.copyOf(start, 2 * runs);
                end = java.util.Arrays.copyOf(end, 2 * runs);
            }
            start[runs] = s;
            end[runs] = e;
            runs++;
        }
    }

    /**
     * The first pass's value at voxel {@code x} of the foreground run {@code s .. e-1} of a row of {@code nx} voxels
     * (background or the border at s-1 and e): the squared distance along the row to the nearest background voxel
     * times {@code scale} (the squared x spacing, in float32), +infinity when the row has no background.
     */
    public static float runDistance(int x, int s, int e, int nx, float scale) {
        int d = Math.min(s > 0 ? x - s + 1 : Integer.MAX_VALUE, e < nx ? e - x : Integer.MAX_VALUE);
        return d == Integer.MAX_VALUE ? Float.POSITIVE_INFINITY : (float) d * d * scale;
    }

    private static boolean hasZeroByte(long word) {
        return ((word - ONES) & ~word & HIGHS) != 0;
    }

    /**
     * One line of a later pass: out[i] = min over j of f[j] + (spacing (i - j))^2, computed between the zeros of f
     * (each stretch between zeros with positions counted from the zero before it, as the sweeps do).
     *
     * @param z envelope boundaries, at least n + 1
     * @param v envelope vertices, at least n
     */
    public static void line(float[] f, int offset, int n, double spacing, float[] out, double[] z, int[] v) {
        double s2 = spacing * spacing;
        int i = 0;
        while (i < n) {
            if (f[offset + i] == 0) {
                out[i] = 0;
                i++;
                continue;
            }
            int a = i;
            while (i < n && f[offset + i] != 0) {
                i++;
            }
            int lo = a > 0 ? a - 1 : a;
            int hi = i < n ? i : i - 1;
            // lower envelope of the parabolas of lo..hi (positions relative to lo)
            int k = -1;
            for (int q = lo; q <= hi; q++) {
                double fq = f[offset + q];
                if (fq == Double.POSITIVE_INFINITY) {
                    continue;
                }
                double pq = q - lo;
                while (true) {
                    if (k < 0) {
                        k = 0;
                        v[0] = q;
                        z[0] = Double.NEGATIVE_INFINITY;
                        z[1] = Double.POSITIVE_INFINITY;
                        break;
                    }
                    double pv = v[k] - lo;
                    double fv = f[offset + v[k]];
                    double s = ((fq + s2 * pq * pq) - (fv + s2 * pv * pv)) / (2 * s2 * (pq - pv));
                    if (s <= z[k]) {
                        k--;
                        continue;
                    }
                    k++;
                    v[k] = q;
                    z[k] = s;
                    z[k + 1] = Double.POSITIVE_INFINITY;
                    break;
                }
            }
            if (k < 0) {
                for (int q = a; q < i; q++) {
                    out[q] = Float.POSITIVE_INFINITY;
                }
                continue;
            }
            int j = 0;
            for (int q = a; q < i; q++) {
                double pq = q - lo;
                while (z[j + 1] < pq) {
                    j++;
                }
                double d = pq - (v[j] - lo);
                out[q] = (float) (s2 * d * d + f[offset + v[j]]);
            }
        }
    }
}
