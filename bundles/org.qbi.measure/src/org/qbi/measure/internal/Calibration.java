package org.qbi.measure.internal;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;

/** Spacing and length unit of the spatial axes, as measurements use them. */
public final class Calibration {

    private Calibration() {
    }

    /** Voxel size along x, y, z. */
    public static double[] spacing(ImageHeader header) {
        return new double[] { header.axis(Axis.X).spacing(), header.axis(Axis.Y).spacing(),
                header.axis(Axis.Z).spacing() };
    }

    /** The length unit of the spatial axes; "px" when they are uncalibrated, an error when they disagree. */
    public static String lengthUnit(ImageHeader header, boolean is3d) {
        String ux = header.axis(Axis.X).unit();
        String uy = header.axis(Axis.Y).unit();
        String uz = header.axis(Axis.Z).unit();
        if (!ux.equals(uy) || (is3d && !ux.equals(uz))) {
            throw new IllegalArgumentException("The spatial axes have different units (" + ux + ", " + uy
                    + (is3d ? ", " + uz : "") + "); physical measurements need one length unit");
        }
        return ux.equals(AxisCalibration.PIXEL_UNIT) ? "px" : ux;
    }

    /** Refuses images with several channels or time points. */
    public static void requireOneVolume(ImageHeader header, String what) {
        if (header.size(Axis.C) > 1 || header.size(Axis.T) > 1) {
            throw new IllegalArgumentException(what + " measures one volume; this image has " + header.size(Axis.C)
                    + " channels and " + header.size(Axis.T) + " time points: extract one first");
        }
    }
}
