package org.qbi.io.dicom.internal.jpegls;

/**
 * The parameter bytes of one marker segment (after its 2-byte length), read big-endian with bounds checks, so a
 * segment whose length field disagrees with its contents fails with a message naming the marker.
 */
final class Segment {

    private final byte[] data;
    private final int start;
    private final int end;
    private final String name;
    private int position;

    /**
     * @param offset offset of the marker's 0xFF
     * @param name the marker's name for messages
     */
    static Segment at(byte[] data, int offset, int length, String name) throws JpegLsException {
        if (offset + 4 > length) {
            throw new JpegLsException(name + " marker at byte " + offset + " is cut off by the end of the stream");
        }
        int size = ((data[offset + 2] & 0xFF) << 8) | (data[offset + 3] & 0xFF);
        if (size < 2) {
            throw new JpegLsException(name + " marker segment at byte " + offset + " has an invalid length " + size);
        }
        if (offset + 2 + size > length) {
            throw new JpegLsException(name + " marker segment at byte " + offset + " claims " + size
                    + " bytes but the stream ends after " + (length - offset - 2));
        }
        return new Segment(data, offset + 4, offset + 2 + size, name);
    }

    private Segment(byte[] data, int start, int end, String name) {
        this.data = data;
        this.start = start;
        this.end = end;
        this.name = name;
        this.position = start;
    }

    /** Offset just after the segment. */
    int end() {
        return end;
    }

    /** Parameter bytes (after the length field). */
    int length() {
        return end - start;
    }

    int u8() throws JpegLsException {
        return (int) unsigned(1);
    }

    int u16() throws JpegLsException {
        return (int) unsigned(2);
    }

    /** An unsigned big-endian value of 1 to 4 bytes. */
    long unsigned(int bytes) throws JpegLsException {
        if (position + bytes > end) {
            throw new JpegLsException(name + " marker segment is too short (" + length() + " parameter bytes)");
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | (data[position++] & 0xFF);
        }
        return value;
    }

    /** Throws unless every parameter byte was read. */
    void expectFullyRead() throws JpegLsException {
        if (position != end) {
            throw new JpegLsException(name + " marker segment has " + length() + " parameter bytes where "
                    + (position - start) + " were expected");
        }
    }
}
