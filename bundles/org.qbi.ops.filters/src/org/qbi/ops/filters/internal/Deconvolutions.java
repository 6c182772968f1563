package org.qbi.ops.filters.internal;

import java.io.IOException;

import org.qbi.core.image.Image;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.block.BlockIO;
import org.qbi.ops.block.Boundary;
import org.qbi.ops.block.FloatBlock;

/**
 * Richardson-Lucy and Wiener deconvolution of one volume, following skimage.restoration's definitions (see the
 * operators for the formulas).
 */
public final class Deconvolutions {

    private Deconvolutions() {
    }

    /** The PSF (channel 0, time 0) as a block, checked against the image's size. */
    public static FloatBlock psf(Image psf, long[] imageDims) throws IOException {
        long[] d = psf.header().dimensions();
        if (imageDims[2] == 1 && d[2] != 1) {
            throw new IllegalArgumentException("The PSF is 3D (" + d[0] + " x " + d[1] + " x " + d[2]
                    + ") but the image is 2D; give a 2D PSF");
        }
        for (int a = 0; a < 3; a++) {
            if (d[a] > imageDims[a]) {
                throw new IllegalArgumentException("The PSF (" + d[0] + " x " + d[1] + " x " + d[2] + ") is larger "
                        + "than the image (" + imageDims[0] + " x " + imageDims[1] + " x " + imageDims[2] + ")");
            }
        }
        return BlockIO.read(psf, 0, 0, new long[3], new long[] { d[0], d[1], d[2] }, new int[3], Boundary.REFLECT, 0);
    }

    /** Linear convolution cropped to the image ('same' of scipy.signal.convolve), by FFT. */
    static final class SameConvolution {
        private final int[] n;
        private final int[] padded;
        private final int[] start;
        private final double[] kernelRe;
        private final double[] kernelIm;

        SameConvolution(int[] imageDims, FloatBlock kernel, boolean flipped, OperatorContext context)
                throws IOException {
            n = imageDims.clone();
            int[] m = { kernel.nx(), kernel.ny(), kernel.nz() };
            padded = new int[3];
            start = new int[3];
            for (int a = 0; a < 3; a++) {
                int size = n[a] + m[a] - 1;
                int p = 1;
                while (p < size) {
                    p *= 2;
                }
                padded[a] = n[a] == 1 ? 1 : p;
                start[a] = (m[a] - 1) / 2;
            }
            Spectrum s = new Spectrum(padded);
            double[] re = s.re();
            for (int z = 0; z < m[2]; z++) {
                for (int y = 0; y < m[1]; y++) {
                    for (int x = 0; x < m[0]; x++) {
                        int sx = flipped ? m[0] - 1 - x : x;
                        int sy = flipped ? m[1] - 1 - y : y;
                        int sz = flipped ? m[2] - 1 - z : z;
                        re[x + padded[0] * (y + padded[1] * z)] = kernel.data()[sx + m[0] * (sy + m[1] * sz)];
                    }
                }
            }
            s.transform(false, context);
            kernelRe = s.re();
            kernelIm = s.im();
        }

        /** {@code out} = same(values); both n-sized, x fastest. */
        void apply(double[] values, double[] out, OperatorContext context) throws IOException {
            Spectrum s = new Spectrum(padded);
            double[] re = s.re();
            for (int z = 0; z < n[2]; z++) {
                for (int y = 0; y < n[1]; y++) {
                    System.arraycopy(values, n[0] * (y + n[1] * z), re, padded[0] * (y + padded[1] * z), n[0]);
                }
            }
            s.transform(false, context);
            double[] im = s.im();
            for (int i = 0; i < re.length; i++) {
                double r = re[i] * kernelRe[i] - im[i] * kernelIm[i];
                double q = re[i] * kernelIm[i] + im[i] * kernelRe[i];
                re[i] = r;
                im[i] = q;
            }
            s.transform(true, context);
            for (int z = 0; z < n[2]; z++) {
                for (int y = 0; y < n[1]; y++) {
                    System.arraycopy(re, (start[0]) + padded[0] * ((y + start[1]) + padded[1] * (z + start[2])), out,
                            n[0] * (y + n[1] * z), n[0]);
                }
            }
        }
    }

