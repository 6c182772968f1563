package org.qbi.ui.viewer.internal.render;

import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.Rescale;

/**
 * Measurements of a ROI on one plane: statistics of the pixels inside an area ROI and the profile along a
 * line. Values are rescaled (physical, e.g. HU) values; NaN pixels are not counted.
 */
public final class RoiMeasure {

    /**
     * Statistics of the pixels of an area ROI.
     *
     * @param count pixels inside with a finite value
     * @param mean  mean value
     * @param std   sample standard deviation (n - 1; 0 for one pixel)
     * @param area  area in {@code areaUnit}: count x spacing h x spacing v
     */
    public record Statistics(long count, double mean, double std, double min, double max, double area,
            String areaUnit) {
    }

    /**
     * A line profile: values at unit steps (in pixels along the line, nearest pixel) from the start.
     *
     * @param distance physical distance from the line's start of each sample, in {@code unit}
     */
    public record Profile(double[] distance, double[] values, String unit) {
    }

    private RoiMeasure() {
    }

    /** The pixel indices {x, y} of the plane whose centre lies inside {@code roi}, row by row. */
    public static List<int[]> pixels(Roi roi, int width, int height) {
        double[] box = roi.bounds();
        int x0 = (int) Math.max(0, Math.floor(box[0]));
        int y0 = (int) Math.max(0, Math.floor(box[1]));
        int x1 = (int) Math.min(width - 1, Math.ceil(box[2]));
        int y1 = (int) Math.min(height - 1, Math.ceil(box[3]));
        List<int[]> inside = new ArrayList<>();
        for (int y = y0; y <= y1; y++) {
            for (int x = x0; x <= x1; x++) {
                if (roi.contains(x + 0.5, y + 0.5)) {
                    inside.add(new int[] { x, y });
                }
            }
        }
        return inside;
    }

    /**
     * Statistics of {@code roi} on a plane of {@code width} pixels per row, with pixel spacings {@code spacingH}
     * x {@code spacingV} in {@code unit}.
     */
    public static Statistics statistics(Roi roi, PlaneValues values, int width, int height, Rescale rescale,
            double spacingH, double spacingV, String unit) {
        long n = 0;
        double mean = 0;
        double m2 = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int[] p : pixels(roi, width, height)) {
            double v = rescale.apply(values.get(p[1] * width + p[0]));
            if (!Double.isFinite(v)) {
                continue;
            }
            n++;
            double delta = v - mean;
            mean += delta / n;
            m2 += delta * (v - mean);
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        double std = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0;
        String areaUnit = "pixel".equals(unit) || unit.isEmpty() ? "pixel^2" : unit + "^2";
        return new Statistics(n, n == 0 ? Double.NaN : mean, std, n == 0 ? Double.NaN : min,
                n == 0 ? Double.NaN : max, n * spacingH * spacingV, areaUnit);
    }

    /**
     * The profile along a line from the centre-based points (x0, y0) to (x1, y1): {@code floor(length) + 1}
     * samples one pixel apart, each the nearest pixel's rescaled value (NaN outside the plane).
     */
    public static Profile profile(Roi.Line line, PlaneValues values, int width, int height, Rescale rescale,
            double spacingH, double spacingV, String unit) {
        double dx = line.x1() - line.x0();
        double dy = line.y1() - line.y0();
        double length = Math.hypot(dx, dy);
        int samples = (int) Math.floor(length) + 1;
        double[] distance = new double[samples];
        double[] out = new double[samples];
        for (int k = 0; k < samples; k++) {
            double f = length == 0 ? 0 : k / length;
            double x = line.x0() + f * dx;
            double y = line.y0() + f * dy;
            int px = (int) Math.floor(x);
            int py = (int) Math.floor(y);
            out[k] = px < 0 || py < 0 || px >= width || py >= height ? Double.NaN
                    : rescale.apply(values.get(py * width + px));
            distance[k] = Math.hypot(f * dx * spacingH, f * dy * spacingV);
        }
        return new Profile(distance, out, unit);
    }
}
