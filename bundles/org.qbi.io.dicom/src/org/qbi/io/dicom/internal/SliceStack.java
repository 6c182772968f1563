package org.qbi.io.dicom.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.qbi.core.image.Metadata;

/**
 * The spacing of a stack of slices from their ImagePositionPatient (not SliceThickness): positions projected on
 * the slice normal, the gaps between neighbours, and what is irregular about them: unequal gaps, slices out of
 * order, a gantry tilt (positions that move within the slice plane). Irregularities are reported, in metadata
 * and as warnings, never hidden.
 *
 * @param projections  each slice's position along the normal, in the given order (mm)
 * @param spacing      distance between slices along the normal: (last - first) / (n - 1), positive (mm)
 * @param direction    +1 when positions increase along the normal, -1 when they decrease
 * @param minGap       smallest gap between neighbours (absolute, mm)
 * @param maxGap       largest gap (mm)
 * @param monotonic    whether the positions move in one direction
 * @param tiltDegrees  angle between the slice normal and the line through the slices' positions
 */
record SliceStack(double[] projections, double spacing, int direction, double minGap, double maxGap,
        boolean monotonic, double tiltDegrees) {

    /** Gaps may differ by this much (mm) plus 0.1 % before they are called irregular. */
    static final double GAP_TOLERANCE_MM = 0.01;
    /** A tilt below this angle (degrees) is rounding. */
    static final double TILT_TOLERANCE_DEGREES = 0.05;

    static SliceStack of(List<double[]> positions, double[] normal) {
        int n = positions.size();
        double[] projections = new double[n];
        for (int i = 0; i < n; i++) {
            projections[i] = Geometry.dot(positions.get(i), normal);
        }
        if (n < 2) {
            return new SliceStack(projections, 0, 1, 0, 0, true, 0);
        }
        double min = Double.POSITIVE_INFINITY;
        double max = 0;
        int increasing = 0;
        int decreasing = 0;
        for (int i = 1; i < n; i++) {
            double gap = projections[i] - projections[i - 1];
            if (gap > 0) {
                increasing++;
            } else if (gap < 0) {
                decreasing++;
            }
            min = Math.min(min, Math.abs(gap));
            max = Math.max(max, Math.abs(gap));
        }
        boolean monotonic = increasing == n - 1 || decreasing == n - 1;
        double span = projections[n - 1] - projections[0];
        double spacing = Math.abs(span) / (n - 1);
        double[] d = Geometry.minus(positions.get(n - 1), positions.getFirst());
        double along = Geometry.dot(d, normal);
        double[] inPlane = { d[0] - along * normal[0], d[1] - along * normal[1], d[2] - along * normal[2] };
        double tilt = Math.abs(along) > 0 ? Math.toDegrees(Math.atan2(Geometry.norm(inPlane), Math.abs(along))) : 0;
        return new SliceStack(projections, spacing, span < 0 ? -1 : 1, min, max, monotonic, tilt);
    }

    boolean irregular() {
        return maxGap - minGap > GAP_TOLERANCE_MM + 1e-3 * maxGap;
    }

    boolean tilted() {
        return tiltDegrees > TILT_TOLERANCE_DEGREES;
    }

    /** Adds qbi:sliceSpacing, qbi:slicePositions and what is irregular; returns the warnings. */
    List<String> report(Metadata.Builder metadata, String what) {
        List<String> warnings = new ArrayList<>();
        if (projections.length < 2) {
            return warnings;
        }
        metadata.put("qbi:sliceSpacing", "Slice spacing (mm, from ImagePositionPatient)", DicomMetadata.QBI_GROUP,
                spacing);
        List<Double> list = new ArrayList<>();
        for (double p : projections) {
            list.add(Math.round(p * 1e4) / 1e4);
        }
        metadata.put("qbi:slicePositions", "Slice positions along the normal (mm)", DicomMetadata.QBI_GROUP, list);
        metadata.put("qbi:sliceGapMin", "Smallest slice gap (mm)", DicomMetadata.QBI_GROUP, minGap);
        metadata.put("qbi:sliceGapMax", "Largest slice gap (mm)", DicomMetadata.QBI_GROUP, maxGap);
        if (!monotonic) {
            warnings.add(what + " are not in spatial order along the slice normal; z spacing is the mean");
        }
        if (irregular()) {
            String text = "min " + mm(minGap) + " mm, max " + mm(maxGap) + " mm";
            metadata.put("qbi:sliceSpacingIrregular", "Irregular slice spacing", DicomMetadata.QBI_GROUP, text);
            warnings.add(what + " are irregularly spaced: gaps from " + mm(minGap) + " to " + mm(maxGap)
                    + " mm; z spacing " + mm(spacing) + " mm is their mean");
        }
        if (tilted()) {
            metadata.put("qbi:gantryTilt", "Tilt of the slice stack (degrees, from ImagePositionPatient)",
                    DicomMetadata.QBI_GROUP, Math.round(tiltDegrees * 1e4) / 1e4);
            warnings.add(String.format(Locale.ROOT,
                    "%s are tilted by %.3g degrees (gantry tilt: positions move within the slice plane); the volume "
                            + "is not resampled, so its geometry is sheared", what, tiltDegrees));
        }
        return warnings;
    }

    /** A length with up to 4 decimals, trailing zeros dropped: "2", "2.5", "0.9375". */
    static String mm(double value) {
        return new java.math.BigDecimal(String.format(Locale.ROOT, "%.4f", value)).stripTrailingZeros().toPlainString();
    }
}
