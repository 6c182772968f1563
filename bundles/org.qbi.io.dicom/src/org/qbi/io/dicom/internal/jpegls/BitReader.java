package org.qbi.io.dicom.internal.jpegls;

/**
 * Reads the entropy-coded bits of one scan (or restart interval), most significant bit first, undoing the JPEG-LS
 * bit stuffing of T.87 A.1: after a byte 0xFF the encoder inserts a 0 bit, so the next byte carries only 7
 * data bits. A 0xFF followed by a byte with its high bit set is a marker: the coded data ends there.
 * <p>
 * Bits are read through a 64-bit cache that is filled byte by byte and never past the end of the coded data, so a
 * truncated or corrupt stream surfaces as a {@link JpegLsException} instead of a read past the array or an endless
 * loop: every read consumes at least one bit, and there are at most 8 * length bits.
 */
final class BitReader {

    private final byte[] data;
    private final int end;
    /** Next byte to load into the cache. */
    private int position;
    /** The valid bits, left-aligned (bit 63 is the next bit to read). */
    private long cache;
    private int cacheBits;
    /** The byte last loaded was 0xFF: the next one holds 7 data bits. */
    private boolean afterFf;
    /** Offset of the marker (its 0xFF) that ends the coded data, or -1 while not reached. */
    private int markerOffset = -1;

    BitReader(byte[] data, int start, int end) {
        this.data = data;
        this.position = start;
        this.end = end;
    }

    /** Loads whole bytes until the cache holds more than 56 bits or the coded data ends. */
    private void fill() {
        while (cacheBits <= 56 && markerOffset < 0) {
            if (position >= end) {
                markerOffset = end;
                return;
            }
            int b = data[position] & 0xFF;
            int bits;
            if (afterFf) {
                if (b >= 0x80) { // the 0xFF before was the start of a marker (or of fill bytes before one)
                    markerOffset = position - 1;
                    return;
                }
                bits = 7;
                afterFf = false;
            } else if (b == 0xFF) {
                if (position + 1 >= end || (data[position + 1] & 0xFF) >= 0x80) {
                    markerOffset = position;
                    return;
                }
                bits = 8;
                afterFf = true;
            } else {
                bits = 8;
            }
            cache |= (long) b << (64 - cacheBits - bits);
            cacheBits += bits;
            position++;
        }
    }

    private void require(int n) throws JpegLsException {
        if (cacheBits < n) {
            fill();
            if (cacheBits < n) {
                throw new JpegLsException("coded data ends early (at byte " + markerOffset
                        + (markerOffset < end ? ", where a marker starts" : ", the end of the stream")
                        + "): the stream is truncated or corrupt");
            }
        }
    }

    /** The next bit. */
    int readBit() throws JpegLsException {
        require(1);
        int bit = (int) (cache >>> 63);
        cache <<= 1;
        cacheBits--;
        return bit;
    }

    /** The next {@code n} bits (0 to 31) as an unsigned value. */
    int readBits(int n) throws JpegLsException {
        if (n == 0) {
            return 0;
        }
        require(n);
        int value = (int) (cache >>> (64 - n));
        cache <<= n;
        cacheBits -= n;
        return value;
    }

    /**
     * Counts 0 bits up to the next 1 bit and consumes both (the unary prefix of a Golomb code, T.87 A.5.3).
     *
     * @param max the most 0 bits a valid code may hold here
     * @throws JpegLsException when more than {@code max} 0 bits follow
     */
    int readUnary(int max) throws JpegLsException {
        int zeros = 0;
        while (true) {
            if (cacheBits == 0) {
                require(1);
            }
            // The bits below the valid ones are always 0, so a 1 found among the top cacheBits is a real one.
            int lead = Long.numberOfLeadingZeros(cache);
            if (lead < cacheBits) {
                zeros += lead;
                if (zeros > max) {
                    throw invalidCode(zeros, max);
                }
                cache = lead == 63 ? 0 : cache << (lead + 1); // a Java shift by 64 would shift by 0
                cacheBits -= lead + 1;
                return zeros;
            }
            zeros += cacheBits;
            cache = 0;
            cacheBits = 0;
            if (zeros > max) {
                throw invalidCode(zeros, max);
            }
        }
    }

    private JpegLsException invalidCode(int zeros, int max) {
        return new JpegLsException("invalid Golomb code near byte " + position + ": " + zeros
                + " leading zero bits where at most " + max + " are allowed: the coded data is corrupt");
    }

    /**
     * Ends the coded data of a scan or restart interval: drops the padding bits of the last byte and returns the
     * offset of the marker that follows. Searches forward when the cache had not reached it.
     */
    int endOfCodedData() {
        fill();
        if (markerOffset >= 0) {
            return markerOffset;
        }
        // More coded data than the samples needed: find the next marker (0xFF followed by a byte >= 0x80).
        for (int i = position; i + 1 < end; i++) {
            if ((data[i] & 0xFF) == 0xFF && (data[i + 1] & 0xFF) >= 0x80) {
                return i;
            }
        }
        return end;
    }

    /** Whether more than a byte's padding of unread coded bits remains before the marker (for diagnostics). */
    boolean hasUnreadData() {
        fill();
        return cacheBits >= 16 || markerOffset < 0;
    }
}
