package org.qbi.ops.segment.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.qbi.core.image.PixelType;
import org.qbi.ops.segment.Connectivity;

/**
 * Run-based connected-component labeling of one band of planes: the foreground of every row is cut into runs
 * (maximal intervals of non-zero voxels along x), runs that touch are joined with a union-find whose roots are
 * always the run met first in raster order, and the band's objects get local labels 1..n in raster order of their
 * first voxel. The work is proportional to the number of runs, not of voxels, apart from one scan of the mask.
 * <p>
 * Runs touch when they overlap along x (6/4-connectivity) or overlap after widening by one voxel (when the
 * connectivity includes the diagonal offset between their rows).
 *
 * @since 0.1
 */
public final class BandLabeling {

    private final Volume volume;
    private final int p0;
    private final int p1;
    private int[] start = new int[1024];
    private int[] end = new int[1024];
    private int runs;
    /** First run of each row of the band, and the total at the end. */
    private final int[] rowFirst;
    private int[] label;
    private long[] first;

    private BandLabeling(Volume volume, int p0, int p1) {
        this.volume = volume;
        this.p0 = p0;
        this.p1 = p1;
        this.rowFirst = new int[Math.multiplyExact(p1 - p0, volume.rowsPerPlane()) + 1];
    }

    /**
     * Labels planes {@code p0} .. {@code p1 - 1}.
     *
     * @param values the stored values of those planes (sample 0 = first voxel of plane p0)
     */
    public static BandLabeling label(Volume volume, int p0, int p1, PixelType type, MemorySegment values,
            Connectivity connectivity) {
        BandLabeling band = new BandLabeling(volume, p0, p1);
        band.findRuns(type, values);
        band.join(connectivity);
        return band;
    }

    /** Local label count. */
    public int labels() {
        return first.length - 1;
    }

    /** Per local label 1..n, the raster index of its first voxel in the whole volume (index 0 unused). */
    public long[] firstIndex() {
        return first;
    }

    /** The local labels of the voxels of plane {@code p} of this band (p0 <= p < p1), x fastest. */
    public int[] plane(int p) {
        int rpp = volume.rowsPerPlane();
        int nx = volume.nx();
        int[] plane = new int[nx * rpp];
        for (int y = 0; y < rpp; y++) {
            int row = (p - p0) * rpp + y;
            for (int r = rowFirst[row]; r < rowFirst[row + 1]; r++) {
                Arrays.fill(plane, y * nx + start[r], y * nx + end[r], label[r]);
            }
        }
        return plane;
    }

    /**
     * Writes every run's final label ({@code lookup[local label]}) into a label32 volume whose sample 0 is the
     * volume's first voxel. Background between the runs of a row is written as 0, so the target must be a new
     * (zero-filled) output.
     */
    public void write(int[] lookup, MemorySegment target, long volumeOffset) {
        int rpp = volume.rowsPerPlane();
        long nx = volume.nx();
        // each row's labels are filled into an array and copied at once (from its first run to its last): a bulk
        // copy instead of a segment write per voxel; the background between runs is written as the 0 it is
        int[] values = new int[volume.nx()];
        for (int row = 0; row < rowFirst.length - 1; row++) {
            int r0 = rowFirst[row];
            int r1 = rowFirst[row + 1];
            if (r0 == r1) {
                continue;
            }
            long rowIndex = ((long) p0 * rpp + row) * nx;
            int from = start[r0];
            int to = end[r1 - 1];
            int previousEnd = from;
            for (int r = r0; r < r1; r++) {
                Arrays.fill(values, previousEnd, start[r], 0);
                Arrays.fill(values, start[r], end[r], lookup[label[r]]);
                previousEnd = end[r];
            }
            MemorySegment.copy(values, from, target, Volume.INT, (volumeOffset + rowIndex + from) * 4, to - from);
        }
    }

