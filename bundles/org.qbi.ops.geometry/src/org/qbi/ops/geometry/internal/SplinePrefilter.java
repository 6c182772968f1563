package org.qbi.ops.geometry.internal;

import org.qbi.ops.geometry.EdgeMode;

/**
 * The cubic B-spline prefilter (values to spline coefficients) along one axis, scipy.ndimage.spline_filter1d's:
 * gain 6, one causal and one anti-causal recursion with the pole sqrt(3) - 2, initialised for the mode's
 * extension (Unser M. Splines: a perfect fit for signal and image processing. IEEE Signal Process Mag 1999;
 * 16(6):22-38). Works on a bundle of {@code w} parallel lines stored row by row ({@code line[k * w + e]} is
 * sample k of line e), so the recursions run over contiguous rows the JIT can vectorise.
 */
public final class SplinePrefilter {

    static final double POLE = Math.sqrt(3) - 2;

    private SplinePrefilter() {
    }

    /** Prefilters {@code n} samples of {@code w} lines in place (in double precision, like scipy). */
    public static void apply(double[] line, int n, int w, EdgeMode mode) {
        if (n < 2) {
            return;
        }
        double z = POLE;
        for (int i = 0; i < n * w; i++) {
            line[i] *= 6;
        }
        switch (mode) {
            case REFLECT, NEAREST -> causalReflect(line, n, w, z);
            case GRID_WRAP -> causalWrap(line, n, w, z);
            default -> causalMirror(line, n, w, z);
        }
        for (int k = 1; k < n; k++) {
            int row = k * w;
            int prev = row - w;
            for (int e = 0; e < w; e++) {
                line[row + e] += z * line[prev + e];
            }
        }
        switch (mode) {
            case REFLECT, NEAREST -> anticausalReflect(line, n, w, z);
            case GRID_WRAP -> anticausalWrap(line, n, w, z);
            default -> anticausalMirror(line, n, w, z);
        }
        for (int k = n - 2; k >= 0; k--) {
            int row = k * w;
            int next = row + w;
            for (int e = 0; e < w; e++) {
                line[row + e] = z * (line[next + e] - line[row + e]);
            }
        }
    }

    private static void causalMirror(double[] c, int n, int w, double z) {
        double zn1 = Math.pow(z, n - 1);
        double[] first = new double[w];
        int last = (n - 1) * w;
        for (int e = 0; e < w; e++) {
            first[e] = c[e] + zn1 * c[last + e];
        }
        double zi = z;
        for (int i = 1; i < n - 1; i++) {
            int a = i * w;
            int b = (n - 1 - i) * w;
            for (int e = 0; e < w; e++) {
                first[e] += zi * (c[a + e] + zn1 * c[b + e]);
            }
            zi *= z;
        }
        double norm = 1 - zn1 * zn1;
        for (int e = 0; e < w; e++) {
            c[e] = first[e] / norm;
        }
    }

    private static void anticausalMirror(double[] c, int n, int w, double z) {
        int last = (n - 1) * w;
        int before = (n - 2) * w;
        for (int e = 0; e < w; e++) {
            c[last + e] = (z * c[before + e] + c[last + e]) * z / (z * z - 1);
        }
    }

    private static void causalReflect(double[] c, int n, int w, double z) {
        double zn = Math.pow(z, n);
        int last = (n - 1) * w;
        double[] c0 = new double[w];
        double[] first = new double[w];
        for (int e = 0; e < w; e++) {
            c0[e] = c[e];
            first[e] = c[e] + zn * c[last + e];
        }
        double zi = z;
        for (int i = 1; i < n; i++) {
            int a = i * w;
            int b = (n - 1 - i) * w;
            for (int e = 0; e < w; e++) {
                first[e] += zi * (c[a + e] + zn * c[b + e]);
            }
            zi *= z;
        }
        double factor = z / (1 - zn * zn);
        for (int e = 0; e < w; e++) {
            c[e] = first[e] * factor + c0[e];
        }
    }

    private static void anticausalReflect(double[] c, int n, int w, double z) {
        int last = (n - 1) * w;
        for (int e = 0; e < w; e++) {
            c[last + e] *= z / (z - 1);
        }
    }

    private static void causalWrap(double[] c, int n, int w, double z) {
        double[] first = new double[w];
        double zi = z;
        for (int i = 1; i < n; i++) {
            int a = (n - i) * w;
            for (int e = 0; e < w; e++) {
                first[e] += zi * c[a + e];
            }
            zi *= z;
        }
        double norm = 1 - Math.pow(z, n);
        for (int e = 0; e < w; e++) {
            c[e] = (c[e] + first[e]) / norm;
        }
    }

    private static void anticausalWrap(double[] c, int n, int w, double z) {
        // c-[n-1] = -z / (1 - z^n) * (c+[n-1] + z c+[0] + z^2 c+[1] + ... + z^(n-1) c+[n-2])
        int last = (n - 1) * w;
        double[] sum = new double[w];
        for (int e = 0; e < w; e++) {
            sum[e] = c[last + e];
        }
        double zi = z;
        for (int i = 0; i < n - 1; i++) {
            int a = i * w;
            for (int e = 0; e < w; e++) {
                sum[e] += zi * c[a + e];
            }
            zi *= z;
        }
        double factor = -z / (1 - Math.pow(z, n));
        for (int e = 0; e < w; e++) {
            c[last + e] = factor * sum[e];
        }
    }
}
