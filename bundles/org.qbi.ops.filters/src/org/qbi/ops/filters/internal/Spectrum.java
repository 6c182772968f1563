package org.qbi.ops.filters.internal;

import java.io.IOException;

import org.qbi.ops.OperatorContext;

/**
 * A complex volume (x fastest) and its n-dimensional FFT, line by line along each axis, lines in parallel (each
 * line is independent, so the result does not depend on the threads).
 */
public final class Spectrum {

    private final int[] dims;
    private final double[] re;
    private final double[] im;

    public Spectrum(int[] dims) {
        this.dims = dims.clone();
        int n = Math.multiplyExact(Math.multiplyExact(dims[0], dims[1]), dims[2]);
        re = new double[n];
        im = new double[n];
    }

    public double[] re() {
        return re;
    }

    public double[] im() {
        return im;
    }

    public int[] dims() {
        return dims.clone();
    }

    /** Transforms along every axis of size more than 1 (unnormalised; the inverse divides by the voxel count). */
    public void transform(boolean inverse, OperatorContext context) throws IOException {
        for (int axis = 0; axis < 3; axis++) {
            int len = dims[axis];
            if (len == 1) {
                continue;
            }
            Fft fft = new Fft(len);
            int stride = axis == 0 ? 1 : axis == 1 ? dims[0] : dims[0] * dims[1];
            int lines = re.length / len;
            int chunk = Math.max(1, lines / (8 * context.parallelism()));
            int tasks = (lines + chunk - 1) / chunk;
            int along = axis;
            context.forEach(tasks, task -> {
                double[] lr = new double[len];
                double[] li = new double[len];
                for (int line = task * chunk; line < Math.min(lines, (task + 1) * chunk); line++) {
                    int start = lineStart(line, along);
                    for (int k = 0; k < len; k++) {
                        lr[k] = re[start + k * stride];
                        li[k] = im[start + k * stride];
                    }
                    fft.transform(lr, li, inverse);
                    for (int k = 0; k < len; k++) {
                        re[start + k * stride] = lr[k];
                        im[start + k * stride] = li[k];
                    }
                }
            });
        }
        if (inverse) {
            double scale = 1.0 / re.length;
            for (int i = 0; i < re.length; i++) {
                re[i] *= scale;
                im[i] *= scale;
            }
        }
    }

    private int lineStart(int line, int axis) {
        return switch (axis) {
            case 0 -> line * dims[0];
            case 1 -> (line % dims[0]) + (line / dims[0]) * dims[0] * dims[1];
            default -> line;
        };
    }

    /** The signed frequency index of position k along an axis of n (numpy.fft.fftfreq(n) * n). */
    public static int frequency(int k, int n) {
        return k <= (n - 1) / 2 ? k : k - n;
    }
}
