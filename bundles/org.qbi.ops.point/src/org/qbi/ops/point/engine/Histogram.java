package org.qbi.ops.point.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/**
 * The histogram of one channel and time point, binned exactly as scikit-image's {@code exposure.histogram(image,
 * nbins, source_range='image')} bins it, so that thresholds computed from it equal {@code skimage.filters.threshold_*}:
 * <ul>
 * <li>integer images: one bin per integer value from the smallest to the largest value present ({@code nbins} is
 * ignored, as in scikit-image), when that range holds at most {@link #MAX_INTEGER_BINS} values; wider ranges
 * (32-bit images) fall back to {@code nbins} equal bins in float64;</li>
 * <li>floating-point images: {@code nbins} equal bins from the smallest to the largest finite value, edges and bin
 * index computed as {@code numpy.histogram} does in the image's own precision (float32 arithmetic for float32
 * images), the last bin closed; bin centres are the mid-points of the edges. NaN and infinite values are left out
 * (numpy refuses them) and counted in {@link #ignored()}.</li>
 * </ul>
 * Computed in parallel over pieces of the image; each piece counts into its own array and the counts are added
 * (integer sums: the same whatever the order or number of threads).
 *
 * @since 0.1
 */
public final class Histogram {

    /** The largest number of one-per-integer bins before integer images are binned like floats. */
    public static final int MAX_INTEGER_BINS = 1 << 24;

    /** Pixels per piece of the counting pass (large: each piece merges a whole count array). */
    static final long PIECE = 1L << 22;

    private final long[] counts;
    private final double[] centers;
    private final double[] edges;
    private final boolean integerBins;
    private final double min;
    private final double max;
    private final long ignored;

    private Histogram(long[] counts, double[] centers, double[] edges, boolean integerBins, double min, double max,
            long ignored) {
        this.counts = counts;
        this.centers = centers;
        this.edges = edges;
        this.integerBins = integerBins;
        this.min = min;
        this.max = max;
        this.ignored = ignored;
    }

    /** A histogram from given counts and bin centres (tests, histograms from elsewhere). */
    public static Histogram of(long[] counts, double[] centers) {
        if (counts.length != centers.length || counts.length == 0) {
            throw new IllegalArgumentException("A histogram needs as many counts as centres, at least one; got "
                    + counts.length + " and " + centers.length);
        }
        return new Histogram(counts.clone(), centers.clone(), null, false, centers[0], centers[centers.length - 1], 0);
    }

    /**
     * Counts channel {@code c} at time {@code t} of {@code image}.
     *
     * @param nbins bins for floating-point images (scikit-image's default is 256)
     * @throws IllegalArgumentException when the image has no finite value
     */
    public static Histogram of(Image image, long c, long t, int nbins, OperatorContext context) throws IOException {
        return of(image, null, c, t, nbins, context);
    }

    /**
     * As {@link #of(Image, long, long, int, OperatorContext)}, counting only the pixels where {@code mask} is
     * non-zero ({@code null}: every pixel); the value range is that of the selected pixels. The mask has the image's
     * x, y, z size, and one channel and time point or as many as the image.
     *
     * @throws IllegalArgumentException when the mask does not fit or selects no finite value
     * @since 0.2
     */
    public static Histogram of(Image image, Image mask, long c, long t, int nbins, OperatorContext context)
            throws IOException {
        PixelType type = checked(image, mask, nbins);
        ValueRange range = needsRange(type) ? checked(ValueRange.of(image, mask, c, t, context)) : null;
        return of(type, counts(image, mask, c, t, nbins, range, context), range, nbins);
    }

    /** The image's pixel type, once the mask fits it, the type is one histograms count and there are 2 bins or more. */
    private static PixelType checked(Image image, Image mask, int nbins) {
        if (mask != null) {
            PixelStream.checkMask(mask, image);
        }
        if (nbins < 2) {
            throw new IllegalArgumentException("A histogram needs at least 2 bins, got " + nbins);
        }
        PixelType type = image.header().pixelType();
        Pixels.checkSupported(type);
        return type;
    }

