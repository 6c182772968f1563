package org.qbi.measure.internal;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

import org.qbi.core.image.PixelType;

/**
 * Reads rows of a label image of any integer type as ints (bulk copies) and checks the labels
 * of the runs found in them: reading does not check, so background is skipped at memory speed.
 */
public final class LabelRows {

    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
    /** Zeros to compare rows with (never written). */
    private static final MemorySegment ZEROS = MemorySegment.ofArray(new byte[4096]).asReadOnly();

    /** Largest label measured: per-label sums take memory in proportion to it. */
    public static final long MAX_LABEL = 50_000_000L;

    private LabelRows() {
    }

    /**
     * Pixels {@code from .. from+n-1} of {@code plane} into {@code row}, unchecked: signed types keep their sign
     * and 32-bit unsigned labels above 2^31 read as negative ints; pass every non-zero label to {@link #check}.
     */
    public static void read(PixelType type, MemorySegment plane, long from, int[] row, int n) {
        switch (type) {
            case UINT8, INT8 -> {
                byte[] bytes = new byte[n];
                MemorySegment.copy(plane, ValueLayout.JAVA_BYTE, from, bytes, 0, n);
                if (type == PixelType.UINT8) {
                    for (int i = 0; i < n; i++) {
                        row[i] = bytes[i] & 0xff;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        row[i] = bytes[i];
                    }
                }
            }
            case UINT16, INT16 -> {
                short[] shorts = new short[n];
                MemorySegment.copy(plane, SHORT, 2 * from, shorts, 0, n);
                if (type == PixelType.UINT16) {
                    for (int i = 0; i < n; i++) {
                        row[i] = shorts[i] & 0xffff;
                    }
                } else {
                    for (int i = 0; i < n; i++) {
                        row[i] = shorts[i];
                    }
                }
            }
            case INT32, UINT32, LABEL32 -> MemorySegment.copy(plane, INT, 4 * from, row, 0, n);
            default -> throw new IllegalArgumentException("Labels must be an integer image, got " + type.label());
        }
    }

    /**
     * True when pixels {@code from .. from+n-1} of {@code plane} are all background (0), compared with zeros without
     * copying: most rows of a label image are empty, and skipping them at memory speed is most of a scan. The
     * comparison is one bulk call per 4 KB, fast from the first call (a loop of per-word segment reads is slow until
     * the JIT's last tier has compiled it).
     */
    public static boolean isBackground(PixelType type, MemorySegment plane, long from, int n) {
        int bytes = type.bytesPerPixel();
        long position = from * bytes;
        long end = position + (long) n * bytes;
        while (position < end) {
            long length = Math.min(ZEROS.byteSize(), end - position);
            if (MemorySegment.mismatch(plane, position, position + length, ZEROS, 0, length) >= 0) {
                return false;
            }
            position += length;
        }
        return true;
    }

    /**
     * Checks a non-zero label read by {@link #read}.
     *
     * @throws IllegalArgumentException for a negative label or one above {@link #MAX_LABEL}
     */
    public static void check(PixelType type, int label) {
        if (label > 0 && label <= MAX_LABEL) {
            return;
        }
        boolean unsigned = type == PixelType.UINT32 || type == PixelType.LABEL32;
        long value = unsigned ? Integer.toUnsignedLong(label) : label;
        throw value < 0 ? new IllegalArgumentException("The label image holds a negative label (" + value
                + "); labels are 0 (background) or positive")
                : new IllegalArgumentException("The label image holds label " + value + "; labels above " + MAX_LABEL
                        + " are not measured: renumber the labels 1..n first (segment.label)");
    }
}
