package org.qbi.ops.morphology.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * uint8 blocks that hold only 0 and 1: min is AND and max is OR, byte-wide operations the JIT vectorises 32 or
 * 64 at a time (byte min/max it does not vectorise).
 */
final class MaskLanes extends Lanes {

    @Override
    Object alloc(int n) {
        return new byte[n];
    }

    @Override
    void fill(Object a, int from, int to, boolean high) {
        Arrays.fill((byte[]) a, from, to, (byte) (high ? 1 : 0));
    }

    @Override
    void combine(boolean min, Object d, int di, Object a, int ai, Object b, int bi, int n) {
        byte[] dd = (byte[]) d;
        byte[] aa = (byte[]) a;
        byte[] bb = (byte[]) b;
        if (min) {
            for (int k = 0; k < n; k++) {
                dd[di + k] = (byte) (aa[ai + k] & bb[bi + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                dd[di + k] = (byte) (aa[ai + k] | bb[bi + k]);
            }
        }
    }

    @Override
    void combine3(boolean min, Object d, int di, Object a, int ai, Object b, int bi, Object c, int ci, int n) {
        byte[] dd = (byte[]) d;
        byte[] aa = (byte[]) a;
        byte[] bb = (byte[]) b;
        byte[] cc = (byte[]) c;
        if (min) {
            for (int k = 0; k < n; k++) {
                dd[di + k] = (byte) (aa[ai + k] & bb[bi + k] & cc[ci + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                dd[di + k] = (byte) (aa[ai + k] | bb[bi + k] | cc[ci + k]);
            }
        }
    }

    @Override
    void load(MemorySegment source, long pixel, Object target, int offset, int n) {
        MemorySegment.copy(source, ValueLayout.JAVA_BYTE, pixel, (byte[]) target, offset, n);
    }

    @Override
    void store(Object source, int offset, MemorySegment target, long pixel, int n) {
        MemorySegment.copy((byte[]) source, offset, target, ValueLayout.JAVA_BYTE, pixel, n);
    }

    /** True when every byte of {@code values} is 0 or 1. */
    static boolean isMask(byte[] values, int n) {
        MemorySegment all = MemorySegment.ofArray(values);
        long any = 0;
        int words = n / 8;
        for (int i = 0; i < words; i++) {
            any |= all.getAtIndex(WORD, i);
        }
        for (int i = words * 8; i < n; i++) {
            any |= values[i];
        }
        return (any & ~0x0101010101010101L) == 0;
    }

    private static final ValueLayout.OfLong WORD = ValueLayout.JAVA_LONG_UNALIGNED;
}
