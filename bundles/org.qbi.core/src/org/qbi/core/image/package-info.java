/**
 * The n-dimensional calibrated image: five axes (x, y, z, c, t, singleton axes of size 1 where an image has
 * fewer), a {@link org.qbi.core.image.PixelType}, a physical calibration per axis, an optional orientation,
 * a rescale to physical values (e.g. Hounsfield units), and searchable metadata; pixels live in chunks that
 * are decoded on demand and kept in a bounded off-heap cache, so an image is not limited by the Java heap or
 * by 2^31 elements.
 * <p>
 * The concerns stay apart: {@link org.qbi.core.image.ImageHeader} (extent, type, calibration, metadata) says
 * what an image is; {@link org.qbi.core.image.ChunkSource} (implemented by readers) says how its stored values
 * are decoded; {@link org.qbi.core.image.Image} is how algorithms reach them. Stored values are always
 * little-endian with x fastest, then y, z, c, t, whatever the file's own order.
 *
 * @since 0.1
 */
package org.qbi.core.image;
