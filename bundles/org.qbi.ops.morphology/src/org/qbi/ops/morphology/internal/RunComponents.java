package org.qbi.ops.morphology.internal;

import java.util.Arrays;

/**
 * Connected components of the voxels set in a 0/1 volume, as runs along x joined by union-find: each run is one
 * node, runs in neighbouring rows that touch (per the connectivity) are joined. Memory is a few ints per run, not
 * per voxel. Gives each component's size and whether it touches the volume's border.
 * <p>
 * Connectivity c (1..rank): two voxels are neighbours when they differ by at most 1 along each axis and along at
 * most c axes (1 = faces: 4 in 2D, 6 in 3D; 2 = 8 in 2D, 18 in 3D; 3 = 26 in 3D), as scipy.ndimage's
 * generate_binary_structure(rank, c).
 */
public final class RunComponents {

    private final int nx;
    private final int ny;
    private final int nz;
    private int[] start = new int[1024];
    private int[] end = new int[1024];
    private final int[] rowFirst;
    private int runs;
    private int[] parent;

    private RunComponents(int nx, int ny, int nz) {
        this.nx = nx;
        this.ny = ny;
        this.nz = nz;
        this.rowFirst = new int[ny * nz + 1];
    }

    /**
     * The components of the voxels where {@code volume[i] == value} (x fastest).
     *
     * @param connectivity 1..3, clipped to the volume's rank (2 for nz == 1)
     */
    public static RunComponents of(byte[] volume, int nx, int ny, int nz, byte value, int connectivity) {
        RunComponents c = new RunComponents(nx, ny, nz);
        c.findRuns(volume, value);
        c.join(Math.min(connectivity, nz > 1 ? 3 : 2));
        return c;
    }

    private void findRuns(byte[] volume, byte value) {
        for (int row = 0; row < ny * nz; row++) {
            rowFirst[row] = runs;
            int base = row * nx;
            int x = 0;
            while (x < nx) {
                while (x < nx && volume[base + x] != value) {
                    x++;
                }
                if (x == nx) {
                    break;
                }
                int s = x;
                while (x < nx && volume[base + x] == value) {
                    x++;
                }
                if (runs == start.length) {
                    start = Arrays.copyOf(start, runs * 2);
                    end = Arrays.copyOf(end, runs * 2);
                }
                start[runs] = s;
                end[runs] = x;
                runs++;
            }
        }
        rowFirst[ny * nz] = runs;
        parent = new int[runs];
        for (int i = 0; i < runs; i++) {
            parent[i] = i;
        }
    }

    private void join(int connectivity) {
        // earlier rows that can touch row (y, z): offsets (dy, dz) with k = |dy| + |dz| <= connectivity; runs
        // overlap along x, or also touch diagonally (widen 1) when k + 1 <= connectivity
        int[][] previous = { { -1, 0 }, { 0, -1 }, { -1, -1 }, { 1, -1 } };
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = y + ny * z;
                for (int[] d : previous) {
                    int k = Math.abs(d[0]) + Math.abs(d[1]);
                    int yy = y + d[0];
                    int zz = z + d[1];
                    if (k > connectivity || yy < 0 || yy >= ny || zz < 0) {
                        continue;
                    }
                    joinRows(row, yy + ny * zz, k + 1 <= connectivity ? 1 : 0);
                }
            }
        }
    }

    private void joinRows(int row, int other, int widen) {
        int i = rowFirst[row];
        int iEnd = rowFirst[row + 1];
        int j = rowFirst[other];
        int jEnd = rowFirst[other + 1];
        while (i < iEnd && j < jEnd) {
            if (start[i] < end[j] + widen && start[j] < end[i] + widen) {
                union(i, j);
            }
            // advance the run that ends first
            if (end[i] < end[j]) {
                i++;
            } else {
                j++;
            }
        }
    }

    private int find(int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }

    private void union(int a, int b) {
        int ra = find(a);
        int rb = find(b);
        if (ra < rb) {
            parent[rb] = ra;
        } else if (rb < ra) {
            parent[ra] = rb;
        }
    }

    /** Sets {@code target[i] = value} for every voxel of the components {@code keep} accepts. */
    public void paint(byte[] target, byte value, ComponentFilter keep) {
        int count = runs;
        long[] size = new long[count];
        boolean[] border = new boolean[count];
        for (int row = 0; row < ny * nz; row++) {
            int y = row % ny;
            int z = row / ny;
            boolean edgeRow = y == 0 || y == ny - 1 || (nz > 1 && (z == 0 || z == nz - 1));
            for (int r = rowFirst[row]; r < rowFirst[row + 1]; r++) {
                int root = find(r);
                size[root] += end[r] - start[r];
                border[root] |= edgeRow || start[r] == 0 || end[r] == nx;
            }
        }
        for (int row = 0; row < ny * nz; row++) {
            for (int r = rowFirst[row]; r < rowFirst[row + 1]; r++) {
                int root = find(r);
                if (keep.accept(size[root], border[root])) {
                    Arrays.fill(target, row * nx + start[r], row * nx + end[r], value);
                }
            }
        }
    }

    /** Which components to paint. */
    @FunctionalInterface
    public interface ComponentFilter {
        boolean accept(long voxels, boolean touchesBorder);
    }
}
