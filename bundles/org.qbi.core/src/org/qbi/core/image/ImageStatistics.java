package org.qbi.core.image;

import java.io.IOException;
import java.io.Serializable;
import java.lang.foreign.MemorySegment;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.progress.ProgressMonitor;

/**
 * Min, max, mean and standard deviation of an image's stored values, streaming chunk by chunk.
 * <p>
 * Precision: 8- and 16-bit integer images are summed exactly (integer sums of values and squares), so mean
 * and std are correctly rounded; other types use Welford's algorithm per chunk merged with Chan's formula,
 * which is stable for any number of values. Multi-sample types (RGB) count every sample; complex images
 * are summarised by their real parts.
 *
 * @since 0.1
 */
public final class ImageStatistics {

    private ImageStatistics() {
    }

    /** Statistics of the stored values (before rescale). Reads every chunk once; progress in chunks. */
    public static ValueStatistics of(Image image, ProgressMonitor monitor) throws IOException {
        ChunkGrid grid = image.grid();
        List<Partial> parts = new ArrayList<>();
        monitor.begin("Statistics", grid.chunkCount());
        try {
            for (long n = 0; n < grid.chunkCount(); n++) {
                monitor.checkCanceled("statistics");
                parts.add(chunk(image, grid.index(n)));
                monitor.worked(1);
            }
        } finally {
            monitor.done();
        }
        return merge(image.header().pixelType(), parts);
    }

    /**
     * The running sums of chunk {@code index} of {@code image}: what a task computes when the chunks are spread over
     * machines; {@link #merge} of all chunks' sums in chunk order equals {@link #of} bit for bit.
     *
     * @since 0.1
     */
    public static Partial chunk(Image image, long[] index) throws IOException {
        PixelType type = image.header().pixelType();
        boolean exact = isExact(type);
        int stride = type == PixelType.COMPLEX_FLOAT32 ? 2 : 1;
        MemorySegment chunk = image.chunk(index);
        long samples = image.grid().pixelCount(index) * type.samplesPerPixel();
        Partial part = new Partial();
        for (long i = 0; i < samples; i += stride) {
            double v = PixelValues.get(type, chunk, i);
            if (exact) {
                part.addExact((long) v);
            } else {
                part.add(v);
            }
        }
        return part;
    }

    /**
     * The statistics of an image of {@code type} from its chunks' sums ({@link #chunk}) in chunk order (x fastest):
     * floating-point sums are merged in this order, so another order may differ in the last bits.
     *
     * @since 0.1
     */
    public static ValueStatistics merge(PixelType type, List<Partial> parts) {
        boolean exact = isExact(type);
        Partial total = new Partial();
        for (Partial part : parts) {
            total.merge(part, exact);
        }
        return total.result(exact);
    }

    private static boolean isExact(PixelType type) {
        return type.isInteger() && type.bytesPerSample() <= 2;
    }

    /**
     * Running sums of one chunk or of the whole image (serializable: distributed tasks ship them to the driver).
     *
     * @since 0.1
     */
    public static final class Partial implements Serializable {
        private static final long serialVersionUID = 1L;

        long count;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        // exact path
        long sum;
        long sumOfSquares;
        BigInteger bigSum = BigInteger.ZERO;
        BigInteger bigSumOfSquares = BigInteger.ZERO;
        // Welford path
        double mean;
        double m2;

        void addExact(long v) {
            count++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            sum += v;
            sumOfSquares += v * v;
        }

        void add(double v) {
            count++;
            min = Math.min(min, v);
            max = Math.max(max, v);
            double delta = v - mean;
            mean += delta / count;
            m2 += delta * (v - mean);
        }

        void merge(Partial part, boolean exact) {
            if (part.count == 0) {
                return;
            }
            min = Math.min(min, part.min);
            max = Math.max(max, part.max);
            if (exact) {
                bigSum = bigSum.add(BigInteger.valueOf(part.sum));
                bigSumOfSquares = bigSumOfSquares.add(BigInteger.valueOf(part.sumOfSquares));
                count += part.count;
                return;
            }
            long n = count + part.count;
            double delta = part.mean - mean;
            mean += delta * part.count / n;
            m2 += part.m2 + delta * delta * ((double) count * part.count / n);
            count = n;
        }

        ValueStatistics result(boolean exact) {
            if (count == 0) {
                return new ValueStatistics(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, 0);
            }
            if (exact) {
                BigInteger n = BigInteger.valueOf(count);
                BigDecimal meanExact = new BigDecimal(bigSum).divide(new BigDecimal(n), MathContext.DECIMAL128);
                BigInteger numerator = n.multiply(bigSumOfSquares).subtract(bigSum.multiply(bigSum));
                BigDecimal variance = new BigDecimal(numerator).divide(new BigDecimal(n.multiply(n)), MathContext.DECIMAL128);
                return new ValueStatistics(count, min, max, meanExact.doubleValue(),
                        Math.sqrt(variance.doubleValue()), bigSum.doubleValue());
            }
            return new ValueStatistics(count, min, max, mean, Math.sqrt(m2 / count), mean * count);
        }
    }
}
