package org.qbi.measure.internal;

import java.util.Arrays;

/**
 * Per-label sums gathered in one pass over a label image: voxel count, coordinate sums and second moments (as
 * longs: exact, so the result does not depend on how the image was split between threads), bounding box, and
 * intensity sums (exact too: integer intensities in 128-bit integers, floating-point ones in {@link ExactSum}s, so
 * merging partitions in any order gives the same bits). The arrays cover a window of labels that grows as labels appear, so one partition of the image
 * holds only the labels it meets (no separate pass for the largest label). {@link #merge} adds another partition.
 */
public final class RegionMoments implements java.io.Serializable {

    private static final long serialVersionUID = 1L;

    private static final int[] NO_INTS = new int[0];
    private static final long[] NO_LONGS = new long[0];
    private static final double[] NO_DOUBLES = new double[0];

    private final boolean intensity;
    /** Label of index 0 of the arrays; the window is base .. base + capacity - 1. */
    private int base = 1;
    private int capacity;
    public long[] count = NO_LONGS;
    public long[] sx = NO_LONGS, sy = NO_LONGS, sz = NO_LONGS;
    public long[] sxx = NO_LONGS, syy = NO_LONGS, szz = NO_LONGS, sxy = NO_LONGS, sxz = NO_LONGS, syz = NO_LONGS;
    public int[] minX = NO_INTS, minY = NO_INTS, minZ = NO_INTS, maxX = NO_INTS, maxY = NO_INTS, maxZ = NO_INTS;
    public double[] minI, maxI;
    /** Sums and sums of squares of integer intensities, as signed 128-bit integers (high and low words). */
    private long[] intSumHigh, intSumLow, intSquaresHigh, intSquaresLow;
    /** Sums and sums of squares of floating-point intensities, created when a label first gets one. */
    private ExactSum[] floatSums, floatSquares;

    public RegionMoments(boolean intensity) {
        this.intensity = intensity;
        if (intensity) {
            minI = maxI = NO_DOUBLES;
            intSumHigh = intSumLow = intSquaresHigh = intSquaresLow = NO_LONGS;
            floatSums = floatSquares = new ExactSum[0];
        }
    }

    /** Whether intensities were measured. */
    public boolean hasIntensity() {
        return intensity;
    }

    /**
     * Covariance of the voxel centres of the label at index {@code i} in physical units (population, as skimage's
     * central moments / mu0): xx, yy, zz, xy, xz, yz, from the exact integer sums.
     */
    public double[] covariance(int i, double[] spacing) {
        long n = count[i];
        double n2 = (double) n * n;
        return new double[] { Int128.central(n, sx[i], sx[i], sxx[i]).toDouble() / n2 * spacing[0] * spacing[0],
                Int128.central(n, sy[i], sy[i], syy[i]).toDouble() / n2 * spacing[1] * spacing[1],
                Int128.central(n, sz[i], sz[i], szz[i]).toDouble() / n2 * spacing[2] * spacing[2],
                Int128.central(n, sx[i], sy[i], sxy[i]).toDouble() / n2 * spacing[0] * spacing[1],
                Int128.central(n, sx[i], sz[i], sxz[i]).toDouble() / n2 * spacing[0] * spacing[2],
                Int128.central(n, sy[i], sz[i], syz[i]).toDouble() / n2 * spacing[1] * spacing[2] };
    }

    /** The smallest label the arrays hold (index 0). */
    public int base() {
        return base;
    }

    /** How many labels the arrays hold. */
    public int capacity() {
        return capacity;
    }

    /** The array index of label {@code l}, growing the window to hold it. */
    public int slot(int l) {
        int i = l - base;
        if (i >= 0 && i < capacity) {
            return i;
        }
        grow(l);
        return l - base;
    }

