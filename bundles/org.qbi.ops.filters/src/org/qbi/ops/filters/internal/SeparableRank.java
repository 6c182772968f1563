package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * Minimum or maximum over a box, separably: along z, then y, then x, one output plane at a time. The min or max
 * of 2r+1 values per axis instead of (2r+1)^3 per voxel. Same element-type alternation as
 * {@link SeparableConvolution} (float in, double accumulator) so C2 vectorises the passes; min and max are exact
 * in any type, so the result is the same as over the whole box.
 */
public final class SeparableRank {

    private SeparableRank() {
    }

    /** {@code out} = min (or max) of {@code in} over the box of the block's halo. */
    public static void apply(FloatBlock in, FloatBlock out, boolean max) {
        int nx = in.nx();
        int ny = in.ny();
        int rx = in.halo(0);
        int ry = in.halo(1);
        int rz = in.halo(2);
        int sx = out.nx();
        int sy = out.ny();
        int plane = nx * ny;
        float[] src = in.data();
        float[] o = out.data();
        double[] p = new double[plane];
        float[] q = new float[nx];
        double[] r = new double[sx];
        for (int z = 0; z < out.nz(); z++) {
            int centre = (z + rz) * plane;
            for (int i = 0; i < plane; i++) {
                p[i] = src[centre + i];
            }
            for (int k = 1; k <= rz; k++) {
                int lo = centre - k * plane;
                int hi = centre + k * plane;
                if (max) {
                    for (int i = 0; i < plane; i++) {
                        p[i] = Math.max(p[i], Math.max(src[lo + i], src[hi + i]));
                    }
                } else {
                    for (int i = 0; i < plane; i++) {
                        p[i] = Math.min(p[i], Math.min(src[lo + i], src[hi + i]));
                    }
                }
            }
            for (int y = 0; y < sy; y++) {
                int c = (y + ry) * nx;
                for (int i = 0; i < nx; i++) {
                    q[i] = (float) p[c + i];
                }
                for (int k = 1; k <= ry; k++) {
                    int lo = c - k * nx;
                    int hi = c + k * nx;
                    if (max) {
                        for (int i = 0; i < nx; i++) {
                            q[i] = Math.max(q[i], (float) Math.max(p[lo + i], p[hi + i]));
                        }
                    } else {
                        for (int i = 0; i < nx; i++) {
                            q[i] = Math.min(q[i], (float) Math.min(p[lo + i], p[hi + i]));
                        }
                    }
                }
                for (int i = 0; i < sx; i++) {
                    r[i] = q[rx + i];
                }
                for (int k = 1; k <= rx; k++) {
                    int lo = rx - k;
                    int hi = rx + k;
                    if (max) {
                        for (int i = 0; i < sx; i++) {
                            r[i] = Math.max(r[i], Math.max(q[lo + i], q[hi + i]));
                        }
                    } else {
                        for (int i = 0; i < sx; i++) {
                            r[i] = Math.min(r[i], Math.min(q[lo + i], q[hi + i]));
                        }
                    }
                }
                int d = sx * (y + sy * z);
                for (int i = 0; i < sx; i++) {
                    o[d + i] = (float) r[i];
                }
            }
        }
    }
}