    private void addRun(int s, int e) {
        if (runs == start.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8, start.length * 2L);
            if (grown == runs) {
                throw new IllegalArgumentException("More than 2^31 runs in one band");
            }
            start = Arrays.copyOf(start, grown);
            end = Arrays.copyOf(end, grown);
        }
        start[runs] = s;
        end[runs] = e;
        runs++;
    }

    /**
     * Cuts every row into runs. Each row is copied into a primitive array first and scanned there: per-voxel reads
     * of a segment are slow until the JIT's last tier has compiled them, which a batch of small images never waits
     * for; array loops are fast from the first call.
     */
    private void findRuns(PixelType type, MemorySegment values) {
        int nx = volume.nx();
        int rows = rowFirst.length - 1;
        int bytes = type.bytesPerSample();
        if (bytes != 1 && bytes != 2 && bytes != 4) {
            throw new IllegalArgumentException("A mask is an integer image, got " + type.label());
        }
        byte[] row8 = bytes == 1 ? new byte[nx] : null;
        short[] row16 = bytes == 2 ? new short[nx] : null;
        int[] row32 = bytes == 4 ? new int[nx] : null;
        for (int row = 0; row < rows; row++) {
            rowFirst[row] = runs;
            long from = (long) row * nx;
            switch (bytes) {
                case 1 -> {
                    MemorySegment.copy(values, ValueLayout.JAVA_BYTE, from, row8, 0, nx);
                    bytesRow(row8, nx);
                }
                case 2 -> {
                    MemorySegment.copy(values, Volume.SHORT, from * 2, row16, 0, nx);
                    int x = 0;
                    while (x < nx) {
                        while (x < nx && row16[x] == 0) {
                            x++;
                        }
                        if (x == nx) {
                            break;
                        }
                        int s = x;
                        while (x < nx && row16[x] != 0) {
                            x++;
                        }
                        addRun(s, x);
                    }
                }
                default -> {
                    MemorySegment.copy(values, Volume.INT, from * 4, row32, 0, nx);
                    int x = 0;
                    while (x < nx) {
                        while (x < nx && row32[x] == 0) {
                            x++;
                        }
                        if (x == nx) {
                            break;
                        }
                        int s = x;
                        while (x < nx && row32[x] != 0) {
                            x++;
                        }
                        addRun(s, x);
                    }
                }
            }
        }
        rowFirst[rows] = runs;
    }

    /** Runs of one row of bytes, skipping 8 voxels at a time through all-zero and all-non-zero stretches. */
    private void bytesRow(byte[] row, int nx) {
        int x = 0;
        while (x < nx) {
            while (x + 8 <= nx && (row[x] | row[x + 1] | row[x + 2] | row[x + 3] | row[x + 4] | row[x + 5]
                    | row[x + 6] | row[x + 7]) == 0) {
                x += 8;
            }
            while (x < nx && row[x] == 0) {
                x++;
            }
            if (x == nx) {
                return;
            }
            int s = x;
            while (x + 8 <= nx && row[x] != 0 && row[x + 1] != 0 && row[x + 2] != 0 && row[x + 3] != 0
                    && row[x + 4] != 0 && row[x + 5] != 0 && row[x + 6] != 0 && row[x + 7] != 0) {
                x += 8;
            }
            while (x < nx && row[x] != 0) {
                x++;
            }
            addRun(s, x);
        }
    }

    private void join(Connectivity connectivity) {
        int[] parent = new int[runs];
        for (int i = 0; i < runs; i++) {
            parent[i] = i;
        }
        int rpp = volume.rowsPerPlane();
        int rows = rowFirst.length - 1;
        for (int row = 0; row < rows; row++) {
            int y = row % rpp;
            boolean planeAbove = row >= rpp;
            // (dy, dz) = (-1, 0): the row before in the same plane
            if (y > 0) {
                joinRows(parent, row, row - 1, widen(connectivity, 1));
            }
            if (planeAbove) {
                if (y > 0 && connectivity.maxOffsetSum() >= 2) {
                    joinRows(parent, row, row - rpp - 1, widen(connectivity, 2));
                }
                joinRows(parent, row, row - rpp, widen(connectivity, 1));
                if (y < rpp - 1 && connectivity.maxOffsetSum() >= 2) {
                    joinRows(parent, row, row - rpp + 1, widen(connectivity, 2));
                }
            }
        }
        label = new int[runs];
        long[] firsts = new long[64];
        int n = 0;
        long nx = volume.nx();
        int row = 0;
        for (int r = 0; r < runs; r++) {
            while (rowFirst[row + 1] <= r) {
                row++;
            }
            int root = find(parent, r);
            if (root == r) {
                n++;
                if (n == firsts.length) {
                    firsts = Arrays.copyOf(firsts, firsts.length * 2);
                }
                firsts[n] = ((long) p0 * rpp + row) * nx + start[r];
                label[r] = n;
            } else {
                label[r] = label[root];
            }
        }
        first = Arrays.copyOf(firsts, n + 1);
    }

    /** 1 when runs of rows {@code rowOffsets} apart (|dy| + |dz|) touch diagonally along x too, else 0. */
    private static int widen(Connectivity connectivity, int rowOffsets) {
        return rowOffsets + 1 <= connectivity.maxOffsetSum() ? 1 : 0;
    }

    private void joinRows(int[] parent, int rowA, int rowB, int widen) {
        int i = rowFirst[rowA];
        int iEnd = rowFirst[rowA + 1];
        int j = rowFirst[rowB];
        int jEnd = rowFirst[rowB + 1];
        while (i < iEnd && j < jEnd) {
            if (end[j] + widen <= start[i]) {
                j++;
            } else if (end[i] + widen <= start[j]) {
                i++;
            } else {
                int a = find(parent, i);
                int b = find(parent, j);
                if (a < b) {
                    parent[b] = a;
                } else if (b < a) {
                    parent[a] = b;
                }
                if (end[i] < end[j]) {
                    i++;
                } else {
                    j++;
                }
            }
        }
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            parent[i] = parent[parent[i]];
            i = parent[i];
        }
        return i;
    }
}
