package org.qbi.core.io;

import java.util.Locale;

/**
 * Byte counts as people read them (binary units: 1 KiB = 1024 bytes, written "KB" as file managers do).
 *
 * @since 0.1
 */
public final class ByteSize {

    private static final String[] UNITS = { "B", "KB", "MB", "GB", "TB", "PB" };

    private ByteSize() {
    }

    /** E.g. 0 -> "0 B", 1536 -> "1.5 KB", 3221591 -> "3.1 MB". */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        double value = bytes;
        int unit = 0;
        while (value >= 1024 && unit < UNITS.length - 1) {
            value /= 1024;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
    }
}
