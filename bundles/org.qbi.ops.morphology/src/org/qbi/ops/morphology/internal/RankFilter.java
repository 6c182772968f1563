package org.qbi.ops.morphology.internal;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Supplier;

import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.block.BlockPlan;
import org.qbi.ops.morphology.StructuringElement;

/**
 * Flat erosion and dilation, block by block in parallel: out(p) = min over b in B of in(p + b) (erosion) or
 * max over b in B of in(p - b) (dilation), where only voxels inside the image count (the neighbourhood is clipped
 * to the image).
 * <p>
 * Each block is read with a halo of the element's reach into a padded array whose part outside the image holds
 * the neutral value (the largest for a minimum), so every pass is a loop over one contiguous range with no border
 * cases. A box is three separable 1D passes (x, y, z); any other element is the minimum over its runs along x of
 * 1D minima along x, shifted by the run's (dy, dz). Windows of more than {@link #DIRECT} voxels are built by
 * doubling (the minimum over 2w voxels is the minimum of two overlapping windows of w), so a pass costs about
 * log2(length) operations per voxel whatever the radius. uint8 blocks holding only 0 and 1 are computed with AND/OR
 * on bytes; everything else in the order-preserving ints (longs for float64) of {@link IntLanes}. The result does
 * not depend on the blocks or the threads: each voxel is a pure function of the input.
 */
public final class RankFilter {

    /** Window lengths up to this are combined directly, longer ones by doubling. */
    static final int DIRECT = 5;

    /** Largest working set of one block, in bytes: more means the element is too big for blockwise work. */
    private static final long MAX_BLOCK_BYTES = 1L << 30;

    private RankFilter() {
    }

    /**
     * Erodes ({@code erode}) or dilates {@code input} by {@code element} into {@code output} (same size and type).
     *
     * @param task what the progress monitor shows
     */
    public static void run(Image input, ArrayImage output, StructuringElement element, boolean erode,
            OperatorContext context, String task) throws IOException {
        long[] dims = input.header().dimensions();
        PixelType type = input.header().pixelType();
        if (!Arrays.equals(dims, output.header().dimensions()) || output.header().pixelType() != type) {
            throw new IllegalArgumentException("The output must have the input's size and type");
        }
        Lanes grey = Lanes.forType(type);
        StructuringElement se = erode ? element : element.reflected();
        int[] halo = se.reach();
        // whole rows along x (the x halo given to the planner as the row length keeps it from cutting x): longer
        // contiguous ranges per pass and no x halo to read twice
        List<long[]> blocks = BlockPlan.of(new long[] { dims[0], dims[1], dims[2] },
                new int[] { (int) Math.min(dims[0], Integer.MAX_VALUE / 4), halo[1], halo[2] },
                planParallelism(dims, context.parallelism())).blocks();
        checkMemory(blocks.getFirst(), halo, se, type);
        int perVolume = blocks.size();
        long channels = dims[3];
        long total = perVolume * channels * dims[4];
        if (total > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("Too many blocks: " + total);
        }
        Plan plan = new Plan(se, erode, halo);
        long[] first = blocks.getFirst();
        int capacity = Math.toIntExact((first[3] + 2L * halo[0]) * (first[4] + 2L * halo[1]) * (first[5] + 2L * halo[2]));
        Deque<Scratch> pool = new ConcurrentLinkedDeque<>();
        context.monitor().begin(task, total);
        try {
            context.forEach((int) total, n -> {
                long[] block = blocks.get(n % perVolume);
                long volume = n / perVolume;
                Scratch scratch = pool.poll();
                if (scratch == null) {
                    scratch = new Scratch(capacity);
                }
                filterBlock(input, output, type, grey, plan, block, volume % channels, volume / channels, scratch);
                pool.push(scratch);
            });
        } finally {
            context.monitor().done();
        }
    }

    /**
     * The planner makes at least 4 blocks per thread; asking for more threads than there are makes blocks of about
     * {@link #BLOCK_VOXELS}, whose working arrays stay in a core's cache.
     */
    private static int planParallelism(long[] dims, int parallelism) {
        long voxels = dims[0] * dims[1] * dims[2];
        return (int) Math.max(parallelism, Math.min(1 << 16, voxels / BLOCK_VOXELS / 4));
    }

    static final long BLOCK_VOXELS = Long.getLong("qbi.morph.block", 1 << 18);

    private static void checkMemory(long[] block, int[] halo, StructuringElement se, PixelType type) {
        long n = 1;
        for (int a = 0; a < 3; a++) {
            n *= block[3 + a] + 2L * halo[a];
        }
        // box: input, two pass results, one doubling scratch; runs: input, output, doubling levels, one per length
        long lengths = Arrays.stream(se.runs()).mapToInt(r -> r[3]).distinct().count();
        long arrays = se.isBox() ? 4 : 2 + (32 - Integer.numberOfLeadingZeros(2 * halo[0] + 1)) + lengths;
        long bytes = n * (type == PixelType.FLOAT64 ? 8 : 4) * arrays;
        if (n > Integer.MAX_VALUE - 16 || bytes > MAX_BLOCK_BYTES) {
            throw new IllegalArgumentException("The structuring element (reach " + halo[0] + ", " + halo[1] + ", "
                    + halo[2] + " voxels along x, y, z) is too large to process block by block; use a smaller radius or "
                    + "downsample the image first");
        }
    }

