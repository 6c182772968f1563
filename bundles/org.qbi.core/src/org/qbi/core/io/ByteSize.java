package org.qbi.core.io;

import java.util.Locale;

/**
 * Byte counts as people read them (binary units: 1 KiB = 1024 bytes, written "KB" as file managers do).
 *
 * @since 0.1
 */
public final class ByteSize {

    private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB", "PB", "EB" };

    /** From here on a value would print as "1024.0" of its unit, so it is shown as "1.0" of the next one. */
    private static final double ROUNDS_TO_NEXT_UNIT = 1023.95;

    private ByteSize() {
    }

    /** E.g. 0 -> "0 B", 1536 -> "1.5 KB", 3221591 -> "3.1 MB", 1048575 -> "1.0 MB" (never "1024.0 KB"). */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= ROUNDS_TO_NEXT_UNIT && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
