package org.qbi.measure.internal;

import java.io.IOException;
import java.util.Arrays;

import org.qbi.ops.OperatorContext;

/**
 * Local thickness by Hildebrand and Ruegsegger's sphere fitting: the thickness at a voxel is the diameter of the
 * largest sphere that contains it and lies inside the structure. Spheres are centred on voxels with the radius
 * of the Euclidean distance transform there (distance to the nearest background voxel centre, physical); a
 * sphere inside a neighbour's sphere (d(n) &gt;= d(c) + |n - c|) is dropped before painting, which does not change
 * the result. Painting keeps the maximum, parallel over slabs of output planes: deterministic.
 * <p>
 * Discretisation: with sphere centres on voxel centres, a structure n voxels across (along an axis) reads n s for
 * even n and (n + 1) s for odd n.
 */
public final class LocalThickness {

    private LocalThickness() {
    }

    /**
     * @param distance distance transform of the structure (0 outside), x fastest, physical units
     * @param spacing  voxel size x, y, z
     * @return the thickness map (0 outside the structure)
     */
    public static float[] of(float[] distance, int nx, int ny, int nz, double[] spacing, OperatorContext context)
            throws IOException {
        int plane = nx * ny;
        // ridge: centres whose sphere no neighbour's sphere contains
        int[][] ridgeOfPlane = new int[nz][];
        double[] step = new double[27];
        int[] offsets = new int[27];
        int[] dxs = new int[27];
        int[] dys = new int[27];
        int[] dzs = new int[27];
        int k = 0;
        for (int dz = -1; dz <= 1; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    if (dx == 0 && dy == 0 && dz == 0) {
                        continue;
                    }
                    step[k] = Math.sqrt(sq(dx * spacing[0]) + sq(dy * spacing[1]) + sq(dz * spacing[2]));
                    offsets[k] = dx + nx * dy + plane * dz;
                    dxs[k] = dx;
                    dys[k] = dy;
                    dzs[k] = dz;
                    k++;
                }
            }
        }
        int neighbours = k;
        context.forEach(nz, z -> {
            int[] found = new int[64];
            int n = 0;
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    int i = x + nx * y + plane * z;
                    float d = distance[i];
                    if (d <= 0) {
                        continue;
                    }
                    boolean inside = false;
                    for (int j = 0; j < neighbours && !inside; j++) {
                        int xx = x + dxs[j];
                        int yy = y + dys[j];
                        int zz = z + dzs[j];
                        if (xx < 0 || yy < 0 || zz < 0 || xx >= nx || yy >= ny || zz >= nz) {
                            continue;
                        }
                        inside = distance[i + offsets[j]] >= d + step[j];
                    }
                    if (!inside) {
                        if (n == found.length) {
                            found = Arrays.copyOf(found, 2 * n);
                        }
                        found[n++] = i;
                    }
                }
            }
            ridgeOfPlane[z] = Arrays.copyOf(found, n);
        });
        // largest spheres first: a voxel takes the diameter of the first sphere that reaches it, so each voxel is
        // written once and painted runs are skipped through "next unpainted voxel" links (union-find with path
        // halving): a sphere costs its rows, not its voxels
        int ridgeCount = 0;
        for (int[] r : ridgeOfPlane) {
            ridgeCount += r.length;
        }
        long[] order = new long[ridgeCount];
        int m = 0;
        double maxRadius = 0;
        for (int[] r : ridgeOfPlane) {
            for (int c : r) {
                // positive floats sort as their bits
                order[m++] = (long) Float.floatToIntBits(distance[c]) << 32 | c;
                maxRadius = Math.max(maxRadius, distance[c]);
            }
        }
        Arrays.sort(order);
        float[] thickness = new float[distance.length];
        // links per row with a sentinel after each row (which links to itself), so a search never leaves its row
        // and tasks painting different slabs never touch the same links
        int rowLength = nx + 1;
        int[] next = new int[rowLength * ny * nz];
        for (int r = 0; r < ny * nz; r++) {
            for (int x = 0; x < nx; x++) {
                int l = r * rowLength + x;
                next[l] = distance[r * nx + x] > 0 ? l : l + 1;
            }
            next[r * rowLength + nx] = r * rowLength + nx;
        }
        // likewise rows with something left to paint, per plane (sentinel after the last row)
        int[] nextRow = new int[(ny + 1) * nz];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y <= ny; y++) {
                int r = z * (ny + 1) + y;
                nextRow[r] = y < ny && find(next, (y + ny * z) * rowLength) == (y + ny * z) * rowLength + nx ? r + 1 : r;
            }
        }
        int reachZ = (int) Math.ceil(maxRadius / spacing[2]);
        int slabs = Math.min(nz, 64);
        context.forEach(slabs, b -> {
            int z0 = nz * b / slabs;
            int z1 = nz * (b + 1) / slabs;
            for (int q = order.length - 1; q >= 0; q--) {
                int c = (int) order[q];
                int cz = c / plane;
                if (cz + reachZ < z0 || cz - reachZ >= z1) {
                    continue;
                }
                paint(distance[c], thickness, next, nextRow, c, nx, ny, spacing, z0, z1);
            }
        });
        return thickness;
    }

    private static void paint(double r, float[] thickness, int[] next, int[] nextRow, int c, int nx, int ny,
            double[] s, int z0, int z1) {
        int plane = nx * ny;
        int cx = c % nx;
        int cy = (c / nx) % ny;
        int cz = c / plane;
        double r2 = r * r;
        float diameter = (float) (2 * r);
        int rz = (int) Math.floor(r / s[2]);
        int ry = (int) Math.floor(r / s[1]);
        for (int z = Math.max(z0, cz - rz); z <= Math.min(z1 - 1, cz + rz); z++) {
            double dz2 = sq((z - cz) * s[2]);
            int planeRows = z * (ny + 1);
            int lastY = Math.min(ny - 1, cy + ry);
            for (int y = find(nextRow, planeRows + Math.max(0, cy - ry)) - planeRows; y <= lastY;
                    y = find(nextRow, planeRows + y + 1) - planeRows) {
                double dyz2 = dz2 + sq((y - cy) * s[1]);
                if (dyz2 >= r2) {
                    continue;
                }
                // the chord |x - cx| s < sqrt(r^2 - dyz^2), strictly inside
                double half = Math.sqrt(r2 - dyz2) / s[0];
                int h = (int) Math.ceil(half) - 1;
                int row = (y + ny * z) * (nx + 1);
                int from = row + Math.max(0, cx - h);
                int to = row + Math.min(nx - 1, cx + h);
                int voxels = nx * y + plane * z - row;
                int i = find(next, from);
                while (i <= to) {
                    thickness[voxels + i] = diameter;
                    next[i] = i + 1;
                    i = find(next, i + 1);
                }
                if (find(next, row) == row + nx) {
                    nextRow[planeRows + y] = planeRows + y + 1;
                }
            }
        }
    }

    private static int find(int[] next, int i) {
        while (next[i] != i) {
            next[i] = next[next[i]];
            i = next[i];
        }
        return i;
    }

    private static double sq(double v) {
        return v * v;
    }
}
