package org.qbi.ops.threshold.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * Separable local means on a block read with its halo, in float64 (scikit-image computes its local thresholds in
 * float64 for integer images): box means (scipy.ndimage.uniform_filter, skimage's integral-image window means) and
 * Gaussian-weighted means (scipy.ndimage.gaussian_filter's kernel).
 */
public final class LocalStatistics {

    private LocalStatistics() {
    }

    /** Weights of a box of {@code size} (odd) values: 1/size each. */
    public static double[] box(int size) {
        double[] w = new double[size];
        java.util.Arrays.fill(w, 1.0 / size);
        return w;
    }

    /** scipy's Gaussian kernel: radius int(truncate * sigma + 0.5), exp(-x^2 / (2 sigma^2)) normalised. */
    public static double[] gaussian(double sigma, double truncate) {
        int radius = (int) (truncate * sigma + 0.5);
        double[] w = new double[2 * radius + 1];
        if (sigma == 0) {
            w[radius] = 1;
            return w;
        }
        double sum = 0;
        for (int i = -radius; i <= radius; i++) {
            w[i + radius] = Math.exp(-0.5 / (sigma * sigma) * i * i);
            sum += w[i + radius];
        }
        for (int i = 0; i < w.length; i++) {
            w[i] /= sum;
        }
        return w;
    }

    /**
     * The weighted local mean of {@code values} (a block of nx x ny x nz with halo h) at every inner pixel, x
     * fastest; {@code weights[a]} has length 2 h[a] + 1 (or 1 when h[a] is 0).
     */
    public static double[] filter(double[] values, int nx, int ny, int nz, int[] h, double[][] weights) {
        double[] a = values;
        // x pass over all rows, keeping every y and z (later passes need the halo rows)
        int sx = nx - 2 * h[0];
        double[] bx = new double[sx * ny * nz];
        double[] wx = weights[0];
        for (int zy = 0; zy < ny * nz; zy++) {
            int in = zy * nx;
            int out = zy * sx;
            for (int x = 0; x < sx; x++) {
                double s = 0;
                for (int k = 0; k < wx.length; k++) {
                    s += wx[k] * a[in + x + k];
                }
                bx[out + x] = s;
            }
        }
        int sy = ny - 2 * h[1];
        double[] by = new double[sx * sy * nz];
        double[] wy = weights[1];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < sy; y++) {
                int out = sx * (y + sy * z);
                for (int x = 0; x < sx; x++) {
                    double s = 0;
                    for (int k = 0; k < wy.length; k++) {
                        s += wy[k] * bx[x + sx * (y + k + ny * z)];
                    }
                    by[out + x] = s;
                }
            }
        }
        if (h[2] == 0 && weights[2].length == 1) {
            return by;
        }
        int sz = nz - 2 * h[2];
        double[] bz = new double[sx * sy * sz];
        double[] wz = weights[2];
        int plane = sx * sy;
        for (int z = 0; z < sz; z++) {
            for (int i = 0; i < plane; i++) {
                double s = 0;
                for (int k = 0; k < wz.length; k++) {
                    s += wz[k] * by[i + plane * (z + k)];
                }
                bz[i + plane * z] = s;
            }
        }
        return bz;
    }

    /** The block's values as doubles. */
    public static double[] doubles(FloatBlock block) {
        float[] f = block.data();
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
