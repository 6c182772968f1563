package org.qbi.measure.internal;

/**
 * Per-label sums gathered in one pass over a label image: voxel count, coordinate sums and second moments (as
 * longs: exact, so the result does not depend on how the image was split between threads), bounding box, and
 * intensity sums. {@link #merge} adds another partition's sums.
 */
public final class RegionMoments {

    public final int labels;
    public final long[] count;
    public final long[] sx, sy, sz;
    public final long[] sxx, syy, szz, sxy, sxz, syz;
    public final int[] minX, minY, minZ, maxX, maxY, maxZ;
    public final double[] sumI, sumII, minI, maxI;

    public RegionMoments(int labels, boolean intensity) {
        this.labels = labels;
        int n = labels + 1;
        count = new long[n];
        sx = new long[n];
        sy = new long[n];
        sz = new long[n];
        sxx = new long[n];
        syy = new long[n];
        szz = new long[n];
        sxy = new long[n];
        sxz = new long[n];
        syz = new long[n];
        minX = filled(n, Integer.MAX_VALUE);
        minY = filled(n, Integer.MAX_VALUE);
        minZ = filled(n, Integer.MAX_VALUE);
        maxX = filled(n, -1);
        maxY = filled(n, -1);
        maxZ = filled(n, -1);
        sumI = intensity ? new double[n] : null;
        sumII = intensity ? new double[n] : null;
        minI = intensity ? filledD(n, Double.POSITIVE_INFINITY) : null;
        maxI = intensity ? filledD(n, Double.NEGATIVE_INFINITY) : null;
    }

    private static int[] filled(int n, int value) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    private static double[] filledD(int n, double value) {
        double[] a = new double[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /** Adds one run of voxels x0..x1-1 at (y, z) with label {@code l}. */
    public void addRun(int l, int x0, int x1, int y, int z) {
        long n = x1 - x0;
        // sums of x and x^2 over x0..x1-1 in closed form
        long sumX = (x0 + (long) x1 - 1) * n / 2;
        long sumXX = sumSquares(x1 - 1) - sumSquares(x0 - 1);
        count[l] += n;
        sx[l] += sumX;
        sy[l] += n * y;
        sz[l] += n * z;
        sxx[l] += sumXX;
        syy[l] += n * y * (long) y;
        szz[l] += n * z * (long) z;
        sxy[l] += sumX * y;
        sxz[l] += sumX * z;
        syz[l] += n * y * (long) z;
        if (x0 < minX[l]) {
            minX[l] = x0;
        }
        if (x1 - 1 > maxX[l]) {
            maxX[l] = x1 - 1;
        }
        if (y < minY[l]) {
            minY[l] = y;
        }
        if (y > maxY[l]) {
            maxY[l] = y;
        }
        if (z < minZ[l]) {
            minZ[l] = z;
        }
        if (z > maxZ[l]) {
            maxZ[l] = z;
        }
    }

    private static long sumSquares(long m) {
        return m < 0 ? 0 : m * (m + 1) * (2 * m + 1) / 6;
    }

    /** Adds one intensity value of label {@code l}. */
    public void addIntensity(int l, double value) {
        sumI[l] += value;
        sumII[l] += value * value;
        if (value < minI[l]) {
            minI[l] = value;
        }
        if (value > maxI[l]) {
            maxI[l] = value;
        }
    }

    /** Adds {@code other}'s sums (partitions must be merged in a fixed order for the intensity sums). */
    public void merge(RegionMoments other) {
        for (int l = 1; l <= labels; l++) {
            if (other.count[l] == 0) {
                continue;
            }
            count[l] += other.count[l];
            sx[l] += other.sx[l];
            sy[l] += other.sy[l];
            sz[l] += other.sz[l];
            sxx[l] += other.sxx[l];
            syy[l] += other.syy[l];
            szz[l] += other.szz[l];
            sxy[l] += other.sxy[l];
            sxz[l] += other.sxz[l];
            syz[l] += other.syz[l];
            minX[l] = Math.min(minX[l], other.minX[l]);
            minY[l] = Math.min(minY[l], other.minY[l]);
            minZ[l] = Math.min(minZ[l], other.minZ[l]);
            maxX[l] = Math.max(maxX[l], other.maxX[l]);
            maxY[l] = Math.max(maxY[l], other.maxY[l]);
            maxZ[l] = Math.max(maxZ[l], other.maxZ[l]);
            if (sumI != null) {
                sumI[l] += other.sumI[l];
                sumII[l] += other.sumII[l];
                minI[l] = Math.min(minI[l], other.minI[l]);
                maxI[l] = Math.max(maxI[l], other.maxI[l]);
            }
        }
    }
}
