package org.qbi.ops.geometry.internal;

import java.io.IOException;

import org.qbi.ops.OperatorContext;
import org.qbi.ops.geometry.EdgeMode;

/**
 * One separable pass along axis x, y or z of a {@link FloatVolume}: each line along the axis is (padded,
 * prefiltered when the spline order is above 1, then) combined through {@link Taps} into a line of the output's
 * length. Resampling is three such passes (B-spline interpolation of a tensor-product grid is separable), an
 * anti-aliasing Gaussian three more. Lines along y and z are processed as bundles of whole x rows, so the inner
 * loops run over contiguous memory. Parallel over planes (x, y passes) or rows (z pass); each output value is
 * computed by one task in a fixed order, so results do not depend on the threads.
 */
public final class AxisPass {

    private AxisPass() {
    }

    /**
     * @param in        the input volume
     * @param axis      0, 1 or 2
     * @param taps      output length = taps.count()
     * @param prefilter true to turn values into cubic spline coefficients first
     * @param mode      the extension (padding and prefilter boundary)
     * @param constant  the constant value for constant modes
     */
    public static FloatVolume run(FloatVolume in, int axis, Taps taps, boolean prefilter, EdgeMode mode,
            double constant, OperatorContext context, String what) throws IOException {
        int[] inDims = { in.nx(), in.ny(), in.nz() };
        int[] outDims = inDims.clone();
        outDims[axis] = taps.count();
        FloatVolume out = FloatVolume.allocate(outDims[0], outDims[1], outDims[2], what);
        int n = inDims[axis];
        int npad = prefilter ? Taps.padding(mode, 3) : 0;
        int w = axis == 0 ? 1 : in.nx();
        int inStride = axis == 0 ? 1 : axis == 1 ? in.nx() : in.nx() * in.ny();
        int outStride = axis == 0 ? 1 : axis == 1 ? out.nx() : out.nx() * out.ny();
        // tasks: x and y passes one z plane each, z pass one y row of bundles each
        int tasks = axis == 2 ? in.ny() : in.nz();
        if (!prefilter) {
            // no spline prefilter: combine the input rows directly, in float, with loops the JIT vectorises
            context.forEach(tasks, task -> {
                if (axis == 0) {
                    for (int y = 0; y < in.ny(); y++) {
                        gather(in.data(), (task * in.ny() + y) * in.nx(), taps, constant, out.data(),
                                (task * out.ny() + y) * out.nx());
                    }
                } else {
                    int inBase = axis == 1 ? task * in.nx() * in.ny() : task * in.nx();
                    int outBase = axis == 1 ? task * out.nx() * out.ny() : task * out.nx();
                    combineRows(in.data(), inBase, inStride, w, taps, constant, out.data(), outBase, outStride);
                }
            });
            return out;
        }
        context.forEach(tasks, task -> {
            double[] line = new double[(n + 2 * npad) * w];
            double[] acc = new double[w];
            if (axis == 0) {
                for (int y = 0; y < in.ny(); y++) {
                    int inBase = (task * in.ny() + y) * in.nx();
                    int outBase = (task * out.ny() + y) * out.nx();
                    line(in.data(), inBase, inStride, n, w, npad, line, prefilter, mode, constant);
                    combine(line, taps, w, constant, acc, out.data(), outBase, outStride);
                }
            } else if (axis == 1) {
                int inBase = task * in.nx() * in.ny();
                int outBase = task * out.nx() * out.ny();
                line(in.data(), inBase, inStride, n, w, npad, line, prefilter, mode, constant);
                combine(line, taps, w, constant, acc, out.data(), outBase, outStride);
            } else {
                int inBase = task * in.nx();
                int outBase = task * out.nx();
                line(in.data(), inBase, inStride, n, w, npad, line, prefilter, mode, constant);
                combine(line, taps, w, constant, acc, out.data(), outBase, outStride);
            }
        });
        return out;
    }

