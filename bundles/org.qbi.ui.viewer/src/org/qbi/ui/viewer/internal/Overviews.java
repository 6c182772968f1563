package org.qbi.ui.viewer.internal;

/**
 * When the Image editor builds a pyramid and shows overviews first: images of more than {@link #imageBytes()}
 * get a pyramid of at most {@link #budgetBytes()} (off-heap), and planes whose chunks cost more than
 * {@link #planeCost()} bytes to read are shown from it first. Set with the system properties
 * {@code qbi.viewer.pyramid.above}, {@code qbi.viewer.pyramid.budget} and {@code qbi.viewer.overview.above}
 * (bytes); tests set them small.
 */
final class Overviews {

    private static volatile long imageBytes = Long.getLong("qbi.viewer.pyramid.above", 1L << 30);
    private static volatile long budgetBytes = Long.getLong("qbi.viewer.pyramid.budget", 64L << 20);
    private static volatile long planeCost = Long.getLong("qbi.viewer.overview.above", 64L << 20);
    /** False only to look at overviews alone ({@code -Dqbi.viewer.overview.only=true}; tests, comparisons). */
    private static volatile boolean refine = !Boolean.getBoolean("qbi.viewer.overview.only");

    private Overviews() {
    }

    static long imageBytes() {
        return imageBytes;
    }

    static long budgetBytes() {
        return budgetBytes;
    }

    static long planeCost() {
        return planeCost;
    }

    /** True: an overview is followed by the full-resolution plane. */
    static boolean refine() {
        return refine;
    }

    static void setRefine(boolean on) {
        refine = on;
    }

    /** Sets the three thresholds (bytes); returns the previous ones, for tests to restore. */
    static long[] set(long image, long budget, long plane) {
        long[] old = { imageBytes, budgetBytes, planeCost };
        imageBytes = image;
        budgetBytes = budget;
        planeCost = plane;
        return old;
    }
}
