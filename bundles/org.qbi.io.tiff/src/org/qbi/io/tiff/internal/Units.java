package org.qbi.io.tiff.internal;

import java.util.Locale;

import org.qbi.core.image.AxisCalibration;

/**
 * Unit names as files write them ("micron", "\u00B5m", "\\u00B5m", "sec", "minutes", OME symbols) mapped to the
 * names QBI uses ("um", "mm", "s", "min"), and the factors between them.
 */
final class Units {

    /** A unit and the factor that converts a value in the file's unit to it (inch to mm: 25.4). */
    record Unit(String name, double factor) {
    }

    private Units() {
    }

    /**
     * A length unit as QBI names it; {@link AxisCalibration#PIXEL_UNIT} for none, "pixel" and the like; an unknown
     * name is kept as written (factor 1).
     */
    static Unit length(String raw) {
        String u = clean(raw);
        return switch (u) {
            case "", "pixel", "pixels", "px", "none", " " -> new Unit(AxisCalibration.PIXEL_UNIT, 1);
            case "um", "\u00b5m", "\u03bcm", "micron", "microns", "micrometer", "micrometers", "micrometre",
                    "micrometres", "mum" -> new Unit("um", 1);
            case "nm", "nanometer", "nanometers", "nanometre", "nanometres" -> new Unit("nm", 1);
            case "mm", "millimeter", "millimeters", "millimetre", "millimetres" -> new Unit("mm", 1);
            case "cm", "centimeter", "centimeters", "centimetre", "centimetres" -> new Unit("cm", 1);
            case "m", "meter", "meters", "metre", "metres" -> new Unit("m", 1);
            case "km" -> new Unit("km", 1);
            case "pm", "picometer", "picometers" -> new Unit("pm", 1);
            case "\u00e5", "\u212b", "a", "angstrom", "angstroms" -> new Unit("nm", 0.1);
            case "inch", "inches", "in", "\"" -> new Unit("mm", 25.4);
            default -> new Unit(raw.strip(), 1);
        };
    }

    /** A time unit as QBI names it ("s", "ms", "min", "h"); an unknown name is kept as written. */
    static Unit time(String raw) {
        String u = clean(raw);
        return switch (u) {
            case "", "pixel", "pixels", "none" -> new Unit(AxisCalibration.PIXEL_UNIT, 1);
            case "s", "sec", "secs", "second", "seconds" -> new Unit("s", 1);
            case "ms", "msec", "millisecond", "milliseconds" -> new Unit("ms", 1);
            case "us", "\u00b5s", "\u03bcs", "usec", "microsecond", "microseconds" -> new Unit("us", 1);
            case "ns", "nanosecond", "nanoseconds" -> new Unit("ns", 1);
            case "min", "mins", "minute", "minutes" -> new Unit("min", 1);
            case "h", "hr", "hrs", "hour", "hours" -> new Unit("h", 1);
            case "d", "day", "days" -> new Unit("d", 1);
            default -> new Unit(raw.strip(), 1);
        };
    }

    /** Metres per unit for the length units QBI knows, or NaN. */
    static double metres(String unit) {
        return switch (unit) {
            case "pm" -> 1e-12;
            case "nm" -> 1e-9;
            case "um" -> 1e-6;
            case "mm" -> 1e-3;
            case "cm" -> 1e-2;
            case "m" -> 1;
            case "km" -> 1e3;
            default -> Double.NaN;
        };
    }

    /** Seconds per unit for the time units QBI knows, or NaN. */
    static double seconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            case "h" -> 3600;
            case "d" -> 86400;
            default -> Double.NaN;
        };
    }

    /** The factor from {@code from} to {@code to} when both are lengths or both times QBI knows, else NaN. */
    static double factor(String from, String to) {
        if (from.equals(to)) {
            return 1;
        }
        double a = metres(from);
        double b = metres(to);
        if (Double.isNaN(a) || Double.isNaN(b)) {
            a = seconds(from);
            b = seconds(to);
        }
        return a / b;
    }

    /** Decodes {@code \\uXXXX} escapes (ImageJ writes "unit=\\u00B5m"), trims, lower-cases. */
    private static String clean(String raw) {
        return raw == null ? "" : unescape(raw).strip().toLowerCase(Locale.ROOT);
    }

    /** Replaces Java-style {@code \\uXXXX} escapes with their characters. */
    static String unescape(String text) {
        if (text == null || !text.contains("\\u")) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '\\' && i + 6 <= text.length() && text.charAt(i + 1) == 'u') {
                try {
                    out.append((char) Integer.parseInt(text.substring(i + 2, i + 6), 16));
                    i += 5;
                    continue;
                } catch (NumberFormatException notHex) {
                    // keep the backslash as written
                }
            }
            out.append(ch);
        }
        return out.toString();
    }

    /** ImageJ's name for a QBI length unit ("micron" for um: what ImageJ itself writes and every reader knows). */
    static String imageJLength(String unit) {
        return "um".equals(unit) ? "micron" : unit;
    }

    /** ImageJ's name for a QBI time unit. */
    static String imageJTime(String unit) {
        return switch (unit) {
            case "s" -> "sec";
            case "h" -> "hr";
            default -> unit;
        };
    }
}
