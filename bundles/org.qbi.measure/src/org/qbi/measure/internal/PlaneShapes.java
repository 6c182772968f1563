package org.qbi.measure.internal;

import java.util.Arrays;

/**
 * Per-label perimeter and Feret diameters of a 2D label image held as an int array (x fastest).
 * <p>
 * Perimeter: scikit-image's {@code measure.perimeter(image, neighbourhood=4)} of each label's mask: border pixels
 * (a 4-neighbour outside the label or the image) weighted by the arrangement of their border neighbours (1 for a
 * straight run, sqrt 2 for a diagonal, (1 + sqrt 2) / 2 for a corner), in pixels.
 * <p>
 * Feret diameters: of the points where the boundary crosses a pixel edge between the label and the outside (the
 * level-0.5 contour's vertices, midpoints between a label pixel and a 4-neighbour outside it), in physical units:
 * the largest distance between two of them and the smallest width of their convex hull (rotating calipers).
 */
public final class PlaneShapes {

    private static final double[] WEIGHTS = new double[50];

    static {
        for (int code : new int[] { 5, 7, 15, 17, 25, 27 }) {
            WEIGHTS[code] = 1;
        }
        WEIGHTS[21] = WEIGHTS[33] = Math.sqrt(2);
        WEIGHTS[13] = WEIGHTS[23] = (1 + Math.sqrt(2)) / 2;
    }

    public final double[] perimeter;
    public final double[] feretMax;
    public final double[] feretMin;

    private PlaneShapes(int labels) {
        perimeter = new double[labels + 1];
        feretMax = new double[labels + 1];
        feretMin = new double[labels + 1];
    }

    public static PlaneShapes of(int[] labels, int nx, int ny, int maxLabel, double sx, double sy) {
        PlaneShapes s = new PlaneShapes(maxLabel);
        boolean[] border = new boolean[labels.length];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * y;
                int l = labels[i];
                if (l != 0) {
                    border[i] = at(labels, nx, ny, x - 1, y) != l || at(labels, nx, ny, x + 1, y) != l
                            || at(labels, nx, ny, x, y - 1) != l || at(labels, nx, ny, x, y + 1) != l;
                }
            }
        }
        double[][] points = new double[maxLabel + 1][];
        int[] counts = new int[maxLabel + 1];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                int i = x + nx * y;
                int l = labels[i];
                if (l == 0) {
                    continue;
                }
                if (border[i]) {
                    int code = 1;
                    for (int dy = -1; dy <= 1; dy++) {
                        for (int dx = -1; dx <= 1; dx++) {
                            if ((dx != 0 || dy != 0) && isBorder(labels, border, nx, ny, x + dx, y + dy, l)) {
                                code += dx == 0 || dy == 0 ? 2 : 10;
                            }
                        }
                    }
                    s.perimeter[l] += code < WEIGHTS.length ? WEIGHTS[code] : 0;
                }
                // contour vertices on the edges towards 4-neighbours outside the label
                int[][] steps = { { -1, 0 }, { 1, 0 }, { 0, -1 }, { 0, 1 } };
                for (int[] d : steps) {
                    if (at(labels, nx, ny, x + d[0], y + d[1]) != l) {
                        if (points[l] == null) {
                            points[l] = new double[64];
                        } else if (counts[l] + 2 > points[l].length) {
                            points[l] = Arrays.copyOf(points[l], 2 * points[l].length);
                        }
                        points[l][counts[l]++] = (x + 0.5 * d[0]) * sx;
                        points[l][counts[l]++] = (y + 0.5 * d[1]) * sy;
                    }
                }
            }
        }
        for (int l = 1; l <= maxLabel; l++) {
            if (points[l] != null) {
                double[] hull = ConvexHull2D.of(points[l], counts[l] / 2);
                s.feretMax[l] = ConvexHull2D.diameter(hull);
                s.feretMin[l] = ConvexHull2D.width(hull);
            }
        }
        return s;
    }

    private static int at(int[] labels, int nx, int ny, int x, int y) {
        return x < 0 || y < 0 || x >= nx || y >= ny ? 0 : labels[x + nx * y];
    }

    private static boolean isBorder(int[] labels, boolean[] border, int nx, int ny, int x, int y, int l) {
        return x >= 0 && y >= 0 && x < nx && y < ny && labels[x + nx * y] == l && border[x + nx * y];
    }
}