    /**
     * True when the bins of images of {@code type} depend on their value range (32-bit integer and floating-point
     * images), which {@link #counts} then needs; 8- and 16-bit images are counted over all their possible values.
     *
     * @since 0.2
     */
    public static boolean needsRange(PixelType type) {
        return switch (type) {
            case UINT8, INT8, UINT16, INT16 -> false;
            default -> true;
        };
    }

    /**
     * The counts behind {@link #of(Image, Image, long, long, int, OperatorContext)} for a piece of an image: channel
     * {@code c} at time {@code t} of {@code image} where {@code mask} is non-zero ({@code null}: everywhere), binned
     * for the value {@code range} of the whole image ({@code null} when {@link #needsRange} is false). Counts of the
     * pieces of an image (e.g. its chunks, counted on different machines) add up, in any order, to the counts of the
     * whole image; {@link #of(PixelType, long[], ValueRange, int)} makes the histogram from their sum.
     *
     * @throws IllegalArgumentException when the mask does not fit, or {@code nbins} is below 2
     * @since 0.2
     */
    public static long[] counts(Image image, Image mask, long c, long t, int nbins, ValueRange range,
            OperatorContext context) throws IOException {
        PixelType type = checked(image, mask, nbins);
        if (!needsRange(type)) {
            return smallIntegerCounts(image, mask, c, t, type, context);
        }
        if (integerBins(type, range)) {
            return integerCounts(image, mask, c, t, range, context);
        }
        return floatCounts(image, mask, c, t, FloatBins.of(range, nbins, type == PixelType.FLOAT32), context);
    }

    /**
     * The histogram of an image of {@code type} from its {@link #counts} (summed over its pieces), its value
     * {@code range} ({@code null} when {@link #needsRange} is false) and {@code nbins}, as
     * {@link #of(Image, Image, long, long, int, OperatorContext)} makes it.
     *
     * @throws IllegalArgumentException when nothing was counted (a mask selecting no pixel, no finite value)
     * @since 0.2
     */
    public static Histogram of(PixelType type, long[] counts, ValueRange range, int nbins) {
        long expected;
        if (!needsRange(type)) {
            expected = type.bytesPerSample() == 1 ? 256 : 65536;
        } else {
            checked(range);
            expected = integerBins(type, range) ? (long) range.max() - (long) range.min() + 1 : nbins;
        }
        if (counts.length != expected) {
            throw new IllegalArgumentException("A " + type.label() + " histogram of this range has " + expected
                    + " bins, got " + counts.length + " counts");
        }
        if (!needsRange(type)) {
            return smallIntegers(type, counts);
        }
        if (integerBins(type, range)) {
            return integers(counts.clone(), range);
        }
        return floats(counts.clone(), FloatBins.of(range, nbins, type == PixelType.FLOAT32), range);
    }

    private static boolean integerBins(PixelType type, ValueRange range) {
        return (type == PixelType.INT32 || type == PixelType.UINT32 || type == PixelType.LABEL32)
                && range.max() - range.min() + 1 <= MAX_INTEGER_BINS;
    }

    /**
     * {@code nbins} equal bins over the finite min..max of any image, with the values converted to float32 first:
     * numpy.histogram(image.astype(float32), nbins). What ImageJ-style 256-bin methods use on wide integer ranges.
     */
    public static Histogram ofFloat32(Image image, long c, long t, int nbins, OperatorContext context)
            throws IOException {
        if (nbins < 2) {
            throw new IllegalArgumentException("A histogram needs at least 2 bins, got " + nbins);
        }
        Pixels.checkSupported(image.header().pixelType());
        ValueRange range = checked(ValueRange.of(image, c, t, context));
        ValueRange asFloat = new ValueRange((float) range.min(), (float) range.max(), range.finite(),
                range.nonFinite());
        FloatBins bins = FloatBins.of(asFloat, nbins, true);
        return floats(floatCounts(image, null, c, t, bins, context), bins, asFloat);
    }

