package org.qbi.measure.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/** Reads rows of a label image of any integer type as ints, refusing negative or too large labels. */
public final class LabelRows {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);

    /** Largest label measured: per-label sums take memory in proportion to it. */
    public static final long MAX_LABEL = 50_000_000L;

    private LabelRows() {
    }

    /** Pixels {@code from .. from+n-1} of {@code plane} into {@code row}. */
    public static void read(PixelType type, MemorySegment plane, long from, int[] row, int n) {
        switch (type) {
            case UINT8 -> {
                for (int i = 0; i < n; i++) {
                    row[i] = Byte.toUnsignedInt(plane.get(ValueLayout.JAVA_BYTE, from + i));
                }
            }
            case INT8 -> {
                for (int i = 0; i < n; i++) {
                    row[i] = check(plane.get(ValueLayout.JAVA_BYTE, from + i));
                }
            }
            case UINT16 -> {
                for (int i = 0; i < n; i++) {
                    row[i] = Short.toUnsignedInt(plane.get(SHORT, 2 * (from + i)));
                }
            }
            case INT16 -> {
                for (int i = 0; i < n; i++) {
                    row[i] = check(plane.get(SHORT, 2 * (from + i)));
                }
            }
            case INT32, UINT32, LABEL32 -> {
                for (int i = 0; i < n; i++) {
                    int v = plane.get(INT, 4 * (from + i));
                    if (v < 0 || v > MAX_LABEL) {
                        throw tooLarge(type == PixelType.INT32 ? v : Integer.toUnsignedLong(v));
                    }
                    row[i] = v;
                }
            }
            default -> throw new IllegalArgumentException("Labels must be an integer image, got " + type.label());
        }
    }

    private static int check(long value) {
        if (value < 0) {
            throw tooLarge(value);
        }
        return (int) value;
    }

    private static IllegalArgumentException tooLarge(long value) {
        return new IllegalArgumentException(value < 0 ? "The label image holds a negative label (" + value
                + "); labels are 0 (background) or positive"
                : "The label image holds label " + value + "; labels above " + MAX_LABEL
                        + " are not measured: renumber the labels 1..n first (segment.label)");
    }
}
