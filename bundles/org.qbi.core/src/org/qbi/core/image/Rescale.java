package org.qbi.core.image;

/**
 * Maps stored values to physical ones: {@code physical = slope * stored + intercept} (DICOM
 * RescaleSlope/Intercept giving Hounsfield units, NIfTI scl_slope/scl_inter).
 *
 * @param slope     multiplies the stored value; not 0
 * @param intercept added after
 * @param unit      unit of the physical value ("HU"), or empty when the format does not say
 * @since 0.1
 */
public record Rescale(double slope, double intercept, String unit) {

    /** Stored values are the physical values. */
    public static final Rescale IDENTITY = new Rescale(1, 0, "");

    public Rescale {
        if (!Double.isFinite(slope) || slope == 0 || !Double.isFinite(intercept)) {
            throw new IllegalArgumentException("Rescale slope " + slope + " and intercept " + intercept
                    + " must be finite, and the slope not 0");
        }
        unit = unit == null ? "" : unit.strip();
    }

    public boolean isIdentity() {
        return slope == 1 && intercept == 0;
    }

    public double apply(double stored) {
        return slope * stored + intercept;
    }
}
