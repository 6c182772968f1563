package org.qbi.measure.internal;

/**
 * Contributions of one 2x2x2 (3D) or 2x2 (2D) window of a binary image to the surface area and the Euler
 * characteristic, indexed by the window's configuration (bit i set when corner i = x + 2 y + 4 z is inside).
 * Summed over every window of the zero-padded image they give the marching-cubes surface area and the Euler
 * characteristic of the whole object.
 * <p>
 * Euler characteristic: the object is a cell complex (26- or 8-connected: the union of closed voxel cubes; 6- or
 * 4-connected: voxel centres joined by edges, squares and cubes where all their voxels are inside); each window
 * holds one lattice point of that complex and the shares of the cells around it, so the sums below are exact
 * integers (times 8 in 3D, times 4 in 2D).
 */
public final class CubeTables {

    private CubeTables() {
    }

    /** Marching-cubes surface area of each configuration with voxel size {@code spacing} (x, y, z). */
    public static double[] surfaceAreas(double[] spacing) {
        double[] area = new double[256];
        for (int config = 0; config < 256; config++) {
            String t = MarchingCubesCases.TRIANGLES[config];
            double sum = 0;
            for (int k = 0; k + 9 <= t.length(); k += 9) {
                double[] p = new double[9];
                for (int j = 0; j < 9; j++) {
                    p[j] = (t.charAt(k + j) - '0') * 0.5 * spacing[j % 3];
                }
                double ux = p[3] - p[0];
                double uy = p[4] - p[1];
                double uz = p[5] - p[2];
                double vx = p[6] - p[0];
                double vy = p[7] - p[1];
                double vz = p[8] - p[2];
                double cx = uy * vz - uz * vy;
                double cy = uz * vx - ux * vz;
                double cz = ux * vy - uy * vx;
                sum += 0.5 * Math.sqrt(cx * cx + cy * cy + cz * cz);
            }
            area[config] = sum;
        }
        return area;
    }

    private static boolean in(int config, int x, int y, int z) {
        return (config >> (x + 2 * y + 4 * z) & 1) != 0;
    }

    /**
     * 8 x the Euler characteristic contribution of each 3D configuration.
     *
     * @param full true for 26-connected objects (closed cubes), false for 6-connected
     */
    public static int[] euler3d(boolean full) {
        int[] euler = new int[256];
        for (int c = 0; c < 256; c++) {
            int voxels = Integer.bitCount(c);
            if (full) {
                // vertex 8, six half edges -4 each, twelve quarter faces +2 each, eight eighth cubes -1 each
                int halfEdges = 0;
                for (int axis = 0; axis < 3; axis++) {
                    for (int side = 0; side < 2; side++) {
                        boolean any = false;
                        for (int a = 0; a < 2; a++) {
                            for (int b = 0; b < 2; b++) {
                                any |= axis == 0 ? in(c, side, a, b) : axis == 1 ? in(c, a, side, b) : in(c, a, b, side);
                            }
                        }
                        halfEdges += any ? 1 : 0;
                    }
                }
                int quarterFaces = 0;
                for (int normal = 0; normal < 3; normal++) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            boolean any = false;
                            for (int s = 0; s < 2; s++) {
                                any |= normal == 0 ? in(c, s, a, b) : normal == 1 ? in(c, a, s, b) : in(c, a, b, s);
                            }
                            quarterFaces += any ? 1 : 0;
                        }
                    }
                }
                euler[c] = (c != 0 ? 8 : 0) - 4 * halfEdges + 2 * quarterFaces - voxels;
            } else {
                // eighth of each voxel, quarter of each edge (12 pairs), half of each square (6), whole cube
                int pairs = 0;
                int squares = 0;
                for (int axis = 0; axis < 3; axis++) {
                    for (int a = 0; a < 2; a++) {
                        for (int b = 0; b < 2; b++) {
                            boolean both = axis == 0 ? in(c, 0, a, b) && in(c, 1, a, b)
                                    : axis == 1 ? in(c, a, 0, b) && in(c, a, 1, b) : in(c, a, b, 0) && in(c, a, b, 1);
                            pairs += both ? 1 : 0;
                        }
                    }
                    for (int s = 0; s < 2; s++) {
                        boolean all = true;
                        for (int a = 0; a < 2; a++) {
                            for (int b = 0; b < 2; b++) {
                                all &= axis == 0 ? in(c, s, a, b) : axis == 1 ? in(c, a, s, b) : in(c, a, b, s);
                            }
                        }
                        squares += all ? 1 : 0;
                    }
                }
                euler[c] = voxels - 2 * pairs + 4 * squares - (c == 255 ? 8 : 0);
            }
        }
        return euler;
    }

    /**
     * 4 x the Euler characteristic contribution of each 2D configuration (bit i = x + 2 y).
     *
     * @param full true for 8-connected objects (closed squares), false for 4-connected
     */
    public static int[] euler2d(boolean full) {
        int[] euler = new int[16];
        for (int c = 0; c < 16; c++) {
            int pixels = Integer.bitCount(c);
            if (full) {
                int halfEdges = 0;
                for (int side = 0; side < 2; side++) {
                    halfEdges += in(c, side, 0, 0) || in(c, side, 1, 0) ? 1 : 0;
                    halfEdges += in(c, 0, side, 0) || in(c, 1, side, 0) ? 1 : 0;
                }
                euler[c] = (c != 0 ? 4 : 0) - 2 * halfEdges + pixels;
            } else {
                int pairs = 0;
                for (int s = 0; s < 2; s++) {
                    pairs += in(c, 0, s, 0) && in(c, 1, s, 0) ? 1 : 0;
                    pairs += in(c, s, 0, 0) && in(c, s, 1, 0) ? 1 : 0;
                }
                euler[c] = pixels - 2 * pairs + (c == 15 ? 4 : 0);
            }
        }
        return euler;
    }
}
