package org.qbi.io.dicom.internal.jpegls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.io.dicom.internal.jpegls.TestStreams.bytes;

import org.junit.jupiter.api.Test;

/** The bit reader: bit stuffing after 0xFF (T.87 A.1), markers ending the coded data, Golomb prefixes. */
class BitReaderTest {

    @Test
    void readsMostSignificantBitFirst() throws JpegLsException {
        BitReader in = new BitReader(bytes(0b1010_0000, 0x5A), 0, 2);
        assertEquals(1, in.readBit());
        assertEquals(0, in.readBit());
        assertEquals(0b10, in.readBits(2));
        assertEquals(0, in.readBits(0));
        assertEquals(0x05A, in.readBits(12));
    }

    @Test
    void aByteAfterFfCarriesSevenBits() throws JpegLsException {
        // FF then 0x7F (stuffed 0 bit + 7 data bits) then 0x80: 8 + 7 + 8 bits.
        BitReader in = new BitReader(bytes(0xFF, 0x7F, 0x80), 0, 3);
        assertEquals(0xFF, in.readBits(8));
        assertEquals(0x7F, in.readBits(7));
        assertEquals(0x80, in.readBits(8));
        assertThrows(JpegLsException.class, in::readBit);
    }

    @Test
    void ffFollowedByAHighByteIsAMarker() throws JpegLsException {
        BitReader in = new BitReader(bytes(0x12, 0xFF, 0xD9, 0x00), 0, 4);
        assertEquals(0x12, in.readBits(8));
        JpegLsException e = assertThrows(JpegLsException.class, in::readBit);
        assertTrue(e.getMessage().contains("at byte 1, where a marker starts"), e.getMessage());
        assertEquals(1, new BitReader(bytes(0x12, 0xFF, 0xD9, 0x00), 0, 4).endOfCodedData());
    }

    @Test
    void endOfCodedDataSkipsUnreadDataToTheNextMarker() throws JpegLsException {
        byte[] data = new byte[40];
        data[30] = (byte) 0xFF;
        data[31] = (byte) 0xD0;
        BitReader in = new BitReader(data, 0, data.length);
        in.readBits(3);
        assertTrue(in.hasUnreadData());
        assertEquals(30, in.endOfCodedData());
    }

    @Test
    void unaryCodesAcrossBytesAndTheWholeCache() throws JpegLsException {
        // 63 zero bits then a 1: the terminating 1 is the last bit of a full 64-bit cache.
        BitReader in = new BitReader(bytes(0, 0, 0, 0, 0, 0, 0, 1, 0x80), 0, 9);
        assertEquals(63, in.readUnary(64));
        assertEquals(1, in.readBit());
        // Too many zeros for the code limit.
        JpegLsException e = assertThrows(JpegLsException.class,
                () -> new BitReader(bytes(0, 0, 0, 0x80), 0, 4).readUnary(23));
        assertTrue(e.getMessage().contains("leading zero bits where at most 23"), e.getMessage());
        // 3 zeros and a 1 inside one byte, then the rest.
        BitReader small = new BitReader(bytes(0b0001_0110), 0, 1);
        assertEquals(3, small.readUnary(10));
        assertEquals(0b0110, small.readBits(4));
    }
}
