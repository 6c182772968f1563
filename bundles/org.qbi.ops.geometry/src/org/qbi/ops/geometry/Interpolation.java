package org.qbi.ops.geometry;

/**
 * Interpolation between voxel centres: B-splines of order 0, 1 and 3, as scipy.ndimage's {@code order}.
 *
 * @since 0.1
 */
public enum Interpolation {
    /** Order 0: the nearest voxel's value (keeps labels and masks intact). */
    NEAREST(0),
    /** Order 1: linear (bilinear, trilinear) interpolation. */
    LINEAR(1),
    /** Order 3: cubic B-spline, after scipy's spline prefilter (interpolates the values exactly at voxels). */
    CUBIC(3);

    private final int order;

    Interpolation(int order) {
        this.order = order;
    }

    /** The spline order (scipy's {@code order}). */
    public int order() {
        return order;
    }
}
