package org.qbi.lab.neutron.ops;

import org.qbi.core.image.Axis;
import org.qbi.core.image.ImageHeader;

/**
 * A rectangle of a projection in pixels: the reference region of the dose correction, an area of the open beam
 * that the sample never covers.
 *
 * @param x      first column
 * @param y      first row
 * @param width  columns (0: no region)
 * @param height rows (0: no region)
 * @since 1.0
 */
public record Region(int x, int y, int width, int height) {

    /** No region: no dose correction. */
    public static final Region NONE = new Region(0, 0, 0, 0);

    public Region {
        if (x < 0 || y < 0 || width < 0 || height < 0) {
            throw new IllegalArgumentException("A region has a non-negative position and size; got x " + x + ", y " + y
                    + ", width " + width + ", height " + height);
        }
    }

    /** True when this is a region (not {@link #NONE}). */
    public boolean isSet() {
        return width > 0 && height > 0;
    }

    /**
     * Checks that the region lies inside the projections of {@code header}.
     *
     * @throws IllegalArgumentException naming the region and the projection size
     */
    public void checkInside(ImageHeader header) {
        long nx = header.size(Axis.X);
        long ny = header.size(Axis.Y);
        if (x + (long) width > nx || y + (long) height > ny) {
            throw new IllegalArgumentException("The reference region x " + x + ".." + (x + width - 1) + ", y " + y + ".."
                    + (y + height - 1) + " lies outside the projections of " + nx + " x " + ny + " pixels: choose a "
                    + "region of the open beam inside the image");
        }
    }

    /** The mean of the region's values in a plane of width {@code nx}, summed in double. */
    public double mean(float[] plane, int nx) {
        double sum = 0;
        for (int row = y; row < y + height; row++) {
            int at = row * nx + x;
            for (int i = 0; i < width; i++) {
                sum += plane[at + i];
            }
        }
        return sum / ((double) width * height);
    }

    @Override
    public String toString() {
        return isSet() ? "x " + x + ", y " + y + ", " + width + " x " + height + " pixels" : "none";
    }
}
