package org.qbi.measure.internal;

import java.util.Arrays;

/**
 * Geodesic tortuosity of the pore space along one axis: shortest paths through pore voxels (26-neighbour steps in
 * 3D, 8 in 2D, of their physical lengths; Dijkstra from every pore voxel of the first face at once) to each pore
 * voxel of the opposite face, divided by the distance between the two faces' voxel centres; the mean over the
 * reached voxels of the last face. NaN when no pore path joins the faces. Step paths overestimate oblique
 * straight paths by up to about 8 % (26 neighbours); paths along axes and 45-degree diagonals are exact.
 */
public final class Tortuosity {

    private Tortuosity() {
    }

    /** @param axis 0 = x, 1 = y, 2 = z */
    public static double of(BinaryVolume v, double[] spacing, int axis) {
        int nx = v.nx();
        int ny = v.ny();
        int nz = v.nz();
        int[] n = { nx, ny, nz };
        if (n[axis] < 2) {
            return Double.NaN;
        }
        byte[] solid = v.solid();
        double[] dist = new double[solid.length];
        Arrays.fill(dist, Double.POSITIVE_INFINITY);
        Heap heap = new Heap();
        for (int i = 0; i < solid.length; i++) {
            if (solid[i] == 0 && coordinate(i, axis, nx, ny) == 0) {
                dist[i] = 0;
                heap.push(0, i);
            }
        }
        int dzMax = nz > 1 ? 1 : 0;
        while (heap.size > 0) {
            double d = heap.topKey();
            int i = heap.pop();
            if (d > dist[i]) {
                continue;
            }
            int x = i % nx;
            int y = (i / nx) % ny;
            int z = i / (nx * ny);
            for (int dz = -dzMax; dz <= dzMax; dz++) {
                int zz = z + dz;
                if (zz < 0 || zz >= nz) {
                    continue;
                }
                for (int dy = -1; dy <= 1; dy++) {
                    int yy = y + dy;
                    if (yy < 0 || yy >= ny) {
                        continue;
                    }
                    for (int dx = -1; dx <= 1; dx++) {
                        int xx = x + dx;
                        if (xx < 0 || xx >= nx || (dx == 0 && dy == 0 && dz == 0)) {
                            continue;
                        }
                        int j = xx + nx * (yy + ny * zz);
                        if (solid[j] != 0) {
                            continue;
                        }
                        double step = Math.sqrt(dx * dx * spacing[0] * spacing[0] + dy * dy * spacing[1] * spacing[1]
                                + dz * dz * spacing[2] * spacing[2]);
                        if (d + step < dist[j]) {
                            dist[j] = d + step;
                            heap.push(d + step, j);
                        }
                    }
                }
            }
        }
        double sum = 0;
        long reached = 0;
        for (int i = 0; i < solid.length; i++) {
            if (solid[i] == 0 && coordinate(i, axis, nx, ny) == n[axis] - 1 && dist[i] < Double.POSITIVE_INFINITY) {
                sum += dist[i];
                reached++;
            }
        }
        return reached == 0 ? Double.NaN : sum / reached / ((n[axis] - 1) * spacing[axis]);
    }

    private static int coordinate(int i, int axis, int nx, int ny) {
        return switch (axis) {
            case 0 -> i % nx;
            case 1 -> (i / nx) % ny;
            default -> i / (nx * ny);
        };
    }

    /** Binary min-heap of (distance, voxel) in primitive arrays. */
    private static final class Heap {
        double[] keys = new double[1024];
        int[] values = new int[1024];
        int size;

        void push(double key, int value) {
            if (size == keys.length) {
                keys = Arrays.copyOf(keys, 2 * size);
                values = Arrays.copyOf(values, 2 * size);
            }
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                values[i] = values[parent];
                i = parent;
            }
            keys[i] = key;
            values[i] = value;
        }

        double topKey() {
            return keys[0];
        }

        int pop() {
            int top = values[0];
            double key = keys[--size];
            int value = values[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                values[i] = values[child];
                i = child;
            }
            keys[i] = key;
            values[i] = value;
            return top;
        }
    }
}