    private void grow(int l) {
        int lo;
        int hi;
        if (capacity == 0) {
            lo = l;
            hi = l + 15;
        } else if (l < base) {
            lo = Math.max(1, Math.min(l, base - capacity));
            hi = base + capacity - 1;
        } else {
            lo = base;
            hi = (int) Math.min(LabelRows.MAX_LABEL, Math.max(l, (long) base + 2L * capacity));
        }
        int size = hi - lo + 1;
        int shift = capacity == 0 ? 0 : base - lo;
        count = moved(count, size, shift);
        sx = moved(sx, size, shift);
        sy = moved(sy, size, shift);
        sz = moved(sz, size, shift);
        sxx = moved(sxx, size, shift);
        syy = moved(syy, size, shift);
        szz = moved(szz, size, shift);
        sxy = moved(sxy, size, shift);
        sxz = moved(sxz, size, shift);
        syz = moved(syz, size, shift);
        minX = moved(minX, size, shift, Integer.MAX_VALUE);
        minY = moved(minY, size, shift, Integer.MAX_VALUE);
        minZ = moved(minZ, size, shift, Integer.MAX_VALUE);
        maxX = moved(maxX, size, shift, -1);
        maxY = moved(maxY, size, shift, -1);
        maxZ = moved(maxZ, size, shift, -1);
        if (intensity) {
            intSumHigh = moved(intSumHigh, size, shift);
            intSumLow = moved(intSumLow, size, shift);
            intSquaresHigh = moved(intSquaresHigh, size, shift);
            intSquaresLow = moved(intSquaresLow, size, shift);
            floatSums = moved(floatSums, size, shift);
            floatSquares = moved(floatSquares, size, shift);
            minI = moved(minI, size, shift, Double.POSITIVE_INFINITY);
            maxI = moved(maxI, size, shift, Double.NEGATIVE_INFINITY);
        }
        base = lo;
        capacity = size;
    }

    private long[] moved(long[] a, int size, int shift) {
        long[] b = new long[size];
        System.arraycopy(a, 0, b, shift, capacity);
        return b;
    }

    private ExactSum[] moved(ExactSum[] a, int size, int shift) {
        ExactSum[] b = new ExactSum[size];
        System.arraycopy(a, 0, b, shift, capacity);
        return b;
    }

    private int[] moved(int[] a, int size, int shift, int fill) {
        int[] b = new int[size];
        Arrays.fill(b, fill);
        System.arraycopy(a, 0, b, shift, capacity);
        return b;
    }

    private double[] moved(double[] a, int size, int shift, double fill) {
        double[] b = new double[size];
        Arrays.fill(b, fill);
        System.arraycopy(a, 0, b, shift, capacity);
        return b;
    }

    /** Adds one run of voxels x0..x1-1 at (y, z) with label {@code l}; returns the label's slot. */
    public int addRun(int l, int x0, int x1, int y, int z) {
        int i = slot(l);
        long n = x1 - x0;
        // sums of x and x^2 over x0..x1-1 in closed form
        long sumX = (x0 + (long) x1 - 1) * n / 2;
        long sumXX = sumSquares(x1 - 1) - sumSquares(x0 - 1);
        count[i] += n;
        sx[i] += sumX;
        sy[i] += n * y;
        sz[i] += n * z;
        sxx[i] += sumXX;
        syy[i] += n * y * (long) y;
        szz[i] += n * z * (long) z;
        sxy[i] += sumX * y;
        sxz[i] += sumX * z;
        syz[i] += n * y * (long) z;
        if (x0 < minX[i]) {
            minX[i] = x0;
        }
        if (x1 - 1 > maxX[i]) {
            maxX[i] = x1 - 1;
        }
        if (y < minY[i]) {
            minY[i] = y;
        }
        if (y > maxY[i]) {
            maxY[i] = y;
        }
        if (z < minZ[i]) {
            minZ[i] = z;
        }
        if (z > maxZ[i]) {
            maxZ[i] = z;
        }
        return i;
    }

    private static long sumSquares(long m) {
        return m < 0 ? 0 : m * (m + 1) * (2 * m + 1) / 6;
    }

