package org.qbi.ops.geometry;

/**
 * The plane of a rotation. Its two axes p and q are named as numpy and scipy see a (z, y, x) array: the rotation
 * goes from p towards q, numpy.rot90(array, k, axes=(p, q)) and scipy.ndimage.rotate(array, angle, axes=(p, q)).
 *
 * @since 0.1
 */
public enum Plane {
    /** The image plane: p = y, q = x; numpy axes (1, 2) of a volume, (0, 1) of a 2D image. */
    XY(1, 0),
    /** p = z, q = x; numpy axes (0, 2). */
    XZ(2, 0),
    /** p = z, q = y; numpy axes (0, 1). */
    YZ(2, 1);

    private final int p;
    private final int q;

    Plane(int p, int q) {
        this.p = p;
        this.q = q;
    }

    /** The first axis (0 = x, 1 = y, 2 = z): numpy's axes[0]. */
    public int p() {
        return p;
    }

    /** The second axis: numpy's axes[1]. */
    public int q() {
        return q;
    }

    /** The axis normal to the plane. */
    public int normal() {
        return 3 - p - q;
    }
}
