package org.qbi.core.image;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Reads one stored sample as a double, whatever the pixel type: the one place that knows how each type is
 * laid out in a little-endian segment. Not for inner loops of heavy operators (they work on typed layouts
 * directly), but for statistics, viewers and tests.
 *
 * @since 0.1
 */
public final class PixelValues {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    private PixelValues() {
    }

    /**
     * Sample {@code i} of {@code segment} (sample, not pixel: RGB has three per pixel, complex two).
     */
    public static double get(PixelType type, MemorySegment segment, long i) {
        return switch (type) {
            case UINT8, RGB8, RGBA8 -> Byte.toUnsignedInt(segment.get(ValueLayout.JAVA_BYTE, i));
            case INT8 -> segment.get(ValueLayout.JAVA_BYTE, i);
            case UINT16 -> Short.toUnsignedInt(segment.get(SHORT, 2 * i));
            case INT16 -> segment.get(SHORT, 2 * i);
            case INT32 -> segment.get(INT, 4 * i);
            case UINT32, LABEL32 -> Integer.toUnsignedLong(segment.get(INT, 4 * i));
            case FLOAT32, COMPLEX_FLOAT32 -> segment.get(FLOAT, 4 * i);
            case FLOAT64 -> segment.get(DOUBLE, 8 * i);
        };
    }

    /**
     * Samples {@code from .. from + count - 1} of {@code segment} into {@code target[0 .. count - 1]}, exactly as
     * {@link #get(PixelType, MemorySegment, long)} reads each: one bulk copy and a loop over an array, fast already
     * before the JIT's last tier (a row of a batch of small images).
     *
     * @since 0.2
     */
    public static void get(PixelType type, MemorySegment segment, long from, double[] target, int count) {
        switch (type) {
            case UINT8, RGB8, RGBA8, INT8 -> {
                byte[] bytes = new byte[count];
                MemorySegment.copy(segment, ValueLayout.JAVA_BYTE, from, bytes, 0, count);
                for (int i = 0; i < count; i++) {
                    target[i] = type == PixelType.INT8 ? bytes[i] : Byte.toUnsignedInt(bytes[i]);
                }
            }
            case UINT16, INT16 -> {
                short[] shorts = new short[count];
                MemorySegment.copy(segment, SHORT, 2 * from, shorts, 0, count);
                for (int i = 0; i < count; i++) {
                    target[i] = type == PixelType.INT16 ? shorts[i] : Short.toUnsignedInt(shorts[i]);
                }
            }
            case INT32, UINT32, LABEL32 -> {
                int[] ints = new int[count];
                MemorySegment.copy(segment, INT, 4 * from, ints, 0, count);
                for (int i = 0; i < count; i++) {
                    target[i] = type == PixelType.INT32 ? ints[i] : Integer.toUnsignedLong(ints[i]);
                }
            }
            case FLOAT32, COMPLEX_FLOAT32 -> {
                float[] floats = new float[count];
                MemorySegment.copy(segment, FLOAT, 4 * from, floats, 0, count);
                for (int i = 0; i < count; i++) {
                    target[i] = floats[i];
                }
            }
            case FLOAT64 -> MemorySegment.copy(segment, DOUBLE, 8 * from, target, 0, count);
        }
    }

    /** Writes sample {@code i}, rounding and clamping to the type's range for integer types. */
    public static void set(PixelType type, MemorySegment segment, long i, double value) {
        double v = type.isInteger() ? Math.min(type.maxValue(), Math.max(type.minValue(), Math.rint(value))) : value;
        switch (type) {
            case UINT8, RGB8, RGBA8, INT8 -> segment.set(ValueLayout.JAVA_BYTE, i, (byte) (long) v);
            case UINT16, INT16 -> segment.set(SHORT, 2 * i, (short) (long) v);
            case INT32, UINT32, LABEL32 -> segment.set(INT, 4 * i, (int) (long) v);
            case FLOAT32, COMPLEX_FLOAT32 -> segment.set(FLOAT, 4 * i, (float) v);
            case FLOAT64 -> segment.set(DOUBLE, 8 * i, v);
        }
    }
}
