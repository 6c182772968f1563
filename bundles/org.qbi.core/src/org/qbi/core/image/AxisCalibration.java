package org.qbi.core.image;

import java.util.List;

/**
 * One axis of an image: its size in pixels and where its pixels are in the world.
 * <p>
 * The centre of pixel {@code i} lies at {@code origin + i * spacing} (in {@code unit}) along the axis. When the
 * image has an {@link Orientation}, the origins of x, y and z together are the world position of the first
 * pixel's centre (ITK's convention; DICOM's ImagePositionPatient), and pixel (i, j, k) lies at that point plus
 * i * spacing_x along the x direction, j * spacing_y along y and k * spacing_z along z. An
 * uncalibrated axis says so explicitly: spacing 1, origin 0, unit {@link #PIXEL_UNIT}. Channel axes may carry
 * one value per channel (a wavelength in nm, a wavenumber in 1/cm); {@code values} is then of length
 * {@code size}, otherwise empty.
 *
 * @param axis    which axis
 * @param size    number of pixels, at least 1
 * @param spacing distance between pixel centres, positive and finite
 * @param origin  position of the first pixel's centre
 * @param unit    physical unit ("mm", "um", "s", "nm"); {@link #PIXEL_UNIT} when uncalibrated
 * @param values  per-index values (spectral axes), or empty
 * @since 0.1
 */
public record AxisCalibration(Axis axis, long size, double spacing, double origin, String unit, List<Double> values) {

    /** The unit of an uncalibrated axis. */
    public static final String PIXEL_UNIT = "pixel";

    public AxisCalibration {
        if (axis == null) {
            throw new IllegalArgumentException("An axis calibration needs its axis");
        }
        if (size < 1) {
            throw new IllegalArgumentException("Axis " + axis.label() + " has size " + size + "; sizes are at least 1");
        }
        if (!(spacing > 0) || Double.isInfinite(spacing)) {
            throw new IllegalArgumentException("Axis " + axis.label() + " has spacing " + spacing
                    + "; spacing must be positive and finite");
        }
        if (!Double.isFinite(origin)) {
            throw new IllegalArgumentException("Axis " + axis.label() + " has origin " + origin + "; it must be finite");
        }
        unit = unit == null || unit.isBlank() ? PIXEL_UNIT : unit.strip();
        values = values == null ? List.of() : List.copyOf(values);
        if (!values.isEmpty() && values.size() != size) {
            throw new IllegalArgumentException("Axis " + axis.label() + " has " + values.size() + " values for "
                    + size + " positions");
        }
    }

    /** An uncalibrated axis of {@code size} pixels. */
    public static AxisCalibration uncalibrated(Axis axis, long size) {
        return new AxisCalibration(axis, size, 1, 0, PIXEL_UNIT, List.of());
    }

    /** A calibrated axis without per-index values. */
    public static AxisCalibration of(Axis axis, long size, double spacing, double origin, String unit) {
        return new AxisCalibration(axis, size, spacing, origin, unit, List.of());
    }

    /** True when the axis has a physical unit. */
    public boolean isCalibrated() {
        return !PIXEL_UNIT.equals(unit);
    }

    /** Field of view: spacing x size, in {@code unit}. */
    public double fieldOfView() {
        return spacing * size;
    }

    /** This axis with another size (same calibration). */
    public AxisCalibration withSize(long newSize) {
        return new AxisCalibration(axis, newSize, spacing, origin, unit, values.size() == newSize ? values : List.of());
    }
}
