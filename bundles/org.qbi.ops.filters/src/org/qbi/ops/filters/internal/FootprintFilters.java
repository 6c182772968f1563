package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * Filters over an arbitrary footprint, computed output row by output row: for every offset of the footprint the
 * shifted input row is folded into a double accumulator row (float in, double out: the JIT vectorises such
 * loops, see {@link SeparableConvolution}). Cost: footprint size x voxels.
 */
public final class FootprintFilters {

    private FootprintFilters() {
    }

    /** What to compute over the footprint. */
    public enum Statistic {
        MEAN, VARIANCE, STD, MINIMUM, MAXIMUM
    }

    /**
     * {@code out} = the statistic of {@code in} over {@code footprint} around each voxel; the variance is the
     * population variance (divided by n), computed in double from sums of (x - centre) and (x - centre)^2 so large
     * values do not cancel.
     */
    public static void apply(FloatBlock in, FloatBlock out, Footprint footprint, Statistic statistic) {
        int[] offsets = footprint.offsets(in.nx(), in.ny());
        int n = offsets.length;
        int sx = out.nx();
        float[] src = in.data();
        float[] dst = out.data();
        double[] a = new double[sx];
        double[] b = new double[sx];
        double[] centre = new double[sx];
        for (int z = 0; z < out.nz(); z++) {
            for (int y = 0; y < out.ny(); y++) {
                int base = in.index(0, y, z);
                int d = Rows.outputStart(out, y, z);
                switch (statistic) {
                    case MEAN -> {
                        java.util.Arrays.fill(a, 0);
                        for (int off : offsets) {
                            int from = base + off;
                            for (int i = 0; i < sx; i++) {
                                a[i] += src[from + i];
                            }
                        }
                        double inv = 1.0 / n;
                        for (int i = 0; i < sx; i++) {
                            dst[d + i] = (float) (a[i] * inv);
                        }
                    }
                    case VARIANCE, STD -> {
                        for (int i = 0; i < sx; i++) {
                            centre[i] = src[base + i];
                        }
                        java.util.Arrays.fill(a, 0);
                        java.util.Arrays.fill(b, 0);
                        for (int off : offsets) {
                            int from = base + off;
                            for (int i = 0; i < sx; i++) {
                                double v = src[from + i] - centre[i];
                                a[i] += v;
                                b[i] += v * v;
                            }
                        }
                        double inv = 1.0 / n;
                        boolean std = statistic == Statistic.STD;
                        for (int i = 0; i < sx; i++) {
                            double mean = a[i] * inv;
                            double variance = Math.max(0, b[i] * inv - mean * mean);
                            dst[d + i] = (float) (std ? Math.sqrt(variance) : variance);
                        }
                    }
                    case MINIMUM, MAXIMUM -> {
                        boolean min = statistic == Statistic.MINIMUM;
                        java.util.Arrays.fill(a, min ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY);
                        for (int off : offsets) {
                            int from = base + off;
                            if (min) {
                                for (int i = 0; i < sx; i++) {
                                    a[i] = Math.min(a[i], src[from + i]);
                                }
                            } else {
                                for (int i = 0; i < sx; i++) {
                                    a[i] = Math.max(a[i], src[from + i]);
                                }
                            }
                        }
                        for (int i = 0; i < sx; i++) {
                            dst[d + i] = (float) a[i];
                        }
                    }
                }
            }
        }
    }

