package org.qbi.ops.segment.internal;

import java.util.Arrays;

/**
 * Local maxima at least a given distance apart: skimage.feature.peak_local_max(image, min_distance,
 * exclude_border=False) with the default threshold (above the image's minimum). A voxel is a candidate when it
 * equals the maximum of the (2 d + 1)-wide box around it (zeros past the border) and exceeds the minimum;
 * candidates are taken from the highest down (equal values in raster order) and each is kept unless a kept one
 * lies closer than d along every axis (Chebyshev distance < d).
 */
public final class Peaks {

    private Peaks() {
    }

    /** 1 at the peaks of {@code image}. */
    public static byte[] find(float[] image, Volume volume, int minDistance) {
        int nx = volume.nx();
        int ny = volume.ny();
        int nz = volume.nz();
        int n = image.length;
        float[] max = image.clone();
        float[] line = new float[Math.max(nx, Math.max(ny, nz))];
        boxMax(max, nx, nx, ny * nz, line, minDistance);
        for (int z = 0; z < nz; z++) {
            boxMaxStrided(max, z * nx * ny, ny, nx, nx, line, minDistance);
        }
        if (nz > 1) {
            boxMaxStrided(max, 0, nz, nx * ny, nx * ny, line, minDistance);
        }
        float min = Float.POSITIVE_INFINITY;
        for (float v : image) {
            min = Math.min(min, v);
        }
        boolean trivial = true;
        int count = 0;
        for (int i = 0; i < n; i++) {
            trivial &= image[i] == max[i];
            if (image[i] == max[i] && image[i] > min) {
                count++;
            }
        }
        byte[] peaks = new byte[n];
        if (trivial || count == 0) {
            return peaks;
        }
        long[] keys = new long[count];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (image[i] == max[i] && image[i] > min) {
                // highest first, ties in raster order: sort ascending on (-value bits, index)
                keys[k++] = ((long) ~orderedBits(image[i]) << 32) | i;
            }
        }
        Arrays.sort(keys);
        // greedy spacing, with kept peaks found through a grid of d-wide cells
        int d = Math.max(1, minDistance);
        int gx = (nx + d - 1) / d;
        int gy = (ny + d - 1) / d;
        int gz = (nz + d - 1) / d;
        int[][] cells = new int[gx * gy * gz][];
        for (long key : keys) {
            int i = (int) key;
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            if (minDistance > 1 && near(cells, x, y, z, d, gx, gy, gz, nx, ny)) {
                continue;
            }
            peaks[i] = 1;
            int cell = x / d + gx * (y / d + gy * (z / d));
            int[] list = cells[cell];
            if (list == null) {
                cells[cell] = new int[] { 1, i };
            } else {
                if (list[0] + 1 == list.length) {
                    list = Arrays.copyOf(list, list.length * 2);
                    cells[cell] = list;
                }
                list[++list[0]] = i;
            }
        }
        return peaks;
    }

    private static boolean near(int[][] cells, int x, int y, int z, int d, int gx, int gy, int gz, int nx, int ny) {
        int cx = x / d;
        int cy = y / d;
        int cz = z / d;
        for (int zz = Math.max(0, cz - 1); zz <= Math.min(gz - 1, cz + 1); zz++) {
            for (int yy = Math.max(0, cy - 1); yy <= Math.min(gy - 1, cy + 1); yy++) {
                for (int xx = Math.max(0, cx - 1); xx <= Math.min(gx - 1, cx + 1); xx++) {
                    int[] list = cells[xx + gx * (yy + gy * zz)];
                    if (list == null) {
                        continue;
                    }
                    for (int k = 1; k <= list[0]; k++) {
                        int j = list[k];
                        int px = j % nx;
                        int py = (j / nx) % ny;
                        int pz = j / (nx * ny);
                        if (Math.abs(px - x) < d && Math.abs(py - y) < d && Math.abs(pz - z) < d) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** An int whose signed order is the float's order (finite values and infinities). */
    private static int orderedBits(float v) {
        int bits = Float.floatToIntBits(v);
        return bits >= 0 ? bits : bits ^ Integer.MAX_VALUE;
    }

    /** Running maximum over 2r+1 along x of rows of length n, in place (zeros past the ends). */
    private static void boxMax(float[] data, int n, int rowLength, int rows, float[] line, int r) {
        for (int row = 0; row < rows; row++) {
            int base = row * rowLength;
            System.arraycopy(data, base, line, 0, n);
            for (int i = 0; i < n; i++) {
                float m = i - r < 0 || i + r >= n ? 0f : Float.NEGATIVE_INFINITY;
                for (int j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++) {
                    m = Math.max(m, line[j]);
                }
                data[base + i] = m;
            }
        }
    }

    /** Running maximum along lines of {@code n} values {@code stride} apart, for {@code width} lines from base. */
    private static void boxMaxStrided(float[] data, int base, int n, int stride, int width, float[] line, int r) {
        for (int k = 0; k < width; k++) {
            for (int i = 0; i < n; i++) {
                line[i] = data[base + k + i * stride];
            }
            for (int i = 0; i < n; i++) {
                float m = i - r < 0 || i + r >= n ? 0f : Float.NEGATIVE_INFINITY;
                for (int j = Math.max(0, i - r); j <= Math.min(n - 1, i + r); j++) {
                    m = Math.max(m, line[j]);
                }
                data[base + k + i * stride] = m;
            }
        }
    }
}
