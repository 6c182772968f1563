package org.qbi.ops.morphology.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Grey-level morphological reconstruction by dilation (or, dually, erosion) with Vincent's hybrid algorithm: a
 * forward and a backward raster scan, then a FIFO queue propagates what the scans left. Values are the
 * order-preserving ints of {@link IntLanes} (float64 replaced by its rank among the values present, which keeps
 * the order and is undone exactly); the volume is padded by one voxel of the lowest value, which never propagates.
 * <p>
 * Vincent L. Morphological grayscale reconstruction in image analysis: applications and efficient algorithms.
 * IEEE Trans Image Process 2(2), 1993, doi:10.1109/83.217222.
 */
public final class Reconstruction {

    private Reconstruction() {
    }

    /**
     * Reconstructs {@code marker} under {@code mask} (dilation: marker <= mask everywhere) or over it (erosion:
     * marker >= mask), volume (c, t), into {@code out}.
     *
     * @throws IllegalArgumentException naming the first voxel where the marker is on the wrong side of the mask
     */
    public static void run(Image marker, Image mask, ArrayImage out, long c, long t, boolean dilation, int connectivity,
            ProgressMonitor monitor) throws IOException {
        long[] d = mask.header().dimensions();
        PixelType type = mask.header().pixelType();
        int nx = (int) d[0];
        int ny = (int) d[1];
        int nz = (int) d[2];
        int n = Volumes.voxels(mask.header(), "Reconstruction");
        long first = n * (c + d[3] * t);
        boolean is3D = nz > 1;
        int px = nx + 2;
        int py = ny + 2;
        int pz = is3D ? nz + 2 : 1;
        int padded = Math.multiplyExact(Math.multiplyExact(px, py), pz);
        int[] j = new int[padded];
        int[] i = new int[padded];
        long[][] ranks = new long[1][];
        load(marker, type, first, n, j, nx, ny, nz, px, py, is3D, ranks, mask);
        load(mask, type, first, n, i, nx, ny, nz, px, py, is3D, ranks, null);
        if (!dilation) {
            // erosion is dilation in the reversed order: ~v reverses the signed order exactly
            for (int k = 0; k < padded; k++) {
                j[k] = ~j[k];
                i[k] = ~i[k];
            }
        }
        int low = Integer.MIN_VALUE;
        fillBorder(j, px, py, pz, is3D, low);
        fillBorder(i, px, py, pz, is3D, low);
        checkOrder(j, i, nx, ny, nz, px, py, is3D, dilation);
        monitor.checkCanceled("Reconstruction");
        int[] offsets = neighbours(px, py, is3D, connectivity);
        int[] before = Arrays.stream(offsets).filter(o -> o < 0).toArray();
        int[] after = Arrays.stream(offsets).filter(o -> o > 0).toArray();
        int zFrom = is3D ? 1 : 0;
        int zTo = is3D ? nz + 1 : 1;
        for (int z = zFrom; z < zTo; z++) {
            for (int y = 1; y <= ny; y++) {
                int row = px * (y + py * z);
                for (int p = row + 1; p <= row + nx; p++) {
                    int v = j[p];
                    for (int o : before) {
                        v = Math.max(v, j[p + o]);
                    }
                    j[p] = Math.min(v, i[p]);
                }
            }
        }
        monitor.checkCanceled("Reconstruction");
        IntQueue queue = new IntQueue();
        for (int z = zTo - 1; z >= zFrom; z--) {
            for (int y = ny; y >= 1; y--) {
                int row = px * (y + py * z);
                for (int p = row + nx; p >= row + 1; p--) {
                    int v = j[p];
                    for (int o : after) {
                        v = Math.max(v, j[p + o]);
                    }
                    v = Math.min(v, i[p]);
                    j[p] = v;
                    for (int o : after) {
                        int q = p + o;
                        if (j[q] < v && j[q] < i[q]) {
                            queue.add(p);
                            break;
                        }
                    }
                }
            }
        }
        monitor.checkCanceled("Reconstruction");
        long steps = 0;
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int v = j[p];
            for (int o : offsets) {
                int q = p + o;
                if (j[q] < v && i[q] != j[q]) {
                    j[q] = Math.min(v, i[q]);
                    queue.add(q);
                }
            }
            if ((++steps & 0xFFFFF) == 0) {
                monitor.checkCanceled("Reconstruction");
            }
        }
        if (!dilation) {
            for (int k = 0; k < padded; k++) {
                j[k] = ~j[k];
            }
        }
        store(j, type, out, first, nx, ny, nz, px, py, is3D, ranks[0]);
    }

    /** Linear offsets of the neighbours for the connectivity (1 .. rank) in the padded volume. */
    static int[] neighbours(int px, int py, boolean is3D, int connectivity) {
        int[] list = new int[26];
        int count = 0;
        int zr = is3D ? 1 : 0;
        for (int dz = -zr; dz <= zr; dz++) {
            for (int dy = -1; dy <= 1; dy++) {
                for (int dx = -1; dx <= 1; dx++) {
                    int k = Math.abs(dx) + Math.abs(dy) + Math.abs(dz);
                    if (k > 0 && k <= connectivity) {
                        list[count++] = dx + px * (dy + py * dz);
                    }
                }
            }
        }
        return Arrays.copyOf(list, count);
    }

    private static void load(Image image, PixelType type, long first, int n, int[] target, int nx, int ny, int nz,
            int px, int py, boolean is3D, long[][] ranks, Image other) throws IOException {
        if (type == PixelType.FLOAT64 && ranks[0] == null) {
            ranks[0] = distinctValues(image, other, first, n);
        }
        IntLanes lanes = type == PixelType.FLOAT64 ? null : new IntLanes(type);
        LongLanes longs = new LongLanes();
        long[] row = type == PixelType.FLOAT64 ? new long[nx] : null;
        long[] dims = image.header().dimensions();
        long c = first / n % dims[3];
        long t = first / n / dims[3];
        try (Arena arena = Arena.ofConfined()) {
            for (int z = 0; z < nz; z++) {
                MemorySegment plane = image.readPlane(z, c, t, arena);
                for (int y = 0; y < ny; y++) {
                    int at = 1 + px * ((y + 1) + py * (is3D ? z + 1 : 0));
                    if (lanes != null) {
                        lanes.load(plane, (long) nx * y, target, at, nx);
                    } else {
                        longs.load(plane, (long) nx * y, row, 0, nx);
                        for (int x = 0; x < nx; x++) {
                            target[at + x] = Arrays.binarySearch(ranks[0], row[x]) + Integer.MIN_VALUE + 1;
                        }
                    }
                }
            }
        }
    }

    /** The distinct float64 values (as ordered longs) of both images, sorted: their index is their rank. */
    private static long[] distinctValues(Image a, Image b, long first, int n) throws IOException {
        long[] all = new long[2 * n];
        LongLanes longs = new LongLanes();
        long[] dims = a.header().dimensions();
        int plane = (int) (dims[0] * dims[1]);
        int k = 0;
        for (Image image : new Image[] { a, b }) {
            try (Arena arena = Arena.ofConfined()) {
                for (int z = 0; z < dims[2]; z++) {
                    MemorySegment values = image.readPlane(z, first / n % dims[3], first / n / dims[3], arena);
                    longs.load(values, 0, all, k, plane);
                    k += plane;
                }
            }
        }
        Arrays.sort(all);
        int unique = 0;
        for (int m = 0; m < all.length; m++) {
            if (m == 0 || all[m] != all[m - 1]) {
                all[unique++] = all[m];
            }
        }
        return Arrays.copyOf(all, unique);
    }

    private static void fillBorder(int[] v, int px, int py, int pz, boolean is3D, int value) {
        for (int z = 0; z < pz; z++) {
            for (int y = 0; y < py; y++) {
                int row = px * (y + py * z);
                boolean edge = y == 0 || y == py - 1 || (is3D && (z == 0 || z == pz - 1));
                if (edge) {
                    Arrays.fill(v, row, row + px, value);
                } else {
                    v[row] = value;
                    v[row + px - 1] = value;
                }
            }
        }
    }

    private static void checkOrder(int[] marker, int[] mask, int nx, int ny, int nz, int px, int py, boolean is3D,
            boolean dilation) {
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int row = 1 + px * ((y + 1) + py * (is3D ? z + 1 : 0));
                for (int x = 0; x < nx; x++) {
                    if (marker[row + x] > mask[row + x]) {
                        throw new IllegalArgumentException("Reconstruction by " + (dilation ? "dilation needs the "
                                + "marker <= the mask" : "erosion needs the marker >= the mask") + " everywhere; at x="
                                + x + ", y=" + y + ", z=" + z + " it is not (use min(marker, mask) or the other method)");
                    }
                }
            }
        }
    }

    private static void store(int[] j, PixelType type, ArrayImage out, long first, int nx, int ny, int nz, int px,
            int py, boolean is3D, long[] ranks) {
        IntLanes lanes = type == PixelType.FLOAT64 ? null : new IntLanes(type);
        LongLanes longs = new LongLanes();
        long[] row = new long[nx];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                int at = 1 + px * ((y + 1) + py * (is3D ? z + 1 : 0));
                long pixel = first + (long) nx * (y + (long) ny * z);
                if (lanes != null) {
                    lanes.store(j, at, out.values(), pixel, nx);
                } else {
                    for (int x = 0; x < nx; x++) {
                        row[x] = ranks[j[at + x] - Integer.MIN_VALUE - 1];
                    }
                    longs.store(row, 0, out.values(), pixel, nx);
                }
            }
        }
    }

    /** A growable FIFO of ints. */
    private static final class IntQueue {
        private int[] items = new int[1 << 12];
        private int head;
        private int tail;
        private int size;

        void add(int value) {
            if (size == items.length) {
                int[] grown = new int[items.length * 2];
                for (int k = 0; k < size; k++) {
                    grown[k] = items[(head + k) % items.length];
                }
                items = grown;
                head = 0;
                tail = size;
            }
            items[tail] = value;
            tail = (tail + 1) % items.length;
            size++;
        }

        int poll() {
            int value = items[head];
            head = (head + 1) % items.length;
            size--;
            return value;
        }

        boolean isEmpty() {
            return size == 0;
        }
    }
}
