package org.qbi.ui.viewer.internal.render;

import java.util.List;

/**
 * A region of interest on a plane, in continuous image coordinates (pixel i covers [i, i + 1); its centre is
 * i + 0.5). An area ROI holds the pixels whose centre lies inside it; a line holds no area and is measured
 * by its profile ({@link RoiMeasure#profile}).
 */
public sealed interface Roi {

    /** "Rectangle", "Ellipse", "Polygon", "Line". */
    String kind();

    /** True when the point lies inside (lines: never). */
    boolean contains(double x, double y);

    /** {x0, y0, x1, y1}: a box around the ROI. */
    double[] bounds();

    /** An axis-aligned rectangle from (x0, y0) to (x1, y1) (any corner order). */
    record Rectangle(double x0, double y0, double x1, double y1) implements Roi {
        @Override
        public String kind() {
            return "Rectangle";
        }

        @Override
        public boolean contains(double x, double y) {
            return x >= Math.min(x0, x1) && x < Math.max(x0, x1) && y >= Math.min(y0, y1) && y < Math.max(y0, y1);
        }

        @Override
        public double[] bounds() {
            return new double[] { Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1) };
        }
    }

    /** The ellipse inscribed in the box from (x0, y0) to (x1, y1). */
    record Ellipse(double x0, double y0, double x1, double y1) implements Roi {
        @Override
        public String kind() {
            return "Ellipse";
        }

        @Override
        public boolean contains(double x, double y) {
            double cx = (x0 + x1) / 2;
            double cy = (y0 + y1) / 2;
            double rx = Math.abs(x1 - x0) / 2;
            double ry = Math.abs(y1 - y0) / 2;
            if (rx == 0 || ry == 0) {
                return false;
            }
            double dx = (x - cx) / rx;
            double dy = (y - cy) / ry;
            return dx * dx + dy * dy <= 1;
        }

        @Override
        public double[] bounds() {
            return new Rectangle(x0, y0, x1, y1).bounds();
        }
    }

    /** A closed polygon through the points {x, y} (even-odd rule). */
    record Polygon(List<double[]> points) implements Roi {
        public Polygon {
            if (points.size() < 3) {
                throw new IllegalArgumentException("A polygon needs at least 3 points, got " + points.size());
            }
            points = points.stream().map(double[]::clone).toList();
        }

        @Override
        public String kind() {
            return "Polygon";
        }

        @Override
        public boolean contains(double x, double y) {
            boolean inside = false;
            int n = points.size();
            for (int i = 0, j = n - 1; i < n; j = i++) {
                double[] a = points.get(i);
                double[] b = points.get(j);
                if ((a[1] > y) != (b[1] > y) && x < (b[0] - a[0]) * (y - a[1]) / (b[1] - a[1]) + a[0]) {
                    inside = !inside;
                }
            }
            return inside;
        }

        @Override
        public double[] bounds() {
            double[] box = { Double.MAX_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE, -Double.MAX_VALUE };
            for (double[] p : points) {
                box[0] = Math.min(box[0], p[0]);
                box[1] = Math.min(box[1], p[1]);
                box[2] = Math.max(box[2], p[0]);
                box[3] = Math.max(box[3], p[1]);
            }
            return box;
        }
    }

    /** A straight line from (x0, y0) to (x1, y1). */
    record Line(double x0, double y0, double x1, double y1) implements Roi {
        @Override
        public String kind() {
            return "Line";
        }

        @Override
        public boolean contains(double x, double y) {
            return false;
        }

        @Override
        public double[] bounds() {
            return new Rectangle(x0, y0, x1, y1).bounds();
        }
    }
}
