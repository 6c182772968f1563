package org.qbi.ops.threshold.internal;

/**
 * Window mean and standard deviation (skimage's _mean_std): the basis of Niblack's and Sauvola's thresholds. Their
 * borders are numpy.pad's 'reflect' (d c b | a b c d), which is scipy's 'mirror'.
 */
public final class WindowStatistics {

    /** numpy.pad(mode='reflect') is scipy.ndimage's 'mirror'. */
    public static final org.qbi.ops.block.Boundary BORDER = org.qbi.ops.block.Boundary.MIRROR;

    private WindowStatistics() {
    }

    /** {mean, std} of the size^d window around each inner pixel; std = sqrt(max(E[x^2] - mean^2, 0)). */
    public static double[][] meanStd(double[] values, int nx, int ny, int nz, int[] halo, int size, boolean volume) {
        double[] w = LocalStatistics.box(size);
        double[][] weights = { w, w, volume ? w : new double[] { 1 } };
        double[] mean = LocalStatistics.filter(values, nx, ny, nz, halo, weights);
        double[] squares = new double[values.length];
        for (int i = 0; i < values.length; i++) {
            squares[i] = values[i] * values[i];
        }
        double[] meanSquares = LocalStatistics.filter(squares, nx, ny, nz, halo, weights);
        double[] std = new double[mean.length];
        for (int i = 0; i < mean.length; i++) {
            std[i] = Math.sqrt(Math.max(meanSquares[i] - mean[i] * mean[i], 0));
        }
        return new double[][] { mean, std };
    }
}
