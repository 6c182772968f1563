package org.qbi.ops.compare.internal;

import java.io.IOException;

import org.qbi.ops.OperatorContext;

/**
 * The mean structural similarity of one volume, skimage.metrics.structural_similarity's computation: local
 * means, variances and covariance from a window (uniform or Gaussian weights) along x, y and, for volumes, z;
 * S = (2 ux uy + C1)(2 vxy + C2) / ((ux^2 + uy^2 + C1)(vx + vy + C2)); the mean over the voxels at least a
 * window radius from every border (skimage crops the same margin, so no border mode is ever needed). Works on
 * slabs of {@link #SLAB} planes (rows for 2D images) in parallel; each slab sums in double in a fixed order and
 * the slabs are added in order, so the result does not depend on the threads.
 *
 * @param window    the 1D weights (odd length), applied along every axis
 * @param covNorm   NP / (NP - 1) for the sample covariance, else 1
 * @param c1        (K1 data_range)^2
 * @param c2        (K2 data_range)^2
 * @param uniform   true when every weight is the same (running sums along x)
 */
public record SsimMean(double[] window, double covNorm, double c1, double c2, boolean uniform) {

    /** Planes (3D) or rows (2D) per task. */
    static final int SLAB = 16;

    /** Parallel tasks per volume (one unit of progress each). */
    public int slabs(long[] dims) {
        int length = (int) (dims[2] > 1 ? dims[2] : dims[1]);
        return (length - 2 * (window.length / 2) + SLAB - 1) / SLAB;
    }

    /** Mean SSIM of volume {@code volume} of the pair. */
    public double compute(ImagePair pair, int volume, OperatorContext context) throws IOException {
        long[] d = pair.dimensions();
        int nx = (int) d[0];
        int ny = (int) d[1];
        int nz = (int) d[2];
        boolean volumetric = nz > 1;
        int r = window.length / 2;
        int mx = nx - 2 * r;
        int my = volumetric ? ny - 2 * r : 1;
        int unitSize = mx * my;
        int length = volumetric ? nz : ny;
        int kept = length - 2 * r;
        float[] reference2d = volumetric ? null : ImagePair.plane(pair.reference(), 0, volume);
        float[] test2d = volumetric ? null : ImagePair.plane(pair.test(), 0, volume);
        int slabs = (kept + SLAB - 1) / SLAB;
        double[] sums = new double[slabs];
        context.forEach(slabs, s -> {
            int a = r + s * SLAB;
            int b = Math.min(a + SLAB, r + kept);
            int units = b - a + 2 * r;
            double[][] filtered = new double[units * 5][];
            for (int k = 0; k < units; k++) {
                int u = a - r + k;
                double[][] five;
                if (volumetric) {
                    five = planeFiltered(ImagePair.plane(pair.reference(), u, volume),
                            ImagePair.plane(pair.test(), u, volume), nx, ny, r);
                } else {
                    five = rowFiltered(reference2d, test2d, u * nx, nx, r);
                }
                System.arraycopy(five, 0, filtered, k * 5, 5);
            }
            double sum = 0;
            double[][] mean = new double[5][unitSize];
            for (int u = a; u < b; u++) {
                int k0 = u - a;
                for (int q = 0; q < 5; q++) {
                    double[] m = mean[q];
                    java.util.Arrays.fill(m, 0);
                    for (int k = 0; k < window.length; k++) {
                        double w = window[k];
                        double[] f = filtered[(k0 + k) * 5 + q];
                        for (int i = 0; i < unitSize; i++) {
                            m[i] += w * f[i];
                        }
                    }
                }
                for (int i = 0; i < unitSize; i++) {
                    sum += similarity(mean[0][i], mean[1][i], mean[2][i], mean[3][i], mean[4][i]);
                }
            }
            sums[s] = sum;
        });
        double total = 0;
        for (double s : sums) {
            total += s;
        }
        return total / ((double) kept * unitSize);
    }