    /** One x row: each output is the taps' weighted sum of input samples of the row. */
    private static void gather(float[] in, int inBase, Taps taps, double constant, float[] out, int outBase) {
        int width = taps.width();
        int[] index = taps.index();
        double[] weight = taps.weight();
        boolean[] outside = taps.outside();
        for (int j = 0; j < outside.length; j++) {
            if (outside[j]) {
                out[outBase + j] = (float) constant;
                continue;
            }
            double sum = 0;
            for (int k = 0; k < width; k++) {
                int i = index[j * width + k];
                sum += weight[j * width + k] * (i < 0 ? constant : in[inBase + i]);
            }
            out[outBase + j] = (float) sum;
        }
    }

    /** Rows of w values along y or z: output row j is the taps' weighted sum of input rows, in float. */
    private static void combineRows(float[] in, int inBase, int inStride, int w, Taps taps, double constant,
            float[] out, int outBase, int outStride) {
        int width = taps.width();
        int[] index = taps.index();
        double[] weight = taps.weight();
        boolean[] outside = taps.outside();
        for (int j = 0; j < outside.length; j++) {
            int to = outBase + j * outStride;
            if (outside[j]) {
                java.util.Arrays.fill(out, to, to + w, (float) constant);
                continue;
            }
            for (int k = 0; k < width; k++) {
                int i = index[j * width + k];
                float wk = (float) weight[j * width + k];
                if (i < 0) {
                    float add = (float) (weight[j * width + k] * constant);
                    for (int e = 0; e < w; e++) {
                        out[to + e] = k == 0 ? add : out[to + e] + add;
                    }
                } else if (k == 0) {
                    int from = inBase + i * inStride;
                    for (int e = 0; e < w; e++) {
                        out[to + e] = wk * in[from + e];
                    }
                } else {
                    int from = inBase + i * inStride;
                    for (int e = 0; e < w; e++) {
                        out[to + e] += wk * in[from + e];
                    }
                }
            }
        }
    }

    /** Loads a bundle of w lines of n samples, pads it by npad rows on each side, prefilters it. */
    private static void line(float[] data, int base, int stride, int n, int w, int npad, double[] line,
            boolean prefilter, EdgeMode mode, double constant) {
        for (int k = 0; k < n; k++) {
            int from = base + k * stride;
            int to = (k + npad) * w;
            for (int e = 0; e < w; e++) {
                line[to + e] = data[from + e];
            }
        }
        for (int k = 0; k < npad; k++) {
            int before = k * w;
            int after = (n + npad + k) * w;
            for (int e = 0; e < w; e++) {
                if (mode == EdgeMode.NEAREST) {
                    line[before + e] = line[npad * w + e];
                    line[after + e] = line[(n + npad - 1) * w + e];
                } else {
                    line[before + e] = constant;
                    line[after + e] = constant;
                }
            }
        }
        if (prefilter) {
            SplinePrefilter.apply(line, n + 2 * npad, w, mode);
        }
    }

    /** Writes output row j of the bundle: the taps' weighted sum of input rows. */
    private static void combine(double[] line, Taps taps, int w, double constant, double[] acc, float[] out,
            int outBase, int outStride) {
        int width = taps.width();
        int[] index = taps.index();
        double[] weight = taps.weight();
        boolean[] outside = taps.outside();
        float constantValue = (float) constant;
        for (int j = 0; j < outside.length; j++) {
            int to = outBase + j * outStride;
            if (outside[j]) {
                java.util.Arrays.fill(out, to, to + w, constantValue);
                continue;
            }
            java.util.Arrays.fill(acc, 0);
            for (int k = 0; k < width; k++) {
                int i = index[j * width + k];
                double wk = weight[j * width + k];
                if (i < 0) {
                    double add = wk * constant;
                    for (int e = 0; e < w; e++) {
                        acc[e] += add;
                    }
                } else {
                    int row = i * w;
                    for (int e = 0; e < w; e++) {
                        acc[e] += wk * line[row + e];
                    }
                }
            }
            for (int e = 0; e < w; e++) {
                out[to + e] = (float) acc[e];
            }
        }
    }
}
