package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * Convolves a block with a symmetric 1D kernel along z, then y, then x (each pass shrinks the block by its
 * halo), written as row-wise multiply-adds over contiguous runs so the JIT vectorises them.
 */
public final class SeparableConvolution {

    /** Largest kernel radius accepted: beyond it a block's halo alone would take gigabytes. */
    public static final int MAX_RADIUS = 512;

    private SeparableConvolution() {
    }

    /**
     * @param in      block with halo (radius of each kernel along its axis)
     * @param out     block without halo
     * @param kernels per axis: weights[0] is the centre, weights[k] the weight at distance k (length radius+1)
     */
    public static void convolve(FloatBlock in, FloatBlock out, float[][] kernels) {
        int nx = in.nx();
        int ny = in.ny();
        int hx = in.halo(0);
        int hy = in.halo(1);
        int hz = in.halo(2);
        int sx = out.nx();
        int sy = out.ny();
        int sz = out.nz();
        int plane = nx * ny;
        // z pass: (nx * ny) x sz
        float[] a = new float[plane * sz];
        float[] kz = kernels[2];
        float[] src = in.data();
        for (int z = 0; z < sz; z++) {
            int d = z * plane;
            int c = (z + hz) * plane;
            float w0 = kz[0];
            for (int i = 0; i < plane; i++) {
                a[d + i] = w0 * src[c + i];
            }
            for (int k = 1; k < kz.length; k++) {
                float w = kz[k];
                int lo = c - k * plane;
                int hi = c + k * plane;
                for (int i = 0; i < plane; i++) {
                    a[d + i] += w * (src[lo + i] + src[hi + i]);
                }
            }
        }
        // y pass: nx x sy x sz
        float[] b = new float[nx * sy * sz];
        float[] ky = kernels[1];
        for (int z = 0; z < sz; z++) {
            for (int y = 0; y < sy; y++) {
                int d = nx * (y + sy * z);
                int c = nx * (y + hy) + plane * z;
                float w0 = ky[0];
                for (int i = 0; i < nx; i++) {
                    b[d + i] = w0 * a[c + i];
                }
                for (int k = 1; k < ky.length; k++) {
                    float w = ky[k];
                    int lo = c - k * nx;
                    int hi = c + k * nx;
                    for (int i = 0; i < nx; i++) {
                        b[d + i] += w * (a[lo + i] + a[hi + i]);
                    }
                }
            }
        }
        // x pass: sx x sy x sz
        float[] o = out.data();
        float[] kx = kernels[0];
        for (int row = 0; row < sy * sz; row++) {
            int d = row * sx;
            int c = row * nx + hx;
            float w0 = kx[0];
            for (int i = 0; i < sx; i++) {
                o[d + i] = w0 * b[c + i];
            }
            for (int k = 1; k < kx.length; k++) {
                float w = kx[k];
                int lo = c - k;
                int hi = c + k;
                for (int i = 0; i < sx; i++) {
                    o[d + i] += w * (b[lo + i] + b[hi + i]);
                }
            }
        }
    }

    /**
     * The sampled Gaussian of scipy.ndimage.gaussian_filter1d (order 0): radius = int(truncate * sigma + 0.5),
     * weights exp(-x^2 / (2 sigma^2)) normalised to sum 1; {1} for sigma 0. Returns weights[0..radius].
     */
    public static float[] gaussian(double sigma, double truncate) {
        if (sigma <= 0) {
            return new float[] { 1f };
        }
        int radius = (int) (truncate * sigma + 0.5);
        double[] w = new double[radius + 1];
        double sum = 0;
        for (int k = 0; k <= radius; k++) {
            w[k] = Math.exp(-0.5 * k * k / (sigma * sigma));
            sum += k == 0 ? w[k] : 2 * w[k];
        }
        float[] weights = new float[radius + 1];
        for (int k = 0; k <= radius; k++) {
            weights[k] = (float) (w[k] / sum);
        }
        return weights;
    }
}
