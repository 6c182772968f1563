package org.qbi.io.dicom.internal.jpegls;

/**
 * How to read the coding parameters of a scan. T.87 is the rule; two widespread encoders deviate from it in cases
 * that a stream cannot announce, so the decoder reads T.87 first and, only when that fails on a stream where a
 * deviation is possible, tries the encoder's reading (see {@link JpegLsDecoder#decode(byte[])}).
 */
enum Interpretation {

    /** ITU-T T.87. */
    STANDARD,

    /** T.87, skipping coded data left over after the last sample instead of failing on it. */
    STANDARD_LENIENT,

    /**
     * CharLS (to 2.4 at least, so GDCM and dcmtk) derives RANGE, qbpp and LIMIT from 2^P - 1 even when an LSE
     * segment sets MAXVAL below it (T.87 A.2.1 derives them from MAXVAL).
     */
    CHARLS_MAXVAL,

    /**
     * JAI ImageIO's JPEG-LS codec (old dcm4che archives) computes the default thresholds for P above 12 without the
     * MAXVAL clamp at 4095 of T.87 C.2.4.1.1.1 and writes no LSE segment: dcm4che's "JAI2ISO" patch.
     */
    JAI_THRESHOLDS;

    /** Whether coded data left over after a scan is an error (it may betray the wrong interpretation). */
    boolean strictEnd() {
        return this != STANDARD_LENIENT;
    }
}
