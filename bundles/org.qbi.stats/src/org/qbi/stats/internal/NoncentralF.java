package org.qbi.stats.internal;

import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.numbers.gamma.RegularizedBeta;

/**
 * The noncentral F distribution's CDF and the confidence interval of its noncentrality, which gives the interval
 * of eta squared (Steiger 2004; Smithson 2003). Written here: Commons Statistics has no noncentral F. The CDF is
 * the Poisson mixture of regularized incomplete beta functions (Johnson, Kotz and Balakrishnan, eq. 30.9),
 * summed outward from the Poisson mode until the weights no longer matter.
 */
final class NoncentralF {

    private NoncentralF() {
    }

    /** P(F <= x) for F ~ F'(d1, d2, lambda). */
    static double cdf(double x, double d1, double d2, double lambda) {
        if (x <= 0) {
            return 0;
        }
        double y = d1 * x / (d1 * x + d2);
        double mu = lambda / 2;
        if (mu == 0) {
            return RegularizedBeta.value(y, d1 / 2, d2 / 2);
        }
        long mode = (long) Math.floor(mu);
        double sum = 0;
        for (long j = mode; j >= 0; j--) {
            double term = poisson(j, mu) * RegularizedBeta.value(y, d1 / 2 + j, d2 / 2);
            sum += term;
            if (term < 1e-17 && j < mode - Math.sqrt(mu) * 3) {
                break;
            }
        }
        for (long j = mode + 1;; j++) {
            double weight = poisson(j, mu);
            sum += weight * RegularizedBeta.value(y, d1 / 2 + j, d2 / 2);
            if (weight < 1e-17 && j > mode + Math.sqrt(mu) * 3) {
                break;
            }
        }
        return Math.min(1, sum);
    }

    private static double poisson(long j, double mu) {
        return Math.exp(-mu + j * Math.log(mu) - LogGamma.value(j + 1.0));
    }

    /**
     * The noncentrality lambda with {@code cdf(f, d1, d2, lambda) = target}; 0 when even lambda = 0 gives a CDF
     * below the target. The CDF falls as lambda grows, so bisection finds it.
     */
    static double noncentrality(double f, double d1, double d2, double target) {
        if (cdf(f, d1, d2, 0) <= target) {
            return 0;
        }
        double low = 0;
        double high = Math.max(10, f * d1);
        while (cdf(f, d1, d2, high) > target) {
            low = high;
            high *= 2;
            if (high > 1e7) {
                return Double.NaN;
            }
        }
        for (int i = 0; i < 200 && high - low > 1e-10 * Math.max(1, high); i++) {
            double mid = (low + high) / 2;
            if (cdf(f, d1, d2, mid) > target) {
                low = mid;
            } else {
                high = mid;
            }
        }
        return (low + high) / 2;
    }

    /**
     * The {@code confidence} interval of eta squared from an observed F with (d1, d2) degrees of freedom and
     * {@code n} values in all: lambda / (lambda + n) at both ends of lambda's interval.
     */
    static double[] etaSquaredInterval(double f, double d1, double d2, int n, double confidence) {
        double alpha = 1 - confidence;
        double lambdaLow = noncentrality(f, d1, d2, 1 - alpha / 2);
        double lambdaHigh = noncentrality(f, d1, d2, alpha / 2);
        return new double[] { lambdaLow / (lambdaLow + n), lambdaHigh / (lambdaHigh + n) };
    }
}
