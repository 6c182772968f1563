package org.qbi.stats;

import java.util.Arrays;

/**
 * Gaussian kernel density estimate of one-dimensional data, as {@code scipy.stats.gaussian_kde} computes it:
 * f(x) = 1/n sum_i phi((x - x_i) / h) / h, with bandwidth h = factor * s, s the sample standard deviation
 * (n - 1 in the denominator) and factor n^(-1/5) (Scott's rule, scipy's default) or (3n/4)^(-1/5) (Silverman's
 * rule). The density integrates to one over the real line. Costs n operations per point evaluated.
 *
 * @since 0.2
 */
public final class KernelDensity {

    /** The bandwidth rules scipy offers by name. */
    public enum Bandwidth {
        /** factor n^(-1/5) (Scott 1992), scipy's default. */
        SCOTT,
        /** factor (n (d + 2) / 4)^(-1/(d + 4)) with d = 1: (3n/4)^(-1/5) (Silverman 1986). */
        SILVERMAN;

        double factor(int n) {
            return this == SCOTT ? Math.pow(n, -0.2) : Math.pow(n * 3.0 / 4.0, -0.2);
        }
    }

    private static final double INV_SQRT_2PI = 1.0 / Math.sqrt(2 * Math.PI);

    private final double[] data;
    private final double bandwidth;

    private KernelDensity(double[] data, double bandwidth) {
        this.data = data;
        this.bandwidth = bandwidth;
    }

    /**
     * The estimate of {@code values} (missing values left out) with bandwidth rule {@code rule}.
     *
     * @throws IllegalArgumentException with fewer than two values or when all values are equal (scipy refuses
     *                                  them too: the covariance is singular)
     */
    public static KernelDensity of(double[] values, Bandwidth rule) {
        double[] data = Arrays.stream(values).filter(Double::isFinite).toArray();
        if (data.length < 2) {
            throw new IllegalArgumentException("A kernel density estimate needs at least two values; there are "
                    + data.length);
        }
        double mean = Arrays.stream(data).sum() / data.length;
        double squares = 0;
        for (double v : data) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (data.length - 1));
        if (!(sd > 0)) {
            throw new IllegalArgumentException("A kernel density estimate needs values that differ; all "
                    + data.length + " equal " + data[0]);
        }
        return new KernelDensity(data, rule.factor(data.length) * sd);
    }

    /** The kernel's standard deviation h, in the data's unit. */
    public double bandwidth() {
        return bandwidth;
    }

    /** The density at {@code x}. */
    public double density(double x) {
        double sum = 0;
        for (double v : data) {
            double z = (x - v) / bandwidth;
            sum += Math.exp(-0.5 * z * z);
        }
        return sum * INV_SQRT_2PI / (bandwidth * data.length);
    }

    /** The density at each of {@code xs}. */
    public double[] density(double[] xs) {
        double[] d = new double[xs.length];
        for (int i = 0; i < xs.length; i++) {
            d[i] = density(xs[i]);
        }
        return d;
    }

    /**
     * {@code points} evenly spaced points from {@code cut} bandwidths below the smallest value to {@code cut}
     * above the largest (seaborn's violins use cut = 2, so the tails fade out instead of ending abruptly).
     */
    public double[] grid(int points, double cut) {
        double min = Arrays.stream(data).min().orElseThrow() - cut * bandwidth;
        double max = Arrays.stream(data).max().orElseThrow() + cut * bandwidth;
        double[] xs = new double[points];
        for (int i = 0; i < points; i++) {
            xs[i] = points == 1 ? min : min + (max - min) * i / (points - 1);
        }
        return xs;
    }
}
