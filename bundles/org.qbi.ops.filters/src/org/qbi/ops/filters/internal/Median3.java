package org.qbi.ops.filters.internal;

import org.qbi.ops.block.FloatBlock;

/**
 * The median over a 3 x 3 x 3 box (or 3 x 3 in 2D) by comparator networks applied to whole rows at once, with
 * the partial sorts shared between neighbouring voxels:
 * <ol>
 * <li>sort each column of 3 along z (3 comparators per voxel of the plane, shared by 9 outputs),</li>
 * <li>merge the three sorted columns at y-1, y, y+1 into a sorted 9 (shared by 3 outputs),</li>
 * <li>merge the sorted 9s at x-1, x, x+1 keeping only the comparators rank 13 depends on.</li>
 * </ol>
 * In 2D the same with sorted columns of 3 along y and rank 4. Each comparator is a min/max over two rows, a loop
 * the JIT vectorises (same index in both arrays). Exact: the middle value of the 27 (9). A NaN in the
 * neighbourhood makes the result NaN or a neighbour's value (min/max propagate NaN).
 */
public final class Median3 {

    private static final ComparatorNetwork SORT3 = sort3();
    private static final ComparatorNetwork SORT9 = merge3(3);
    private static final ComparatorNetwork MEDIAN27 = merge3(9).prunedTo(13);
    private static final ComparatorNetwork MEDIAN9 = merge3(3).prunedTo(4);

    private Median3() {
    }

    private static ComparatorNetwork sort3() {
        ComparatorNetwork first = ComparatorNetwork.merge(new int[] { 0 }, new int[] { 1 });
        return first.then(ComparatorNetwork.merge(first.sorted(), new int[] { 2 }));
    }

    /** Merges three sorted runs of {@code n} wires (0..n-1, n..2n-1, 2n..3n-1). */
    static ComparatorNetwork merge3(int n) {
        ComparatorNetwork first = ComparatorNetwork.merge(ComparatorNetwork.wires(0, n), ComparatorNetwork.wires(n, n));
        return first.then(ComparatorNetwork.merge(first.sorted(), ComparatorNetwork.wires(2 * n, n)));
    }

    /** Comparators per output voxel of the three stages (for the documentation and tests). */
    public static int[] comparators() {
        return new int[] { SORT3.comparators(), SORT9.comparators(), MEDIAN27.comparators(),
                MEDIAN9.comparators() };
    }

    /** {@code out} = 3 x 3 x 3 median of {@code in} (halo 1, 1, 1), or 3 x 3 when the halo along z is 0. */
    public static void apply(FloatBlock in, FloatBlock out) {
        if (in.halo(2) == 0) {
            apply2d(in, out);
            return;
        }
        int nx = in.nx();
        int ny = in.ny();
        int plane = nx * ny;
        int sx = out.nx();
        int sy = out.ny();
        float[] src = in.data();
        float[] dst = out.data();
        float[][] columns = new float[3][plane];
        float[][] nine = new float[9][nx];
        float[][] wires = new float[27][sx];
        int[] sortedColumns = SORT3.sorted();
        int[] sortedNine = SORT9.sorted();
        int median = MEDIAN27.sorted()[13];
        for (int z = 0; z < out.nz(); z++) {
            for (int k = 0; k < 3; k++) {
                System.arraycopy(src, (z + k) * plane, columns[k], 0, plane);
            }
            run(SORT3, columns, plane);
            for (int y = 0; y < sy; y++) {
                for (int dy = 0; dy < 3; dy++) {
                    for (int t = 0; t < 3; t++) {
                        System.arraycopy(columns[sortedColumns[t]], (y + dy) * nx, nine[3 * dy + t], 0, nx);
                    }
                }
                run(SORT9, nine, nx);
                for (int dx = 0; dx < 3; dx++) {
                    for (int t = 0; t < 9; t++) {
                        System.arraycopy(nine[sortedNine[t]], dx, wires[9 * dx + t], 0, sx);
                    }
                }
                run(MEDIAN27, wires, sx);
                System.arraycopy(wires[median], 0, dst, sx * (y + sy * z), sx);
            }
        }
    }

    private static void apply2d(FloatBlock in, FloatBlock out) {
        int nx = in.nx();
        int ny = in.ny();
        int sx = out.nx();
        int sy = out.ny();
        float[] src = in.data();
        float[] dst = out.data();
        float[][] columns = new float[3][nx];
        float[][] wires = new float[9][sx];
        int[] sortedColumns = SORT3.sorted();
        int median = MEDIAN9.sorted()[4];
        for (int z = 0; z < out.nz(); z++) {
            int planeStart = z * nx * ny;
            for (int y = 0; y < sy; y++) {
                for (int k = 0; k < 3; k++) {
                    System.arraycopy(src, planeStart + (y + k) * nx, columns[k], 0, nx);
                }
                run(SORT3, columns, nx);
                for (int dx = 0; dx < 3; dx++) {
                    for (int t = 0; t < 3; t++) {
                        System.arraycopy(columns[sortedColumns[t]], dx, wires[3 * dx + t], 0, sx);
                    }
                }
                run(MEDIAN9, wires, sx);
                System.arraycopy(wires[median], 0, dst, sx * (y + sy * z), sx);
            }
        }
    }

    private static void run(ComparatorNetwork network, float[][] wires, int len) {
        int[] pairs = network.pairs();
        for (int k = 0; k < pairs.length; k += 2) {
            exchange(wires[pairs[k]], wires[pairs[k + 1]], len);
        }
    }

    private static void exchange(float[] a, float[] b, int len) {
        for (int i = 0; i < len; i++) {
            float x = a[i];
            float y = b[i];
            a[i] = Math.min(x, y);
            b[i] = Math.max(x, y);
        }
    }
}
