package org.qbi.ops.filters.internal;

/** Half kernels (weights[0] at the centre, weights[k] at distance k) as {@link SeparableConvolution} takes them. */
public final class Kernels1D {

    private Kernels1D() {
    }

    /** {@code half} zero-padded to {@code radius}. */
    public static float[] padded(float[] half, int radius) {
        return java.util.Arrays.copyOf(half, radius + 1);
    }

    /** The identity (no filtering along an axis) of the given radius. */
    public static float[] identity(int radius) {
        float[] k = new float[radius + 1];
        k[0] = 1;
        return k;
    }

    /** Derivative [-1, 0, 1] as an odd half kernel (scipy.ndimage.sobel's and prewitt's). */
    public static float[] centralDifference() {
        return new float[] { 0, 1 };
    }

    /**
     * The second derivative of scipy.ndimage's sampled Gaussian (gaussian_filter1d with order=2): (x^2/sigma^4 -
     * 1/sigma^2) phi(x) with phi the Gaussian normalised over the kernel's samples; radius int(truncate*sigma+0.5).
     */
    public static float[] gaussianSecondDerivative(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] phi = new double[radius + 1];
        double sum = 0;
        for (int k = 0; k <= radius; k++) {
            phi[k] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += k == 0 ? phi[k] : 2 * phi[k];
        }
        float[] w = new float[radius + 1];
        double s2 = sigma * sigma;
        for (int k = 0; k <= radius; k++) {
            w[k] = (float) ((k * k / (s2 * s2) - 1 / s2) * phi[k] / sum);
        }
        return w;
    }
}
