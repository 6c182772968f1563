package org.qbi.measure.internal;

import java.io.IOException;

import org.qbi.ops.OperatorContext;

/**
 * Mean intercept length fabric: for each of a fixed set of directions (a Fibonacci lattice on the half sphere),
 * parallel test lines a fixed physical distance apart cross the volume; MIL(w) = total line length / number of
 * solid-void interfaces crossed (at least one). The ellipsoid x^T M x = 1 fitted to the points MIL(w) w by least
 * squares gives the fabric: degree of anisotropy DA = 1 - smallest / largest eigenvalue of M (0 isotropic, towards
 * 1 aligned) and the main direction, M's eigenvector of the smallest eigenvalue (longest mean intercepts).
 * Lines are sampled every half of the smallest voxel size, nearest voxel; deterministic.
 */
public final class MeanInterceptLength {

    /** Degree of anisotropy, the main direction (unit vector x, y, z) and the fitted MIL radii. */
    public record Fabric(double degree, double[] direction, double[] mil) {
    }

    private MeanInterceptLength() {
    }

    public static Fabric of(BinaryVolume v, double[] spacing, int directions, double lineSpacing,
            OperatorContext context) throws IOException {
        double[][] w = new double[directions][];
        double golden = Math.PI * (3 - Math.sqrt(5));
        for (int i = 0; i < directions; i++) {
            double z = 1 - (i + 0.5) / directions; // upper half sphere
            double r = Math.sqrt(1 - z * z);
            w[i] = new double[] { r * Math.cos(golden * i), r * Math.sin(golden * i), z };
        }
        double[] mil = new double[directions];
        context.forEach(directions, i -> mil[i] = intercept(v, spacing, w[i], lineSpacing));
        // least squares for M (6 unknowns) from points p = mil w: p^T M p = 1
        double[][] normal = new double[6][7];
        for (int i = 0; i < directions; i++) {
            double x = mil[i] * w[i][0];
            double y = mil[i] * w[i][1];
            double z = mil[i] * w[i][2];
            double[] row = { x * x, y * y, z * z, 2 * x * y, 2 * x * z, 2 * y * z };
            for (int a = 0; a < 6; a++) {
                for (int b = 0; b < 6; b++) {
                    normal[a][b] += row[a] * row[b];
                }
                normal[a][6] += row[a];
            }
        }
        double[] m = solve(normal);
        SymmetricEigen eigen = new SymmetricEigen(new double[][] { { m[0], m[3], m[4] }, { m[3], m[1], m[5] },
                { m[4], m[5], m[2] } });
        double largest = eigen.values[0];
        double smallest = eigen.values[2];
        double degree = 1 - smallest / largest;
        double[] radii = new double[3];
        for (int j = 0; j < 3; j++) {
            radii[j] = 1 / Math.sqrt(Math.max(eigen.values[2 - j], 1e-300));
        }
        return new Fabric(degree, eigen.vectors[2].clone(), radii);
    }

    private static double intercept(BinaryVolume v, double[] s, double[] w, double lineSpacing) {
        // basis u, t perpendicular to w
        double[] helper = Math.abs(w[0]) < 0.9 ? new double[] { 1, 0, 0 } : new double[] { 0, 1, 0 };
        double[] u = normalize(cross(w, helper));
        double[] t = cross(w, u);
        double[] size = { (v.nx() - 1) * s[0], (v.ny() - 1) * s[1], (v.nz() - 1) * s[2] };
        double uMin = Double.POSITIVE_INFINITY;
        double uMax = Double.NEGATIVE_INFINITY;
        double tMin = Double.POSITIVE_INFINITY;
        double tMax = Double.NEGATIVE_INFINITY;
        for (int c = 0; c < 8; c++) {
            double[] p = { (c & 1) * size[0], (c >> 1 & 1) * size[1], (c >> 2 & 1) * size[2] };
            double pu = dot(p, u);
            double pt = dot(p, t);
            uMin = Math.min(uMin, pu);
            uMax = Math.max(uMax, pu);
            tMin = Math.min(tMin, pt);
            tMax = Math.max(tMax, pt);
        }
        double step = 0.5 * Math.min(s[0], Math.min(s[1], v.nz() > 1 ? s[2] : s[0]));
        double length = 0;
        long interfaces = 0;
        for (double a = uMin + lineSpacing / 2; a < uMax; a += lineSpacing) {
            for (double b = tMin + lineSpacing / 2; b < tMax; b += lineSpacing) {
                double[] o = { a * u[0] + b * t[0], a * u[1] + b * t[1], a * u[2] + b * t[2] };
                // parameter range inside the box (slab method)
                double lo = Double.NEGATIVE_INFINITY;
                double hi = Double.POSITIVE_INFINITY;
                for (int k = 0; k < 3; k++) {
                    if (Math.abs(w[k]) < 1e-12) {
                        if (o[k] < -0.5 * s[k] || o[k] > size[k] + 0.5 * s[k]) {
                            lo = 1;
                            hi = 0;
                        }
                        continue;
                    }
                    double e0 = (-0.5 * s[k] - o[k]) / w[k];
                    double e1 = (size[k] + 0.5 * s[k] - o[k]) / w[k];
                    lo = Math.max(lo, Math.min(e0, e1));
                    hi = Math.min(hi, Math.max(e0, e1));
                }
                if (!(hi > lo)) {
                    continue;
                }
                boolean previous = false;
                boolean first = true;
                for (double q = lo + step / 2; q < hi; q += step) {
                    int x = (int) Math.round((o[0] + q * w[0]) / s[0]);
                    int y = (int) Math.round((o[1] + q * w[1]) / s[1]);
                    int z = v.nz() > 1 ? (int) Math.round((o[2] + q * w[2]) / s[2]) : 0;
                    if (x < 0 || y < 0 || z < 0 || x >= v.nx() || y >= v.ny() || z >= v.nz()) {
                        continue;
                    }
                    boolean solid = v.at(x, y, z);
                    if (!first && solid != previous) {
                        interfaces++;
                    }
                    previous = solid;
                    first = false;
                    length += step;
                }
            }
        }
        return length / Math.max(1, interfaces);
    }

    private static double[] solve(double[][] a) {
        int n = a.length;
        for (int c = 0; c < n; c++) {
            int pivot = c;
            for (int r = c + 1; r < n; r++) {
                if (Math.abs(a[r][c]) > Math.abs(a[pivot][c])) {
                    pivot = r;
                }
            }
            double[] tmp = a[c];
            a[c] = a[pivot];
            a[pivot] = tmp;
            for (int r = 0; r < n; r++) {
                if (r != c && a[c][c] != 0) {
                    double f = a[r][c] / a[c][c];
                    for (int k = c; k <= n; k++) {
                        a[r][k] -= f * a[c][k];
                    }
                }
            }
        }
        double[] x = new double[n];
        for (int r = 0; r < n; r++) {
            x[r] = a[r][r] == 0 ? 0 : a[r][n] / a[r][r];
        }
        return x;
    }

    private static double[] cross(double[] a, double[] b) {
        return new double[] { a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0] };
    }

    private static double[] normalize(double[] a) {
        double n = Math.sqrt(dot(a, a));
        return new double[] { a[0] / n, a[1] / n, a[2] / n };
    }

    private static double dot(double[] a, double[] b) {
        return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
    }
}
