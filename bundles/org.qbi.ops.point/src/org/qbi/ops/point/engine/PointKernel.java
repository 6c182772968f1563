package org.qbi.ops.point.engine;

/**
 * A pixel-wise function of one or more images, applied to runs of contiguous pixels: {@code out[i] = f(in[0][i],
 * in[1][i], ...)} for {@code i < n}. Called from several threads at once with their own arrays: keep no per-call
 * state in fields. Write the loops branch-free over the arrays so the JIT vectorises them.
 *
 * @since 0.1
 */
public interface PointKernel {

    /** The function in float32 arithmetic (images of up to 16 bits and float32). */
    void floats(float[][] in, float[] out, int n);

    /** The function in float64 arithmetic (float64 and 32-bit integer images, or when asked). */
    void doubles(double[][] in, double[] out, int n);
}
