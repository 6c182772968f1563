package org.qbi.ops.point.internal;

import org.qbi.ops.point.engine.PointKernel;

/** Kernels shared by several point operators. */
public final class Kernels {

    private Kernels() {
    }

    /** {@code out = clip(in, low, high)}; NaN stays NaN (as numpy.clip). */
    public static PointKernel clamp(double low, double high) {
        float lo = (float) low;
        float hi = (float) high;
        return Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = Math.min(Math.max(a[i], lo), hi);
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = Math.min(Math.max(a[i], low), high);
            }
        });
    }

    /** {@code out = in * scale + offset}. */
    public static PointKernel linear(double scale, double offset) {
        if (offset == 0) {
            return scale(scale);
        }
        float s = (float) scale;
        float o = (float) offset;
        return Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = a[i] * s + o;
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = a[i] * scale + offset;
            }
        });
    }

    /** {@code out = in * scale} (so -1 gives -0.0 for 0, as numpy's negative). */
    public static PointKernel scale(double scale) {
        float s = (float) scale;
        return Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = a[i] * s;
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = a[i] * scale;
            }
        });
    }

    /** A function applied pixel by pixel in double (not vectorised: for the transcendental functions). */
    @FunctionalInterface
    public interface Function {
        double apply(double value);
    }

    /** {@code out = f(in)}, in float arithmetic for float32 images (each result rounded to float). */
    public static PointKernel of(Function f) {
        return Arithmetic.kernel((in, out, n) -> {
            float[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = (float) f.apply(a[i]);
            }
        }, (in, out, n) -> {
            double[] a = in[0];
            for (int i = 0; i < n; i++) {
                out[i] = f.apply(a[i]);
            }
        });
    }
}
