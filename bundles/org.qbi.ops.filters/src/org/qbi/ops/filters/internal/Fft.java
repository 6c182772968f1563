package org.qbi.ops.filters.internal;

/**
 * Discrete Fourier transform of one complex line of any length n: iterative radix-2 for powers of two, Bluestein's
 * chirp-z (through a power-of-two transform of at least 2n-1) otherwise. Unnormalised in both directions
 * (forward exp(-2 pi i jk/n); the inverse uses exp(+2 pi i jk/n) and is not divided by n). Immutable once built;
 * {@link #transform} is thread-safe with per-call scratch.
 */
public final class Fft {

    private final int n;
    private final boolean power;
    private final double[] cos;
    private final double[] sin;
    private final int[] reverse;
    // Bluestein
    private final Fft inner;
    private final double[] chirpRe;
    private final double[] chirpIm;
    private final double[] filterRe;
    private final double[] filterIm;

    public Fft(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("FFT length must be at least 1, got " + n);
        }
        this.n = n;
        power = Integer.bitCount(n) == 1;
        if (power) {
            cos = new double[n / 2];
            sin = new double[n / 2];
            for (int k = 0; k < n / 2; k++) {
                cos[k] = Math.cos(2 * Math.PI * k / n);
                sin[k] = Math.sin(2 * Math.PI * k / n);
            }
            reverse = new int[n];
            int bits = Integer.numberOfTrailingZeros(n);
            for (int i = 0; i < n; i++) {
                reverse[i] = bits == 0 ? 0 : Integer.reverse(i) >>> (32 - bits);
            }
            inner = null;
            chirpRe = chirpIm = filterRe = filterIm = null;
        } else {
            cos = sin = null;
            reverse = null;
            int m = Integer.highestOneBit(2 * n - 1) << 1;
            inner = new Fft(m);
            chirpRe = new double[n];
            chirpIm = new double[n];
            for (int k = 0; k < n; k++) {
                // exp(-i pi k^2 / n), k^2 reduced mod 2n to keep the angle accurate
                long k2 = (long) k * k % (2L * n);
                double angle = Math.PI * k2 / n;
                chirpRe[k] = Math.cos(angle);
                chirpIm[k] = -Math.sin(angle);
            }
            filterRe = new double[m];
            filterIm = new double[m];
            filterRe[0] = chirpRe[0];
            filterIm[0] = -chirpIm[0];
            for (int k = 1; k < n; k++) {
                filterRe[k] = filterRe[m - k] = chirpRe[k];
                filterIm[k] = filterIm[m - k] = -chirpIm[k];
            }
            inner.transform(filterRe, filterIm, false);
        }
    }

    public int length() {
        return n;
    }

    /** Transforms {@code re + i im} (length n) in place. */
    public void transform(double[] re, double[] im, boolean inverse) {
        if (power) {
            radix2(re, im, inverse);
            return;
        }
        if (inverse) {
            // inverse DFT = conj(DFT(conj(x)))
            for (int k = 0; k < n; k++) {
                im[k] = -im[k];
            }
            bluestein(re, im);
            for (int k = 0; k < n; k++) {
                im[k] = -im[k];
            }
        } else {
            bluestein(re, im);
        }
    }

    private void radix2(double[] re, double[] im, boolean inverse) {
        for (int i = 0; i < n; i++) {
            int j = reverse[i];
            if (j > i) {
                double t = re[i];
                re[i] = re[j];
                re[j] = t;
                t = im[i];
                im[i] = im[j];
                im[j] = t;
            }
        }
        double sign = inverse ? 1 : -1;
        for (int size = 2; size <= n; size <<= 1) {
            int half = size >> 1;
            int step = n / size;
            for (int start = 0; start < n; start += size) {
                for (int k = 0; k < half; k++) {
                    double wr = cos[k * step];
                    double wi = sign * sin[k * step];
                    int a = start + k;
                    int b = a + half;
                    double xr = re[b] * wr - im[b] * wi;
                    double xi = re[b] * wi + im[b] * wr;
                    re[b] = re[a] - xr;
                    im[b] = im[a] - xi;
                    re[a] += xr;
                    im[a] += xi;
                }
            }
        }
    }

    private void bluestein(double[] re, double[] im) {
        int m = inner.length();
        double[] ar = new double[m];
        double[] ai = new double[m];
        for (int k = 0; k < n; k++) {
            ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
            ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
        }
        inner.transform(ar, ai, false);
        for (int k = 0; k < m; k++) {
            double r = ar[k] * filterRe[k] - ai[k] * filterIm[k];
            double i = ar[k] * filterIm[k] + ai[k] * filterRe[k];
            ar[k] = r;
            ai[k] = i;
        }
        inner.transform(ar, ai, true);
        for (int k = 0; k < n; k++) {
            double r = ar[k] / m;
            double i = ai[k] / m;
            re[k] = r * chirpRe[k] - i * chirpIm[k];
            im[k] = r * chirpIm[k] + i * chirpRe[k];
        }
    }
}
