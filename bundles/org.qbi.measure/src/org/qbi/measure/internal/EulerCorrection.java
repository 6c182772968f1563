package org.qbi.measure.internal;

/**
 * Odgaard and Gundersen's (1993) contribution of a sample volume to the Euler characteristic of the structure it
 * was cut from: delta chi = chi(X in V) - 1/2 sum over the 6 faces of chi(X on the face) + 1/4 sum over the 12 edges
 * of chi(X on the edge) - 1/8 (solid corners), by inclusion-exclusion over the faces, edges and corners a volume
 * shares with its neighbours in a tiling of space. Objects are 26-connected (closed voxel cubes): a face's
 * characteristic is that of its layer of voxels as an 8-connected 2D image, an edge's is its number of solid runs.
 */
public final class EulerCorrection {

    private EulerCorrection() {
    }

    /** chi(X on faces)/2 - chi(X on edges)/4 + corners/8, to subtract from chi(X in V). */
    public static double boundaryTerm(BinaryVolume v) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        int[] x0 = { 0, nx - 1 };
        int[] y0 = { 0, ny - 1 };
        int[] z0 = { 0, nz - 1 };
        long faces = 0;
        for (int z : z0) {
            faces += euler2d(nx, ny, (a, b) -> v.at(a, b, z));
        }
        for (int y : y0) {
            faces += euler2d(nx, nz, (a, b) -> v.at(a, y, b));
        }
        for (int x : x0) {
            faces += euler2d(ny, nz, (a, b) -> v.at(x, a, b));
        }
        long edges = 0;
        for (int y : y0) {
            for (int z : z0) {
                edges += runs(nx, a -> v.at(a, y, z));
            }
        }
        for (int x : x0) {
            for (int z : z0) {
                edges += runs(ny, a -> v.at(x, a, z));
            }
        }
        for (int x : x0) {
            for (int y : y0) {
                edges += runs(nz, a -> v.at(x, y, a));
            }
        }
        long corners = 0;
        for (int x : x0) {
            for (int y : y0) {
                for (int z : z0) {
                    corners += v.at(x, y, z) ? 1 : 0;
                }
            }
        }
        return faces / 2.0 - edges / 4.0 + corners / 8.0;
    }

    interface Layer {
        boolean at(int a, int b);
    }

    interface Line {
        boolean at(int a);
    }

    /** Euler characteristic of an 8-connected 2D layer (zero padded), through the 2x2 window table. */
    static long euler2d(int na, int nb, Layer layer) {
        int[] table = CubeTables.euler2d(true);
        long sum = 0;
        for (int b = -1; b < nb; b++) {
            for (int a = -1; a < na; a++) {
                int config = 0;
                for (int j = 0; j < 4; j++) {
                    int aa = a + (j & 1);
                    int bb = b + (j >> 1);
                    if (aa >= 0 && bb >= 0 && aa < na && bb < nb && layer.at(aa, bb)) {
                        config |= 1 << j;
                    }
                }
                sum += table[config];
            }
        }
        return sum / 4;
    }

    static long runs(int n, Line line) {
        long runs = 0;
        boolean previous = false;
        for (int a = 0; a < n; a++) {
            boolean current = line.at(a);
            runs += current && !previous ? 1 : 0;
            previous = current;
        }
        return runs;
    }
}
