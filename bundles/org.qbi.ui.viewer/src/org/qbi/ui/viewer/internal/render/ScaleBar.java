package org.qbi.ui.viewer.internal.render;

/**
 * A scale bar: the largest length of 1, 2 or 5 times a power of ten (in the axis's unit) whose bar is at most
 * {@code maxPixels} screen pixels long at the current zoom.
 *
 * @param length the bar's physical length in {@code unit}
 * @param pixels its screen length
 * @param unit   the horizontal axis's unit ("mm", "µm")
 */
public record ScaleBar(double length, int pixels, String unit) {

    /**
     * The bar for a view where one screen pixel spans {@code unitsPerPixel} of {@code unit}; null when the axis is
     * uncalibrated (unit "pixel" or empty) or the scale is not finite.
     */
    public static ScaleBar choose(double unitsPerPixel, String unit, int maxPixels) {
        if (unit == null || unit.isEmpty() || "pixel".equals(unit) || !(unitsPerPixel > 0)
                || !Double.isFinite(unitsPerPixel) || maxPixels < 1) {
            return null;
        }
        double maxLength = unitsPerPixel * maxPixels;
        double power = Math.pow(10, Math.floor(Math.log10(maxLength)));
        double length = power;
        for (double m : new double[] { 5, 2, 1 }) {
            if (m * power <= maxLength * (1 + 1e-9)) {
                length = m * power;
                break;
            }
        }
        return new ScaleBar(length, (int) Math.round(length / unitsPerPixel), unit);
    }

    /** "10 mm", "0.5 µm". */
    public String label() {
        return ImageTexts.number(length) + " " + unit;
    }
}
