package org.qbi.io.dicom.internal.jpegls;

/**
 * The coding parameters of one scan (T.87 C.2.4.1.1 and A.2.1): MAXVAL, the gradient thresholds T1, T2, T3, RESET
 * and NEAR, with the values derived from them (RANGE, qbpp, LIMIT).
 *
 * @param maxVal the largest sample value
 * @param t1 first gradient quantization threshold
 * @param t2 second threshold
 * @param t3 third threshold
 * @param reset how many samples a context counts before its statistics are halved
 * @param near the largest allowed reconstruction error (0 = lossless)
 * @param range the number of distinct quantized prediction errors (A.2.1)
 * @param qbpp bits of a quantized error (ceil(log2 RANGE))
 * @param limit the longest Golomb code word (A.2.1: 2 * (bpp + max(8, bpp)))
 */
record CodingParameters(int maxVal, int t1, int t2, int t3, int reset, int near, int range, int qbpp, int limit) {

    private static final int BASIC_T1 = 3;
    private static final int BASIC_T2 = 7;
    private static final int BASIC_T3 = 21;
    private static final int DEFAULT_RESET = 64;

    /**
     * Resolves the parameters of a scan from the frame's sample precision, the scan's NEAR and the preset values of
     * the last LSE marker segment (0 = default; all 0 when there was none), and validates them as T.87 C.2.4.1.1
     * requires.
     *
     * @param interpretation T.87, or the deviation of an encoder (see {@link Interpretation})
     */
    static CodingParameters resolve(int bitsPerSample, int near, int[] preset, Interpretation interpretation)
            throws JpegLsException {
        int fullScale = (1 << bitsPerSample) - 1;
        int maxVal = preset[0] != 0 ? preset[0] : fullScale;
        if (maxVal < 1 || maxVal > fullScale) {
            throw new JpegLsException("LSE preset MAXVAL " + maxVal + " is outside 1.." + fullScale + " for "
                    + bitsPerSample + "-bit samples");
        }
        int maxNear = Math.min(255, maxVal / 2);
        if (near > maxNear) {
            throw new JpegLsException("NEAR " + near + " is larger than the allowed " + maxNear + " for MAXVAL "
                    + maxVal);
        }
        int[] defaults = interpretation == Interpretation.JAI_THRESHOLDS ? thresholds(maxVal, maxVal, near)
                : defaultThresholds(maxVal, near);
        int t1 = preset[1] != 0 ? preset[1] : defaults[0];
        int t2 = preset[2] != 0 ? preset[2] : defaults[1];
        int t3 = preset[3] != 0 ? preset[3] : defaults[2];
        int reset = preset[4] != 0 ? preset[4] : DEFAULT_RESET;
        if (t1 < near + 1 || t1 > maxVal || t2 < t1 || t2 > maxVal || t3 < t2 || t3 > maxVal) {
            throw new JpegLsException("invalid thresholds T1=" + t1 + " T2=" + t2 + " T3=" + t3 + " (NEAR " + near
                    + ", MAXVAL " + maxVal + "): T.87 requires NEAR+1 <= T1 <= T2 <= T3 <= MAXVAL");
        }
        if (reset < 3 || reset > Math.max(255, maxVal)) {
            throw new JpegLsException("invalid RESET " + reset + ": T.87 requires 3 <= RESET <= max(255, MAXVAL)");
        }
        int codingMaxVal = interpretation == Interpretation.CHARLS_MAXVAL ? fullScale : maxVal;
        int range = (codingMaxVal + 2 * near) / (2 * near + 1) + 1;
        int qbpp = ceilLog2(range);
        int bpp = Math.max(2, ceilLog2(codingMaxVal + 1));
        int limit = 2 * (bpp + Math.max(8, bpp));
        return new CodingParameters(codingMaxVal, t1, t2, t3, reset, near, range, qbpp, limit);
    }

    /** The default T1, T2, T3 of T.87 C.2.4.1.1.1 for MAXVAL and NEAR. */
    static int[] defaultThresholds(int maxVal, int near) {
        return thresholds(maxVal, Math.min(maxVal, 4095), near);
    }

    /** The thresholds of C.2.4.1.1.1 with FACTOR computed from {@code factorMaxVal} (JAI: MAXVAL unclamped). */
    private static int[] thresholds(int maxVal, int factorMaxVal, int near) {
        int t1;
        int t2;
        int t3;
        if (maxVal >= 128) {
            int factor = (factorMaxVal + 128) / 256;
            t1 = clamp(factor * (BASIC_T1 - 2) + 2 + 3 * near, near + 1, maxVal);
            t2 = clamp(factor * (BASIC_T2 - 3) + 3 + 5 * near, t1, maxVal);
            t3 = clamp(factor * (BASIC_T3 - 4) + 4 + 7 * near, t2, maxVal);
        } else {
            int factor = 256 / (maxVal + 1);
            t1 = clamp(Math.max(2, BASIC_T1 / factor + 3 * near), near + 1, maxVal);
            t2 = clamp(Math.max(3, BASIC_T2 / factor + 5 * near), t1, maxVal);
            t3 = clamp(Math.max(4, BASIC_T3 / factor + 7 * near), t2, maxVal);
        }
        return new int[] {t1, t2, t3};
    }

    /** CLAMP(i, j, MAXVAL) of T.87 C.2.4.1.1.1: j when i is above MAXVAL or below j, else i. */
    private static int clamp(int i, int j, int maxVal) {
        return i > maxVal || i < j ? j : i;
    }

    private static int ceilLog2(int value) {
        return 32 - Integer.numberOfLeadingZeros(value - 1);
    }

    /** The reconstructed sample from a prediction and a signed quantized error (the inverse of T.87 A.4.4 and A.4.5). */
    int reconstruct(int predicted, int error) {
        int step = 2 * near + 1;
        int value = predicted + error * step;
        if (value < -near) {
            value += range * step;
        } else if (value > maxVal + near) {
            value -= range * step;
        }
        return value < 0 ? 0 : Math.min(value, maxVal);
    }

    /** Reads a limited-length Golomb code word with parameter k (T.87 A.5.3) for a code length limit. */
    int decodeGolomb(BitReader in, int k, int codeLimit) throws JpegLsException {
        int maxPrefix = codeLimit - qbpp - 1;
        int prefix = in.readUnary(maxPrefix);
        if (prefix < maxPrefix) {
            return (prefix << k) | in.readBits(k);
        }
        return in.readBits(qbpp) + 1;
    }
}
