package org.qbi.measure.internal;

import java.util.Arrays;
import java.util.Comparator;

/** Distance from each point to its nearest other point, by a sweep over the points sorted along x. */
public final class NearestNeighbours {

    private NearestNeighbours() {
    }

    /** NaN for a single point. */
    public static double[] distances(double[][] points) {
        int n = points.length;
        double[] result = new double[n];
        Arrays.fill(result, Double.NaN);
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> points[i][0]).thenComparingInt(i -> i));
        for (int r = 0; r < n; r++) {
            int i = order[r];
            double best = Double.POSITIVE_INFINITY;
            for (int step = -1; step <= 1; step += 2) {
                for (int s = r + step; s >= 0 && s < n; s += step) {
                    int j = order[s];
                    double dx = points[j][0] - points[i][0];
                    if (dx * dx >= best) {
                        break;
                    }
                    double dy = points[j][1] - points[i][1];
                    double dz = points[j][2] - points[i][2];
                    best = Math.min(best, dx * dx + dy * dy + dz * dz);
                }
            }
            result[i] = n > 1 ? Math.sqrt(best) : Double.NaN;
        }
        return result;
    }
}
