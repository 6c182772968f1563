package org.qbi.ops.geometry.internal;

import java.util.Arrays;

import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;

/**
 * Per-axis parameter values as users write them ("2" for every axis, "2,2" for x and y of a 2D image, "2,2,1"
 * for x, y and z) and the checks the geometry operators share.
 */
public final class AxisValues {

    private AxisValues() {
    }

    /** 3 for an image with more than one z slice, else 2: the axes an operator works along. */
    public static int rank(ImageHeader header) {
        return header.dimensions()[2] > 1 ? 3 : 2;
    }

    /**
     * x, y, z values from a list of 1 (every axis of the image's rank), rank or 3 values; z takes
     * {@code zDefault} for a 2D image given fewer than 3.
     *
     * @throws IllegalArgumentException naming the parameter and what was given
     */
    public static double[] perAxis(String name, double[] values, int rank, double zDefault) {
        double[] xyz = { 0, 0, zDefault };
        if (values.length == 1) {
            for (int a = 0; a < rank; a++) {
                xyz[a] = values[0];
            }
        } else if (values.length == rank || values.length == 3) {
            System.arraycopy(values, 0, xyz, 0, values.length);
        } else {
            throw new IllegalArgumentException("Parameter '" + name + "' has " + values.length + " values ("
                    + Arrays.toString(values) + "); give 1 (all axes), " + rank + " (" + (rank == 2 ? "x, y" : "x, y, z")
                    + ")" + (rank == 2 ? " or 3 (x, y, z)" : ""));
        }
        return xyz;
    }

    /** The value as a whole number of voxels, or an error naming the parameter. */
    public static long whole(String name, double value) {
        if (value != Math.rint(value) || Math.abs(value) > 1e15) {
            throw new IllegalArgumentException("Parameter '" + name + "' must be whole voxels, got " + value);
        }
        return (long) value;
    }

    /** Refuses multi-sample pixels (RGB, complex), pointing to the operator that splits them. */
    public static void requireSingleSample(String operator, ImageHeader header) {
        PixelType type = header.pixelType();
        if (type.samplesPerPixel() != 1) {
            throw new IllegalArgumentException(operator + " works on single-sample images; this one is " + type.label()
                    + " (" + type.samplesPerPixel() + " samples per pixel): split it into channels first "
                    + "(geometry.split_rgb)");
        }
    }

    /** Cosine of an angle in degrees, exact at multiples of 90 (scipy.special.cosdg). */
    public static double cosDegrees(double degrees) {
        double r = Math.IEEEremainder(degrees, 360);
        if (r == 0) {
            return 1;
        }
        if (Math.abs(r) == 180) {
            return -1;
        }
        if (Math.abs(r) == 90) {
            return 0;
        }
        return Math.cos(Math.toRadians(r));
    }

    /** Sine of an angle in degrees, exact at multiples of 90 (scipy.special.sindg). */
    public static double sinDegrees(double degrees) {
        double r = Math.IEEEremainder(degrees, 360);
        if (r == 0 || Math.abs(r) == 180) {
            return 0;
        }
        if (r == 90) {
            return 1;
        }
        if (r == -90) {
            return -1;
        }
        return Math.sin(Math.toRadians(r));
    }
}
