package org.qbi.ops.point.engine;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.util.List;

import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/**
 * The smallest and largest finite value of one channel and time point of an image, with the number of finite and
 * non-finite (NaN, infinite) pixels: one parallel pass, merged deterministically (min and max do not depend on the
 * order).
 *
 * @param min       smallest finite value (NaN when there is none)
 * @param max       largest finite value (NaN when there is none)
 * @param finite    number of finite pixels
 * @param nonFinite number of NaN or infinite pixels (floating-point images only)
 * @since 0.1
 */
public record ValueRange(double min, double max, long finite, long nonFinite) implements java.io.Serializable {

    /** Pixels per piece for statistics passes. */
    static final long PIECE = 1L << 20;

    /** True when there is at least one finite value. */
    public boolean isEmpty() {
        return finite == 0;
    }

    /**
     * The range of two pieces of an image together (its chunks, scanned apart): the same whatever the order.
     *
     * @since 0.2
     */
    public ValueRange merge(ValueRange other) {
        long nonFiniteBoth = nonFinite + other.nonFinite;
        if (other.isEmpty()) {
            return new ValueRange(min, max, finite, nonFiniteBoth);
        }
        if (isEmpty()) {
            return new ValueRange(other.min, other.max, other.finite, nonFiniteBoth);
        }
        return new ValueRange(Math.min(min, other.min), Math.max(max, other.max), finite + other.finite, nonFiniteBoth);
    }

    /**
     * Scans channel {@code c} at time {@code t} where {@code mask} is non-zero ({@code null}: everywhere); see
     * {@link PixelStream#maskPiece}.
     *
     * @since 0.2
     */
    public static ValueRange of(Image image, Image mask, long c, long t, OperatorContext context) throws IOException {
        if (mask == null) {
            return of(image, c, t, context);
        }
        PixelType type = image.header().pixelType();
        Pixels.checkSupported(type);
        PixelStream.checkMask(mask, image);
        long[] dims = image.header().dimensions();
        List<PixelStream.Piece> pieces = PixelStream.pieces(dims, c, t, PIECE);
        double[] mins = new double[pieces.size()];
        double[] maxs = new double[pieces.size()];
        long[] bad = new long[pieces.size()];
        long[] good = new long[pieces.size()];
        context.forEach(pieces.size(), p -> {
            PixelStream.Piece piece = pieces.get(p);
            Pixels pixels = new Pixels(PixelStream.RUN);
            Pixels maskPixels = new Pixels(PixelStream.RUN);
            long total = piece.pixels(dims[0]);
            double[] v = new double[PixelStream.RUN];
            float[] m = new float[PixelStream.RUN];
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            long nonFinite = 0;
            long finite = 0;
            try (Arena arena = Arena.ofConfined()) {
                PixelStream.Located source = PixelStream.read(image, piece, arena);
                PixelStream.Located inMask = PixelStream.read(mask, PixelStream.maskPiece(piece, mask), arena);
                for (long done = 0; done < total; done += PixelStream.RUN) {
                    int n = (int) Math.min(PixelStream.RUN, total - done);
                    pixels.load(type, source.values(), source.from() + done, v, n);
                    maskPixels.load(mask.header().pixelType(), inMask.values(), inMask.from() + done, m, n);
                    for (int i = 0; i < n; i++) {
                        if (m[i] == 0) {
                            continue;
                        }
                        double x = v[i];
                        if (Double.isFinite(x)) {
                            lo = Math.min(lo, x);
                            hi = Math.max(hi, x);
                            finite++;
                        } else {
                            nonFinite++;
                        }
                    }
                }
            }
            mins[p] = lo;
            maxs[p] = hi;
            bad[p] = nonFinite;
            good[p] = finite;
        });
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long nonFinite = 0;
        long finite = 0;
        for (int p = 0; p < mins.length; p++) {
            min = Math.min(min, mins[p]);
            max = Math.max(max, maxs[p]);
            nonFinite += bad[p];
            finite += good[p];
        }
        return finite == 0 ? new ValueRange(Double.NaN, Double.NaN, 0, nonFinite)
                : new ValueRange(min, max, finite, nonFinite);
    }

    /** Scans channel {@code c} at time {@code t}. */
    public static ValueRange of(Image image, long c, long t, OperatorContext context) throws IOException {
        PixelType type = image.header().pixelType();
        Pixels.checkSupported(type);
        long[] dims = image.header().dimensions();
        List<PixelStream.Piece> pieces = PixelStream.pieces(dims, c, t, PIECE);
        double[] mins = new double[pieces.size()];
        double[] maxs = new double[pieces.size()];
        long[] bad = new long[pieces.size()];
        boolean floating = !type.isInteger();
        context.forEach(pieces.size(), p -> {
            PixelStream.Piece piece = pieces.get(p);
            Pixels pixels = new Pixels(PixelStream.RUN);
            long total = piece.pixels(dims[0]);
            try (Arena arena = Arena.ofConfined()) {
                PixelStream.Located source = PixelStream.read(image, piece, arena);
                if (type == PixelType.FLOAT32 || !floating && type != PixelType.INT32 && type != PixelType.UINT32
                        && type != PixelType.LABEL32) {
                    float[] v = new float[PixelStream.RUN];
                    float lo = Float.POSITIVE_INFINITY;
                    float hi = Float.NEGATIVE_INFINITY;
                    long nonFinite = 0;
                    for (long done = 0; done < total; done += PixelStream.RUN) {
                        int n = (int) Math.min(PixelStream.RUN, total - done);
                        pixels.load(type, source.values(), source.from() + done, v, n);
                        if (floating) {
                            for (int i = 0; i < n; i++) {
                                float x = v[i];
                                if (Float.isFinite(x)) {
                                    lo = Math.min(lo, x);
                                    hi = Math.max(hi, x);
                                } else {
                                    nonFinite++;
                                }
                            }
                        } else {
                            for (int i = 0; i < n; i++) {
                                lo = Math.min(lo, v[i]);
                                hi = Math.max(hi, v[i]);
                            }
                        }
                    }
                    mins[p] = lo;
                    maxs[p] = hi;
                    bad[p] = nonFinite;
                } else {
                    double[] v = new double[PixelStream.RUN];
                    double lo = Double.POSITIVE_INFINITY;
                    double hi = Double.NEGATIVE_INFINITY;
                    long nonFinite = 0;
                    for (long done = 0; done < total; done += PixelStream.RUN) {
                        int n = (int) Math.min(PixelStream.RUN, total - done);
                        pixels.load(type, source.values(), source.from() + done, v, n);
                        for (int i = 0; i < n; i++) {
                            double x = v[i];
                            if (Double.isFinite(x)) {
                                lo = Math.min(lo, x);
                                hi = Math.max(hi, x);
                            } else {
                                nonFinite++;
                            }
                        }
                    }
                    mins[p] = lo;
                    maxs[p] = hi;
                    bad[p] = nonFinite;
                }
            }
        });
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        long nonFinite = 0;
        for (int p = 0; p < mins.length; p++) {
            min = Math.min(min, mins[p]);
            max = Math.max(max, maxs[p]);
            nonFinite += bad[p];
        }
        long finite = dims[0] * dims[1] * dims[2] - nonFinite;
        return finite == 0 ? new ValueRange(Double.NaN, Double.NaN, 0, nonFinite)
                : new ValueRange(min, max, finite, nonFinite);
    }
}
