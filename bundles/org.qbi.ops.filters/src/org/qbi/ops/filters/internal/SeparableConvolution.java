package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * Convolves a block with 1D kernels along z, then y, then x, one output plane at a time so the intermediate
 * results stay in cache. Kernels are symmetric (even) or antisymmetric (odd, for derivatives), given by their
 * half: weights[0] at the centre, weights[k] at distance k (an odd kernel has weight -weights[k] at -k).
 * <p>
 * Why the loops look as they do: C2 (JDK 25) only vectorises a loop when it can prove that the store does not
 * overlap the loads, and it cannot for two float[] references at different offsets (they might be one array).
 * So each pass reads one element type and writes the other: z reads the float block and accumulates in a
 * double plane, y reads that and accumulates into a float row, x reads the row and accumulates in a double row,
 * then the row is rounded into the float output. Accumulating in double also brings the result closer to
 * scipy.ndimage, which computes in double.
 */
public final class SeparableConvolution {

    /** Largest kernel radius accepted: beyond it a block's halo alone would take gigabytes. */
    public static final int MAX_RADIUS = 512;

    /** Values per strip of the z pass: its accumulator stays in L1 while the kernel's planes stream past. */
    private static final int STRIP = 1024;

    private SeparableConvolution() {
    }

    /**
     * @param in      block with halo (radius of each kernel along its axis)
     * @param out     block without halo
     * @param kernels per axis: weights[0] is the centre, weights[k] the weight at distance k (length radius+1)
     */
    public static void convolve(FloatBlock in, FloatBlock out, float[][] kernels) {
        convolve(in, out, kernels, new boolean[3]);
    }

    /**
     * @param odd per axis: true when the kernel is antisymmetric (weight -weights[k] at distance -k)
     */
    public static void convolve(FloatBlock in, FloatBlock out, float[][] kernels, boolean[] odd) {
        int nx = in.nx();
        int ny = in.ny();
        int hx = in.halo(0);
        int hy = in.halo(1);
        int hz = in.halo(2);
        int sx = out.nx();
        int sy = out.ny();
        int sz = out.nz();
        for (int a = 0; a < 3; a++) {
            if (kernels[a].length - 1 != in.halo(a)) {
                throw new IllegalArgumentException("Kernel radius " + (kernels[a].length - 1) + " along axis " + a
                        + " but the block's halo is " + in.halo(a));
            }
        }
        int plane = nx * ny;
        float[] src = in.data();
        float[] o = out.data();
        double[] p = new double[plane];
        float[] q = new float[nx];
        double[] r = new double[sx];
        for (int z = 0; z < sz; z++) {
            int centre = (z + hz) * plane;
            for (int s = 0; s < plane; s += STRIP) {
                zLine(src, centre + s, plane, kernels[2], odd[2], p, s, Math.min(STRIP, plane - s));
            }
            for (int y = 0; y < sy; y++) {
                yLine(p, (y + hy) * nx, nx, kernels[1], odd[1], q, nx);
                xLine(q, hx, kernels[0], odd[0], r, sx);
                int d = sx * (y + sy * z);
                for (int i = 0; i < sx; i++) {
                    o[d + i] = (float) r[i];
                }
            }
        }
    }

    /** {@code acc[to + i] = sum_k w_k src[from + i + k * stride]}, i in 0..len-1. */
    private static void zLine(float[] src, int from, int stride, float[] w, boolean odd, double[] acc, int to,
            int len) {
        double w0 = w[0];
        for (int i = 0; i < len; i++) {
            acc[to + i] = w0 * src[from + i];
        }
        for (int k = 1; k < w.length; k++) {
            double wk = w[k];
            int lo = from - k * stride;
            int hi = from + k * stride;
            if (odd) {
                for (int i = 0; i < len; i++) {
                    acc[to + i] += wk * (src[hi + i] - src[lo + i]);
                }
            } else {
                for (int i = 0; i < len; i++) {
                    acc[to + i] += wk * (src[lo + i] + src[hi + i]);
                }
            }
        }
    }

    /** {@code dst[i] = sum_k w_k src[from + i + k * stride]}, i in 0..len-1 (accumulated in float). */
    private static void yLine(double[] src, int from, int stride, float[] w, boolean odd, float[] dst, int len) {
        yLine(src, from, stride, w, odd, dst, 0, len);
    }

    private static void yLine(double[] src, int from, int stride, float[] w, boolean odd, float[] dst, int to,
            int len) {
        double w0 = w[0];
        for (int i = 0; i < len; i++) {
            dst[to + i] = (float) (w0 * src[from + i]);
        }
        for (int k = 1; k < w.length; k++) {
            double wk = w[k];
            int lo = from - k * stride;
            int hi = from + k * stride;
            if (odd) {
                for (int i = 0; i < len; i++) {
                    dst[to + i] += (float) (wk * (src[hi + i] - src[lo + i]));
                }
            } else {
                for (int i = 0; i < len; i++) {
                    dst[to + i] += (float) (wk * (src[lo + i] + src[hi + i]));
                }
            }
        }
    }

    /** {@code acc[i] = sum_k w_k src[from + i + k]}, i in 0..len-1. */
    private static void xLine(float[] src, int from, float[] w, boolean odd, double[] acc, int len) {
        zLine(src, from, 1, w, odd, acc, 0, len);
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
