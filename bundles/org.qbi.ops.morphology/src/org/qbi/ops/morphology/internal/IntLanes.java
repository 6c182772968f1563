package org.qbi.ops.morphology.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

import org.qbi.core.image.PixelType;

/**
 * Every pixel type up to 32 bits as int values whose signed order is the pixels' order: 8 and 16-bit values
 * widened as they are, uint32 and label32 with the sign bit flipped, float32 bits with the magnitude bits flipped
 * for negative numbers (so -0 < +0, and a positive NaN is above +inf, a negative NaN below -inf). Min and max
 * are then exact integer operations, and the conversion back is exact.
 */
final class IntLanes extends Lanes {

    private final PixelType type;
    private final int high;
    private final int low;

    IntLanes(PixelType type) {
        this.type = type;
        switch (type) {
            case UINT8 -> { low = 0; high = 255; }
            case INT8 -> { low = -128; high = 127; }
            case UINT16 -> { low = 0; high = 65535; }
            case INT16 -> { low = -32768; high = 32767; }
            case INT32, UINT32, LABEL32, FLOAT32 -> { low = Integer.MIN_VALUE; high = Integer.MAX_VALUE; }
            default -> throw new IllegalArgumentException("Morphology works on single-sample images; a "
                    + type.label() + " image has " + type.samplesPerPixel() + " samples per pixel: split it first");
        }
    }

    @Override
    Object alloc(int n) {
        return new int[n];
    }

    @Override
    void fill(Object a, int from, int to, boolean highValue) {
        Arrays.fill((int[]) a, from, to, highValue ? high : low);
    }

    @Override
    void combine(boolean min, Object d, int di, Object a, int ai, Object b, int bi, int n) {
        int[] dd = (int[]) d;
        int[] aa = (int[]) a;
        int[] bb = (int[]) b;
        if (min) {
            for (int k = 0; k < n; k++) {
                dd[di + k] = Math.min(aa[ai + k], bb[bi + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                dd[di + k] = Math.max(aa[ai + k], bb[bi + k]);
            }
        }
    }

    @Override
    void combine3(boolean min, Object d, int di, Object a, int ai, Object b, int bi, Object c, int ci, int n) {
        int[] dd = (int[]) d;
        int[] aa = (int[]) a;
        int[] bb = (int[]) b;
        int[] cc = (int[]) c;
        if (min) {
            for (int k = 0; k < n; k++) {
                dd[di + k] = Math.min(Math.min(aa[ai + k], bb[bi + k]), cc[ci + k]);
            }
        } else {
            for (int k = 0; k < n; k++) {
                dd[di + k] = Math.max(Math.max(aa[ai + k], bb[bi + k]), cc[ci + k]);
            }
        }
    }

    @Override
    void load(MemorySegment source, long pixel, Object target, int offset, int n) {
        int[] t = (int[]) target;
        switch (type) {
            case UINT8 -> {
                for (int k = 0; k < n; k++) {
                    t[offset + k] = source.get(ValueLayout.JAVA_BYTE, pixel + k) & 0xFF;
                }
            }
            case INT8 -> {
                for (int k = 0; k < n; k++) {
                    t[offset + k] = source.get(ValueLayout.JAVA_BYTE, pixel + k);
                }
            }
            case UINT16 -> {
                for (int k = 0; k < n; k++) {
                    t[offset + k] = source.get(SHORT, (pixel + k) * 2) & 0xFFFF;
                }
            }
            case INT16 -> {
                for (int k = 0; k < n; k++) {
                    t[offset + k] = source.get(SHORT, (pixel + k) * 2);
                }
            }
            case INT32 -> MemorySegment.copy(source, INT, pixel * 4, t, offset, n);
            case UINT32, LABEL32 -> {
                MemorySegment.copy(source, INT, pixel * 4, t, offset, n);
                for (int k = 0; k < n; k++) {
                    t[offset + k] ^= Integer.MIN_VALUE;
                }
            }
            case FLOAT32 -> {
                MemorySegment.copy(source, INT, pixel * 4, t, offset, n);
                for (int k = 0; k < n; k++) {
                    int v = t[offset + k];
                    t[offset + k] = v ^ ((v >> 31) & 0x7fffffff);
                }
            }
            default -> throw new IllegalStateException(type.label());
        }
    }

    @Override
    void store(Object source, int offset, MemorySegment target, long pixel, int n) {
        int[] s = (int[]) source;
        switch (type) {
            case UINT8, INT8 -> {
                for (int k = 0; k < n; k++) {
                    target.set(ValueLayout.JAVA_BYTE, pixel + k, (byte) s[offset + k]);
                }
            }
            case UINT16, INT16 -> {
                for (int k = 0; k < n; k++) {
                    target.set(SHORT, (pixel + k) * 2, (short) s[offset + k]);
                }
            }
            case INT32 -> MemorySegment.copy(s, offset, target, INT, pixel * 4, n);
            case UINT32, LABEL32 -> {
                for (int k = 0; k < n; k++) {
                    target.set(INT, (pixel + k) * 4, s[offset + k] ^ Integer.MIN_VALUE);
                }
            }
            case FLOAT32 -> {
                for (int k = 0; k < n; k++) {
                    int v = s[offset + k];
                    target.set(INT, (pixel + k) * 4, v ^ ((v >> 31) & 0x7fffffff));
                }
            }
            default -> throw new IllegalStateException(type.label());
        }
    }
}