    private double similarity(double ux, double uy, double uxx, double uyy, double uxy) {
        double vx = covNorm * (uxx - ux * ux);
        double vy = covNorm * (uyy - uy * uy);
        double vxy = covNorm * (uxy - ux * uy);
        double a1 = 2 * ux * uy + c1;
        double a2 = 2 * vxy + c2;
        double b1 = ux * ux + uy * uy + c1;
        double b2 = vx + vy + c2;
        return a1 * a2 / (b1 * b2);
    }

    /** x, y, x^2, y^2, xy of one row, filtered along x (kept outputs only). */
    private double[][] rowFiltered(float[] reference, float[] test, int offset, int nx, int r) {
        if (uniform) {
            return rowBoxFiltered(reference, test, offset, nx, r);
        }
        int mx = nx - 2 * r;
        double[][] out = new double[5][mx];
        for (int i = 0; i < mx; i++) {
            double sx = 0;
            double sy = 0;
            double sxx = 0;
            double syy = 0;
            double sxy = 0;
            for (int k = 0; k < window.length; k++) {
                double x = reference[offset + i + k];
                double y = test[offset + i + k];
                double w = window[k];
                sx += w * x;
                sy += w * y;
                sxx += w * (x * x);
                syy += w * (y * y);
                sxy += w * (x * y);
            }
            out[0][i] = sx;
            out[1][i] = sy;
            out[2][i] = sxx;
            out[3][i] = syy;
            out[4][i] = sxy;
        }
        return out;
    }

    /**
     * As {@link #rowFiltered} for a uniform window, by running sums (scipy's uniform_filter1d does the same):
     * two additions per value instead of one per window voxel.
     */
    private double[][] rowBoxFiltered(float[] reference, float[] test, int offset, int nx, int r) {
        int size = window.length;
        int mx = nx - 2 * r;
        double w = window[0];
        double[][] out = new double[5][mx];
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int k = 0; k < size; k++) {
            double x = reference[offset + k];
            double y = test[offset + k];
            sx += x;
            sy += y;
            sxx += x * x;
            syy += y * y;
            sxy += x * y;
        }
        for (int i = 0; i < mx; i++) {
            if (i > 0) {
                double xo = reference[offset + i - 1];
                double yo = test[offset + i - 1];
                double xn = reference[offset + i + size - 1];
                double yn = test[offset + i + size - 1];
                sx += xn - xo;
                sy += yn - yo;
                sxx += xn * xn - xo * xo;
                syy += yn * yn - yo * yo;
                sxy += xn * yn - xo * yo;
            }
            out[0][i] = sx * w;
            out[1][i] = sy * w;
            out[2][i] = sxx * w;
            out[3][i] = syy * w;
            out[4][i] = sxy * w;
        }
        return out;
    }

    /** x, y, x^2, y^2, xy of one plane, filtered along x and then y (kept outputs only). */
    private double[][] planeFiltered(float[] reference, float[] test, int nx, int ny, int r) {
        int mx = nx - 2 * r;
        int my = ny - 2 * r;
        double[][] rows = new double[5][mx * ny];
        for (int y = 0; y < ny; y++) {
            double[][] row = rowFiltered(reference, test, y * nx, nx, r);
            for (int q = 0; q < 5; q++) {
                System.arraycopy(row[q], 0, rows[q], y * mx, mx);
            }
        }
        double[][] out = new double[5][mx * my];
        for (int q = 0; q < 5; q++) {
            double[] in = rows[q];
            double[] o = out[q];
            for (int j = 0; j < my; j++) {
                for (int k = 0; k < window.length; k++) {
                    double w = window[k];
                    int from = (j + k) * mx;
                    int to = j * mx;
                    for (int i = 0; i < mx; i++) {
                        o[to + i] += w * in[from + i];
                    }
                }
            }
        }
        return out;
    }
}
