package org.qbi.ops.block;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/**
 * Bulk conversion between stored values in little-endian segments and float arrays, with one fast loop per
 * pixel type: the inner loops of block-wise operators. Single-sample types only. 32-bit integers beyond 2^24
 * are refused rather than rounded (float32 cannot hold them exactly); float64 is computed in float32.
 *
 * @since 0.1
 */
public final class Samples {

    static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfFloat FLOAT = ValueLayout.JAVA_FLOAT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    static final ValueLayout.OfDouble DOUBLE = ValueLayout.JAVA_DOUBLE_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Values converted per bulk copy. */
    private static final int SCRATCH = 4096;

    /** Largest integer magnitude float32 holds exactly. */
    public static final long EXACT = 1L << 24;

    private Samples() {
    }

    /**
     * Reads {@code count} values starting at pixel {@code from} of {@code source} into {@code target[offset..]}.
     */
    public static void toFloats(PixelType type, MemorySegment source, long from, float[] target, int offset, int count) {
        switch (type) {
            case FLOAT32 -> MemorySegment.copy(source, FLOAT, from * 4, target, offset, count);
            case UINT8, INT8 -> {
                // one bulk copy, then a loop over a primitive array: fast from the first call (per-element segment
                // reads are slow until the JIT's last tier has compiled them)
                byte[] bytes = new byte[Math.min(count, SCRATCH)];
                boolean unsigned = type == PixelType.UINT8;
                for (int done = 0; done < count; done += bytes.length) {
                    int n = Math.min(bytes.length, count - done);
                    MemorySegment.copy(source, ValueLayout.JAVA_BYTE, from + done, bytes, 0, n);
                    int base = offset + done;
                    if (unsigned) {
                        for (int i = 0; i < n; i++) {
                            target[base + i] = bytes[i] & 0xff;
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            target[base + i] = bytes[i];
                        }
                    }
                }
            }
            case UINT16, INT16 -> {
                short[] shorts = new short[Math.min(count, SCRATCH)];
                boolean unsigned = type == PixelType.UINT16;
                for (int done = 0; done < count; done += shorts.length) {
                    int n = Math.min(shorts.length, count - done);
                    MemorySegment.copy(source, SHORT, (from + done) * 2, shorts, 0, n);
                    int base = offset + done;
                    if (unsigned) {
                        for (int i = 0; i < n; i++) {
                            target[base + i] = shorts[i] & 0xffff;
                        }
                    } else {
                        for (int i = 0; i < n; i++) {
                            target[base + i] = shorts[i];
                        }
                    }
                }
            }
            case INT32, UINT32, LABEL32 -> {
                boolean unsigned = type != PixelType.INT32;
                for (int i = 0; i < count; i++) {
                    int raw = source.get(INT, (from + i) * 4);
                    long value = unsigned ? Integer.toUnsignedLong(raw) : raw;
                    if (value > EXACT || value < -EXACT) {
                        throw new IllegalArgumentException("A " + type.label() + " value of " + value + " cannot be "
                                + "processed exactly: this operator computes in float32, exact only up to 2^24 = "
                                + EXACT);
                    }
                    target[offset + i] = value;
                }
            }
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    target[offset + i] = (float) source.get(DOUBLE, (from + i) * 8);
                }
            }
            default -> throw unsupported(type);
        }
    }

    /**
     * Writes {@code count} values from {@code source[offset..]} as pixels {@code to..} of {@code target}; integer
     * types get the value rounded to the nearest integer (half to even) and clamped to the type's range, NaN as 0.
     */
    public static void fromFloats(PixelType type, float[] source, int offset, MemorySegment target, long to, int count) {
        switch (type) {
            case FLOAT32 -> MemorySegment.copy(source, offset, target, FLOAT, to * 4, count);
            case FLOAT64 -> {
                for (int i = 0; i < count; i++) {
                    target.set(DOUBLE, (to + i) * 8, source[offset + i]);
                }
            }
            case UINT8 -> {
                for (int i = 0; i < count; i++) {
                    target.set(ValueLayout.JAVA_BYTE, to + i, (byte) clamp(source[offset + i], 0, 255));
                }
            }
            case INT8 -> {
                for (int i = 0; i < count; i++) {
                    target.set(ValueLayout.JAVA_BYTE, to + i, (byte) clamp(source[offset + i], -128, 127));
                }
            }
            case UINT16 -> {
                for (int i = 0; i < count; i++) {
                    target.set(SHORT, (to + i) * 2, (short) clamp(source[offset + i], 0, 65535));
                }
            }
            case INT16 -> {
                for (int i = 0; i < count; i++) {
                    target.set(SHORT, (to + i) * 2, (short) clamp(source[offset + i], -32768, 32767));
                }
            }
            case INT32 -> {
                for (int i = 0; i < count; i++) {
                    target.set(INT, (to + i) * 4, (int) clamp(source[offset + i], Integer.MIN_VALUE, Integer.MAX_VALUE));
                }
            }
            case UINT32, LABEL32 -> {
                for (int i = 0; i < count; i++) {
                    target.set(INT, (to + i) * 4, (int) clamp(source[offset + i], 0, 4294967295L));
                }
            }
            default -> throw unsupported(type);
        }
    }

    private static long clamp(float value, long min, long max) {
        if (Float.isNaN(value)) {
            return 0;
        }
        double r = Math.rint(value);
        return r <= min ? min : r >= max ? max : (long) r;
    }

    static IllegalArgumentException unsupported(PixelType type) {
        return new IllegalArgumentException("Operators work on single-sample images; a " + type.label()
                + " image has " + type.samplesPerPixel() + " samples per pixel: split it into channels first");
    }
}
