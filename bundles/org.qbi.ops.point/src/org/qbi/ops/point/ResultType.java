package org.qbi.ops.point;

/**
 * The pixel type arithmetic writes ({@code output} parameter).
 *
 * @since 0.1
 */
public enum ResultType {
    /**
     * float32, or float64 when an input is float64 or a 32-bit integer image (values float32 cannot hold exactly);
     * like numpy, no clipping or rounding.
     */
    FLOAT,
    /**
     * The (first) input's type: integer results rounded to the nearest integer (halves to even) and clipped to the
     * type's range (ImageJ's Process &gt; Math behaviour on 8- and 16-bit images), NaN as 0.
     */
    SAME
}
