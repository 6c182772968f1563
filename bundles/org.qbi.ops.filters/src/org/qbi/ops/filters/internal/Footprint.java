package org.qbi.ops.filters.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * The neighbourhood of a filter: a box of (2r+1) voxels along each axis or the ellipsoid (ball) inside it, as a
 * list of offsets. Radii are per axis (anisotropic spacing gives different voxel radii); an axis of radius 0 is
 * not looked along (the z axis of a 2D image).
 */
public final class Footprint {

    /** Largest radius in voxels along an axis: beyond it a block's halo alone would be too large. */
    public static final int MAX_RADIUS = 256;

    private static final double EPS = 1e-9;

    private final int[] radius;
    private final boolean box;
    private final int[] dx;
    private final int[] dy;
    private final int[] dz;

    private Footprint(int[] radius, boolean box, List<int[]> offsets) {
        this.radius = radius;
        this.box = box;
        dx = offsets.stream().mapToInt(o -> o[0]).toArray();
        dy = offsets.stream().mapToInt(o -> o[1]).toArray();
        dz = offsets.stream().mapToInt(o -> o[2]).toArray();
    }

    /**
     * @param voxels radius along x, y, z in voxels (fractions floored for the extent; the ball uses the exact value)
     * @param ball   the ellipsoid (dx/rx)^2 + (dy/ry)^2 + (dz/rz)^2 <= 1 instead of the whole box
     */
    public static Footprint of(double[] voxels, boolean ball) {
        int[] r = new int[3];
        for (int a = 0; a < 3; a++) {
            double v = voxels[a];
            if (!(v >= 0) || v > MAX_RADIUS + 1) {
                throw new IllegalArgumentException("A radius of " + v + " voxels along " + "xyz".charAt(a)
                        + " is outside 0.." + MAX_RADIUS);
            }
            r[a] = (int) Math.floor(v + EPS);
        }
        List<int[]> offsets = new ArrayList<>();
        for (int z = -r[2]; z <= r[2]; z++) {
            for (int y = -r[1]; y <= r[1]; y++) {
                for (int x = -r[0]; x <= r[0]; x++) {
                    if (!ball || term(x, voxels[0]) + term(y, voxels[1]) + term(z, voxels[2]) <= 1 + EPS) {
                        offsets.add(new int[] { x, y, z });
                    }
                }
            }
        }
        boolean isBox = offsets.size() == (2 * r[0] + 1) * (2 * r[1] + 1) * (2 * r[2] + 1);
        return new Footprint(r, isBox, offsets);
    }

    private static double term(int d, double r) {
        return d == 0 ? 0 : (d / r) * (d / r);
    }

    /** The extent along x, y, z: the block halo a filter over this footprint needs. */
    public int[] radius() {
        return radius.clone();
    }

    /** True when every voxel of the box is in (box shape, or a ball so small that it fills its box). */
    public boolean isBox() {
        return box;
    }

    public int size() {
        return dx.length;
    }

    /**
     * Linear offsets of the footprint's voxels in a block {@code nx} x {@code ny} wide (x fastest).
     */
    public int[] offsets(int nx, int ny) {
        int[] o = new int[dx.length];
        for (int i = 0; i < o.length; i++) {
            o[i] = dx[i] + nx * (dy[i] + ny * dz[i]);
        }
        return o;
    }
}