    private static ValueRange checked(ValueRange range) {
        if (range.isEmpty()) {
            throw new IllegalArgumentException("The image has no finite value (only NaN or infinities, or nothing "
                    + "selected by the mask): no histogram");
        }
        return range;
    }

    /** 8- and 16-bit images: count every possible value in one pass (then keep min..max). */
    private static long[] smallIntegerCounts(Image image, Image mask, long c, long t, PixelType type,
            OperatorContext context) throws IOException {
        int size = type.bytesPerSample() == 1 ? 256 : 65536;
        int offset = type.isSigned() ? size / 2 : 0;
        long[] dims = image.header().dimensions();
        List<PixelStream.Piece> pieces = PixelStream.pieces(dims, c, t, PIECE);
        long[] total = new long[size];
        context.forEach(pieces.size(), p -> {
            PixelStream.Piece piece = pieces.get(p);
            int[] h = new int[size];
            long n = piece.pixels(dims[0]);
            try (Arena arena = Arena.ofConfined()) {
                PixelStream.Located source = PixelStream.read(image, piece, arena);
                if (mask != null) {
                    countMasked(type, source, PixelStream.read(mask, PixelStream.maskPiece(piece, mask), arena),
                            mask.header().pixelType(), n, h, offset);
                } else if (size == 256) {
                    countBytes(source.values(), source.from(), n, h, type.isSigned());
                } else {
                    countShorts(source.values(), source.from(), n, h, type.isSigned());
                }
            }
            synchronized (total) {
                for (int i = 0; i < size; i++) {
                    total[i] += h[i];
                }
            }
        });
        return total;
    }

    /** The 8- or 16-bit histogram from the counts of every possible value: min..max. */
    private static Histogram smallIntegers(PixelType type, long[] total) {
        int size = type.bytesPerSample() == 1 ? 256 : 65536;
        int offset = type.isSigned() ? size / 2 : 0;
        int first = 0;
        if (java.util.Arrays.stream(total).sum() == 0) {
            throw new IllegalArgumentException("The mask selects no pixel: no histogram");
        }
        while (total[first] == 0) {
            first++;
        }
        int last = size - 1;
        while (total[last] == 0) {
            last--;
        }
        long[] counts = java.util.Arrays.copyOfRange(total, first, last + 1);
        double[] centers = new double[counts.length];
        double[] edges = new double[counts.length + 1];
        for (int i = 0; i <= centers.length; i++) {
            edges[i] = first + i - offset;
        }
        System.arraycopy(edges, 0, centers, 0, centers.length);
        return new Histogram(counts, centers, edges, true, first - offset, last - offset, 0);
    }

    private static void countBytes(MemorySegment values, long from, long n, int[] h, boolean signed) {
        byte[] run = new byte[PixelStream.RUN];
        int flip = signed ? 0x80 : 0;
        for (long done = 0; done < n; done += run.length) {
            int m = (int) Math.min(run.length, n - done);
            MemorySegment.copy(values, ValueLayout.JAVA_BYTE, from + done, run, 0, m);
            for (int i = 0; i < m; i++) {
                h[(run[i] & 0xff) ^ flip]++;
            }
        }
    }

    private static void countShorts(MemorySegment values, long from, long n, int[] h, boolean signed) {
        short[] run = new short[PixelStream.RUN];
        int flip = signed ? 0x8000 : 0;
        // two interleaved count arrays would halve store-to-load stalls on runs of equal values; one is enough at
        // memory speed with the merge below
        for (long done = 0; done < n; done += run.length) {
            int m = (int) Math.min(run.length, n - done);
            MemorySegment.copy(values, Pixels.SHORT, (from + done) * 2, run, 0, m);
            for (int i = 0; i < m; i++) {
                h[(run[i] & 0xffff) ^ flip]++;
            }
        }
    }

