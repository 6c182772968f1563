package org.qbi.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

/**
 * Large allocations come zeroed (from the kernel's mapping or re-zeroed from the pool), writable, of the asked size;
 * released memory is reused and never readable through the released image.
 */
class ZeroedMemoryTest {

    @Test
    void largeAndSmallSegmentsAreZeroedAndWritable() {
        for (long bytes : new long[] { 0, 17, ZeroedMemory.MAPPING_THRESHOLD - 1, ZeroedMemory.MAPPING_THRESHOLD,
                96L << 20 }) {
            MemorySegment segment = ZeroedMemory.allocate(bytes);
            assertEquals(bytes, segment.byteSize());
            long sum = 0;
            for (long i = 0; i + 8 <= bytes; i += 4093) {
                sum += segment.get(ValueLayout.JAVA_LONG_UNALIGNED, i);
            }
            assertEquals(0, sum, bytes + " bytes");
            if (bytes > 0) {
                segment.set(ValueLayout.JAVA_BYTE, bytes - 1, (byte) 7);
                assertEquals(7, segment.get(ValueLayout.JAVA_BYTE, bytes - 1));
            }
        }
        // many large allocations in a row: released mappings do not accumulate until the address space runs out
        for (int i = 0; i < 200; i++) {
            ZeroedMemory.allocate(256L << 20).set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
            if (i % 50 == 0) {
                System.gc();
            }
        }
    }

    @Test
    void releasedImagesGiveTheirMemoryBackZeroedAndRefuseAccess() {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.FLOAT32, new long[] { 1024, 1024, 6 });
        ArrayImage first = ArrayImage.allocate(header);
        MemorySegment values = first.values();
        long address = values.address();
        values.fill((byte) 0x5a);
        MemorySegment plane = first.chunk(new long[] { 0, 0, 2, 0, 0 });
        first.close();
        first.close(); // twice is harmless
        assertThrows(IllegalStateException.class, () -> values.get(ValueLayout.JAVA_BYTE, 0), "the values after close");
        assertThrows(IllegalStateException.class, () -> plane.get(ValueLayout.JAVA_BYTE, 0), "a chunk after close");
        assertTrue(ZeroedMemory.pooledBytes() >= header.byteCount(), "the mapping went to the pool");
        // the next image of that size reuses the mapping, zeroed again
        ArrayImage second = ArrayImage.allocate(header);
        assertEquals(address, second.values().address(), "the pooled mapping is reused");
        long nonZero = 0;
        for (long i = 0; i < header.byteCount(); i += 8) {
            nonZero += second.values().get(ValueLayout.JAVA_LONG_UNALIGNED, i) != 0 ? 1 : 0;
        }
        assertEquals(0, nonZero, "reused memory is zeroed");
        second.close();
        // an image written in full may skip the zeroing; it still gets the pooled mapping
        ArrayImage third = ArrayImage.allocateForOverwrite(header);
        assertEquals(address, third.values().address());
        third.close();
        // a wrapped segment belongs to its caller: close leaves it alone
        MemorySegment own = ZeroedMemory.allocate(header.byteCount());
        ArrayImage.wrap(header, own).close();
        own.set(ValueLayout.JAVA_BYTE, 0, (byte) 1);
        ZeroedMemory.trim();
        assertEquals(0, ZeroedMemory.pooledBytes());
    }
}