    /**
     * skimage.restoration.richardson_lucy(image, psf, num_iter, clip=False, filter_epsilon): the estimate starts
     * at 0.5 everywhere; each iteration multiplies it by same(image / (same(estimate, psf) + 1e-12), flip(psf)),
     * with the ratio 0 where the blurred estimate is below filterEpsilon (when above 0).
     */
    public static FloatBlock richardsonLucy(FloatBlock image, FloatBlock psf, int iterations, double filterEpsilon,
            OperatorContext context) throws IOException {
        int[] n = { image.nx(), image.ny(), image.nz() };
        SameConvolution blur = new SameConvolution(n, psf, false, context);
        SameConvolution mirror = new SameConvolution(n, psf, true, context);
        float[] observed = image.data();
        double[] estimate = new double[observed.length];
        java.util.Arrays.fill(estimate, 0.5);
        double[] conv = new double[observed.length];
        for (int it = 0; it < iterations; it++) {
            context.monitor().checkCanceled("Richardson-Lucy");
            blur.apply(estimate, conv, context);
            for (int i = 0; i < conv.length; i++) {
                double c = conv[i] + 1e-12;
                conv[i] = filterEpsilon > 0 && c < filterEpsilon ? 0 : observed[i] / c;
            }
            mirror.apply(conv, conv, context);
            for (int i = 0; i < conv.length; i++) {
                estimate[i] *= conv[i];
            }
        }
        FloatBlock out = FloatBlock.zeros(n[0], n[1], n[2]);
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) estimate[i];
        }
        return out;
    }

    /**
     * skimage.restoration.wiener(image, psf, balance, clip=False) with its default regulariser, the discrete
     * Laplacian: x = IFFT(conj(H) / (|H|^2 + balance |L|^2) FFT(image)), H and L the FFTs of the PSF and of the
     * Laplacian stencil, each centred on voxel 0 (circular, so borders are periodic).
     */
    public static FloatBlock wiener(FloatBlock image, FloatBlock psf, double balance, OperatorContext context)
            throws IOException {
        int[] n = { image.nx(), image.ny(), image.nz() };
        int dims = n[2] > 1 ? 3 : 2;
        Spectrum h = centred(n, psf.data(), new int[] { psf.nx(), psf.ny(), psf.nz() }, context);
        int[] three = { 3, 3, dims == 3 ? 3 : 1 };
        float[] stencil = new float[three[0] * three[1] * three[2]];
        int centre = 1 + 3 * (1 + 3 * (dims == 3 ? 1 : 0));
        stencil[centre] = 2 * dims;
        stencil[centre - 1] = stencil[centre + 1] = stencil[centre - 3] = stencil[centre + 3] = -1;
        if (dims == 3) {
            stencil[centre - 9] = stencil[centre + 9] = -1;
        }
        Spectrum l = centred(n, stencil, three, context);
        Spectrum s = new Spectrum(n);
        float[] v = image.data();
        double[] re = s.re();
        double[] im = s.im();
        for (int i = 0; i < v.length; i++) {
            re[i] = v[i];
        }
        s.transform(false, context);
        double[] hr = h.re();
        double[] hi = h.im();
        double[] lr = l.re();
        double[] li = l.im();
        for (int i = 0; i < re.length; i++) {
            double denominator = hr[i] * hr[i] + hi[i] * hi[i] + balance * (lr[i] * lr[i] + li[i] * li[i]);
            // conj(H) * X / denominator
            double r = (hr[i] * re[i] + hi[i] * im[i]) / denominator;
            double q = (hr[i] * im[i] - hi[i] * re[i]) / denominator;
            re[i] = r;
            im[i] = q;
        }
        s.transform(true, context);
        FloatBlock out = FloatBlock.zeros(n[0], n[1], n[2]);
        float[] o = out.data();
        for (int i = 0; i < o.length; i++) {
            o[i] = (float) re[i];
        }
        return out;
    }

    /** FFT of {@code kernel} placed in an n-sized volume with voxel m/2 (floored) at the origin, circularly. */
    private static Spectrum centred(int[] n, float[] kernel, int[] m, OperatorContext context) throws IOException {
        Spectrum s = new Spectrum(n);
        double[] re = s.re();
        for (int z = 0; z < m[2]; z++) {
            for (int y = 0; y < m[1]; y++) {
                for (int x = 0; x < m[0]; x++) {
                    int tx = Math.floorMod(x - m[0] / 2, n[0]);
                    int ty = Math.floorMod(y - m[1] / 2, n[1]);
                    int tz = Math.floorMod(z - m[2] / 2, n[2]);
                    re[tx + n[0] * (ty + n[1] * tz)] += kernel[x + m[0] * (y + m[1] * z)];
                }
            }
        }
        s.transform(false, context);
        return s;
    }
}
