package org.qbi.measure.internal;

/**
 * Eigenvalues and eigenvectors of a symmetric 3x3 matrix by cyclic Jacobi rotations (hand-written: a few lines,
 * and no maintained Java linear-algebra library is otherwise needed by the platform). Values sorted descending,
 * vectors as rows, each with its largest-magnitude component positive so signs are reproducible.
 */
public final class SymmetricEigen {

    public final double[] values = new double[3];
    public final double[][] vectors = new double[3][3];

    public SymmetricEigen(double[][] matrix) {
        double[][] a = { matrix[0].clone(), matrix[1].clone(), matrix[2].clone() };
        double[][] v = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
        for (int sweep = 0; sweep < 50; sweep++) {
            double off = a[0][1] * a[0][1] + a[0][2] * a[0][2] + a[1][2] * a[1][2];
            double scale = a[0][0] * a[0][0] + a[1][1] * a[1][1] + a[2][2] * a[2][2];
            if (off <= 1e-30 * Math.max(scale, 1e-300)) {
                break;
            }
            for (int p = 0; p < 2; p++) {
                for (int q = p + 1; q < 3; q++) {
                    if (a[p][q] == 0) {
                        continue;
                    }
                    double theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
                    double t = Math.signum(theta) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
                    if (theta == 0) {
                        t = 1;
                    }
                    double c = 1 / Math.sqrt(t * t + 1);
                    double s = t * c;
                    for (int k = 0; k < 3; k++) {
                        double akp = a[k][p];
                        double akq = a[k][q];
                        a[k][p] = c * akp - s * akq;
                        a[k][q] = s * akp + c * akq;
                    }
                    for (int k = 0; k < 3; k++) {
                        double apk = a[p][k];
                        double aqk = a[q][k];
                        a[p][k] = c * apk - s * aqk;
                        a[q][k] = s * apk + c * aqk;
                    }
                    for (int k = 0; k < 3; k++) {
                        double vkp = v[k][p];
                        double vkq = v[k][q];
                        v[k][p] = c * vkp - s * vkq;
                        v[k][q] = s * vkp + c * vkq;
                    }
                }
            }
        }
        Integer[] order = { 0, 1, 2 };
        java.util.Arrays.sort(order, (i, j) -> Double.compare(a[j][j], a[i][i]));
        for (int r = 0; r < 3; r++) {
            int i = order[r];
            values[r] = a[i][i];
            double[] vector = { v[0][i], v[1][i], v[2][i] };
            int big = 0;
            for (int k = 1; k < 3; k++) {
                if (Math.abs(vector[k]) > Math.abs(vector[big]) + 1e-12) {
                    big = k;
                }
            }
            double sign = vector[big] < 0 ? -1 : 1;
            for (int k = 0; k < 3; k++) {
                vectors[r][k] = sign * vector[k] + 0.0;
            }
        }
    }
}
