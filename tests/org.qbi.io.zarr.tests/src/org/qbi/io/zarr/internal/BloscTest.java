package org.qbi.io.zarr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The hand-written Blosc frame encoder and decoder and the BloscLZ decoder, on their own. */
class BloscTest {

    @ParameterizedTest(name = "{0} bytes of {1}-byte values, compressible {2}")
    @CsvSource({ "0, 1, true", "1, 1, true", "100, 4, true", "262144, 2, true", "327680, 8, true", "1000000, 4, false",
            "1000000, 4, true", "777, 1, false", "600000, 2, true" })
    void encodedFramesDecodeToTheSameBytes(int size, int typesize, boolean compressible) throws CorruptChunkException {
        byte[] data = new byte[size];
        Random random = new Random(size * 31L + typesize);
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (compressible ? (i / typesize) % 251 + (i % typesize == 0 ? random.nextInt(2) : 0)
                    : random.nextInt(256));
        }
        byte[] frame = Blosc.encodeLz4(data, typesize);
        assertEquals(2, frame[0], "Blosc format version 2 (c-blosc 1.x)");
        assertEquals(frame.length, Blosc.int32(frame, 12), "cbytes is the frame's length");
        assertEquals(size, Blosc.int32(frame, 4), "nbytes");
        if (compressible && size > 1000) {
            assertTrue(frame.length < size / 2, frame.length + " bytes for " + size);
        }
        if (!compressible && size > 0) {
            assertEquals(Blosc.FLAG_MEMCPY, frame[2] & Blosc.FLAG_MEMCPY, "incompressible data is stored as is");
        }
        assertArrayEquals(data, Blosc.decode(frame, size));
    }

    @Test
    void corruptFramesFailCleanly() throws CorruptChunkException {
        byte[] data = new byte[100_000];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ((i / 2) % 200);
        }
        byte[] frame = Blosc.encodeLz4(data, 2);
        Random random = new Random(1);
        int failures = 0;
        for (int round = 0; round < 2000; round++) {
            byte[] corrupt = frame.clone();
            int flips = 1 + random.nextInt(8);
            for (int k = 0; k < flips; k++) {
                corrupt[random.nextInt(corrupt.length)] = (byte) random.nextInt(256);
            }
            if (random.nextInt(4) == 0) {
                corrupt = java.util.Arrays.copyOf(corrupt, random.nextInt(corrupt.length));
            }
            try {
                byte[] decoded = Blosc.decode(corrupt, data.length);
                assertEquals(data.length, decoded.length, "a frame that decodes has the chunk's size");
            } catch (CorruptChunkException e) {
                failures++;
            }
        }
        assertTrue(failures > 100, failures + " of 2000 corrupt frames were refused; none crashed");
    }

    @Test
    void bloscLzRefusesStreamsReachingOutsideItsBuffers() {
        Random random = new Random(7);
        byte[] out = new byte[4096];
        for (int round = 0; round < 5000; round++) {
            byte[] stream = new byte[1 + random.nextInt(300)];
            random.nextBytes(stream);
            int n = BloscLz.decompress(stream, 0, stream.length, out, 0, out.length);
            assertTrue(n == -1 || (n >= 0 && n <= out.length), "decoded " + n);
        }
        // A literal run of 3 bytes, then a match of 4 at distance 3 (a repeat): "abcabca".
        byte[] stream = { 2, 'a', 'b', 'c', (byte) (2 << 5), 2 };
        byte[] decoded = new byte[7];
        assertEquals(7, BloscLz.decompress(stream, 0, stream.length, decoded, 0, decoded.length));
        assertArrayEquals("abcabca".getBytes(java.nio.charset.StandardCharsets.US_ASCII), decoded);
    }
}
