package org.qbi.io.dicom.internal.jpeg12;

/**
 * IJG libjpeg 6b's jidctint.c (jpeg_idct_islow) with its constants, its column-then-row order, its zero-column and
 * zero-row shortcuts and its range-limit table, so the output equals what dcmtk (dcmdjpeg) and GDCM decode, which
 * both build IJG 6b for 8 and 12 bits. The arithmetic is done in 64 bits as IJG's INT32 ({@code long}) on 64-bit
 * Linux; the workspace is {@code int} as in IJG.
 */
final class Idct {

    private static final int CONST_BITS = 13;
    private static final long FIX_0_298631336 = 2446;
    private static final long FIX_0_390180644 = 3196;
    private static final long FIX_0_541196100 = 4433;
    private static final long FIX_0_765366865 = 6270;
    private static final long FIX_0_899976223 = 7373;
    private static final long FIX_1_175875602 = 9633;
    private static final long FIX_1_501321110 = 12299;
    private static final long FIX_1_847759065 = 15137;
    private static final long FIX_1_961570560 = 16069;
    private static final long FIX_2_053119869 = 16819;
    private static final long FIX_2_562915447 = 20995;
    private static final long FIX_3_072711026 = 25172;

    private final int pass1Bits;
    private final int maxSample;
    private final int center;
    private final int rangeMask;
    private final int[] workspace = new int[64];

    Idct(int precision) {
        this.pass1Bits = precision == 8 ? 2 : 1;
        this.maxSample = (1 << precision) - 1;
        this.center = 1 << (precision - 1);
        this.rangeMask = maxSample * 4 + 3;
    }

    private static long descale(long x, int n) {
        return (x + (1L << (n - 1))) >> n;
    }

    /** IJG's post-IDCT range limit: the value masked to RANGE_MASK, taken as signed, level-shifted and clamped. */
    private int limit(long x) {
        int v = (int) x & rangeMask;
        if (v >= 2 * (maxSample + 1)) {
            v -= 4 * (maxSample + 1);
        }
        v += center;
        return v < 0 ? 0 : Math.min(v, maxSample);
    }

    /**
     * Inverse-transforms one block of quantized coefficients (natural order, {@code short} as IJG's JCOEF) with the
     * quantization table {@code q} (natural order) into {@code out} at {@code offset} with row stride {@code stride}.
     */
    void transform(short[] coef, int[] q, int[] out, int offset, int stride) {
        int[] ws = workspace;
        int p1 = pass1Bits;
        for (int col = 0; col < 8; col++) {
            if (coef[8 + col] == 0 && coef[16 + col] == 0 && coef[24 + col] == 0 && coef[32 + col] == 0
                    && coef[40 + col] == 0 && coef[48 + col] == 0 && coef[56 + col] == 0) {
                int dc = (coef[col] * q[col]) << p1;
                for (int r = 0; r < 8; r++) {
                    ws[r * 8 + col] = dc;
                }
                continue;
            }
            long z2 = (long) coef[16 + col] * q[16 + col];
            long z3 = (long) coef[48 + col] * q[48 + col];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            z2 = (long) coef[col] * q[col];
            z3 = (long) coef[32 + col] * q[32 + col];
            long tmp0 = (z2 + z3) << CONST_BITS;
            long tmp1 = (z2 - z3) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;

            tmp0 = (long) coef[56 + col] * q[56 + col];
            tmp1 = (long) coef[40 + col] * q[40 + col];
            tmp2 = (long) coef[24 + col] * q[24 + col];
            tmp3 = (long) coef[8 + col] * q[8 + col];
            long[] odd = odd(tmp0, tmp1, tmp2, tmp3);
            int n = CONST_BITS - p1;
            ws[col] = (int) descale(tmp10 + odd[3], n);
            ws[56 + col] = (int) descale(tmp10 - odd[3], n);
            ws[8 + col] = (int) descale(tmp11 + odd[2], n);
            ws[48 + col] = (int) descale(tmp11 - odd[2], n);
            ws[16 + col] = (int) descale(tmp12 + odd[1], n);
            ws[40 + col] = (int) descale(tmp12 - odd[1], n);
            ws[24 + col] = (int) descale(tmp13 + odd[0], n);
            ws[32 + col] = (int) descale(tmp13 - odd[0], n);
        }
        for (int row = 0; row < 8; row++) {
            int w = row * 8;
            int o = offset + row * stride;
            if (ws[w + 1] == 0 && ws[w + 2] == 0 && ws[w + 3] == 0 && ws[w + 4] == 0 && ws[w + 5] == 0
                    && ws[w + 6] == 0 && ws[w + 7] == 0) {
                int v = limit(descale(ws[w], p1 + 3));
                for (int c = 0; c < 8; c++) {
                    out[o + c] = v;
                }
                continue;
            }
            long z2 = ws[w + 2];
            long z3 = ws[w + 6];
            long z1 = (z2 + z3) * FIX_0_541196100;
            long tmp2 = z1 + z3 * -FIX_1_847759065;
            long tmp3 = z1 + z2 * FIX_0_765366865;
            long tmp0 = ((long) ws[w] + ws[w + 4]) << CONST_BITS;
            long tmp1 = ((long) ws[w] - ws[w + 4]) << CONST_BITS;
            long tmp10 = tmp0 + tmp3;
            long tmp13 = tmp0 - tmp3;
            long tmp11 = tmp1 + tmp2;
            long tmp12 = tmp1 - tmp2;
            long[] odd = odd(ws[w + 7], ws[w + 5], ws[w + 3], ws[w + 1]);
            int n = CONST_BITS + p1 + 3;
            out[o] = limit(descale(tmp10 + odd[3], n));
            out[o + 7] = limit(descale(tmp10 - odd[3], n));
            out[o + 1] = limit(descale(tmp11 + odd[2], n));
            out[o + 6] = limit(descale(tmp11 - odd[2], n));
            out[o + 2] = limit(descale(tmp12 + odd[1], n));
            out[o + 5] = limit(descale(tmp12 - odd[1], n));
            out[o + 3] = limit(descale(tmp13 + odd[0], n));
            out[o + 4] = limit(descale(tmp13 - odd[0], n));
        }
    }

    private final long[] oddOut = new long[4];

    /** The odd part of jidctint.c: tmp0..tmp3 from rows/columns 7, 5, 3, 1. */
    private long[] odd(long tmp0, long tmp1, long tmp2, long tmp3) {
        long z1 = tmp0 + tmp3;
        long z2 = tmp1 + tmp2;
        long z3 = tmp0 + tmp2;
        long z4 = tmp1 + tmp3;
        long z5 = (z3 + z4) * FIX_1_175875602;
        tmp0 = tmp0 * FIX_0_298631336;
        tmp1 = tmp1 * FIX_2_053119869;
        tmp2 = tmp2 * FIX_3_072711026;
        tmp3 = tmp3 * FIX_1_501321110;
        z1 = z1 * -FIX_0_899976223;
        z2 = z2 * -FIX_2_562915447;
        z3 = z3 * -FIX_1_961570560;
        z4 = z4 * -FIX_0_390180644;
        z3 += z5;
        z4 += z5;
        oddOut[0] = tmp0 + z1 + z3;
        oddOut[1] = tmp1 + z2 + z4;
        oddOut[2] = tmp2 + z2 + z3;
        oddOut[3] = tmp3 + z1 + z4;
        return oddOut;
    }
}
