package org.qbi.ops.point.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A {@link PointKernel} that can also run straight on float32 pixels in memory, without the copies through
 * primitive arrays: {@link PixelStream} uses it when every input and the output are in-memory float32 images and
 * the arithmetic is float32. It must compute exactly what {@link PointKernel#floats} computes (same operations in
 * the same order), so the result is bit-identical on either path. Copying runs in and out of arrays costs as much
 * as the arithmetic of a multiply; a loop over the segments runs at memory speed (the JIT vectorises
 * {@code getAtIndex/setAtIndex} loops over native segments).
 *
 * @since 0.2
 */
public interface MemoryKernel extends PointKernel {

    /** Native-order float32 pixel layout (stored values are little-endian, as is every platform QBI runs on). */
    ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /**
     * {@code out[i] = f(in[0][i], in[1][i], ...)} for {@code i < n}, each segment holding float32 values from its
     * first byte on.
     */
    void floats(MemorySegment[] in, MemorySegment out, long n);
}
