package org.qbi.measure.internal;

import java.io.IOException;
import java.lang.foreign.Arena;

import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;

/**
 * Per-label sums over every 2x2x2 (2x2 in 2D) window of a label image padded with background: marching-cubes
 * surface area (3D), Euler characteristic and voxel count, through {@link CubeTables}. In {@code binary} mode every
 * non-zero voxel is label 1 (a mask). Fixed partitions along z merged in order: the same sums whatever the thread
 * count.
 */
public final class WindowSums {

    private static final int PARTITIONS = 8;

    /** Largest label; index of the arrays below. */
    public final int labels;
    /** Surface area per label (3D; 0 in 2D). */
    public final double[] area;
    /** Euler characteristic per label times 8 (3D) or 4 (2D). */
    public final long[] euler;
    /** Voxel count per label times 8 (3D) or 4 (2D). */
    public final long[] count;

    private WindowSums(int labels) {
        this.labels = labels;
        area = new double[labels + 1];
        euler = new long[labels + 1];
        count = new long[labels + 1];
    }

    /** The Euler characteristic of label {@code l}. */
    public long eulerOf(int l, boolean is3d) {
        return euler[l] / (is3d ? 8 : 4);
    }

    /**
     * @param spacing voxel size x, y, z for the surface area
     * @param full    26- (8-) connected objects for the Euler characteristic, else 6- (4-)
     */
    public static WindowSums of(Image image, boolean binary, double[] spacing, boolean full, OperatorContext context)
            throws IOException {
        long[] dims = image.header().dimensions();
        int nx = Math.toIntExact(dims[0]);
        int ny = Math.toIntExact(dims[1]);
        int nz = Math.toIntExact(dims[2]);
        boolean is3d = nz > 1;
        PixelType type = image.header().pixelType();
        int maxLabel = binary ? 1 : maxLabel(image, nx, ny, nz, context);
        double[] areas = is3d ? CubeTables.surfaceAreas(spacing) : new double[256];
        int[] eulers = is3d ? CubeTables.euler3d(full) : CubeTables.euler2d(full);
        // windows along z: -1 .. nz-1 in 3D (planes z and z+1), one (the plane itself, padded) in 2D
        int windowsZ = is3d ? nz + 1 : 1;
        int parts = Math.min(PARTITIONS, windowsZ);
        WindowSums[] partial = new WindowSums[parts];
        int px = nx + 2;
        context.forEach(parts, p -> {
            WindowSums s = new WindowSums(maxLabel);
            int first = windowsZ * p / parts - (is3d ? 1 : 0);
            int last = windowsZ * (p + 1) / parts - (is3d ? 1 : 0);
            int[] lower = new int[px * (ny + 2)];
            int[] upper = new int[px * (ny + 2)];
            int[] row = new int[nx];
            int[] v = new int[8];
            try (Arena arena = Arena.ofConfined()) {
                LabelPlanes planes = new LabelPlanes(image, 0, 0, arena);
                if (is3d) {
                    fill(planes, first, nz, nx, ny, type, binary, row, upper);
                }
                for (int wz = first; wz < last; wz++) {
                    int[] swap = lower;
                    lower = upper;
                    upper = swap;
                    fill(planes, is3d ? wz + 1 : 0, is3d ? nz : 1, nx, ny, type, binary, row, upper);
                    for (int wy = -1; wy < ny; wy++) {
                        int r0 = px * (wy + 1);
                        int r1 = r0 + px;
                        for (int wx = 0; wx < px - 1; wx++) {
                            int a = r0 + wx;
                            int b = r1 + wx;
                            v[0] = upper[a];
                            v[1] = upper[a + 1];
                            v[2] = upper[b];
                            v[3] = upper[b + 1];
                            if (is3d) {
                                v[4] = v[0];
                                v[5] = v[1];
                                v[6] = v[2];
                                v[7] = v[3];
                                v[0] = lower[a];
                                v[1] = lower[a + 1];
                                v[2] = lower[b];
                                v[3] = lower[b + 1];
                            }
                            int n = is3d ? 8 : 4;
                            int any = 0;
                            for (int i = 0; i < n; i++) {
                                any |= v[i];
                            }
                            if (any == 0) {
                                continue;
                            }
                            for (int i = 0; i < n; i++) {
                                int l = v[i];
                                if (l == 0) {
                                    continue;
                                }
                                boolean seen = false;
                                for (int j = 0; j < i; j++) {
                                    seen |= v[j] == l;
                                }
                                if (seen) {
                                    continue;
                                }
                                int config = 0;
                                for (int j = i; j < n; j++) {
                                    config |= v[j] == l ? 1 << j : 0;
                                }
                                s.area[l] += areas[config];
                                s.euler[l] += eulers[config];
                                s.count[l] += Integer.bitCount(config);
                            }
                        }
                    }
                }
            }
            partial[p] = s;
        });
        WindowSums total = partial[0];
        for (int p = 1; p < parts; p++) {
            for (int l = 0; l <= maxLabel; l++) {
                total.area[l] += partial[p].area[l];
                total.euler[l] += partial[p].euler[l];
                total.count[l] += partial[p].count[l];
            }
        }
        return total;
    }

    /** Plane z (0 outside 0..nz-1) into the padded array {@code target}. */
    private static void fill(LabelPlanes planes, int z, int nz, int nx, int ny, PixelType type, boolean binary,
            int[] row, int[] target) throws IOException {
        java.util.Arrays.fill(target, 0);
        if (z < 0 || z >= nz) {
            return;
        }
        var plane = planes.plane(z);
        for (int y = 0; y < ny; y++) {
            LabelRows.read(type, plane, (long) y * nx, row, nx);
            int base = (nx + 2) * (y + 1) + 1;
            for (int x = 0; x < nx; x++) {
                int l = row[x];
                if (l != 0) {
                    if (binary) {
                        l = 1;
                    } else {
                        LabelRows.check(type, l);
                    }
                }
                target[base + x] = l;
            }
        }
    }

    /** The largest label of the image. */
    public static int maxLabel(Image image, int nx, int ny, int nz, OperatorContext context) throws IOException {
        PixelType type = image.header().pixelType();
        int[] max = new int[nz];
        context.forEach(nz, z -> {
            int[] row = new int[nx];
            int m = 0;
            try (Arena arena = Arena.ofConfined()) {
                var plane = new LabelPlanes(image, 0, 0, arena).plane(z);
                for (int y = 0; y < ny; y++) {
                    LabelRows.read(type, plane, (long) y * nx, row, nx);
                    for (int x = 0; x < nx; x++) {
                        if (row[x] != 0) {
                            LabelRows.check(type, row[x]);
                            m = Math.max(m, row[x]);
                        }
                    }
                }
            }
            max[z] = m;
        });
        int m = 0;
        for (int v : max) {
            m = Math.max(m, v);
        }
        return m;
    }

    /** True when the image has more than one plane along z. */
    public static boolean is3d(Image image) {
        return image.header().size(Axis.Z) > 1;
    }
}
