package org.qbi.io.dicom.internal.jpegls;

/**
 * The JPEG-LS frame header, SOF55 (T.87 C.2.2): sample precision, lines, columns and component identifiers.
 * Subsampled components (H or V other than 1) are not supported: DICOM does not use them.
 *
 * @param bitsPerSample P, 2 to 16
 * @param height Y (0 = given later by a DNL marker or an LSE oversize segment)
 * @param width X (0 = given by an LSE oversize segment)
 * @param componentIds Ci of each component, in frame order
 */
record FrameHeader(int bitsPerSample, int height, int width, int[] componentIds) {

    static FrameHeader parse(Segment s) throws JpegLsException {
        int bits = s.u8();
        int height = s.u16();
        int width = s.u16();
        int count = s.u8();
        if (bits < 2 || bits > 16) {
            throw new JpegLsException("SOF55 sample precision " + bits + " is outside the 2..16 bits of JPEG-LS");
        }
        if (count < 1) {
            throw new JpegLsException("SOF55 declares no components");
        }
        int[] ids = new int[count];
        for (int i = 0; i < count; i++) {
            ids[i] = s.u8();
            int sampling = s.u8();
            s.u8(); // Tq: 0 in JPEG-LS
            if (sampling != 0x11) {
                throw new JpegLsException(String.format("component %d has sampling factors H=%d V=%d: "
                        + "subsampled JPEG-LS is not supported", ids[i], sampling >> 4, sampling & 15));
            }
            for (int j = 0; j < i; j++) {
                if (ids[j] == ids[i]) {
                    throw new JpegLsException("SOF55 lists component " + ids[i] + " twice");
                }
            }
        }
        s.expectFullyRead();
        return new FrameHeader(bits, height, width, ids);
    }

    FrameHeader withSize(int newWidth, int newHeight) {
        return new FrameHeader(bitsPerSample, newHeight, newWidth, componentIds);
    }

    /** Frame index of component identifier {@code id}, or -1. */
    int indexOf(int id) {
        for (int i = 0; i < componentIds.length; i++) {
            if (componentIds[i] == id) {
                return i;
            }
        }
        return -1;
    }
}
