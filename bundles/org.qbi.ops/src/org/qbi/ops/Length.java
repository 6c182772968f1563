package org.qbi.ops;

import java.util.Locale;
import java.util.Map;

import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.io.Units;

/**
 * A length given either in voxels ("2", "2 px") or in a physical unit ("0.5 mm", "15 um"): how users give a sigma,
 * a radius or a spacing. Converted to voxels per axis with the image's spacing, so anisotropic voxels get the
 * right number of voxels along each axis.
 *
 * @param value the number, at least 0
 * @param unit  {@link AxisCalibration#PIXEL_UNIT} for voxels, else a length unit ("nm", "um", "mm", "cm", "m")
 * @since 0.1
 */
public record Length(double value, String unit) {

    private static final Map<String, Double> METRES = Map.of("nm", 1e-9, "um", 1e-6, "mm", 1e-3, "cm", 1e-2, "m",
            1.0, "angstrom", 1e-10);

    public Length {
        if (!Double.isFinite(value) || value < 0) {
            throw new IllegalArgumentException("A length must be a finite number >= 0, got " + value);
        }
        unit = Units.normalize(unit);
        if (!unit.equals(AxisCalibration.PIXEL_UNIT) && !METRES.containsKey(unit)) {
            throw new IllegalArgumentException("Unknown length unit '" + unit + "'; use px, nm, um, mm, cm or m");
        }
    }

    public static Length voxels(double value) {
        return new Length(value, AxisCalibration.PIXEL_UNIT);
    }

    /** Parses "2", "2px", "2 px", "0.5 mm", "15um". */
    public static Length parse(String text) {
        String s = text.strip();
        int split = 0;
        while (split < s.length() && "0123456789.eE+-".indexOf(s.charAt(split)) >= 0) {
            split++;
        }
        // "e" may begin a unit rather than an exponent only if nothing numeric follows; units here never start with e
        if (split == 0) {
            throw new IllegalArgumentException("'" + text + "' is not a length; write e.g. 2, 2 px, 0.5 mm or 15 um");
        }
        double value;
        try {
            value = Double.parseDouble(s.substring(0, split));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not a length; write e.g. 2, 2 px, 0.5 mm or 15 um");
        }
        String unit = s.substring(split).strip();
        return new Length(value, unit.isEmpty() ? AxisCalibration.PIXEL_UNIT : unit);
    }

    public boolean isVoxels() {
        return unit.equals(AxisCalibration.PIXEL_UNIT);
    }

    /**
     * This length in voxels along {@code axis}: the value itself for voxels, else the value divided by the
     * axis's spacing (converted to the same unit).
     *
     * @throws IllegalArgumentException when the length is physical and the axis is uncalibrated or not a length
     */
    public double toVoxels(AxisCalibration axis) {
        if (isVoxels()) {
            return value;
        }
        Double axisMetres = METRES.get(Units.normalize(axis.unit()));
        if (axisMetres == null) {
            throw new IllegalArgumentException("A length of " + this + " cannot be converted to voxels along axis "
                    + axis.axis().label() + ", whose unit is '" + axis.unit() + "'; give the length in px");
        }
        return value * METRES.get(unit) / (axis.spacing() * axisMetres);
    }

    /** This length in voxels along x, y and z of {@code header} (z is 0 for a 2D image). */
    public double[] toVoxels(ImageHeader header) {
        double[] voxels = new double[3];
        for (int a = 0; a < 3; a++) {
            AxisCalibration axis = header.axes().get(a);
            voxels[a] = axis.size() > 1 || a < 2 ? toVoxels(axis) : 0;
        }
        return voxels;
    }

    @Override
    public String toString() {
        String number = value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : Double.toString(value);
        return isVoxels() ? number + " px" : number + " " + unit.toLowerCase(Locale.ROOT);
    }
}