    /**
     * Counts the pixels of 8- and 16-bit images where the mask is non-zero: h[value + offset] gains 1 or 0, without
     * a branch.
     */
    private static void countMasked(PixelType type, PixelStream.Located source, PixelStream.Located mask,
            PixelType maskType, long n, int[] h, int offset) {
        Pixels pixels = new Pixels(PixelStream.RUN);
        Pixels maskPixels = new Pixels(PixelStream.RUN);
        float[] v = new float[PixelStream.RUN];
        float[] m = new float[PixelStream.RUN];
        for (long done = 0; done < n; done += PixelStream.RUN) {
            int k = (int) Math.min(PixelStream.RUN, n - done);
            pixels.load(type, source.values(), source.from() + done, v, k);
            maskPixels.load(maskType, mask.values(), mask.from() + done, m, k);
            for (int i = 0; i < k; i++) {
                h[(int) v[i] + offset] += m[i] != 0 ? 1 : 0;
            }
        }
    }

    /** 32-bit integers with a narrow range: one bin per value from min to max. */
    private static long[] integerCounts(Image image, Image mask, long c, long t, ValueRange range,
            OperatorContext context) throws IOException {
        long lo = (long) range.min();
        int size = (int) ((long) range.max() - lo + 1);
        long[] dims = image.header().dimensions();
        PixelType type = image.header().pixelType();
        List<PixelStream.Piece> pieces = PixelStream.pieces(dims, c, t, PIECE);
        long[] total = new long[size];
        context.forEach(pieces.size(), p -> {
            PixelStream.Piece piece = pieces.get(p);
            int[] h = new int[size];
            long n = piece.pixels(dims[0]);
            int[] run = new int[PixelStream.RUN];
            boolean unsigned = type != PixelType.INT32;
            try (Arena arena = Arena.ofConfined()) {
                PixelStream.Located source = PixelStream.read(image, piece, arena);
                PixelStream.Located inMask = mask == null ? null
                        : PixelStream.read(mask, PixelStream.maskPiece(piece, mask), arena);
                Pixels maskPixels = new Pixels(PixelStream.RUN);
                float[] selected = new float[PixelStream.RUN];
                for (long done = 0; done < n; done += run.length) {
                    int m = (int) Math.min(run.length, n - done);
                    MemorySegment.copy(source.values(), Pixels.INT, (source.from() + done) * 4, run, 0, m);
                    if (inMask != null) {
                        maskPixels.load(mask.header().pixelType(), inMask.values(), inMask.from() + done, selected, m);
                    }
                    for (int i = 0; i < m; i++) {
                        if (inMask != null && selected[i] == 0) {
                            continue;
                        }
                        long v = unsigned ? Integer.toUnsignedLong(run[i]) : run[i];
                        h[(int) (v - lo)]++;
                    }
                }
            }
            synchronized (total) {
                for (int i = 0; i < size; i++) {
                    total[i] += h[i];
                }
            }
        });
        return total;
    }

    /** The one-per-integer histogram of a 32-bit image from its counts of min..max. */
    private static Histogram integers(long[] total, ValueRange range) {
        long lo = (long) range.min();
        int size = total.length;
        double[] centers = new double[size];
        double[] edges = new double[size + 1];
        for (int i = 0; i <= size; i++) {
            edges[i] = lo + i;
        }
        System.arraycopy(edges, 0, centers, 0, size);
        return new Histogram(total, centers, edges, true, range.min(), range.max(), 0);
    }

