package org.qbi.measure.internal;

import java.util.Arrays;

/** Convex hull of 2D points (Andrew's monotone chain) and its diameter and width. */
public final class ConvexHull2D {

    private ConvexHull2D() {
    }

    /** The hull's vertices counter-clockwise as x0, y0, x1, y1, ... of the first {@code n} points of {@code xy}. */
    public static double[] of(double[] xy, int n) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> xy[2 * a] != xy[2 * b] ? Double.compare(xy[2 * a], xy[2 * b])
                : Double.compare(xy[2 * a + 1], xy[2 * b + 1]));
        int[] hull = new int[2 * n + 1];
        int k = 0;
        for (int pass = 0; pass < 2; pass++) {
            int start = k;
            for (int r = 0; r < n; r++) {
                int i = order[pass == 0 ? r : n - 1 - r];
                while (k >= start + 2 && cross(xy, hull[k - 2], hull[k - 1], i) <= 0) {
                    k--;
                }
                hull[k++] = i;
            }
            k--;
        }
        int m = Math.max(1, k);
        double[] out = new double[2 * m];
        for (int j = 0; j < m; j++) {
            out[2 * j] = xy[2 * hull[j]];
            out[2 * j + 1] = xy[2 * hull[j] + 1];
        }
        return out;
    }

    private static double cross(double[] p, int o, int a, int b) {
        return (p[2 * a] - p[2 * o]) * (p[2 * b + 1] - p[2 * o + 1]) - (p[2 * a + 1] - p[2 * o + 1]) * (p[2 * b] - p[2 * o]);
    }

    /** Largest distance between two hull vertices. */
    public static double diameter(double[] hull) {
        int m = hull.length / 2;
        double best = 0;
        for (int i = 0; i < m; i++) {
            for (int j = i + 1; j < m; j++) {
                best = Math.max(best, Math.hypot(hull[2 * i] - hull[2 * j], hull[2 * i + 1] - hull[2 * j + 1]));
            }
        }
        return best;
    }

    /** Smallest distance between two parallel lines enclosing the hull (one of them along a hull edge). */
    public static double width(double[] hull) {
        int m = hull.length / 2;
        if (m < 3) {
            return 0;
        }
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < m; i++) {
            int j = (i + 1) % m;
            double ex = hull[2 * j] - hull[2 * i];
            double ey = hull[2 * j + 1] - hull[2 * i + 1];
            double length = Math.hypot(ex, ey);
            if (length == 0) {
                continue;
            }
            double far = 0;
            for (int k = 0; k < m; k++) {
                far = Math.max(far, Math.abs(ex * (hull[2 * k + 1] - hull[2 * i + 1]) - ey * (hull[2 * k] - hull[2 * i]))
                        / length);
            }
            best = Math.min(best, far);
        }
        return best;
    }
}
