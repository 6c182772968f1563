package org.qbi.core.image;

import java.util.Arrays;

/**
 * Direction cosines of the x, y and z axes in world coordinates (for medical images the DICOM patient
 * system LPS: +x to the patient's left, +y posterior, +z superior). Row {@code i} is the unit vector of
 * image axis {@code i}.
 *
 * @since 0.1
 */
public final class Orientation {

    private static final double UNIT_TOLERANCE = 1e-3;

    private final double[] cosines;

    private Orientation(double[] cosines) {
        this.cosines = cosines;
    }

    /**
     * An orientation from 9 direction cosines, row-major (x axis first).
     *
     * @throws IllegalArgumentException when there are not 9 finite values or a row is not a unit vector
     */
    public static Orientation of(double... cosines) {
        if (cosines.length != 9) {
            throw new IllegalArgumentException("An orientation has 9 direction cosines, got " + cosines.length);
        }
        for (int row = 0; row < 3; row++) {
            double norm = Math.sqrt(sq(cosines[3 * row]) + sq(cosines[3 * row + 1]) + sq(cosines[3 * row + 2]));
            if (!Double.isFinite(norm) || Math.abs(norm - 1) > UNIT_TOLERANCE) {
                throw new IllegalArgumentException("Direction cosines of axis " + "xyz".charAt(row) + " have length "
                        + norm + "; expected unit vectors");
            }
        }
        return new Orientation(cosines.clone());
    }

    /**
     * The orientation of a slice from the DICOM ImageOrientationPatient (row and column cosines); the slice
     * normal (their cross product) is the z axis.
     */
    public static Orientation fromRowAndColumn(double[] row, double[] column) {
        double[] normal = cross(row, column);
        return of(row[0], row[1], row[2], column[0], column[1], column[2], normal[0], normal[1], normal[2]);
    }

    /** Identity: image axes along world axes. */
    public static final Orientation IDENTITY = new Orientation(new double[] { 1, 0, 0, 0, 1, 0, 0, 0, 1 });

    /** The unit vector of axis x, y or z in world coordinates. */
    public double[] direction(Axis axis) {
        int row = switch (axis) {
            case X -> 0;
            case Y -> 1;
            case Z -> 2;
            default -> throw new IllegalArgumentException("Only x, y and z have a direction, not " + axis.label());
        };
        return Arrays.copyOfRange(cosines, 3 * row, 3 * row + 3);
    }

    /** The 9 cosines, row-major. */
    public double[] cosines() {
        return cosines.clone();
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
    }

    private static double sq(double v) {
        return v * v;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Orientation o && Arrays.equals(cosines, o.cosines);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(cosines);
    }

    @Override
    public String toString() {
        return Arrays.toString(cosines);
    }
}
