package org.qbi.ops.point.engine;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/**
 * Bulk conversion between stored little-endian values and float or double arrays, for runs of a few thousand
 * pixels: a bulk copy into a primitive scratch array, then one branch-free loop the JIT vectorises. One instance per
 * task (the scratch arrays are not shared between threads).
 */
final class Pixels {

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private final byte[] bytes;
    private final short[] shorts;
    private final int[] ints;
    private final double[] doubles;
    private final float[] floats;

    Pixels(int capacity) {
        bytes = new byte[capacity];
        shorts = new short[capacity];
        ints = new int[capacity];
        doubles = new double[capacity];
        floats = new float[capacity];
    }

    static void checkSupported(PixelType type) {
        if (type.samplesPerPixel() != 1) {
            throw new IllegalArgumentException("Point operations work on single-sample images; a " + type.label()
                    + " image has " + type.samplesPerPixel() + " samples per pixel: split it into channels first");
        }
    }

    /** Pixels {@code from .. from+n-1} of {@code source} into {@code target[0..n-1]}. */
    void load(PixelType type, MemorySegment source, long from, float[] target, int n) {
        switch (type) {
            case FLOAT32 -> MemorySegment.copy(source, FLOAT, from * 4, target, 0, n);
            case UINT8 -> {
                MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from, bytes, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = bytes[i] & 0xff;
                }
            }
            case INT8 -> {
                MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from, bytes, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = bytes[i];
                }
            }
            case UINT16 -> {
                MemorySegment.copy(source, SHORT, from * 2, shorts, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = shorts[i] & 0xffff;
                }
            }
            case INT16 -> {
                MemorySegment.copy(source, SHORT, from * 2, shorts, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = shorts[i];
                }
            }
            case INT32 -> {
                MemorySegment.copy(source, INT, from * 4, ints, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = ints[i];
                }
            }
            case UINT32, LABEL32 -> {
                MemorySegment.copy(source, INT, from * 4, ints, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = Integer.toUnsignedLong(ints[i]);
                }
            }
            case FLOAT64 -> {
                MemorySegment.copy(source, DOUBLE, from * 8, doubles, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = (float) doubles[i];
                }
            }
            default -> checkSupported(type);
        }
    }

    /** Pixels {@code from .. from+n-1} of {@code source} into {@code target[0..n-1]}, exactly. */
    void load(PixelType type, MemorySegment source, long from, double[] target, int n) {
        switch (type) {
            case FLOAT64 -> MemorySegment.copy(source, DOUBLE, from * 8, target, 0, n);
            case FLOAT32 -> {
                MemorySegment.copy(source, FLOAT, from * 4, floats, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = floats[i];
                }
            }
            case UINT8 -> {
                MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from, bytes, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = bytes[i] & 0xff;
                }
            }
            case INT8 -> {
                MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from, bytes, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = bytes[i];
                }
            }
            case UINT16 -> {
                MemorySegment.copy(source, SHORT, from * 2, shorts, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = shorts[i] & 0xffff;
                }
            }
            case INT16 -> {
                MemorySegment.copy(source, SHORT, from * 2, shorts, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = shorts[i];
                }
            }
            case INT32 -> {
                MemorySegment.copy(source, INT, from * 4, ints, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = ints[i];
                }
            }
            case UINT32, LABEL32 -> {
                MemorySegment.copy(source, INT, from * 4, ints, 0, n);
                for (int i = 0; i < n; i++) {
                    target[i] = Integer.toUnsignedLong(ints[i]);
                }
            }
            default -> checkSupported(type);
        }
    }

    /**
     * {@code source[0..n-1]} as pixels {@code to..} of {@code target}; integer types get the value clipped to the
     * type's range and rounded (half to even) or truncated toward zero, NaN as 0.
     */
    void store(PixelType type, float[] source, MemorySegment target, long to, int n, Cast cast) {
        switch (type) {
            case FLOAT32 -> MemorySegment.copy(source, 0, target, FLOAT, to * 4, n);
            case FLOAT64 -> {
                for (int i = 0; i < n; i++) {
                    doubles[i] = source[i];
                }
                MemorySegment.copy(doubles, 0, target, DOUBLE, to * 8, n);
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    bytes[i] = (byte) integral(source[i], 0f, 255f, cast == Cast.ROUND);
                }
                MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, to, n);
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    bytes[i] = (byte) integral(source[i], -128f, 127f, cast == Cast.ROUND);
                }
                MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, to, n);
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    shorts[i] = (short) integral(source[i], 0f, 65535f, cast == Cast.ROUND);
                }
                MemorySegment.copy(shorts, 0, target, SHORT, to * 2, n);
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    shorts[i] = (short) integral(source[i], -32768f, 32767f, cast == Cast.ROUND);
                }
                MemorySegment.copy(shorts, 0, target, SHORT, to * 2, n);
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    doubles[i] = source[i];
                }
                store(type, doubles, target, to, n, cast);
            }
        }
    }

    /**
     * {@code value} clipped to min..max (within the int range, exact in float) and rounded half to even or
     * truncated toward zero, without leaving float arithmetic; NaN gives 0.
     */
    static int integral(float value, float min, float max, boolean round) {
        float c = Math.min(Math.max(value, min), max);
        int r = (int) c; // toward zero; NaN gives 0
        if (round) {
            float fraction = c - r;
            r += fraction > 0.5f || fraction == 0.5f && (r & 1) != 0 ? 1 : 0;
            r -= fraction < -0.5f || fraction == -0.5f && (r & 1) != 0 ? 1 : 0;
        }
        return r;
    }

    /** As {@link #store(PixelType, float[], MemorySegment, long, int, Cast)} from doubles. */
    void store(PixelType type, double[] source, MemorySegment target, long to, int n, Cast cast) {
        boolean round = cast == Cast.ROUND;
        switch (type) {
            case FLOAT64 -> MemorySegment.copy(source, 0, target, DOUBLE, to * 8, n);
            case FLOAT32 -> {
                for (int i = 0; i < n; i++) {
                    floats[i] = (float) source[i];
                }
                MemorySegment.copy(floats, 0, target, FLOAT, to * 4, n);
            }
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    bytes[i] = (byte) (int) integral(source[i], 0, 255, round);
                }
                MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, to, n);
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    bytes[i] = (byte) (int) integral(source[i], -128, 127, round);
                }
                MemorySegment.copy(bytes, 0, target, ValueLayout.JAVA_BYTE, to, n);
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    shorts[i] = (short) (int) integral(source[i], 0, 65535, round);
                }
                MemorySegment.copy(shorts, 0, target, SHORT, to * 2, n);
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    shorts[i] = (short) (int) integral(source[i], -32768, 32767, round);
                }
                MemorySegment.copy(shorts, 0, target, SHORT, to * 2, n);
            }
            case INT32 -> {
                for (int i = 0; i < n; i++) {
                    ints[i] = (int) (long) integral(source[i], Integer.MIN_VALUE, Integer.MAX_VALUE, round);
                }
                MemorySegment.copy(ints, 0, target, INT, to * 4, n);
            }
            case UINT32, LABEL32 -> {
                for (int i = 0; i < n; i++) {
                    ints[i] = (int) (long) integral(source[i], 0, 4294967295.0, round);
                }
                MemorySegment.copy(ints, 0, target, INT, to * 4, n);
            }
            default -> checkSupported(type);
        }
    }

    /** {@code value} clipped to min..max, rounded half to even or truncated; NaN gives 0. */
    static double integral(double value, double min, double max, boolean round) {
        double clipped = Math.min(Math.max(value, min), max);
        double r = round ? Math.rint(clipped) : (clipped < 0 ? Math.ceil(clipped) : Math.floor(clipped));
        return r == r ? r : 0;
    }
}
