package org.qbi.io.nifti.internal;

import java.util.Optional;

import org.qbi.core.image.Orientation;

/**
 * NIfTI's voxel-to-world affine and QBI's calibration, both ways.
 * <p>
 * NIfTI world coordinates are RAS+ (+x towards the subject's right, +y anterior, +z superior); QBI, as DICOM
 * and ITK, uses LPS+ (+x left, +y posterior, +z superior; see {@link Orientation}). The conversion negates
 * the first two world coordinates. The affine's column j is the direction of voxel axis j times its spacing;
 * QBI keeps the unit direction (a row of {@link Orientation}) and the spacing (pixdim) apart, and stores the
 * world position of the first voxel's centre (the affine's last column, in LPS) as the origins of x, y and z,
 * as ITK and SimpleITK do.
 * <p>
 * The affine is the sform when sform_code > 0, else the qform (quaternion, offsets and qfac = pixdim[0]) when
 * qform_code > 0, else none (NIfTI's "method 1": pixdim only, no orientation).
 */
final class NiftiGeometry {

    private NiftiGeometry() {
    }

    /** The affine (3 rows of 4, RAS+) the header defines, if any: sform first, then qform. */
    static Optional<double[][]> affine(NiftiHeader h) {
        if (h.sformCode > 0 && usable(h.srow)) {
            return Optional.of(h.srow);
        }
        if (h.qformCode > 0) {
            double[][] q = qform(h.quatern, h.qoffset, h.pixdim);
            if (usable(q)) {
                return Optional.of(q);
            }
        }
        return Optional.empty();
    }

