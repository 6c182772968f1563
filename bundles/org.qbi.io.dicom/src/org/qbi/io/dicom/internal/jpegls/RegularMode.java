package org.qbi.io.dicom.internal.jpegls;

/**
 * The context model and regular-mode decoding of T.87 A.3 to A.6: gradient quantization into one of 365 contexts,
 * the median edge detector prediction, the adaptive bias correction and the Golomb parameter of each context.
 * <p>
 * The 365 contexts are indexed by |81 Q1 + 9 Q2 + Q3| after the sign flip of A.3.4 (the sign of that sum is the sign
 * of its first non-zero term); index 0 is used only in sample-interleaved scans, where one component of a pixel may
 * have all-zero gradients while another does not.
 */
final class RegularMode {

    private static final int CONTEXTS = 365;
    private static final int MIN_C = -128;
    private static final int MAX_C = 127;
    /** A valid stream never needs k above qbpp (at most 16); a larger k means the statistics are corrupt. */
    private static final int MAX_K = 24;

    private final CodingParameters p;
    /** A[Q]: accumulated prediction error magnitudes (long: RESET * RANGE may exceed an int). */
    private final long[] a = new long[CONTEXTS];
    /** B[Q]: accumulated bias. */
    private final int[] b = new int[CONTEXTS];
    /** C[Q]: the bias correction added to the prediction. */
    private final int[] c = new int[CONTEXTS];
    /** N[Q]: how many samples the context has seen (since the last halving). */
    private final int[] n = new int[CONTEXTS];

    RegularMode(CodingParameters parameters) {
        this.p = parameters;
        reset();
    }

    /** Initial state of A.2.1 (start of a scan and of every restart interval). */
    void reset() {
        long initialA = Math.max(2, (p.range() + 32) / 64);
        java.util.Arrays.fill(a, initialA);
        java.util.Arrays.fill(b, 0);
        java.util.Arrays.fill(c, 0);
        java.util.Arrays.fill(n, 1);
    }

    /** Quantizes one local gradient to -4..4 (T.87 A.3.3). */
    int quantize(int d) {
        if (d <= -p.t3()) {
            return -4;
        }
        if (d <= -p.t2()) {
            return -3;
        }
        if (d <= -p.t1()) {
            return -2;
        }
        if (d < -p.near()) {
            return -1;
        }
        if (d <= p.near()) {
            return 0;
        }
        if (d < p.t1()) {
            return 1;
        }
        if (d < p.t2()) {
            return 2;
        }
        if (d < p.t3()) {
            return 3;
        }
        return 4;
    }

    /**
     * The signed context of a sample from its neighbours (a left, b above, c above-left, d above-right): 0 when all
     * three gradients quantize to 0 (the run-mode condition of A.3.1), else 81 Q1 + 9 Q2 + Q3.
     */
    int context(int ra, int rb, int rc, int rd) {
        return 81 * quantize(rd - rb) + 9 * quantize(rb - rc) + quantize(rc - ra);
    }

    /** Decodes one sample in regular mode (T.87 A.4 to A.6) and updates its context. */
    int decode(BitReader in, int signedContext, int ra, int rb, int rc) throws JpegLsException {
        boolean negative = signedContext < 0;
        int q = negative ? -signedContext : signedContext;

        // A.4.1 edge-detecting predictor, A.4.2 bias correction.
        int predicted;
        if (rc >= Math.max(ra, rb)) {
            predicted = Math.min(ra, rb);
        } else if (rc <= Math.min(ra, rb)) {
            predicted = Math.max(ra, rb);
        } else {
            predicted = ra + rb - rc;
        }
        predicted += negative ? -c[q] : c[q];
        if (predicted > p.maxVal()) {
            predicted = p.maxVal();
        } else if (predicted < 0) {
            predicted = 0;
        }

        // A.5.1 Golomb parameter, A.5.3 code word, A.5.2 inverse error mapping.
        int k = 0;
        while (((long) n[q] << k) < a[q]) {
            if (++k > MAX_K) {
                throw new JpegLsException("corrupt coded data: Golomb parameter above " + MAX_K);
            }
        }
        int mapped = p.decodeGolomb(in, k, p.limit());
        int error = (mapped >>> 1) ^ -(mapped & 1);
        if (p.near() == 0 && k == 0 && 2 * b[q] <= -n[q]) {
            error = ~error;
        }

        update(q, error);
        return p.reconstruct(predicted, negative ? -error : error);
    }

    /** A.6.1 context variable update and A.6.2 bias computation. */
    private void update(int q, int error) {
        b[q] += error * (2 * p.near() + 1);
        a[q] += Math.abs(error);
        if (n[q] == p.reset()) {
            a[q] >>= 1;
            b[q] >>= 1; // an arithmetic shift: the same as T.87's -((1 - B) >> 1) for negative B
            n[q] >>= 1;
        }
        n[q]++;
        if (b[q] <= -n[q]) {
            b[q] += n[q];
            if (c[q] > MIN_C) {
                c[q]--;
            }
            if (b[q] <= -n[q]) {
                b[q] = -n[q] + 1;
            }
        } else if (b[q] > 0) {
            b[q] -= n[q];
            if (c[q] < MAX_C) {
                c[q]++;
            }
            if (b[q] > 0) {
                b[q] = 0;
            }
        }
    }
}
