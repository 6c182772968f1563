package org.qbi.ops.morphology.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/**
 * Row primitives of the morphology engine over one primitive array kind, so the algorithms (separable passes,
 * run decomposition) are written once: min/max of two shifted ranges, fills, and conversion from and to stored
 * pixels. Values are held in an order-preserving form (see {@link IntLanes}), so min and max are exact for every
 * pixel type. Each primitive is one loop over a contiguous range the JIT vectorises.
 */
abstract class Lanes {

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** A new array of {@code n} values. */
    abstract Object alloc(int n);

    /** Fills [from, to) with the largest value ({@code high}) or the smallest. */
    abstract void fill(Object a, int from, int to, boolean high);

    /** d[di+k] = min (or max) of a[ai+k] and b[bi+k] for k in 0..n-1; d may be a or b. */
    abstract void combine(boolean min, Object d, int di, Object a, int ai, Object b, int bi, int n);

    /** d[di+k] = min (or max) of a[ai+k], b[bi+k] and c[ci+k]: one pass instead of two for short windows. */
    abstract void combine3(boolean min, Object d, int di, Object a, int ai, Object b, int bi, Object c, int ci, int n);

    /** Converts {@code n} stored pixels from {@code pixel} of {@code source} into {@code target[offset..]}. */
    abstract void load(MemorySegment source, long pixel, Object target, int offset, int n);

    /** Converts {@code n} values of {@code source[offset..]} back into stored pixels from {@code pixel}. */
    abstract void store(Object source, int offset, MemorySegment target, long pixel, int n);

    /** The lanes for images of {@code type} (grey values); masks of 0/1 get {@link MaskLanes} per block. */
    static Lanes forType(PixelType type) {
        return type == PixelType.FLOAT64 ? new LongLanes() : new IntLanes(type);
    }
}
