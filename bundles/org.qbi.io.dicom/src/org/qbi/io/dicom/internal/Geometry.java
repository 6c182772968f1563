package org.qbi.io.dicom.internal;

import java.util.List;

/** Vector helpers and the per-frame geometry of a file (functional groups, RT dose offsets). */
final class Geometry {

    private Geometry() {
    }

    static double[] cross(double[] a, double[] b) {
        return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
    }

    static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }

    static double norm(double[] a) {
        return Math.sqrt(dot(a, a));
    }

    static double[] normalize(double[] a) {
        double n = norm(a);
        return new double[] { a[0] / n, a[1] / n, a[2] / n };
    }

    static double[] minus(double[] a, double[] b) {
        return new double[] { a[0] - b[0], a[1] - b[1], a[2] - b[2] };
    }

    /**
     * The item of functional group {@code sequence} for frame {@code frame}: the per-frame one, else the shared
     * one; null when neither has it.
     */
    static DicomDataset functionalGroup(DicomDataset ds, int frame, int sequence) {
        List<DicomDataset> perFrame = ds.items(Tags.PER_FRAME_FUNCTIONAL_GROUPS);
        if (frame < perFrame.size()) {
            DicomDataset item = perFrame.get(frame).item(sequence);
            if (item != null) {
                return item;
            }
        }
        DicomDataset shared = ds.item(Tags.SHARED_FUNCTIONAL_GROUPS);
        return shared == null ? null : shared.item(sequence);
    }

    /** A number array from the top level, else from the functional group of frame 0. */
    static double[] attribute(DicomDataset ds, int tag, int sequence, int count) {
        double[] values = ds.numbers(tag);
        if (values == null || values.length < count) {
            DicomDataset group = functionalGroup(ds, 0, sequence);
            values = group == null ? null : group.numbers(tag);
        }
        return values != null && values.length >= count && finite(values, count) ? values : null;
    }

    /** ImagePositionPatient of frame {@code frame} from the per-frame or shared PlanePositionSequence. */
    static double[] framePosition(DicomDataset ds, int frame) {
        DicomDataset group = functionalGroup(ds, frame, Tags.PLANE_POSITION_SEQUENCE);
        double[] values = group == null ? null : group.numbers(Tags.IMAGE_POSITION_PATIENT);
        return values != null && values.length >= 3 && finite(values, 3) ? values : null;
    }

    static boolean finite(double[] values, int count) {
        for (int i = 0; i < count; i++) {
            if (!Double.isFinite(values[i])) {
                return false;
            }
        }
        return true;
    }

    /** Row and column cosines from ImageOrientationPatient, or null when absent or not unit vectors. */
    static double[][] rowAndColumn(double[] iop) {
        if (iop == null || iop.length < 6) {
            return null;
        }
        double[] row = { iop[0], iop[1], iop[2] };
        double[] column = { iop[3], iop[4], iop[5] };
        if (Math.abs(norm(row) - 1) > 1e-3 || Math.abs(norm(column) - 1) > 1e-3 || Math.abs(dot(row, column)) > 1e-3) {
            return null;
        }
        return new double[][] { normalize(row), normalize(column) };
    }
}
