package org.qbi.ui.viewer.testformat;

import org.qbi.core.image.Rescale;

/** The formulas behind the test format's pixels, for the reader and for the tests' expectations. */
public final class TestVolumes {

    private TestVolumes() {
    }

    /**
     * The ramp pattern: {@code 1000 + 10 * ((x + 7z + 13c + 17t) mod width) + 3y}. Every plane has the same
     * values, shifted along x, so an auto-contrast window is the same on every plane while the pictures differ.
     */
    public static int ramp(long x, long y, long z, long c, long t, int width) {
        return (int) (1000 + 10 * ((x + 7 * z + 13 * c + 17 * t) % width) + 3 * y);
    }

    /** The rgb pattern: red along x, green along y, blue by plane. */
    public static int[] rgb(long x, long y, long z, long c, long t) {
        return new int[] { (int) ((4 * x + 20 * z) & 255), (int) ((5 * y) & 255), (int) ((40 * z + 60 * c + 90 * t) & 255) };
    }

    /**
     * A CT-like head phantom (after Shepp and Logan) in stored values: HU of air, skull, brain, ventricles and
     * a few small lesions, shrinking towards the first and last slices, with a little deterministic noise.
     */
    public static double phantomStored(long x, long y, long z, long[] size, double[] spacing, Rescale rescale) {
        double width = size[0] * spacing[0];
        double height = size[1] * spacing[1];
        double half = Math.max(width, height) / 2;
        double px = ((x + 0.5) * spacing[0] - width / 2) / half;
        double py = ((y + 0.5) * spacing[1] - height / 2) / half;
        double zc = size[2] > 1 ? (z - (size[2] - 1) / 2.0) / ((size[2] - 1) / 2.0) : 0;
        double shrink = Math.sqrt(Math.max(0.05, 1 - 0.6 * zc * zc));
        px /= shrink;
        py /= shrink;
        double hu = -1000;
        if (inside(px, py, 0, 0, 0.72, 0.95, 0)) {
            hu = 1200;
        }
        if (inside(px, py, 0, -0.02, 0.66, 0.88, 0)) {
            hu = 35;
        }
        if (inside(px, py, 0.2, 0, 0.1, 0.3, -18)) {
            hu = 5;
        }
        if (inside(px, py, -0.2, 0, 0.15, 0.4, 18)) {
            hu = 5;
        }
        if (inside(px, py, 0, 0.35, 0.2, 0.24, 0)) {
            hu = 55;
        }
        if (inside(px, py, -0.08, -0.6, 0.05, 0.03, 0) || inside(px, py, 0.06, -0.6, 0.03, 0.05, 0)) {
            hu = 90;
        }
        if (inside(px, py, 0, -0.1, 0.045, 0.045, 0) || inside(px, py, 0, 0.1, 0.045, 0.045, 0)) {
            hu = 70;
        }
        long h = (x * 73856093L) ^ (y * 19349663L) ^ (z * 83492791L);
        double noise = hu > -900 ? ((h & 1023) / 1023.0 - 0.5) * 16 : 0;
        return Math.rint((hu + noise - rescale.intercept()) / rescale.slope());
    }

    private static boolean inside(double x, double y, double cx, double cy, double a, double b, double degrees) {
        double r = Math.toRadians(degrees);
        double dx = x - cx;
        double dy = y - cy;
        double u = dx * Math.cos(r) + dy * Math.sin(r);
        double v = -dx * Math.sin(r) + dy * Math.cos(r);
        return (u * u) / (a * a) + (v * v) / (b * b) <= 1;
    }
}
