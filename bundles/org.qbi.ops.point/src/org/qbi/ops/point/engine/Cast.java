package org.qbi.ops.point.engine;

/**
 * How a computed value becomes an integer pixel: always clipped to the type's range first, NaN becomes 0.
 *
 * @since 0.1
 */
public enum Cast {
    /** To the nearest integer, halves to even (numpy's {@code np.rint}; ImageJ rounds halves up). */
    ROUND,
    /** Toward zero, as numpy's {@code astype} does (what scikit-image's exposure functions return). */
    TRUNCATE
}