    /**
     * The edges of numpy.histogram(values, nbins) over the finite range, in float32 or float64 arithmetic, and what
     * the binning needs of them.
     */
    private record FloatBins(int nbins, boolean single, double first, double last, double norm, double[] edges,
            double[] centers, float first32, float last32, float norm32, float[] edges32) {

        static FloatBins of(ValueRange range, int nbins, boolean single) {
            double first = range.min();
            double last = range.max();
            if (first == last) {
                first -= 0.5;
                last += 0.5;
            }
            double[] edges = new double[nbins + 1];
            double[] centers = new double[nbins];
            float[] edges32 = new float[nbins + 1];
            float first32 = (float) first;
            float last32 = (float) last;
            float norm32 = nbins / (last32 - first32);
            double norm = nbins / (last - first);
            if (single) {
                // numpy.linspace(first, last, nbins + 1, dtype=float32) with float32 first and last (NumPy 1.24): the
                // step and the products in float64, each edge then rounded to float32
                double step = ((double) last32 - (double) first32) / nbins;
                for (int i = 0; i < nbins; i++) {
                    edges32[i] = (float) (i * step + first32);
                }
                edges32[nbins] = last32;
                for (int i = 0; i <= nbins; i++) {
                    edges[i] = edges32[i];
                }
                for (int i = 0; i < nbins; i++) {
                    centers[i] = (edges32[i] + edges32[i + 1]) / 2f;
                }
            } else {
                double step = (last - first) / nbins;
                for (int i = 0; i < nbins; i++) {
                    edges[i] = i * step + first;
                }
                edges[nbins] = last;
                for (int i = 0; i < nbins; i++) {
                    centers[i] = (edges[i] + edges[i + 1]) / 2;
                }
            }
            return new FloatBins(nbins, single, first, last, norm, edges, centers, first32, last32, norm32, edges32);
        }
    }

    private static Histogram floats(long[] total, FloatBins bins, ValueRange range) {
        return new Histogram(total, bins.centers(), bins.edges(), false, range.min(), range.max(), range.nonFinite());
    }

    /** Counts into the bins of numpy.histogram(values, nbins). */
    private static long[] floatCounts(Image image, Image mask, long c, long t, FloatBins bins, OperatorContext context)
            throws IOException {
        int nbins = bins.nbins();
        boolean single = bins.single();
        float first32 = bins.first32();
        float last32 = bins.last32();
        float norm32 = bins.norm32();
        float[] edges32 = bins.edges32();
        double[] edges = bins.edges();
        double norm = bins.norm();
        double first = bins.first();
        double last = bins.last();
        long[] dims = image.header().dimensions();
        PixelType type = image.header().pixelType();
        List<PixelStream.Piece> pieces = PixelStream.pieces(dims, c, t, PIECE);
        long[] total = new long[nbins];
        double lo = first;
        double hi = last;
        context.forEach(pieces.size(), p -> {
            PixelStream.Piece piece = pieces.get(p);
            long[] h = new long[single ? 4 * nbins : nbins];
            long n = piece.pixels(dims[0]);
            Pixels pixels = new Pixels(PixelStream.RUN);
            try (Arena arena = Arena.ofConfined()) {
                PixelStream.Located source = PixelStream.read(image, piece, arena);
                PixelStream.Located inMask = mask == null ? null
                        : PixelStream.read(mask, PixelStream.maskPiece(piece, mask), arena);
                Pixels maskPixels = new Pixels(PixelStream.RUN);
                float[] selected = new float[PixelStream.RUN];
                if (single) {
                    float[] v = new float[PixelStream.RUN];
                    for (long done = 0; done < n; done += PixelStream.RUN) {
                        int m = (int) Math.min(PixelStream.RUN, n - done);
                        pixels.load(type, source.values(), source.from() + done, v, m);
                        if (inMask != null) {
                            // left-out pixels become NaN, which the binning skips
                            maskPixels.load(mask.header().pixelType(), inMask.values(), inMask.from() + done,
                                    selected, m);
                            for (int i = 0; i < m; i++) {
                                v[i] = selected[i] != 0 ? v[i] : Float.NaN;
                            }
                        }
                        binFloats(v, m, first32, last32, norm32, edges32, h);
                    }
                } else {
                    double[] v = new double[PixelStream.RUN];
                    for (long done = 0; done < n; done += PixelStream.RUN) {
                        int m = (int) Math.min(PixelStream.RUN, n - done);
                        pixels.load(type, source.values(), source.from() + done, v, m);
                        if (inMask != null) {
                            maskPixels.load(mask.header().pixelType(), inMask.values(), inMask.from() + done,
                                    selected, m);
                            for (int i = 0; i < m; i++) {
                                v[i] = selected[i] != 0 ? v[i] : Double.NaN;
                            }
                        }
                        binDoubles(v, m, lo, hi, norm, edges, h);
                    }
                }
            }
            synchronized (total) {
                if (single) {
                    for (int i = 0; i < nbins; i++) {
                        total[i] += h[4 * i] + h[4 * i + 1] + h[4 * i + 2] + h[4 * i + 3];
                    }
                } else {
                    for (int i = 0; i < nbins; i++) {
                        total[i] += h[i];
                    }
                }
            }
        });
        return total;
    }

