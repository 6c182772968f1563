/**
 * Geometry operators (ids geometry.*): crop, pad, flip, rotations by quarter turns and by any angle, resampling
 * to a new spacing or size, reslicing, extracting channels, time points and slices, and splitting RGB into
 * channels. What belongs here: operators that change the voxel grid. Every one keeps the calibration right: the
 * output's spacing, origin and orientation put each voxel where it was in the world (see
 * {@code internal.GridMap}). Interpolating operators follow scipy.ndimage (B-spline orders 0, 1, 3 and its
 * modes); moving operators copy stored values unchanged for any pixel type.
 *
 * @since 0.1
 */
package org.qbi.ops.geometry;