    /** What is the same for every block: the element, min or max, the halo. */
    private record Plan(StructuringElement element, boolean min, int[] halo) {
    }

    /**
     * One thread's working arrays, reused from block to block (blocks are at most {@code capacity} values with
     * their halo): slot 0 the padded input, then pass results, doubling levels and windows. Every pass writes the
     * range it later reads, so what a previous block left behind is never used.
     */
    private static final class Scratch {
        private final int capacity;
        private final Map<Class<?>, Object[]> byKind = new HashMap<>();

        Scratch(int capacity) {
            this.capacity = capacity;
        }

        Object get(Lanes lanes, int slot) {
            Object[] arrays = byKind.computeIfAbsent(lanes.getClass(), k -> new Object[8]);
            if (slot >= arrays.length) {
                arrays = Arrays.copyOf(arrays, Math.max(slot + 1, 2 * arrays.length));
                byKind.put(lanes.getClass(), arrays);
            }
            if (arrays[slot] == null) {
                arrays[slot] = lanes.alloc(capacity);
            }
            return arrays[slot];
        }
    }

    private static void filterBlock(Image input, ArrayImage output, PixelType type, Lanes grey, Plan plan,
            long[] block, long c, long t, Scratch scratch) throws IOException {
        long[] dims = input.header().dimensions();
        int[] h = plan.halo();
        int[] s = { (int) block[3], (int) block[4], (int) block[5] };
        int px = s[0] + 2 * h[0];
        int py = s[1] + 2 * h[1];
        int pz = s[2] + 2 * h[2];
        int n = px * py * pz;
        long[] lo = new long[3];
        long[] hi = new long[3];
        for (int a = 0; a < 3; a++) {
            lo[a] = Math.max(0, block[a] - h[a]);
            hi[a] = Math.min(dims[a], block[a] + s[a] + h[a]);
        }
        try (Arena arena = Arena.ofConfined()) {
            // in-memory images are read in place; others through their chunks
            Source source = input instanceof ArrayImage array ? new Source(array.values(), dims, new long[3], c, t)
                    : new Source(input.readRegion(new long[] { lo[0], lo[1], lo[2], c, t },
                            new long[] { hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2], 1, 1 }, arena),
                            new long[] { hi[0] - lo[0], hi[1] - lo[1], hi[2] - lo[2], 1, 1 }, lo, 0, 0);
            Lanes lanes = grey;
            Object padded = null;
            if (type == PixelType.UINT8) {
                MaskLanes mask = new MaskLanes();
                padded = loadPadded(mask, scratch.get(mask, 0), source, plan.min(), n, px, py, lo, hi, block, h);
                if (MaskLanes.isMask((byte[]) padded, n)) {
                    lanes = mask;
                } else {
                    padded = null;
                }
            }
            if (padded == null) {
                padded = loadPadded(lanes, scratch.get(lanes, 0), source, plan.min(), n, px, py, lo, hi, block, h);
            }
            Object result = plan.element().isBox() ? box(lanes, plan.min(), padded, n, px, py, h, s, scratch)
                    : runs(lanes, plan.min(), plan.element(), padded, n, px, py, h, s, scratch);
            MemorySegment values = output.values();
            for (int z = 0; z < s[2]; z++) {
                for (int y = 0; y < s[1]; y++) {
                    int from = h[0] + px * ((h[1] + y) + py * (h[2] + z));
                    long to = block[0] + dims[0] * ((block[1] + y) + dims[1] * ((block[2] + z) + dims[2] * (c + dims[3] * t)));
                    lanes.store(result, from, values, to, s[0]);
                }
            }
        }
    }

    /** Stored values and where pixel (x, y, z) of channel c, time t is in them. */
    private record Source(MemorySegment values, long[] dims, long[] origin, long c, long t) {
        long index(long x, long y, long z) {
            return (x - origin[0]) + dims[0] * ((y - origin[1]) + dims[1] * ((z - origin[2]) + dims[2] * (c + dims[3] * t)));
        }
    }

    /** The block with its halo, the part outside the image set to the neutral value. */
    private static Object loadPadded(Lanes lanes, Object padded, Source source, boolean min, int n, int px, int py,
            long[] lo, long[] hi, long[] block, int[] h) {
        int ox = (int) (lo[0] - (block[0] - h[0]));
        int oy = (int) (lo[1] - (block[1] - h[1]));
        int oz = (int) (lo[2] - (block[2] - h[2]));
        int rx = (int) (hi[0] - lo[0]);
        int ry = (int) (hi[1] - lo[1]);
        int rz = (int) (hi[2] - lo[2]);
        boolean inside = ox == 0 && oy == 0 && oz == 0 && rx == px && ry == py && rz * px * py == n;
        if (!inside) {
            lanes.fill(padded, 0, n, min);
        }
        for (int z = 0; z < rz; z++) {
            for (int y = 0; y < ry; y++) {
                lanes.load(source.values(), source.index(lo[0], lo[1] + y, lo[2] + z), padded,
                        ox + px * ((oy + y) + py * (oz + z)), rx);
            }
        }
        return padded;
    }

    /** Separable box: 1D passes along x, y and z. */
    private static Object box(Lanes lanes, boolean min, Object a, int n, int px, int py, int[] h, int[] s,
            Scratch scratch) {
        int plane = px * py;
        Object current = a;
        Object spare = null;
        int slot = 1;
        int[] steps = { 1, px, plane };
        for (int axis = 0; axis < 3; axis++) {
            int r = h[axis];
            if (r == 0) {
                continue;
            }
            int step = steps[axis];
            // x and y passes run over every value they can (their results feed the next pass's halo); z over the
            // block's own planes only
            int from = axis < 2 ? r * step : h[2] * plane;
            int to = axis < 2 ? n - r * step : (h[2] + s[2]) * plane;
            Object target = spare != null ? spare : scratch.get(lanes, slot++);
            window(lanes, min, current, target, step, -r, 2 * r + 1, from, to, () -> scratch.get(lanes, 3));
            spare = current;
            current = target;
        }
        return current;
    }

    /**
     * dst[i] = min (max) over k in 0..length-1 of src[i + (first + k) * step], for i in [from, to).
     */
    static void window(Lanes lanes, boolean min, Object src, Object dst, int step, int first, int length, int from,
            int to, Supplier<Object> scratchArray) {
        int n = to - from;
        if (n <= 0) {
            return;
        }
        if (length == 1) {
            System.arraycopy(src, from + first * step, dst, from, n);
            return;
        }
        if (length <= DIRECT) {
            int at = from + first * step;
            if (length == 2) {
                lanes.combine(min, dst, from, src, at, src, at + step, n);
                return;
            }
            lanes.combine3(min, dst, from, src, at, src, at + step, src, at + 2 * step, n);
            if (length == 4) {
                lanes.combine(min, dst, from, dst, from, src, at + 3 * step, n);
            } else if (length == 5) {
                lanes.combine3(min, dst, from, dst, from, src, at + 3 * step, src, at + 4 * step, n);
            }
            return;
        }
        // doubling: windows of w voxels starting at j, for j from j0, built in place in one scratch array
        int j0 = from + first * step;
        int j1 = to + first * step;
        Object level = src;
        Object scratch = null;
        int w = 1;
        while (2 * w <= length) {
            int end = j1 + (length - 2 * w) * step;
            if (scratch == null) {
                scratch = scratchArray.get();
            }
            lanes.combine(min, scratch, j0, level, j0, level, j0 + w * step, end - j0);
            level = scratch;
            w *= 2;
        }
        lanes.combine(min, dst, from, level, j0, level, j0 + (length - w) * step, n);
    }

    /** Any element: minimum over its x-runs of 1D x-minima shifted by (dy, dz). */
    private static Object runs(Lanes lanes, boolean min, StructuringElement element, Object a, int n, int px, int py,
            int[] h, int[] s, Scratch scratch) {
        int slot = 1;
        int plane = px * py;
        int[][] runs = element.runs();
        // x-minima over windows starting at j, for every run length the element has
        Map<Integer, Object> byLength = new LinkedHashMap<>();
        Map<Integer, Object> levels = new LinkedHashMap<>();
        levels.put(1, a);
        for (int[] run : runs) {
            int length = run[3];
            if (byLength.containsKey(length)) {
                continue;
            }
            int w = Integer.highestOneBit(length);
            for (int level = 2; level <= w; level *= 2) {
                if (!levels.containsKey(level)) {
                    Object previous = levels.get(level / 2);
                    Object next = scratch.get(lanes, slot++);
                    lanes.combine(min, next, 0, previous, 0, previous, level / 2, n - level + 1);
                    levels.put(level, next);
                }
            }
            Object windows = levels.get(w);
            if (length != w) {
                windows = scratch.get(lanes, slot++);
                Object base = levels.get(w);
                lanes.combine(min, windows, 0, base, 0, base, length - w, n - length + 1);
            }
            byLength.put(length, windows);
        }
        Object out = scratch.get(lanes, slot);
        for (int z = 0; z < s[2]; z++) {
            int from = h[0] + px * (h[1] + py * (h[2] + z));
            int to = h[0] + s[0] + px * (h[1] + s[1] - 1 + py * (h[2] + z));
            int count = to - from;
            boolean first = true;
            for (int[] run : runs) {
                int offset = run[2] + px * run[1] + plane * run[0];
                Object windows = byLength.get(run[3]);
                if (first) {
                    System.arraycopy(windows, from + offset, out, from, count);
                    first = false;
                } else {
                    lanes.combine(min, out, from, out, from, windows, from + offset, count);
                }
            }
        }
        return out;
    }
}
