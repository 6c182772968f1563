package org.qbi.ui.viewer.internal.render;

/**
 * The range of values a viewer spreads over the 256 gray levels: {@code low} is black, {@code high} white,
 * linear in between ({@code round(255 * (v - low) / (high - low))}, clamped). Values are stored values
 * (before rescale): the rescale is linear, so the picture is the same.
 *
 * @param low  value shown black
 * @param high value shown white; greater than {@code low}
 */
public record DisplayWindow(double low, double high) {

    /** Percent of the pixels ImageJ's Enhance Contrast saturates by default (half at each end). */
    public static final double IMAGEJ_SATURATED_PERCENT = 0.35;

    /** Bins of the histogram used for values that are not small integers. */
    static final int BINS = 65536;

    public DisplayWindow {
        if (!Double.isFinite(low) || !Double.isFinite(high) || !(high > low)) {
            throw new IllegalArgumentException("A display window needs finite low < high, got " + low + " .. " + high);
        }
    }

    /** Auto contrast as ImageJ's Enhance Contrast: 0.35 % of the pixels saturated. */
    public static DisplayWindow auto(PlaneValues values) {
        return saturated(values, IMAGEJ_SATURATED_PERCENT);
    }

    /**
     * The window that leaves {@code percent} % of the finite values outside, half below and half above (as ImageJ's
     * Enhance Contrast: the lowest value whose cumulative count exceeds {@code n * percent / 200} from each end).
     * <p>
     * Exact for integer values spanning fewer than 65536 levels (one histogram bin per value); otherwise the
     * histogram has 65536 bins over min..max and the window ends on bin edges (within (max - min) / 65536 of the
     * exact percentile). Falls back to {@link #minMax} when the percentiles coincide; NaN and infinities are
     * ignored.
     */
    public static DisplayWindow saturated(PlaneValues values, double percent) {
        if (!(percent >= 0) || percent >= 100) {
            throw new IllegalArgumentException("Saturated percent must be in [0, 100), got " + percent);
        }
        Range range = range(values);
        if (range.count == 0 || range.min == range.max) {
            return around(range);
        }
        long threshold = (long) (range.count * percent / 200.0);
        boolean unitBins = values.integral() && range.max - range.min < BINS;
        int bins = unitBins ? (int) (range.max - range.min) + 1 : BINS;
        double span = range.max - range.min;
        double width = unitBins ? 1 : Double.isFinite(span) ? span / BINS : range.max / BINS - range.min / BINS;
        long[] histogram = new long[bins];
        for (int i = 0; i < values.count(); i++) {
            double v = values.get(i);
            if (Double.isFinite(v)) {
                histogram[bin(v, range.min, width, bins)]++;
            }
        }
        int lowBin = 0;
        long cumulative = histogram[0];
        while (cumulative <= threshold && lowBin < bins - 1) {
            cumulative += histogram[++lowBin];
        }
        int highBin = bins - 1;
        cumulative = histogram[highBin];
        while (cumulative <= threshold && highBin > 0) {
            cumulative += histogram[--highBin];
        }
        double low = Math.min(range.max, range.min + lowBin * width);
        double high = unitBins ? range.min + highBin
                : highBin == bins - 1 ? range.max : Math.min(range.max, range.min + (highBin + 1) * width);
        return high > low ? new DisplayWindow(low, high) : minMax(values);
    }

    /** The full range of the finite values (min black, max white). */
    public static DisplayWindow minMax(PlaneValues values) {
        Range range = range(values);
        return range.count == 0 || range.min == range.max ? around(range) : new DisplayWindow(range.min, range.max);
    }

    /** The gray level (0..255) of {@code value}; NaN is black. */
    public int gray(double value) {
        if (Double.isNaN(value)) {
            return 0;
        }
        double level = Math.rint(255 * ((value - low) / (high - low)));
        return level <= 0 ? 0 : level >= 255 ? 255 : (int) level;
    }

    /**
     * The display level (0..255) of {@code value}, linear ({@link #gray}) or, with {@code log}, logarithmic within
     * the window: {@code round(255 * log1p(value - low) / log1p(high - low))}, clamped (differences in stored
     * units; NaN is 0). Log scaling spreads the low end of a window over more levels (fluorescence, spectra).
     */
    public int level(double value, boolean log) {
        if (!log) {
            return gray(value);
        }
        if (Double.isNaN(value) || !(value > low)) {
            return 0;
        }
        double level = Math.rint(255 * (Math.log1p(value - low) / Math.log1p(high - low)));
        return level >= 255 ? 255 : (int) level;
    }

    /** A constant (or empty) plane: its value at the bottom of a window one unit wide, shown black. */
    private static DisplayWindow around(Range range) {
        double base = range.count == 0 ? 0 : range.min;
        double high = base + Math.max(1, Math.ulp(base));
        return new DisplayWindow(base, high);
    }

    private static int bin(double v, double min, double width, int bins) {
        int b = (int) ((v - min) / width);
        return b < 0 ? 0 : b >= bins ? bins - 1 : b;
    }

    private record Range(long count, double min, double max) {
    }

    private static Range range(PlaneValues values) {
        long count = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.count(); i++) {
            double v = values.get(i);
            if (Double.isFinite(v)) {
                count++;
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        return new Range(count, min, max);
    }
}
