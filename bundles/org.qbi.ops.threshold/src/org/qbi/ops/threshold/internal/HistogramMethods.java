package org.qbi.ops.threshold.internal;

import org.qbi.ops.point.engine.Histogram;

/**
 * Global threshold methods on a histogram. Otsu, Yen, Isodata, Li (integer images), Triangle and multi-Otsu follow
 * scikit-image 0.19's {@code skimage.filters.threshold_*} step by step, including where it computes in float32, so
 * the thresholds are the same bin centres. Huang, MaxEntropy and Moments have no scikit-image counterpart: they
 * follow ImageJ 1.x's {@code ij.process.AutoThresholder} (G. Landini's ports) and return the chosen bin's centre;
 * pixels above it are foreground.
 */
public final class HistogramMethods {

    private HistogramMethods() {
    }

    private static double[] counts(Histogram h) {
        double[] c = new double[h.bins()];
        for (int i = 0; i < c.length; i++) {
            c[i] = h.count(i);
        }
        return c;
    }

    /** skimage.filters.threshold_otsu. */
    public static double otsu(Histogram h) {
        int n = h.bins();
        if (n == 1) {
            return h.center(0);
        }
        double[] counts = counts(h);
        double[] x = h.centers();
        double[] weight1 = new double[n];
        double[] weight2 = new double[n];
        double[] mean1 = new double[n];
        double[] mean2 = new double[n];
        double w = 0;
        double m = 0;
        for (int i = 0; i < n; i++) {
            w += counts[i];
            m += counts[i] * x[i];
            weight1[i] = w;
            mean1[i] = m / w;
        }
        w = 0;
        m = 0;
        for (int i = n - 1; i >= 0; i--) {
            w += counts[i];
            m += counts[i] * x[i];
            weight2[i] = w;
            mean2[i] = m / w;
        }
        int best = 0;
        double bestValue = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n - 1; i++) {
            double d = mean1[i] - mean2[i + 1];
            double variance = weight1[i] * weight2[i + 1] * (d * d);
            if (variance > bestValue) {
                bestValue = variance;
                best = i;
            }
        }
        return x[best];
    }

    /** skimage.filters.threshold_yen (its probabilities are float32). */
    public static double yen(Histogram h) {
        int n = h.bins();
        if (n == 1) {
            return h.center(0);
        }
        float total = (float) h.total();
        float[] pmf = new float[n];
        for (int i = 0; i < n; i++) {
            pmf[i] = (float) h.count(i) / total;
        }
        float[] p1 = new float[n];
        float[] p1sq = new float[n];
        float[] p2sq = new float[n];
        float a = 0;
        float b = 0;
        for (int i = 0; i < n; i++) {
            a += pmf[i];
            b += pmf[i] * pmf[i];
            p1[i] = a;
            p1sq[i] = b;
        }
        float c = 0;
        for (int i = n - 1; i >= 0; i--) {
            c += pmf[i] * pmf[i];
            p2sq[i] = c;
        }
        int best = 0;
        float bestValue = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n - 1; i++) {
            float inverse = 1f / (p1sq[i] * p2sq[i + 1]);
            float q = p1[i] * (1f - p1[i]);
            float crit = (float) Math.log(inverse * (q * q));
            if (crit > bestValue) {
                bestValue = crit;
                best = i;
            }
        }
        return h.center(best);
    }

    /**
     * skimage.filters.threshold_isodata (its counts are float32; intensity sums are float32 for float images and
     * float64 for integer images, as numpy's type rules make them).
     */
    public static double isodata(Histogram h) {
        int n = h.bins();
        if (n == 1) {
            return h.center(0);
        }
        double[] x = h.centers();
        boolean single = !h.integerBins();
        float[] csuml = new float[n];
        float s = 0;
        for (int i = 0; i < n; i++) {
            s += (float) h.count(i);
            csuml[i] = s;
        }
        double[] csumIntensity = new double[n];
        if (single) {
            float acc = 0;
            for (int i = 0; i < n; i++) {
                acc += (float) h.count(i) * (float) x[i];
                csumIntensity[i] = acc;
            }
        } else {
            double acc = 0;
            for (int i = 0; i < n; i++) {
                acc += (double) (float) h.count(i) * x[i];
                csumIntensity[i] = acc;
            }
        }
        double binWidth = single ? (float) ((float) x[1] - (float) x[0]) : x[1] - x[0];
        for (int i = 0; i < n - 1; i++) {
            double mean;
            double distance;
            if (single) {
                float csumh = csuml[n - 1] - csuml[i];
                float lower = (float) csumIntensity[i] / csuml[i];
                float higher = ((float) csumIntensity[n - 1] - (float) csumIntensity[i]) / csumh;
                float allMean = (lower + higher) / 2f;
                mean = allMean;
                distance = allMean - (float) x[i];
            } else {
                float csumh = csuml[n - 1] - csuml[i];
                double lower = csumIntensity[i] / csuml[i];
                double higher = (csumIntensity[n - 1] - csumIntensity[i]) / csumh;
                mean = (lower + higher) / 2.0;
                distance = mean - x[i];
            }
            if (distance >= 0 && distance < binWidth) {
                return x[i];
            }
        }
        throw new IllegalStateException("Isodata found no threshold (a histogram without a fixed point)");
    }

    /**
     * skimage.filters.threshold_li for integer images (its histogram iteration, tolerance 0.5 unless given).
     *
     * @param mean the mean of all pixels
     */
    public static double liIntegers(Histogram h, double mean, double tolerance) {
        double min = h.center(0);
        int n = h.bins();
        if (n == 1) {
            return min;
        }
        double tol = tolerance > 0 ? tolerance : 0.5;
        double tNext = mean - min;
        double tCurr = -2 * tol;
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = h.center(i) - min;
        }
        int guard = 0;
        while (Math.abs(tNext - tCurr) > tol) {
            tCurr = tNext;
            double foreSum = 0;
            double foreWeight = 0;
            double backSum = 0;
            double backWeight = 0;
            for (int i = 0; i < n; i++) {
                double count = h.count(i);
                if (x[i] > tCurr) {
                    foreSum += x[i] * count;
                    foreWeight += count;
                } else {
                    backSum += x[i] * count;
                    backWeight += count;
                }
            }
            double meanFore = foreSum / foreWeight;
            double meanBack = backSum / backWeight;
            tNext = (meanBack - meanFore) / (Math.log(meanBack) - Math.log(meanFore));
            if (++guard > 10_000 || Double.isNaN(tNext)) {
                break;
            }
        }
        return tNext + min;
    }

    /** skimage.filters.threshold_triangle. */
    public static double triangle(Histogram h) {
        int nbins = h.bins();
        long[] hist = h.counts();
        int argPeak = 0;
        for (int i = 1; i < nbins; i++) {
            if (hist[i] > hist[argPeak]) {
                argPeak = i;
            }
        }
        long peak = hist[argPeak];
        int argLow = 0;
        while (hist[argLow] == 0) {
            argLow++;
        }
        int argHigh = nbins - 1;
        while (hist[argHigh] == 0) {
            argHigh--;
        }
        boolean flip = argPeak - argLow < argHigh - argPeak;
        if (flip) {
            long[] reversed = new long[nbins];
            for (int i = 0; i < nbins; i++) {
                reversed[i] = hist[nbins - 1 - i];
            }
            hist = reversed;
            argLow = nbins - argHigh - 1;
            argPeak = nbins - argPeak - 1;
        }
        int width = argPeak - argLow;
        if (width == 0) {
            return h.center(flip ? nbins - argPeak - 1 : argPeak);
        }
        double norm = Math.sqrt((double) peak * peak + (double) width * width);
        double peakHeight = peak / norm;
        double w = width / norm;
        int best = 0;
        double bestLength = Double.NEGATIVE_INFINITY;
        for (int x1 = 0; x1 < width; x1++) {
            double length = peakHeight * x1 - w * hist[x1 + argLow];
            if (length > bestLength) {
                bestLength = length;
                best = x1;
            }
        }
        int level = best + argLow;
        if (flip) {
            level = nbins - level - 1;
        }
        return h.center(level);
    }

    /**
     * ImageJ AutoThresholder "Huang" (Huang and Wang 1995, G. Landini's port of the original C code): the bin index.
     * O(bins^2): meant for histograms of up to a few thousand bins.
     */
    public static int huang(long[] data) {
        int n = data.length;
        int first = 0;
        for (int i = 0; i < n; i++) {
            if (data[i] != 0) {
                first = i;
                break;
            }
        }
        int last = n - 1;
        for (int i = n - 1; i >= first; i--) {
            if (data[i] != 0) {
                last = i;
                break;
            }
        }
        double term = 1.0 / (double) (last - first);
        double[] mu0 = new double[n];
        double sumPix = 0;
        double numPix = 0;
        for (int i = first; i < n; i++) {
            sumPix += (double) i * data[i];
            numPix += data[i];
            mu0[i] = sumPix / numPix;
        }
        double[] mu1 = new double[n];
        sumPix = 0;
        numPix = 0;
        for (int i = last; i > 0; i--) {
            sumPix += (double) i * data[i];
            numPix += data[i];
            mu1[i - 1] = sumPix / numPix;
        }
        int threshold = -1;
        double minEntropy = Double.MAX_VALUE;
        for (int t = 0; t < n; t++) {
            double entropy = 0;
            for (int i = 0; i <= t; i++) {
                entropy += fuzzyEntropy(data[i], 1.0 / (1.0 + term * Math.abs(i - mu0[t])));
            }
            for (int i = t + 1; i < n; i++) {
                entropy += fuzzyEntropy(data[i], 1.0 / (1.0 + term * Math.abs(i - mu1[t])));
            }
            if (entropy < minEntropy) {
                minEntropy = entropy;
                threshold = t;
            }
        }
        return Math.max(threshold, 0);
    }

    private static double fuzzyEntropy(long count, double mu) {
        if (mu < 1e-06 || mu > 0.999999) {
            return 0;
        }
        return count * (-mu * Math.log(mu) - (1.0 - mu) * Math.log(1.0 - mu));
    }

    /** ImageJ AutoThresholder "MaxEntropy" (Kapur, Sahoo and Wong 1985): the bin index. */
    public static int maxEntropy(long[] data) {
        int n = data.length;
        double total = 0;
        for (long d : data) {
            total += d;
        }
        double[] norm = new double[n];
        double[] p1 = new double[n];
        double[] p2 = new double[n];
        for (int i = 0; i < n; i++) {
            norm[i] = data[i] / total;
        }
        p1[0] = norm[0];
        p2[0] = 1.0 - p1[0];
        for (int i = 1; i < n; i++) {
            p1[i] = p1[i - 1] + norm[i];
            p2[i] = 1.0 - p1[i];
        }
        int firstBin = 0;
        for (int i = 0; i < n; i++) {
            if (!(Math.abs(p1[i]) < 2.220446049250313E-16)) {
                firstBin = i;
                break;
            }
        }
        int lastBin = n - 1;
        for (int i = n - 1; i >= firstBin; i--) {
            if (!(Math.abs(p2[i]) < 2.220446049250313E-16)) {
                lastBin = i;
                break;
            }
        }
        // sum of p log p below and above each level, so each level costs O(1) instead of ImageJ's O(n): the entropy
        // of a class with mass P is -sum (p/P) log(p/P) = log P - (sum p log p) / P
        double[] plogpBelow = new double[n];
        double acc = 0;
        for (int i = 0; i < n; i++) {
            if (data[i] != 0) {
                acc += norm[i] * Math.log(norm[i]);
            }
            plogpBelow[i] = acc;
        }
        double all = acc;
        int threshold = -1;
        double maxEntropy = Double.MIN_VALUE;
        for (int t = firstBin; t <= lastBin; t++) {
            double back = p1[t] > 0 ? Math.log(p1[t]) - plogpBelow[t] / p1[t] : 0;
            double above = all - plogpBelow[t];
            double object = p2[t] > 0 && above != 0 ? Math.log(p2[t]) - above / p2[t] : 0;
            double total2 = back + object;
            if (maxEntropy < total2) {
                maxEntropy = total2;
                threshold = t;
            }
        }
        return Math.max(threshold, 0);
    }

    /** ImageJ AutoThresholder "Moments" (Tsai 1985): the bin index. */
    public static int moments(long[] data) {
        int n = data.length;
        double total = 0;
        for (long d : data) {
            total += d;
        }
        double[] histo = new double[n];
        for (int i = 0; i < n; i++) {
            histo[i] = data[i] / total;
        }
        double m0 = 1.0;
        double m1 = 0;
        double m2 = 0;
        double m3 = 0;
        for (int i = 0; i < n; i++) {
            double di = i;
            m1 += di * histo[i];
            m2 += di * di * histo[i];
            m3 += di * di * di * histo[i];
        }
        double cd = m0 * m2 - m1 * m1;
        double c0 = (-m2 * m2 + m1 * m3) / cd;
        double c1 = (m0 * -m3 + m2 * m1) / cd;
        double z0 = 0.5 * (-c1 - Math.sqrt(c1 * c1 - 4.0 * c0));
        double z1 = 0.5 * (-c1 + Math.sqrt(c1 * c1 - 4.0 * c0));
        double p0 = (z1 - m1) / (z1 - z0);
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += histo[i];
            if (sum > p0) {
                return i;
            }
        }
        return n - 1;
    }

    /**
     * skimage.filters.threshold_multiotsu's bin indices: the exhaustive search of Liao, Chen and Chung (2001) in
     * float32, as its Cython code (including its quirks: the first moment starts at prob[0], the first class
     * ending at bin 0 counts 0).
     */
    public static int[] multiOtsu(Histogram h, int classes) {
        int nbins = h.bins();
        double total = h.total();
        float[] prob = new float[nbins];
        int nonZero = 0;
        for (int i = 0; i < nbins; i++) {
            prob[i] = (float) (h.count(i) / total);
            if (prob[i] > 0) {
                nonZero++;
            }
        }
        if (nonZero < classes) {
            throw new IllegalArgumentException("The image has only " + nonZero + " different values; it cannot be "
                    + "thresholded into " + classes + " classes");
        }
        int count = classes - 1;
        if (nonZero == classes) {
            int[] idx = new int[count];
            int k = 0;
            for (int i = 0; i < nbins && k < count; i++) {
                if (prob[i] > 0) {
                    idx[k++] = i;
                }
            }
            return idx;
        }
        float[] zeroth = new float[nbins];
        float[] first = new float[nbins];
        zeroth[0] = prob[0];
        first[0] = prob[0];
        for (int i = 1; i < nbins; i++) {
            zeroth[i] = zeroth[i - 1] + prob[i];
            first[i] = first[i - 1] + i * prob[i];
        }
        Search search = new Search(zeroth, first, nbins, count);
        search.run(0, 0);
        return search.best;
    }

    private static final class Search {
        final float[] zeroth;
        final float[] first;
        final int nbins;
        final int count;
        final int[] current;
        final int[] best;
        float sigmaMax = 0;

        Search(float[] zeroth, float[] first, int nbins, int count) {
            this.zeroth = zeroth;
            this.first = first;
            this.nbins = nbins;
            this.count = count;
            current = new int[count];
            best = new int[count];
        }

        /** skimage's LUT entry (i, j). */
        float variance(int i, int j) {
            if (i == 0) {
                if (j == 0 || !(zeroth[j] > 0)) {
                    return 0;
                }
                return first[j] * first[j] / zeroth[j];
            }
            float z = zeroth[j] - zeroth[i - 1];
            if (!(z > 0)) {
                return 0;
            }
            float f = first[j] - first[i - 1];
            return f * f / z;
        }

        void run(int histIdx, int threshIdx) {
            if (threshIdx < count) {
                for (int idx = histIdx; idx < nbins - count + threshIdx; idx++) {
                    current[threshIdx] = idx;
                    run(idx + 1, threshIdx + 1);
                }
                return;
            }
            float sigma = variance(0, current[0]) + variance(current[count - 1] + 1, nbins - 1);
            for (int k = 0; k < count - 1; k++) {
                sigma += variance(current[k] + 1, current[k + 1]);
            }
            if (sigma > sigmaMax) {
                sigmaMax = sigma;
                System.arraycopy(current, 0, best, 0, count);
            }
        }
    }
}
