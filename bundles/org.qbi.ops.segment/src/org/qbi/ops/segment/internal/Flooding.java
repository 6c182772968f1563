package org.qbi.ops.segment.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.progress.ProgressMonitor;
import org.qbi.ops.segment.Connectivity;

/**
 * Marker-based watershed by priority flooding (Beucher and Meyer; scikit-image's implementation): every marker
 * voxel enters a priority queue; the lowest voxel leaves it and labels its unlabeled neighbours (inside the mask)
 * with its own label, which then enter the queue. The queue order is total, so the result is reproducible: by
 * value, then markers before flooded voxels, flooded voxels by the time
 * they entered the queue (which splits plateaus between the markers on either side). The queue is scikit-image's
 * binary heap operation for operation (markers pushed in raster order, all with age 0, so equal-valued markers
 * leave it in the order that heap gives them), which makes the result identical to skimage.segmentation.watershed.
 */
public final class Flooding {

    private static final long FLOODED = 1L << 40;

    private Flooding() {
    }

    /**
     * The neighbour offsets (dx, dy, dz) of {@code connectivity} in the order scikit-image visits them: nearest
     * first, then in raster order of the offset (z, then y, then x).
     */
    public static List<int[]> offsets(Connectivity connectivity, boolean threeD) {
        List<int[]> offsets = new ArrayList<>();
        for (int dz = threeD ? -1 : 0; dz <= (threeD ? 1 : 0); dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int n = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (n > 0 && n <= connectivity.maxOffsetSum()) {
                        offsets.add(new int[] { dx, dy, dz });
                    }
                }
            }
        }
        offsets.sort((a, b) -> Integer.compare(Math.abs(a[0]) + Math.abs(a[1]) + Math.abs(a[2]),
                Math.abs(b[0]) + Math.abs(b[1]) + Math.abs(b[2])));
        return offsets;
    }

    /**
     * Floods {@code labels} (markers on input, 0 elsewhere; the result on output) over {@code image}.
     *
     * @param mask voxels that may be labeled (null: all); markers outside it must already be 0
     */
    public static void flood(double[] image, int[] labels, byte[] mask, Volume volume, Connectivity connectivity,
            ProgressMonitor monitor) {
        int nx = volume.nx();
        int ny = volume.ny();
        int nz = volume.nz();
        List<int[]> offsets = offsets(connectivity, nz > 1);
        int m = offsets.size();
        int[] dx = new int[m];
        int[] dy = new int[m];
        int[] dz = new int[m];
        int[] step = new int[m];
        for (int k = 0; k < m; k++) {
            int[] o = offsets.get(k);
            dx[k] = o[0];
            dy[k] = o[1];
            dz[k] = o[2];
            step[k] = o[0] + nx * (o[1] + ny * o[2]);
        }
        Queue queue = new Queue();
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != 0) {
                queue.push(image[i], 0, i);
            }
        }
        long age = 0;
        int popped = 0;
        while (queue.size > 0) {
            int i = queue.pop();
            if ((++popped & 0xFFFFF) == 0) {
                monitor.checkCanceled("watershed");
            }
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            int label = labels[i];
            for (int k = 0; k < m; k++) {
                int xx = x + dx[k];
                int yy = y + dy[k];
                int zz = z + dz[k];
                if (xx < 0 || xx >= nx || yy < 0 || yy >= ny || zz < 0 || zz >= nz) {
                    continue;
                }
                int j = i + step[k];
                if (labels[j] != 0 || (mask != null && mask[j] == 0)) {
                    continue;
                }
                labels[j] = label;
                queue.push(image[j], FLOODED + age++, j);
            }
        }
    }

    /** A binary heap of (value, order, index), smallest value first, then smallest order. */
    private static final class Queue {
        private double[] values = new double[1024];
        private long[] orders = new long[1024];
        private int[] indices = new int[1024];
        private int size;

        private boolean less(int a, int b) {
            return values[a] < values[b] || (values[a] == values[b] && orders[a] < orders[b]);
        }

        private void swap(int a, int b) {
            double v = values[a];
            values[a] = values[b];
            values[b] = v;
            long o = orders[a];
            orders[a] = orders[b];
            orders[b] = o;
            int i = indices[a];
            indices[a] = indices[b];
            indices[b] = i;
        }

        void push(double value, long order, int index) {
            if (size == values.length) {
                int grown = size * 2;
                values = Arrays.copyOf(values, grown);
                orders = Arrays.copyOf(orders, grown);
                indices = Arrays.copyOf(indices, grown);
            }
            values[size] = value;
            orders[size] = order;
            indices[size] = index;
            int child = size++;
            while (child > 0) {
                int parent = (child - 1) / 2;
                if (!less(child, parent)) {
                    break;
                }
                swap(child, parent);
                child = parent;
            }
        }

        int pop() {
            int top = indices[0];
            size--;
            if (size > 0) {
                values[0] = values[size];
                orders[0] = orders[size];
                indices[0] = indices[size];
                int i = 0;
                while (true) {
                    int l = 2 * i + 1;
                    int r = l + 1;
                    int smallest = i;
                    if (l < size && less(l, smallest)) {
                        smallest = l;
                    }
                    if (r < size && less(r, smallest)) {
                        smallest = r;
                    }
                    if (smallest == i) {
                        break;
                    }
                    swap(i, smallest);
                    i = smallest;
                }
            }
            return top;
        }
    }
}