    /**
     * Bins a run into four interleaved count arrays (h[4 * bin + lane]): consecutive pixels of similar value would
     * otherwise wait on one counter's store-to-load latency.
     */
    private static void binFloats(float[] v, int n, float first, float last, float norm, float[] edges, long[] h) {
        int top = h.length / 4 - 1;
        for (int i = 0; i < n; i++) {
            float x = v[i];
            if (!(x >= first && x <= last)) {
                continue;
            }
            int k = Math.min((int) ((x - first) * norm), top);
            // numpy's correction of the computed index within one ulp of an edge
            if (x < edges[k]) {
                k--;
            } else if (k != top && x >= edges[k + 1]) {
                k++;
            }
            h[(k << 2) | (i & 3)]++;
        }
    }

    private static void binDoubles(double[] v, int n, double first, double last, double norm, double[] edges,
            long[] h) {
        int top = h.length - 1;
        for (int i = 0; i < n; i++) {
            double x = v[i];
            if (!(x >= first && x <= last)) {
                continue;
            }
            int k = Math.min((int) ((x - first) * norm), top);
            if (x < edges[k]) {
                k--;
            } else if (k != top && x >= edges[k + 1]) {
                k++;
            }
            h[k]++;
        }
    }

    /** Counts per bin (a copy). */
    public long[] counts() {
        return counts.clone();
    }

    /** The value each bin stands for: the integer itself, or the mid-point of the bin's edges (a copy). */
    public double[] centers() {
        return centers.clone();
    }

    /**
     * The bin edges (bins + 1 values, a copy): bin i holds the values from edge i (included) to edge i + 1
     * (excluded, included for the last bin); for integer bins edge i + 1 is the integer value of bin i plus one.
     *
     * @throws IllegalStateException for a histogram made from centres only ({@link #of(long[], double[])})
     * @since 0.2
     */
    public double[] edges() {
        if (edges == null) {
            throw new IllegalStateException("This histogram was made from bin centres only; it has no edges");
        }
        return edges.clone();
    }

    public int bins() {
        return counts.length;
    }

    public long count(int bin) {
        return counts[bin];
    }

    public double center(int bin) {
        return centers[bin];
    }

    /** True when each bin is one integer value. */
    public boolean integerBins() {
        return integerBins;
    }

    /** Smallest finite value of the image. */
    public double min() {
        return min;
    }

    /** Largest finite value of the image. */
    public double max() {
        return max;
    }

    /** NaN and infinite values left out. */
    public long ignored() {
        return ignored;
    }

    /** Sum of the counts. */
    public long total() {
        long sum = 0;
        for (long c : counts) {
            sum += c;
        }
        return sum;
    }
}
