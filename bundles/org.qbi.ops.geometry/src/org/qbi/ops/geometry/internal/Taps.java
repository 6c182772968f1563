package org.qbi.ops.geometry.internal;

import org.qbi.ops.block.Boundary;
import org.qbi.ops.geometry.EdgeMode;

/**
 * For every output position along one axis, which input samples (of a line possibly padded by {@code npad} on
 * each side) it combines and with which weights: B-spline interpolation at real coordinates, or a convolution
 * kernel. Index -1 stands for the constant value; {@link #outside} marks outputs that are the constant
 * altogether (scipy's 'constant' mode outside 0..n-1). Follows scipy.ndimage's ni_interpolation.c: support
 * {@code floor(x) - order/2} for odd orders, {@code floor(x + 0.5)} for order 0, indices past the edges mapped
 * by the mode.
 *
 * @param width   taps per output
 * @param index   input sample per tap (output j, tap k at j * width + k), -1 for the constant
 * @param weight  weight per tap
 * @param outside true where the output is the constant value
 */
public record Taps(int width, int[] index, double[] weight, boolean[] outside) {

    /** Samples added on each side before the spline prefilter (scipy's _prepad_for_spline_filter). */
    public static int padding(EdgeMode mode, int order) {
        return order > 1 && (mode == EdgeMode.NEAREST || mode == EdgeMode.GRID_CONSTANT) ? 12 : 0;
    }

    public int count() {
        return outside.length;
    }

    /**
     * Interpolation taps at {@code coordinates} (in voxels of a line of {@code n} samples).
     */
    public static Taps interpolation(double[] coordinates, int n, int order, EdgeMode mode) {
        int npad = padding(mode, order);
        int width = order + 1;
        int m = coordinates.length;
        int[] index = new int[m * width];
        double[] weight = new double[m * width];
        boolean[] outside = new boolean[m];
        double[] w = new double[width];
        for (int j = 0; j < m; j++) {
            double cc = coordinates[j];
            if (mode == EdgeMode.CONSTANT && (cc < 0 || cc > n - 1)) {
                outside[j] = true;
                continue;
            }
            double cp = cc + npad;
            long start = order == 0 ? (long) Math.floor(cp + 0.5) : (long) Math.floor(cp) - order / 2;
            weights(cp, order, w);
            for (int k = 0; k < width; k++) {
                index[j * width + k] = map(start + k, n + 2 * npad, mode);
                weight[j * width + k] = w[k];
            }
        }
        return new Taps(width, index, weight, outside);
    }

    /**
     * Correlation with {@code kernel} (odd length, centred) on a line of {@code n} samples, scipy.ndimage.correlate1d
     * with the mode's extension (constant modes use the constant outside).
     */
    public static Taps kernel(double[] kernel, int n, EdgeMode mode) {
        int width = kernel.length;
        int radius = width / 2;
        int[] index = new int[n * width];
        double[] weight = new double[n * width];
        for (int j = 0; j < n; j++) {
            for (int k = 0; k < width; k++) {
                long i = (long) j + k - radius;
                index[j * width + k] = mode == EdgeMode.CONSTANT ? (i < 0 || i >= n ? -1 : (int) i) : map(i, n, mode);
                weight[j * width + k] = kernel[k];
            }
        }
        return new Taps(width, index, weight, new boolean[n]);
    }

    /**
     * Interpolation taps applied to the line correlated with {@code kernel} first, as one set of taps: output j
     * combines input samples {@code map(i + m - radius)} with weight {@code w_k * kernel[m]} for each of its
     * interpolation samples i (scipy's zoom after gaussian_filter, composed; the constant where the
     * interpolation reads past the edge stays the constant, as it does there). For splines without prefilter
     * (orders 0 and 1) only.
     */
    public static Taps smoothed(Taps interpolation, double[] kernel, int n, EdgeMode kernelMode) {
        int width = interpolation.width * kernel.length;
        int radius = kernel.length / 2;
        int m = interpolation.count();
        int[] index = new int[m * width];
        double[] weight = new double[m * width];
        for (int j = 0; j < m; j++) {
            for (int k = 0; k < interpolation.width; k++) {
                int i = interpolation.index[j * interpolation.width + k];
                double w = interpolation.weight[j * interpolation.width + k];
                for (int t = 0; t < kernel.length; t++) {
                    int to = j * width + k * kernel.length + t;
                    if (i < 0) {
                        index[to] = -1;
                        weight[to] = t == 0 ? w : 0;
                        continue;
                    }
                    long source = (long) i + t - radius;
                    index[to] = kernelMode == EdgeMode.CONSTANT ? (source < 0 || source >= n ? -1 : (int) source)
                            : map(source, n, kernelMode);
                    weight[to] = w * kernel[t];
                }
            }
        }
        return new Taps(width, index, weight, interpolation.outside.clone());
    }

    /** Index {@code i} of a line of {@code n} samples mapped inside by {@code mode}; -1 for the constant. */
    static int map(long i, int n, EdgeMode mode) {
        if (i >= 0 && i < n) {
            return (int) i;
        }
        return switch (mode) {
            // scipy's 'constant' interpolates inside 0..n-1 with the spline's mirror extension
            case CONSTANT, MIRROR -> (int) Boundary.MIRROR.map(i, n);
            case REFLECT -> (int) Boundary.REFLECT.map(i, n);
            case NEAREST -> i < 0 ? 0 : n - 1;
            case GRID_WRAP -> (int) Math.floorMod(i, (long) n);
            case GRID_CONSTANT -> -1;
        };
    }

    /** B-spline weights of the order + 1 samples from the support's start at coordinate {@code x}. */
    static void weights(double x, int order, double[] w) {
        switch (order) {
            case 0 -> w[0] = 1;
            case 1 -> {
                double t = x - Math.floor(x);
                w[0] = 1 - t;
                w[1] = t;
            }
            case 3 -> {
                // scipy's get_spline_interpolation_weights for order 3
                double t = x - Math.floor(x);
                double y = t;
                double z = 1 - y;
                w[0] = z * z * z / 6;
                w[1] = (y * y * (y - 2) * 3 + 4) / 6;
                w[3] = y * y * y / 6;
                w[2] = 1 - w[0] - w[1] - w[3];
            }
            default -> throw new IllegalArgumentException("Spline order " + order + " is not supported (0, 1 or 3)");
        }
    }
}
