package org.qbi.ops.geometry.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.ops.block.Samples;

/**
 * One channel at one time point of an image as a float array, x fastest: what resampling and rotation work on
 * (their passes need whole lines along every axis). Limited to 2^31 - 1 voxels per volume, checked before
 * allocating.
 *
 * @param data values, x fastest
 * @param nx   size along x
 * @param ny   size along y
 * @param nz   size along z
 */
public record FloatVolume(float[] data, int nx, int ny, int nz) {

    /** A volume of zeros, refusing sizes a Java array cannot hold. */
    public static FloatVolume allocate(long nx, long ny, long nz, String what) {
        long n = nx * ny * nz;
        if (nx < 1 || ny < 1 || nz < 1 || n > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(what + ": a volume of " + nx + " x " + ny + " x " + nz + " voxels is more "
                    + "than the 2^31 voxels per channel this operator handles; crop the image or process it in parts");
        }
        return new FloatVolume(new float[(int) n], (int) nx, (int) ny, (int) nz);
    }

    /** Channel {@code c}, time point {@code t} of {@code image} (single-sample pixel types). */
    public static FloatVolume read(Image image, long c, long t, String what) throws IOException {
        ImageHeader header = image.header();
        long[] dims = header.dimensions();
        PixelType type = header.pixelType();
        FloatVolume volume = allocate(dims[0], dims[1], dims[2], what);
        for (int z = 0; z < volume.nz; z++) {
            try (Arena arena = Arena.ofConfined()) {
                MemorySegment plane = image.readRegion(new long[] { 0, 0, z, c, t },
                        new long[] { dims[0], dims[1], 1, 1, 1 }, arena);
                Samples.toFloats(type, plane, 0, volume.data, z * volume.nx * volume.ny, volume.nx * volume.ny);
            }
        }
        return volume;
    }

    /** Writes this volume as channel {@code c}, time point {@code t} of {@code target}, converting to its type. */
    public void write(ArrayImage target, long c, long t) {
        long[] dims = target.header().dimensions();
        if (dims[0] != nx || dims[1] != ny || dims[2] != nz) {
            throw new IllegalStateException("Volume " + nx + "x" + ny + "x" + nz + " does not fit the output");
        }
        long plane = (long) nx * ny;
        long base = plane * nz * (c + dims[3] * t);
        for (int z = 0; z < nz; z++) {
            Samples.fromFloats(target.header().pixelType(), data, (int) (z * plane), target.values(), base + z * plane,
                    (int) plane);
        }
    }

    /** Voxel count. */
    public int size() {
        return data.length;
    }
}
