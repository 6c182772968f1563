package org.qbi.io.dicom.internal.jpegls;

/**
 * Run mode of T.87 A.7: run lengths coded with the J table (A.7.1) and the run interruption sample with its two
 * contexts, RItype 0 (365) and 1 (366) (A.7.2).
 * <p>
 * Each component of a line-interleaved scan keeps its own RUNindex (T.87 Annex B); the run contexts are shared. In a
 * sample-interleaved scan one RUNindex serves the whole pixel and every component of an interruption pixel is coded
 * as RItype 0, predicted from Rb: what CharLS does (GDCM and dcmtk use it), checked on streams of CharLS 2.4 and of dcmtk's
 * older CharLS fork.
 */
final class RunMode {

    /** The run-length order table J of T.87 A.7.1. */
    private static final int[] J = {0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9,
            10, 11, 12, 13, 14, 15};
    private static final int MAX_K = 24;

    private final CodingParameters p;
    private final int[] runIndex;
    /** A, N, Nn of the two run interruption contexts (index = RItype). */
    private final long[] a = new long[2];
    private final int[] n = new int[2];
    private final int[] nn = new int[2];

    RunMode(CodingParameters parameters, int components) {
        this.p = parameters;
        this.runIndex = new int[components];
        reset();
    }

    /** Initial state of A.2.1. */
    void reset() {
        java.util.Arrays.fill(runIndex, 0);
        long initialA = Math.max(2, (p.range() + 32) / 64);
        java.util.Arrays.fill(a, initialA);
        java.util.Arrays.fill(n, 1);
        java.util.Arrays.fill(nn, 0);
    }

    /**
     * Decodes a run length (T.87 A.7.1, decoder side): the number of samples from the current one that repeat the
     * run value. Returns {@code remaining} when the run reaches the end of the line; anything less means the sample
     * after the run is a run interruption sample.
     */
    int decodeRunLength(BitReader in, int component, int remaining) throws JpegLsException {
        int length = 0;
        while (in.readBit() == 1) {
            int step = 1 << J[runIndex[component]];
            int count = Math.min(step, remaining - length);
            length += count;
            if (count == step && runIndex[component] < 31) {
                runIndex[component]++;
            }
            if (length == remaining) {
                return length;
            }
        }
        length += in.readBits(J[runIndex[component]]);
        if (length >= remaining) {
            throw new JpegLsException("corrupt coded data: a run of " + length + " samples where " + remaining
                    + " remain in the line");
        }
        return length;
    }

    /** The end of a run interruption (A.7.2, last step): RUNindex steps back. */
    void endInterruption(int component) {
        if (runIndex[component] > 0) {
            runIndex[component]--;
        }
    }

    /** A single-component run interruption sample (A.7.2) with run value ra and the sample above rb. */
    int decodeInterruption(BitReader in, int component, int ra, int rb) throws JpegLsException {
        if (Math.abs(ra - rb) <= p.near()) {
            return p.reconstruct(ra, decodeError(in, component, 1));
        }
        int error = decodeError(in, component, 0);
        return p.reconstruct(rb, rb > ra ? error : -error);
    }

    /** One component of a sample-interleaved run interruption pixel: always RItype 0, predicted from rb. */
    int decodeInterleavedInterruption(BitReader in, int ra, int rb) throws JpegLsException {
        int error = decodeError(in, 0, 0);
        return p.reconstruct(rb, rb >= ra ? error : -error);
    }

    /** The error of a run interruption sample (T.87 A.7.2 inverted) and the context update. */
    private int decodeError(BitReader in, int component, int riType) throws JpegLsException {
        long temp = riType == 0 ? a[riType] : a[riType] + (n[riType] >> 1);
        int k = 0;
        while (((long) n[riType] << k) < temp) {
            if (++k > MAX_K) {
                throw new JpegLsException("corrupt coded data: Golomb parameter above " + MAX_K);
            }
        }
        int mapped = p.decodeGolomb(in, k, p.limit() - J[runIndex[component]] - 1);
        // EMErrval = 2 |Errval| - RItype - map: recover |Errval| and map, then the sign that map implies.
        int t = mapped + riType;
        boolean map = (t & 1) == 1;
        int magnitude = (t + (map ? 1 : 0)) >> 1;
        boolean negativeMapsToOne = k != 0 || 2 * nn[riType] >= n[riType];
        int error = negativeMapsToOne == map ? -magnitude : magnitude;

        if (error < 0) {
            nn[riType]++;
        }
        a[riType] += (mapped + 1 - riType) >> 1;
        if (n[riType] == p.reset()) {
            a[riType] >>= 1;
            n[riType] >>= 1;
            nn[riType] >>= 1;
        }
        n[riType]++;
        return error;
    }
}
