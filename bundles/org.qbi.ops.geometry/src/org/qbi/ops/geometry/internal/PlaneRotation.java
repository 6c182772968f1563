package org.qbi.ops.geometry.internal;

import java.io.IOException;

import org.qbi.ops.OperatorContext;
import org.qbi.ops.geometry.EdgeMode;
import org.qbi.ops.geometry.Plane;

/**
 * scipy.ndimage.rotate's geometry and sampling for one plane: the output size (with reshape, the rotated box's
 * extent + 0.5 rounded down), the offset that keeps the centres together, and B-spline sampling of every plane
 * parallel to it at input (p, q) = R (p', q') + offset, R = [[cos, sin], [-sin, cos]] (ni_interpolation.c's
 * NI_GeometricTransform with the same coordinate arithmetic).
 *
 * @param inP     input size along p
 * @param inQ     input size along q
 * @param outP    output size along p
 * @param outQ    output size along q
 * @param cos     cosine of the angle
 * @param sin     sine of the angle
 * @param offsetP input p of output (0, 0)
 * @param offsetQ input q of output (0, 0)
 */
public record PlaneRotation(long inP, long inQ, long outP, long outQ, double cos, double sin, double offsetP,
        double offsetQ) {

    public static PlaneRotation of(long inP, long inQ, double cos, double sin, boolean reshape) {
        long outP = inP;
        long outQ = inQ;
        if (reshape) {
            double[] p = { 0, cos * 0 + sin * inQ, cos * inP + sin * 0, cos * inP + sin * inQ };
            double[] q = { 0, -sin * 0 + cos * inQ, -sin * inP + cos * 0, -sin * inP + cos * inQ };
            outP = (long) (extent(p) + 0.5);
            outQ = (long) (extent(q) + 0.5);
        }
        double cp = (outP - 1) / 2.0;
        double cq = (outQ - 1) / 2.0;
        double offsetP = (inP - 1) / 2.0 - (cos * cp + sin * cq);
        double offsetQ = (inQ - 1) / 2.0 - (-sin * cp + cos * cq);
        return new PlaneRotation(inP, inQ, Math.max(outP, 1), Math.max(outQ, 1), cos, sin, offsetP, offsetQ);
    }

    private static double extent(double[] values) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        return max - min;
    }

    /** Rotates every plane of {@code in} parallel to {@code plane} into {@code out}. */
    public void run(FloatVolume in, FloatVolume out, Plane plane, int order, EdgeMode mode, double constant,
            OperatorContext context) throws IOException {
        int p = plane.p();
        int q = plane.q();
        int r = plane.normal();
        int[] inStride = { 1, in.nx(), in.nx() * in.ny() };
        int[] outStride = { 1, out.nx(), out.nx() * out.ny() };
        int[] inDims = { in.nx(), in.ny(), in.nz() };
        int np = (int) inP;
        int nq = (int) inQ;
        int npad = Taps.padding(mode, order);
        int lp = np + 2 * npad;
        int lq = nq + 2 * npad;
        for (int slice = 0; slice < inDims[r]; slice++) {
            double[] coefficients = new double[lp * lq];
            int inBase = slice * inStride[r];
            for (int i = 0; i < lp; i++) {
                for (int j = 0; j < lq; j++) {
                    int si = i - npad;
                    int sj = j - npad;
                    double v;
                    if (si >= 0 && si < np && sj >= 0 && sj < nq) {
                        v = in.data()[inBase + si * inStride[p] + sj * inStride[q]];
                    } else if (mode == EdgeMode.NEAREST) {
                        si = Math.clamp(si, 0, np - 1);
                        sj = Math.clamp(sj, 0, nq - 1);
                        v = in.data()[inBase + si * inStride[p] + sj * inStride[q]];
                    } else {
                        v = constant;
                    }
                    coefficients[i * lq + j] = v;
                }
            }
            if (order > 1) {
                double[] row = new double[lq];
                for (int i = 0; i < lp; i++) {
                    System.arraycopy(coefficients, i * lq, row, 0, lq);
                    SplinePrefilter.apply(row, lq, 1, mode);
                    System.arraycopy(row, 0, coefficients, i * lq, lq);
                }
                SplinePrefilter.apply(coefficients, lp, lq, mode);
            }
            int outBase = slice * outStride[r];
            context.forEach((int) outP, op -> {
                double[] wp = new double[order + 1];
                double[] wq = new double[order + 1];
                int[] ip = new int[order + 1];
                int[] iq = new int[order + 1];
                for (int oq = 0; oq < outQ; oq++) {
                    double cp = cos * op + sin * oq;
                    cp += offsetP;
                    double cq = -sin * op + cos * oq;
                    cq += offsetQ;
                    float value;
                    if (!support(cp, np, npad, order, mode, ip, wp) || !support(cq, nq, npad, order, mode, iq, wq)) {
                        value = (float) constant;
                    } else {
                        double sum = 0;
                        for (int a = 0; a <= order; a++) {
                            double rowSum = 0;
                            if (ip[a] < 0) {
                                rowSum = constant;
                            } else {
                                int rowBase = ip[a] * lq;
                                for (int b = 0; b <= order; b++) {
                                    rowSum += wq[b] * (iq[b] < 0 ? constant : coefficients[rowBase + iq[b]]);
                                }
                            }
                            sum += wp[a] * rowSum;
                        }
                        value = (float) sum;
                    }
                    out.data()[outBase + op * outStride[p] + oq * outStride[q]] = value;
                }
            });
        }
    }

    /** The taps of coordinate {@code cc} on a line of n samples padded by npad; false for the constant. */
    private static boolean support(double cc, int n, int npad, int order, EdgeMode mode, int[] index, double[] w) {
        if (mode == EdgeMode.CONSTANT && (cc < 0 || cc > n - 1)) {
            return false;
        }
        double cp = cc + npad;
        long start = order == 0 ? (long) Math.floor(cp + 0.5) : (long) Math.floor(cp) - order / 2;
        Taps.weights(cp, order, w);
        for (int k = 0; k <= order; k++) {
            index[k] = Taps.map(start + k, n + 2 * npad, mode);
        }
        return true;
    }
}
