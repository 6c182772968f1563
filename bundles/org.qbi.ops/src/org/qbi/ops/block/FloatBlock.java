package org.qbi.ops.block;

/**
 * A 3D block of float values, x fastest: what block-wise operators compute on. When read with a halo, the block
 * covers its region grown by {@code halo} on every side, and {@link #value(int, int, int)} addresses it with
 * coordinates relative to the region's first pixel (so -halo .. size+halo-1).
 *
 * @since 0.1
 */
public final class FloatBlock {

    private final float[] data;
    private final int nx;
    private final int ny;
    private final int nz;
    private final int[] halo;

    /**
     * @param nx, ny, nz the block's size including its halo
     * @param halo       the halo along x, y, z
     */
    public FloatBlock(float[] data, int nx, int ny, int nz, int[] halo) {
        if ((long) nx * ny * nz != data.length) {
            throw new IllegalArgumentException("A " + nx + " x " + ny + " x " + nz + " block needs " + (long) nx * ny * nz
                    + " values, got " + data.length);
        }
        this.data = data;
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.halo = halo.clone();
    }

    /** A block of zeros without halo. */
    public static FloatBlock zeros(int nx, int ny, int nz) {
        return new FloatBlock(new float[Math.multiplyExact(Math.multiplyExact(nx, ny), nz)], nx, ny, nz, new int[3]);
    }

    /** The values, x fastest, halo included; writable. */
    public float[] data() {
        return data;
    }

    /** Size along x including the halo. */
    public int nx() {
        return nx;
    }

    public int ny() {
        return ny;
    }

    public int nz() {
        return nz;
    }

    /** The halo along x, y, z. */
    public int[] halo() {
        return halo.clone();
    }

    public int halo(int axis) {
        return halo[axis];
    }

    /** Linear index of (x, y, z) relative to the region's first pixel (halo not counted). */
    public int index(int x, int y, int z) {
        return (x + halo[0]) + nx * ((y + halo[1]) + ny * (z + halo[2]));
    }

    public float value(int x, int y, int z) {
        return data[index(x, y, z)];
    }
}