    /**
     * Variance (or standard deviation) over the box of the block's halo, separably: sums of x and x^2 along z, y
     * and x in double (2r+1 terms per axis instead of (2r+1)^3 per voxel), then mean of squares minus squared mean.
     * Double sums of float values keep the cancellation error far below float32 resolution for any pixel type.
     */
    public static void boxVariance(FloatBlock in, FloatBlock out, boolean std) {
        int nx = in.nx();
        int ny = in.ny();
        int rx = in.halo(0);
        int ry = in.halo(1);
        int rz = in.halo(2);
        int sx = out.nx();
        int sy = out.ny();
        int plane = nx * ny;
        float[] src = in.data();
        float[] o = out.data();
        double[] s1 = new double[plane];
        double[] s2 = new double[plane];
        double[] t1 = new double[nx];
        double[] t2 = new double[nx];
        double inv = 1.0 / ((2 * rx + 1) * (2 * ry + 1) * (2 * rz + 1));
        for (int z = 0; z < out.nz(); z++) {
            java.util.Arrays.fill(s1, 0);
            java.util.Arrays.fill(s2, 0);
            for (int k = -rz; k <= rz; k++) {
                int from = (z + rz + k) * plane;
                for (int i = 0; i < plane; i++) {
                    double v = src[from + i];
                    s1[i] += v;
                    s2[i] += v * v;
                }
            }
            for (int y = 0; y < sy; y++) {
                java.util.Arrays.fill(t1, 0);
                java.util.Arrays.fill(t2, 0);
                for (int k = -ry; k <= ry; k++) {
                    int from = (y + ry + k) * nx;
                    for (int i = 0; i < nx; i++) {
                        t1[i] += s1[from + i];
                        t2[i] += s2[from + i];
                    }
                }
                int d = sx * (y + sy * z);
                for (int x = 0; x < sx; x++) {
                    double a = 0;
                    double b = 0;
                    for (int k = 0; k <= 2 * rx; k++) {
                        a += t1[x + k];
                        b += t2[x + k];
                    }
                    double mean = a * inv;
                    double variance = Math.max(0, b * inv - mean * mean);
                    o[d + x] = (float) (std ? Math.sqrt(variance) : variance);
                }
            }
        }
    }

    /**
     * {@code out} = the median of {@code in} over {@code footprint} (the value of rank n / 2, as
     * scipy.ndimage.median_filter; footprints are symmetric, so n is odd). Selection per voxel (quickselect), for
     * the footprints the comparator networks of {@link Median3} do not cover.
     */
    public static void median(FloatBlock in, FloatBlock out, Footprint footprint) {
        int[] offsets = footprint.offsets(in.nx(), in.ny());
        int n = offsets.length;
        int rank = n / 2;
        float[] src = in.data();
        float[] dst = out.data();
        float[] values = new float[n];
        for (int z = 0; z < out.nz(); z++) {
            for (int y = 0; y < out.ny(); y++) {
                int base = in.index(0, y, z);
                int d = Rows.outputStart(out, y, z);
                for (int x = 0; x < out.nx(); x++) {
                    int c = base + x;
                    for (int k = 0; k < n; k++) {
                        values[k] = src[c + offsets[k]];
                    }
                    dst[d + x] = select(values, n, rank);
                }
            }
        }
    }

    /** The {@code rank}-th smallest of {@code v[0..n-1]} (reorders v); NaN counts as larger than every number. */
    static float select(float[] v, int n, int rank) {
        int lo = 0;
        int hi = n - 1;
        while (hi > lo) {
            int mid = (lo + hi) >>> 1;
            // median of three as pivot, moved to hi
            if (less(v[mid], v[lo])) {
                swap(v, mid, lo);
            }
            if (less(v[hi], v[lo])) {
                swap(v, hi, lo);
            }
            if (less(v[mid], v[hi])) {
                swap(v, mid, hi);
            }
            float pivot = v[hi];
            int store = lo;
            for (int i = lo; i < hi; i++) {
                if (less(v[i], pivot)) {
                    swap(v, i, store++);
                }
            }
            swap(v, store, hi);
            if (store == rank) {
                return v[store];
            }
            if (store < rank) {
                lo = store + 1;
            } else {
                hi = store - 1;
            }
        }
        return v[lo];
    }

    private static boolean less(float a, float b) {
        return Float.compare(a, b) < 0;
    }

    private static void swap(float[] v, int i, int j) {
        float t = v[i];
        v[i] = v[j];
        v[j] = t;
    }
}
