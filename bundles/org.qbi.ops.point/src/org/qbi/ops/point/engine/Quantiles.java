package org.qbi.ops.point.engine;

import java.io.IOException;
import java.util.Arrays;

import org.qbi.core.image.Image;
import org.qbi.ops.OperatorContext;

/**
 * Exact percentiles of one channel and time point, as {@code numpy.percentile(values, q)} (linear interpolation
 * between the two closest ranks), without sorting the image: a histogram of 65536 bins over the finite range finds
 * the bin holding each needed rank, narrowed again while that bin still holds many values, and only the values of
 * the final bin are sorted. NaN and infinite values are left out (numpy.nanpercentile).
 *
 * @since 0.1
 */
public final class Quantiles {

    private static final int BINS = 1 << 16;
    private static final long SORTABLE = 1L << 22;

    private Quantiles() {
    }

    /**
     * The percentiles {@code q} (each 0..100).
     *
     * @throws IllegalArgumentException when a percentile is outside 0..100 or the image has no finite value
     */
    public static double[] of(Image image, long c, long t, double[] q, OperatorContext context) throws IOException {
        for (double p : q) {
            if (!(p >= 0 && p <= 100)) {
                throw new IllegalArgumentException("A percentile is between 0 and 100, got " + p);
            }
        }
        ValueRange range = ValueRange.of(image, c, t, context);
        if (range.isEmpty()) {
            throw new IllegalArgumentException("The image has no finite value: no percentiles");
        }
        long n = range.finite();
        double[] result = new double[q.length];
        for (int k = 0; k < q.length; k++) {
            double h = (n - 1) * (q[k] / 100);
            long below = (long) Math.floor(h);
            long above = Math.min(below + 1, n - 1);
            double a = rank(image, c, t, below, range, context);
            double b = above == below ? a : rank(image, c, t, above, range, context);
            result[k] = lerp(a, b, h - below);
        }
        return result;
    }

    /** numpy's _lerp: a + (b - a) * t, computed from the nearer end. */
    static double lerp(double a, double b, double t) {
        double diff = b - a;
        return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
    }

    /** The value of rank {@code r} (0-based) among the finite values in ascending order. */
    static double rank(Image image, long c, long t, long r, ValueRange range, OperatorContext context)
            throws IOException {
        double lo = range.min();
        double hi = range.max();
        long offset = r; // rank within [lo, hi]
        while (true) {
            if (lo == hi) {
                return lo;
            }
            double low = lo;
            double high = hi;
            double scale = BINS / (high - low);
            long[][] parts = new long[64][];
            int pieces = PixelStream.read(image, c, t, ValueRange.PIECE, context, (p, values, m) -> {
                long[] h = parts[p % 64];
                synchronized (parts) {
                    if (parts[p % 64] == null) {
                        parts[p % 64] = new long[BINS];
                    }
                    h = parts[p % 64];
                }
                synchronized (h) {
                    for (int i = 0; i < m; i++) {
                        double v = values[i];
                        if (v >= low && v <= high) {
                            h[Math.min(BINS - 1, (int) ((v - low) * scale))]++;
                        }
                    }
                }
            });
            long[] counts = new long[BINS];
            for (long[] h : parts) {
                if (h != null) {
                    for (int i = 0; i < BINS; i++) {
                        counts[i] += h[i];
                    }
                }
            }
            int bin = 0;
            long before = 0;
            while (before + counts[bin] <= offset) {
                before += counts[bin];
                bin++;
            }
            long inBin = counts[bin];
            double binLow = bin == 0 ? low : low + bin / scale;
            double binHigh = bin == BINS - 1 ? high : low + (bin + 1) / scale;
            // the bin's exact membership is decided by the same index formula, so collect by index, not by edges
            if (inBin <= SORTABLE || pieces == 0) {
                double[] collected = collect(image, c, t, low, high, scale, bin, inBin, context);
                Arrays.sort(collected);
                return collected[(int) (offset - before)];
            }
            // many values in one bin: narrow to it (values equal to binHigh may belong to the next bin, so keep the
            // closed range and recount)
            long outsideBelow = countBelow(image, c, t, binLow, context);
            offset = r - outsideBelow;
            lo = binLow;
            hi = Math.min(binHigh, high);
            if (hi <= lo) {
                return lo;
            }
        }
    }

    private static double[] collect(Image image, long c, long t, double low, double high, double scale, int bin,
            long count, OperatorContext context) throws IOException {
        double[] out = new double[Math.toIntExact(count)];
        int[] next = { 0 };
        PixelStream.read(image, c, t, ValueRange.PIECE, context, (p, values, m) -> {
            for (int i = 0; i < m; i++) {
                double v = values[i];
                if (v >= low && v <= high && Math.min(BINS - 1, (int) ((v - low) * scale)) == bin) {
                    synchronized (next) {
                        out[next[0]++] = v;
                    }
                }
            }
        });
        return out;
    }

    private static long countBelow(Image image, long c, long t, double value, OperatorContext context)
            throws IOException {
        long[] count = { 0 };
        PixelStream.read(image, c, t, ValueRange.PIECE, context, (p, values, m) -> {
            long k = 0;
            for (int i = 0; i < m; i++) {
                if (values[i] < value) {
                    k++;
                }
            }
            synchronized (count) {
                count[0] += k;
            }
        });
        return count[0];
    }
}
