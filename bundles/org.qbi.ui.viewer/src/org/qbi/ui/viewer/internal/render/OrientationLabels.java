package org.qbi.ui.viewer.internal.render;

import org.qbi.core.image.Orientation;

/**
 * The anatomical directions at the edges of a plane for a header's orientation (world = DICOM patient system
 * LPS: +x left, +y posterior, +z superior): the letter of the world axis the screen direction mostly points
 * along (R/L, A/P, S/I), as radiology viewers show them. Oblique planes get the dominant direction.
 *
 * @param left   the direction towards the left edge
 * @param right  towards the right edge
 * @param top    towards the top edge
 * @param bottom towards the bottom edge
 */
public record OrientationLabels(String left, String right, String top, String bottom) {

    /** The labels of {@code plane} for an image with this orientation. */
    public static OrientationLabels of(Orientation orientation, SlicePlane plane) {
        double[] h = orientation.direction(plane.horizontal());
        double[] v = orientation.direction(plane.vertical());
        return new OrientationLabels(letter(h, -1), letter(h, 1), letter(v, -1), letter(v, 1));
    }

    /** The labels of a plane shown upside down (its vertical axis growing upwards): top and bottom swap. */
    public OrientationLabels flipped() {
        return new OrientationLabels(left, right, bottom, top);
    }

    /** The letter of the world direction {@code sign * d}. */
    static String letter(double[] d, int sign) {
        int best = 0;
        for (int i = 1; i < 3; i++) {
            if (Math.abs(d[i]) > Math.abs(d[best])) {
                best = i;
            }
        }
        boolean positive = d[best] * sign > 0;
        return switch (best) {
            case 0 -> positive ? "L" : "R";
            case 1 -> positive ? "P" : "A";
            default -> positive ? "S" : "I";
        };
    }
}
