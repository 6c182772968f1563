package org.qbi.core.image.io;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Copies an n-dimensional box of elements between two strided byte layouts, reversing the byte order of each
 * value on the way where asked: what turns a stored block (C or Fortran order, any axis order, either byte order) into
 * QBI's layout (x fastest, little-endian). A source stride of 0 repeats one element (fills with a fill value).
 * <p>
 * Shared by the readers of chunked n-dimensional formats (HDF5, Zarr) through {@link BlockAssembler}.
 *
 * @since 0.1
 */
public final class StridedCopy {

    private StridedCopy() {
    }

    /**
     * @param src          the source values
     * @param srcOffset    byte offset of the box's first element in {@code src}
     * @param srcStrides   bytes between neighbours along each dimension of the box in {@code src} (0 repeats)
     * @param dst          the target
     * @param dstOffset    byte offset of the box's first element in {@code dst}
     * @param dstStrides   bytes between neighbours along each dimension in {@code dst}
     * @param count        elements along each dimension (each at least 1)
     * @param elementBytes bytes of one element
     * @param swapUnit     size of the values whose byte order is reversed (2, 4, 8), or 0 or 1 to copy as is
     */
    public static void copy(MemorySegment src, long srcOffset, long[] srcStrides, MemorySegment dst, long dstOffset,
            long[] dstStrides, long[] count, int elementBytes, int swapUnit) {
        int n = count.length;
        if (n == 0) {
            copyElement(src, srcOffset, dst, dstOffset, elementBytes, swapUnit);
            return;
        }
        for (long c : count) {
            if (c <= 0) {
                return;
            }
        }
        int inner = innermost(srcStrides, dstStrides, count, elementBytes);
        boolean bulk = swapUnit <= 1 && srcStrides[inner] == elementBytes && dstStrides[inner] == elementBytes;
        long[] index = new long[n];
        while (true) {
            long s = srcOffset;
            long d = dstOffset;
            for (int i = 0; i < n; i++) {
                s += index[i] * srcStrides[i];
                d += index[i] * dstStrides[i];
            }
            long run = count[inner];
            if (bulk) {
                MemorySegment.copy(src, s, dst, d, run * elementBytes);
            } else if (elementBytes == 1) {
                long ss = srcStrides[inner];
                long ds = dstStrides[inner];
                for (long k = 0; k < run; k++) {
                    dst.set(ValueLayout.JAVA_BYTE, d + k * ds, src.get(ValueLayout.JAVA_BYTE, s + k * ss));
                }
            } else {
                long ss = srcStrides[inner];
                long ds = dstStrides[inner];
                for (long k = 0; k < run; k++) {
                    copyElement(src, s + k * ss, dst, d + k * ds, elementBytes, swapUnit);
                }
            }
            int i = 0;
            for (; i < n; i++) {
                if (i == inner) {
                    continue;
                }
                if (++index[i] < count[i]) {
                    break;
                }
                index[i] = 0;
            }
            if (i == n) {
                return;
            }
        }
    }

    /** The dimension walked in the inner loop: contiguous in both layouts if any, else contiguous in the target. */
    private static int innermost(long[] srcStrides, long[] dstStrides, long[] count, int elementBytes) {
        int best = -1;
        for (int i = 0; i < count.length; i++) {
            if (srcStrides[i] == elementBytes && dstStrides[i] == elementBytes) {
                return i;
            }
            if (best < 0 && dstStrides[i] == elementBytes && count[i] > 1) {
                best = i;
            }
        }
        if (best >= 0) {
            return best;
        }
        int longest = 0;
        for (int i = 1; i < count.length; i++) {
            if (count[i] > count[longest]) {
                longest = i;
            }
        }
        return longest;
    }

    private static void copyElement(MemorySegment src, long s, MemorySegment dst, long d, int elementBytes,
            int swapUnit) {
        if (swapUnit <= 1) {
            MemorySegment.copy(src, s, dst, d, elementBytes);
            return;
        }
        for (int unit = 0; unit < elementBytes; unit += swapUnit) {
            for (int b = 0; b < swapUnit; b++) {
                dst.set(ValueLayout.JAVA_BYTE, d + unit + b, src.get(ValueLayout.JAVA_BYTE, s + unit + swapUnit - 1 - b));
            }
        }
    }

    /** Byte strides of a C-order (last dimension fastest) array of {@code shape}. */
    public static long[] cOrderStrides(long[] shape, int elementBytes) {
        long[] strides = new long[shape.length];
        long stride = elementBytes;
        for (int i = shape.length - 1; i >= 0; i--) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }

    /** Byte strides of a Fortran-order (first dimension fastest) array of {@code shape}. */
    public static long[] fOrderStrides(long[] shape, int elementBytes) {
        long[] strides = new long[shape.length];
        long stride = elementBytes;
        for (int i = 0; i < shape.length; i++) {
            strides[i] = stride;
            stride *= shape[i];
        }
        return strides;
    }
}
