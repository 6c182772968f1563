package org.qbi.core.image.io;

import java.util.Locale;
import java.util.Map;

import org.qbi.core.image.AxisCalibration;

/** Unit names as files write them ("micron", "µm", "micrometer") to the short forms QBI shows ("um"). */
public final class Units {

    private static final Map<String, String> SHORT = Map.ofEntries(
            Map.entry("um", "um"), Map.entry("\u00b5m", "um"), Map.entry("\u03bcm", "um"), Map.entry("micron", "um"),
            Map.entry("microns", "um"), Map.entry("micrometer", "um"), Map.entry("micrometre", "um"),
            Map.entry("micrometers", "um"), Map.entry("micrometres", "um"),
            Map.entry("nm", "nm"), Map.entry("nanometer", "nm"), Map.entry("nanometre", "nm"),
            Map.entry("nanometers", "nm"),
            Map.entry("mm", "mm"), Map.entry("millimeter", "mm"), Map.entry("millimetre", "mm"),
            Map.entry("millimeters", "mm"),
            Map.entry("cm", "cm"), Map.entry("centimeter", "cm"), Map.entry("centimetre", "cm"),
            Map.entry("m", "m"), Map.entry("meter", "m"), Map.entry("metre", "m"), Map.entry("meters", "m"),
            Map.entry("angstrom", "angstrom"), Map.entry("\u00e5", "angstrom"),
            Map.entry("s", "s"), Map.entry("sec", "s"), Map.entry("second", "s"), Map.entry("seconds", "s"),
            Map.entry("ms", "ms"), Map.entry("millisecond", "ms"), Map.entry("milliseconds", "ms"),
            Map.entry("min", "min"), Map.entry("minute", "min"), Map.entry("minutes", "min"),
            Map.entry("h", "h"), Map.entry("hour", "h"), Map.entry("hours", "h"),
            Map.entry("pixel", AxisCalibration.PIXEL_UNIT), Map.entry("pixels", AxisCalibration.PIXEL_UNIT),
            Map.entry("px", AxisCalibration.PIXEL_UNIT));

    /** QBI's short units as OME-NGFF (UDUNITS-2) names them. */
    private static final Map<String, String> NGFF = Map.ofEntries(Map.entry("um", "micrometer"),
            Map.entry("nm", "nanometer"), Map.entry("mm", "millimeter"), Map.entry("cm", "centimeter"),
            Map.entry("m", "meter"), Map.entry("angstrom", "angstrom"), Map.entry("s", "second"),
            Map.entry("ms", "millisecond"), Map.entry("min", "minute"), Map.entry("h", "hour"));

    private Units() {
    }

    /** The OME-NGFF name of a QBI unit ("um" gives "micrometer"), or null when NGFF has none for it. */
    public static String ngff(String unit) {
        return unit == null ? null : NGFF.get(normalize(unit));
    }

    /** The short name of {@code unit}; unknown units unchanged; blank gives "pixel". */
    public static String normalize(String unit) {
        if (unit == null || unit.isBlank()) {
            return AxisCalibration.PIXEL_UNIT;
        }
        String stripped = unit.strip();
        String known = SHORT.get(stripped.toLowerCase(Locale.ROOT));
        return known == null ? stripped : known;
    }
}
