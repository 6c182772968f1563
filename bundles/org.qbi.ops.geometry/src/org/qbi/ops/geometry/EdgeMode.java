package org.qbi.ops.geometry;

/**
 * How an image is extended past its edges when interpolating (resampling, rotating): scipy.ndimage's modes of
 * {@code map_coordinates}, {@code zoom} and {@code rotate}, with the same names and the same results. For
 * {@code a b c d}:
 * <ul>
 * <li>{@link #CONSTANT}: points outside 0..n-1 (in voxel coordinates) get the constant value; inside, the
 * interpolation uses a mirror extension (scipy's 'constant').</li>
 * <li>{@link #GRID_CONSTANT}: k k k k | a b c d | k k k k, interpolated across the edge (scipy's
 * 'grid-constant').</li>
 * <li>{@link #NEAREST}: a a a a | a b c d | d d d d.</li>
 * <li>{@link #MIRROR}: d c b | a b c d | c b a (about the edge voxel's centre).</li>
 * <li>{@link #REFLECT}: d c b a | a b c d | d c b a (about the edge; scipy's 'reflect' = 'grid-mirror').</li>
 * <li>{@link #GRID_WRAP}: a b c d | a b c d | a b c d (periodic; scipy's 'grid-wrap'; scipy's older 'wrap'
 * is not offered, its period is n - 1).</li>
 * </ul>
 *
 * @since 0.1
 */
public enum EdgeMode {
    CONSTANT, GRID_CONSTANT, NEAREST, MIRROR, REFLECT, GRID_WRAP;
}
