package org.qbi.ops.geometry.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Orientation;

/**
 * How an output voxel grid sits in an input grid: input index = A * output index + b (x, y, z), and the output
 * header that keeps every voxel at its world position. Every geometry operator describes itself this way (crop:
 * A = I, b = first voxel; flip along x: A = diag(-1, 1, 1), b = (n - 1, 0, 0); resample: A = diag(zoom); rotation:
 * A = the rotation), so the calibration follows by one rule instead of one per operator.
 * <p>
 * World position of input voxel i: O + D S i (O the axes' origins, D the direction cosines as columns, identity
 * when the image has no orientation, S the spacings). Then output voxel o lies at (O + D S b) + (D S A) o, and
 * the output's spacing and direction per axis are the length and direction of the columns of D S A. An image
 * without orientation gets one only when the map turns or mirrors its axes.
 *
 * @param a     3 x 3 matrix, a[input axis][output axis]
 * @param b     offset in input voxels
 * @param sizes output x, y, z sizes
 */
public record GridMap(double[][] a, double[] b, long[] sizes) {

    /** Identity map of a grid with {@code sizes} moved by {@code first} voxels (crop, pad, extract). */
    public static GridMap shift(long[] first, long[] sizes) {
        return new GridMap(identity(), new double[] { first[0], first[1], first[2] }, sizes);
    }

    public static double[][] identity() {
        return new double[][] { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    }

    /** The input position (x, y, z, in voxels) of output voxel {@code o}. */
    public double[] inputOf(double[] o) {
        double[] i = new double[3];
        for (int r = 0; r < 3; r++) {
            i[r] = b[r] + a[r][0] * o[0] + a[r][1] * o[1] + a[r][2] * o[2];
        }
        return i;
    }

    /**
     * The output header: {@code input}'s with the new x, y, z sizes, spacings, origins and orientation (channel,
     * time, pixel type, rescale and metadata unchanged).
     */
    public ImageHeader header(ImageHeader input) {
        double[][] d = directions(input);
        double[] s = new double[3];
        double[] o = new double[3];
        for (int k = 0; k < 3; k++) {
            AxisCalibration axis = input.axes().get(k);
            s[k] = axis.spacing();
            o[k] = axis.origin();
        }
        double[] origin = o.clone();
        for (int w = 0; w < 3; w++) {
            for (int k = 0; k < 3; k++) {
                origin[w] += d[w][k] * s[k] * b[k];
            }
        }
        double[][] dOut = new double[3][3];
        double[] sOut = new double[3];
        int[] unitFrom = new int[3];
        for (int j = 0; j < 3; j++) {
            int single = singleSource(j);
            if (single >= 0) {
                // a permutation, flip or scaling along one axis: exact spacing and cosines, no rounding from a norm
                double factor = a[single][j];
                sOut[j] = s[single] * Math.abs(factor);
                for (int w = 0; w < 3; w++) {
                    dOut[w][j] = Math.signum(factor) * d[w][single];
                }
                unitFrom[j] = single;
                continue;
            }
            double[] column = new double[3];
            double norm = 0;
            int largest = j;
            for (int w = 0; w < 3; w++) {
                for (int k = 0; k < 3; k++) {
                    column[w] += d[w][k] * s[k] * a[k][j];
                }
                norm += column[w] * column[w];
            }
            for (int k = 0; k < 3; k++) {
                if (Math.abs(a[k][j]) > Math.abs(a[largest][j])) {
                    largest = k;
                }
            }
            norm = Math.sqrt(norm);
            if (!(norm > 0)) {
                throw new IllegalArgumentException("The output axis " + "xyz".charAt(j) + " has no extent in the input");
            }
            sOut[j] = norm;
            for (int w = 0; w < 3; w++) {
                dOut[w][j] = column[w] / norm;
            }
            unitFrom[j] = largest;
        }
        List<AxisCalibration> axes = new ArrayList<>(input.axes());
        for (int j = 0; j < 3; j++) {
            AxisCalibration source = input.axes().get(unitFrom[j]);
            axes.set(j, AxisCalibration.of(Axis.values()[j], sizes[j], sOut[j], origin[j], source.unit()));
        }
        Optional<Orientation> orientation = input.orientation();
        if (orientation.isPresent() || !isIdentity(dOut)) {
            orientation = Optional.of(Orientation.of(dOut[0][0], dOut[1][0], dOut[2][0], dOut[0][1], dOut[1][1],
                    dOut[2][1], dOut[0][2], dOut[1][2], dOut[2][2]));
        }
        return new ImageHeader(input.format(), input.pixelType(), axes, orientation, input.rescale(), input.metadata());
    }

    /** Direction cosines as columns: d[world][axis]. */
    static double[][] directions(ImageHeader header) {
        double[][] d = identity();
        header.orientation().ifPresent(orientation -> {
            double[] c = orientation.cosines();
            for (int k = 0; k < 3; k++) {
                for (int w = 0; w < 3; w++) {
                    d[w][k] = c[3 * k + w];
                }
            }
        });
        return d;
    }

    /** World position (x, y, z) of voxel {@code i} of an image with {@code header}: for tests and checks. */
    public static double[] world(ImageHeader header, double[] i) {
        double[][] d = directions(header);
        double[] p = new double[3];
        for (int w = 0; w < 3; w++) {
            p[w] = header.axes().get(w).origin();
            for (int k = 0; k < 3; k++) {
                p[w] += d[w][k] * header.axes().get(k).spacing() * i[k];
            }
        }
        return p;
    }

    /** The input axis that alone feeds output axis j, or -1. */
    private int singleSource(int j) {
        int found = -1;
        for (int k = 0; k < 3; k++) {
            if (a[k][j] != 0) {
                if (found >= 0) {
                    return -1;
                }
                found = k;
            }
        }
        return found;
    }

    private static boolean isIdentity(double[][] d) {
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                if (d[r][c] != (r == c ? 1 : 0)) {
                    return false;
                }
            }
        }
        return true;
    }
}
