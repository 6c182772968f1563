package org.qbi.ui.viewer.internal.render;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.List;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelValues;

/**
 * The values of one voxel, or their mean over a ROI, along the channel axis (a spectrum: wavelengths,
 * wavenumbers) or the time axis (a time curve), rescaled, against the axis's calibrated positions (its per-index
 * values where it has them, else origin + index x spacing).
 */
public final class Curves {

    /**
     * A curve.
     *
     * @param along     the axis it runs along (c or t)
     * @param positions the axis's position of each sample, in {@code unit}
     * @param values    rescaled values (NaN where a ROI holds no finite value)
     * @param unit      the axis's unit ("nm", "1/cm", "s"; "pixel" when uncalibrated)
     */
    public record Curve(Axis along, double[] positions, double[] values, String unit) {
    }

    private Curves() {
    }

    /** The axis a curve of this image runs along: c when it has channels, else t when it has time points, else null. */
    public static Axis axisOf(ImageHeader header) {
        return header.size(Axis.C) > 1 ? Axis.C : header.size(Axis.T) > 1 ? Axis.T : null;
    }

    /** The calibrated positions of an axis. */
    static double[] positions(AxisCalibration axis) {
        double[] positions = new double[Math.toIntExact(axis.size())];
        List<Double> values = axis.values();
        for (int i = 0; i < positions.length; i++) {
            positions[i] = values.isEmpty() ? axis.origin() + i * axis.spacing() : values.get(i);
        }
        return positions;
    }

    /**
     * The curve through voxel (x, y, z) along {@code along} (c or t), the other of c and t fixed at {@code c} or
     * {@code t}: one region read of 1 x 1 x 1 x n voxels.
     */
    public static Curve atVoxel(Image image, Axis along, long x, long y, long z, long c, long t) throws IOException {
        ImageHeader header = image.header();
        check(header, along);
        int n = Math.toIntExact(header.size(along));
        long[] origin = { x, y, z, along == Axis.C ? 0 : c, along == Axis.T ? 0 : t };
        long[] size = { 1, 1, 1, along == Axis.C ? n : 1, along == Axis.T ? n : 1 };
        double[] values = new double[n];
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment region = image.readRegion(origin, size, arena);
            for (int i = 0; i < n; i++) {
                values[i] = header.rescale().apply(PixelValues.get(header.pixelType(), region, i));
            }
        }
        AxisCalibration axis = header.axis(along);
        return new Curve(along, positions(axis), values, axis.unit());
    }

    /**
     * The mean over the pixels of an area ROI on plane {@code index} of {@code plane}, at each position along
     * {@code along}: one plane read per position.
     */
    public static Curve overRoi(Image image, Axis along, SlicePlane plane, long index, Roi roi, long c, long t)
            throws IOException {
        ImageHeader header = image.header();
        check(header, along);
        int n = Math.toIntExact(header.size(along));
        int width = plane.width(header);
        List<int[]> pixels = RoiMeasure.pixels(roi, width, plane.height(header));
        double[] values = new double[n];
        try (Arena arena = Arena.ofConfined()) {
            for (int i = 0; i < n; i++) {
                MemorySegment values0 = plane.read(image, index, along == Axis.C ? i : c, along == Axis.T ? i : t,
                        arena);
                double sum = 0;
                long count = 0;
                for (int[] p : pixels) {
                    double v = header.rescale().apply(PixelValues.get(header.pixelType(), values0,
                            (long) p[1] * width + p[0]));
                    if (Double.isFinite(v)) {
                        sum += v;
                        count++;
                    }
                }
                values[i] = count == 0 ? Double.NaN : sum / count;
            }
        }
        AxisCalibration axis = header.axis(along);
        return new Curve(along, positions(axis), values, axis.unit());
    }

    private static void check(ImageHeader header, Axis along) {
        if (along != Axis.C && along != Axis.T) {
            throw new IllegalArgumentException("Curves run along c or t, not " + along.label());
        }
        if (PlaneValues.isColour(header.pixelType())) {
            throw new IllegalArgumentException("A " + header.pixelType().label()
                    + " image has colour samples, not one value per channel");
        }
    }
}
