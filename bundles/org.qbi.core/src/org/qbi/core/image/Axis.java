package org.qbi.core.image;

/**
 * The five axes of every image, in storage order (x fastest). An image with fewer dimensions has size 1 on
 * the others.
 *
 * @since 0.1
 */
public enum Axis {
    X, Y, Z,
    /** Channel: fluorescence channels, RGB planes, spectral bands (whose values may be wavelengths). */
    C,
    /** Time. */
    T;

    /** The axis name as users and JSON see it: "x", "y", "z", "c", "t". */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Number of axes. */
    public static final int COUNT = 5;
}
