package org.qbi.ops.morphology.internal;

import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/** float64 as long values in the pixels' order (the float32 trick of {@link IntLanes} on 64 bits). */
final class LongLanes extends Lanes {

    @Override
    Object alloc(int n) {
        return new long[n];
    }

    @Override
    void fill(Object a, int from, int to, boolean high) {
        Arrays.fill((long[]) a, from, to, high ? Long.MAX_VALUE : Long.MIN_VALUE);
    }

    @Override
    void combine(boolean min, Object d, int di, Object a, int ai, Object b, int bi, int n) {
        long[] dd = (long[]) d;
        long[] aa = (long[]) a;
        long[] bb = (long[]) b;
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
        long[] dd = (long[]) d;
        long[] aa = (long[]) a;
        long[] bb = (long[]) b;
        long[] cc = (long[]) c;
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
        long[] t = (long[]) target;
        MemorySegment.copy(source, LONG, pixel * 8, t, offset, n);
        for (int k = 0; k < n; k++) {
            long v = t[offset + k];
            t[offset + k] = v ^ ((v >> 63) & Long.MAX_VALUE);
        }
    }

    @Override
    void store(Object source, int offset, MemorySegment target, long pixel, int n) {
        long[] s = (long[]) source;
        for (int k = 0; k < n; k++) {
            long v = s[offset + k];
            target.set(LONG, (pixel + k) * 8, v ^ ((v >> 63) & Long.MAX_VALUE));
        }
    }
}
