package org.qbi.ops.block;

/**
 * How values outside the image are made up for filters that look past the border. Names and behaviour are
 * scipy.ndimage's {@code mode}s, so results match it.
 *
 * @since 0.1
 */
public enum Boundary {
    /** d c b a | a b c d | d c b a: scipy's default for filters (the edge value repeated once). */
    REFLECT,
    /** d c b | a b c d | c b a: reflection about the edge pixel's centre. */
    MIRROR,
    /** a a a | a b c d | d d d. */
    NEAREST,
    /** a b c d | a b c d | a b c d: periodic. */
    WRAP,
    /** k k k | a b c d | k k k with a constant k (default 0). */
    CONSTANT;

    /**
     * The index inside 0..n-1 that stands for {@code i}, or -1 for {@link #CONSTANT} outside the image.
     */
    public long map(long i, long n) {
        if (i >= 0 && i < n) {
            return i;
        }
        if (n == 1) {
            return this == CONSTANT ? -1 : 0;
        }
        return switch (this) {
            case NEAREST -> i < 0 ? 0 : n - 1;
            case WRAP -> Math.floorMod(i, n);
            case REFLECT -> {
                long m = Math.floorMod(i, 2 * n);
                yield m < n ? m : 2 * n - 1 - m;
            }
            case MIRROR -> {
                long m = Math.floorMod(i, 2 * n - 2);
                yield m < n ? m : 2 * n - 2 - m;
            }
            case CONSTANT -> -1;
        };
    }
}
