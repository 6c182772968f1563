package org.qbi.io.dicom.internal.jpegls;

/**
 * The JPEG-LS scan header, SOS (T.87 C.2.3): the components of the scan, NEAR and the interleave mode. Mapping
 * tables (palettes, T.87 C.2.4) and point transforms are not supported: DICOM does not use them.
 *
 * @param components frame index of each scan component, in scan order
 * @param near NEAR, the largest reconstruction error (0 = lossless)
 * @param interleave ILV: 0 none, 1 line, 2 sample (0 whenever the scan has one component)
 */
record ScanHeader(int[] components, int near, int interleave) {

    static ScanHeader parse(Segment s, FrameHeader frame) throws JpegLsException {
        int count = s.u8();
        if (count < 1 || count > frame.componentIds().length) {
            throw new JpegLsException("SOS declares " + count + " components; the frame has "
                    + frame.componentIds().length);
        }
        int[] components = new int[count];
        for (int i = 0; i < count; i++) {
            int id = s.u8();
            int table = s.u8();
            components[i] = frame.indexOf(id);
            if (components[i] < 0) {
                throw new JpegLsException("SOS names component " + id + ", which the frame does not have");
            }
            for (int j = 0; j < i; j++) {
                if (components[j] == components[i]) {
                    throw new JpegLsException("SOS lists component " + id + " twice");
                }
            }
            if (table != 0) {
                throw new JpegLsException("component " + id + " uses mapping table " + table
                        + ": JPEG-LS mapping tables (palettes) are not supported");
            }
        }
        int near = s.u8();
        int interleave = s.u8();
        int pointTransform = s.u8() & 0x0F;
        s.expectFullyRead();
        if (interleave > 2) {
            throw new JpegLsException("SOS interleave mode " + interleave + " is not 0, 1 or 2");
        }
        if (count > 1 && interleave == 0) {
            throw new JpegLsException("SOS has " + count + " components with interleave mode 0 (none), which "
                    + "allows one component per scan");
        }
        if (pointTransform != 0) {
            throw new JpegLsException("SOS point transform " + pointTransform + " is not supported");
        }
        return new ScanHeader(components, near, count == 1 ? 0 : interleave);
    }
}
