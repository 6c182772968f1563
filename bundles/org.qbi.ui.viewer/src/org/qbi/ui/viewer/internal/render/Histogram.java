package org.qbi.ui.viewer.internal.render;

import java.util.Arrays;

/**
 * Counts of stored values in equal-width bins, with the statistics the Histogram view shows. Pure: no SWT, no
 * image access; the view feeds it values (a slice, or all slices plane by plane).
 * <p>
 * Bins (see {@link #binning}):
 * <ul>
 * <li>integer values whose range {@code max - min + 1} is at most 256: one bin per value, edges at the
 * half-integers {@code min - 0.5 .. max + 0.5};</li>
 * <li>otherwise the Freedman-Diaconis width {@code 2 IQR / n^(1/3)}, the number of bins it gives over
 * {@code [min, max]} capped to [16, 512] (512 when the IQR is 0); for integer values the width is rounded up to
 * a whole number and the edges sit at half-integers, so no bin gets one value more than its neighbours by
 * aliasing.</li>
 * </ul>
 * Bins are half-open {@code [e_i, e_i+1)} except the last, which is closed (as numpy.histogram). NaN values are
 * not counted. The IQR uses numpy's default (linear) percentiles; over more than {@link #MAX_SAMPLE} values it is
 * taken from an evenly strided sample of them.
 */
public final class Histogram {

    /** At most this many values are sorted for the IQR (larger inputs are sampled with an even stride). */
    public static final int MAX_SAMPLE = 1 << 20;
    /** The fewest and most bins Freedman-Diaconis may choose. */
    public static final int MIN_BINS = 16, MAX_BINS = 512;
    /** Integer ranges with at most this many values get one bin per value. */
    public static final int ONE_PER_VALUE = 256;

    private Histogram() {
    }

    /** Count, extremes, mean and (population) standard deviation of the non-NaN values. */
    public record Stats(long count, double min, double max, double mean, double std) {
    }

    /** {@code bins} bins of width {@code width} from {@code low}. */
    public record Binning(double low, double width, int bins) {

        public double high() {
            return low + width * bins;
        }

        /** The {@code bins + 1} edges. */
        public double[] edges() {
            double[] edges = new double[bins + 1];
            for (int i = 0; i <= bins; i++) {
                edges[i] = low + width * i;
            }
            return edges;
        }

        /** The bin of {@code v}, or -1 outside [low, high] (and for NaN). */
        public int index(double v) {
            if (!(v >= low && v <= high())) {
                return -1;
            }
            int i = (int) Math.floor((v - low) / width);
            return Math.min(Math.max(i, 0), bins - 1);
        }
    }

    /** Bins, their counts and the statistics of the values counted. */
    public record Result(Binning binning, long[] counts, Stats stats) {

        /** The cumulative fraction of the values at the upper edge of each bin (0..1). */
        public double[] cdf() {
            double[] cdf = new double[counts.length];
            long sum = 0;
            for (int i = 0; i < counts.length; i++) {
                sum += counts[i];
                cdf[i] = stats.count() == 0 ? 0 : (double) sum / stats.count();
            }
            return cdf;
        }

        public long maxCount() {
            return Arrays.stream(counts).max().orElse(0);
        }
    }

    /** Accumulates statistics (Welford) and, optionally, a strided sample for the IQR. */
    public static final class Accumulator {
        private long n;
        private double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY, mean, m2;
        private final double[] sample;
        private final long stride;
        private long seen;
        private int sampled;

        /** @param expected how many values will be added (for the sample's stride) */
        public Accumulator(long expected) {
            stride = Math.max(1, (expected + MAX_SAMPLE - 1) / MAX_SAMPLE);
            sample = new double[(int) Math.min(MAX_SAMPLE, Math.max(1, expected))];
        }

        public void add(double v) {
            if (Double.isNaN(v)) {
                return;
            }
            if (seen++ % stride == 0 && sampled < sample.length) {
                sample[sampled++] = v;
            }
            n++;
            double d = v - mean;
            mean += d / n;
            m2 += d * (v - mean);
            if (v < min) {
                min = v;
            }
            if (v > max) {
                max = v;
            }
        }

        public Stats stats() {
            return n == 0 ? new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN)
                    : new Stats(n, min, max, mean, Math.sqrt(m2 / n));
        }

        /** The interquartile range of the sample (numpy's linear percentiles). */
        public double iqr() {
            double[] sorted = Arrays.copyOf(sample, sampled);
            Arrays.sort(sorted);
            return percentile(sorted, 75) - percentile(sorted, 25);
        }
    }

    /** numpy.percentile's default ("linear"): interpolates between the closest ranks of a sorted array. */
    public static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double rank = p / 100 * (sorted.length - 1);
        int below = (int) Math.floor(rank);
        int above = Math.min(below + 1, sorted.length - 1);
        return sorted[below] + (rank - below) * (sorted[above] - sorted[below]);
    }

    /** The bins for values with these statistics and IQR (see the class comment). */
    public static Binning binning(boolean integral, Stats stats, double iqr) {
        if (stats.count() == 0) {
            return new Binning(0, 1, 1);
        }
        double min = stats.min(), max = stats.max();
        if (integral && max - min + 1 <= ONE_PER_VALUE) {
            return new Binning(min - 0.5, 1, (int) (max - min + 1));
        }
        if (max == min) {
            return new Binning(min - 0.5, 1, 1);
        }
        double fd = 2 * iqr / Math.cbrt(stats.count());
        int bins = fd > 0 ? (int) Math.ceil((max - min) / fd) : MAX_BINS;
        bins = Math.max(MIN_BINS, Math.min(MAX_BINS, bins));
        if (integral) {
            double width = Math.ceil((max - min + 1) / bins);
            return new Binning(min - 0.5, width, (int) Math.ceil((max - min + 1) / width));
        }
        return new Binning(min, (max - min) / bins, bins);
    }

    /** Counts values into a binning. */
    public static final class Counter {
        private final Binning binning;
        private final long[] counts;

        public Counter(Binning binning) {
            this.binning = binning;
            this.counts = new long[binning.bins()];
        }

        public void add(double v) {
            int i = binning.index(v);
            if (i >= 0) {
                counts[i]++;
            }
        }

        public long[] counts() {
            return counts.clone();
        }

        public Binning binning() {
            return binning;
        }
    }

    /** The histogram of {@code values} (integral: every value is an integer). */
    public static Result of(double[] values, boolean integral) {
        Accumulator accumulator = new Accumulator(values.length);
        for (double v : values) {
            accumulator.add(v);
        }
        Stats stats = accumulator.stats();
        Counter counter = new Counter(binning(integral, stats, accumulator.iqr()));
        for (double v : values) {
            counter.add(v);
        }
        return new Result(counter.binning, counter.counts(), stats);
    }

    /** The histogram of a plane's values (see {@link PlaneValues}). */
    public static Result of(PlaneValues plane) {
        double[] values = new double[plane.count()];
        for (int i = 0; i < values.length; i++) {
            values[i] = plane.get(i);
        }
        return of(values, plane.integral());
    }
}