    /** Adds one integer intensity (|value| < 2^32: any integer pixel type) to slot {@code i} (from {@link #addRun}). */
    public void addIntensity(int i, long value) {
        add128(intSumHigh, intSumLow, i, value >> 63, value);
        add128(intSquaresHigh, intSquaresLow, i, 0, value * value); // below 2^64: exact as an unsigned long
        double v = value;
        if (v < minI[i]) {
            minI[i] = v;
        }
        if (v > maxI[i]) {
            maxI[i] = v;
        }
    }

    /** (high[i], low[i]) += (addHigh, addLow), as signed 128-bit integers (low words unsigned). */
    private static void add128(long[] high, long[] low, int i, long addHigh, long addLow) {
        long before = low[i];
        long after = before + addLow;
        low[i] = after;
        high[i] += addHigh + (Long.compareUnsigned(after, before) < 0 ? 1 : 0);
    }

    /** Adds one floating-point intensity to slot {@code i} (from {@link #addRun}). */
    public void addIntensity(int i, double value) {
        if (floatSums[i] == null) {
            floatSums[i] = new ExactSum();
            floatSquares[i] = new ExactSum();
        }
        floatSums[i].add(value);
        floatSquares[i].addProduct(value, value);
        if (value < minI[i]) {
            minI[i] = value;
        }
        if (value > maxI[i]) {
            maxI[i] = value;
        }
    }

    /** The exact sum of the intensities of slot {@code i}. */
    public ExactSum intensitySum(int i) {
        return combined(intSumHigh[i], intSumLow[i], floatSums[i]);
    }

    /** The exact sum of the squared intensities of slot {@code i}. */
    public ExactSum intensitySquares(int i) {
        return combined(intSquaresHigh[i], intSquaresLow[i], floatSquares[i]);
    }

    /** The integer part (128 bits) plus the floating-point part ({@code null}: none), exactly. */
    private static ExactSum combined(long high, long low, ExactSum floats) {
        ExactSum s = new ExactSum();
        s.addInt128(high, low);
        if (floats != null) {
            s.add(floats);
        }
        return s;
    }

    /** Adds {@code other}'s sums: every sum is exact, so partitions may be merged in any order. */
    public void merge(RegionMoments other) {
        for (int j = 0; j < other.capacity; j++) {
            if (other.count[j] == 0) {
                continue;
            }
            int i = slot(other.base + j);
            count[i] += other.count[j];
            sx[i] += other.sx[j];
            sy[i] += other.sy[j];
            sz[i] += other.sz[j];
            sxx[i] += other.sxx[j];
            syy[i] += other.syy[j];
            szz[i] += other.szz[j];
            sxy[i] += other.sxy[j];
            sxz[i] += other.sxz[j];
            syz[i] += other.syz[j];
            minX[i] = Math.min(minX[i], other.minX[j]);
            minY[i] = Math.min(minY[i], other.minY[j]);
            minZ[i] = Math.min(minZ[i], other.minZ[j]);
            maxX[i] = Math.max(maxX[i], other.maxX[j]);
            maxY[i] = Math.max(maxY[i], other.maxY[j]);
            maxZ[i] = Math.max(maxZ[i], other.maxZ[j]);
            if (intensity) {
                add128(intSumHigh, intSumLow, i, other.intSumHigh[j], other.intSumLow[j]);
                add128(intSquaresHigh, intSquaresLow, i, other.intSquaresHigh[j], other.intSquaresLow[j]);
                if (other.floatSums[j] != null) {
                    if (floatSums[i] == null) {
                        floatSums[i] = new ExactSum();
                        floatSquares[i] = new ExactSum();
                    }
                    floatSums[i].add(other.floatSums[j]);
                    floatSquares[i].add(other.floatSquares[j]);
                }
                minI[i] = Math.min(minI[i], other.minI[j]);
                maxI[i] = Math.max(maxI[i], other.maxI[j]);
            }
        }
    }
}
