package org.qbi.core.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

import org.junit.jupiter.api.Test;

/** Large allocations come zeroed (from the kernel's mapping), writable, of the asked size. */
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
}