    /** The qform affine (nifti1.h, "method 2"). */
    static double[][] qform(double[] bcd, double[] offset, double[] pixdim) {
        double b = bcd[0];
        double c = bcd[1];
        double d = bcd[2];
        double a = 1 - (b * b + c * c + d * d);
        if (a < 1e-7) {
            double norm = 1 / Math.sqrt(b * b + c * c + d * d);
            b *= norm;
            c *= norm;
            d *= norm;
            a = 0;
        } else {
            a = Math.sqrt(a);
        }
        double[][] r = { { a * a + b * b - c * c - d * d, 2 * (b * c - a * d), 2 * (b * d + a * c) },
                { 2 * (b * c + a * d), a * a + c * c - b * b - d * d, 2 * (c * d - a * b) },
                { 2 * (b * d - a * c), 2 * (c * d + a * b), a * a + d * d - c * c - b * b } };
        double qfac = pixdim[0] < 0 ? -1 : 1;
        double[] spacing = { pixdim[1], pixdim[2], pixdim[3] * qfac };
        double[][] affine = new double[3][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                affine[i][j] = r[i][j] * spacing[j];
            }
            affine[i][3] = offset[i];
        }
        return affine;
    }

    private static boolean usable(double[][] affine) {
        for (int j = 0; j < 3; j++) {
            if (!(norm(column(affine, j)) > 0) || !Double.isFinite(affine[j][3])) {
                return false;
            }
        }
        return true;
    }

    /** The LPS direction of each voxel axis (rows), or empty when the columns are not usable unit vectors. */
    static Optional<Orientation> orientation(double[][] affine) {
        double[] cosines = new double[9];
        for (int j = 0; j < 3; j++) {
            double[] column = column(affine, j);
            double norm = norm(column);
            cosines[3 * j] = clean(-column[0] / norm);
            cosines[3 * j + 1] = clean(-column[1] / norm);
            cosines[3 * j + 2] = clean(column[2] / norm);
        }
        try {
            return Optional.of(Orientation.of(cosines));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The world position (LPS) of the first voxel's centre. */
    static double[] originLps(double[][] affine) {
        return new double[] { clean(-affine[0][3]), clean(-affine[1][3]), clean(affine[2][3]) };
    }

    /** The RAS+ affine of an image whose x, y, z have LPS directions {@code lps}, spacings and LPS origin. */
    static double[][] affine(Orientation lps, double[] spacing, double[] originLps) {
        double[][] affine = new double[3][4];
        double[] cosines = lps.cosines();
        double[] ras = { -1, -1, 1 };
        for (int j = 0; j < 3; j++) {
            for (int i = 0; i < 3; i++) {
                affine[i][j] = clean(ras[i] * cosines[3 * j + i] * spacing[j]);
            }
        }
        for (int i = 0; i < 3; i++) {
            affine[i][3] = clean(ras[i] * originLps[i]);
        }
        return affine;
    }

    /**
     * The qform of an affine whose columns are orthogonal: quaternion b, c, d and qfac (nifti_mat44_to_quatern);
     * empty when the columns are sheared, which a quaternion cannot hold.
     */
    static Optional<double[]> quaternion(double[][] affine) {
        double[][] r = new double[3][3];
        for (int j = 0; j < 3; j++) {
            double[] column = column(affine, j);
            double norm = norm(column);
            for (int i = 0; i < 3; i++) {
                r[i][j] = column[i] / norm;
            }
        }
        for (int j = 0; j < 3; j++) {
            for (int k = j + 1; k < 3; k++) {
                double dot = r[0][j] * r[0][k] + r[1][j] * r[1][k] + r[2][j] * r[2][k];
                if (Math.abs(dot) > 1e-4) {
                    return Optional.empty();
                }
            }
        }
        double det = r[0][0] * (r[1][1] * r[2][2] - r[1][2] * r[2][1]) - r[0][1] * (r[1][0] * r[2][2] - r[1][2] * r[2][0])
                + r[0][2] * (r[1][0] * r[2][1] - r[1][1] * r[2][0]);
        double qfac = 1;
        if (det < 0) {
            qfac = -1;
            for (int i = 0; i < 3; i++) {
                r[i][2] = -r[i][2];
            }
        }
        double a = r[0][0] + r[1][1] + r[2][2] + 1;
        double b;
        double c;
        double d;
        if (a > 0.5) {
            a = 0.5 * Math.sqrt(a);
            b = 0.25 * (r[2][1] - r[1][2]) / a;
            c = 0.25 * (r[0][2] - r[2][0]) / a;
            d = 0.25 * (r[1][0] - r[0][1]) / a;
        } else {
            double xd = 1 + r[0][0] - (r[1][1] + r[2][2]);
            double yd = 1 + r[1][1] - (r[0][0] + r[2][2]);
            double zd = 1 + r[2][2] - (r[0][0] + r[1][1]);
            if (xd > 1) {
                b = 0.5 * Math.sqrt(xd);
                c = 0.25 * (r[0][1] + r[1][0]) / b;
                d = 0.25 * (r[0][2] + r[2][0]) / b;
                a = 0.25 * (r[2][1] - r[1][2]) / b;
            } else if (yd > 1) {
                c = 0.5 * Math.sqrt(yd);
                b = 0.25 * (r[0][1] + r[1][0]) / c;
                d = 0.25 * (r[1][2] + r[2][1]) / c;
                a = 0.25 * (r[0][2] - r[2][0]) / c;
            } else {
                d = 0.5 * Math.sqrt(zd);
                b = 0.25 * (r[0][2] + r[2][0]) / d;
                c = 0.25 * (r[1][2] + r[2][1]) / d;
                a = 0.25 * (r[1][0] - r[0][1]) / d;
            }
            if (a < 0) {
                b = -b;
                c = -c;
                d = -d;
            }
        }
        return Optional.of(new double[] { b, c, d, qfac });
    }

    private static double[] column(double[][] affine, int j) {
        return new double[] { affine[0][j], affine[1][j], affine[2][j] };
    }

    private static double norm(double[] v) {
        return Math.sqrt(v[0] * v[0] + v[1] * v[1] + v[2] * v[2]);
    }

    /** Turns -0.0 into 0.0, so that a flipped zero reads as 0 (and compares equal to it). */
    static double clean(double value) {
        return value + 0.0;
    }
}
