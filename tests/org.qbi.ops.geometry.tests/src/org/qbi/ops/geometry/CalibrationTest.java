package org.qbi.ops.geometry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Orientation;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.Operator;
import org.qbi.ops.testing.OpTesting;

/**
 * Every geometry operator keeps each voxel at its world position: for every output voxel, its world position
 * (computed here from the output's origin, spacing and orientation, independently of the operators' code) is
 * mapped back through the input's calibration to an input voxel, whose value must be the output's. Run on a real
 * volume given an oblique orientation, an offset origin and anisotropic voxels.
 */
class CalibrationTest {

    /** The head volume at 0.8 x 0.8 x 2.5 mm (or 0.8 x 1.1 x 2.5), origin (-10, 20, 5), axes turned obliquely. */
    private static ArrayImage oblique(double spacingY) throws IOException {
        ArrayImage head = OpTesting.open(SharedData.file("tiff/3d/mini-t1-head.tif"));
        double a = Math.toRadians(30);
        double b = Math.toRadians(-15);
        // x turned about z by a, then everything about x by b: an orthonormal, right-handed frame
        double[] x = { Math.cos(a), Math.sin(a) * Math.cos(b), Math.sin(a) * Math.sin(b) };
        double[] y = { -Math.sin(a), Math.cos(a) * Math.cos(b), Math.cos(a) * Math.sin(b) };
        double[] z = { 0, -Math.sin(b), Math.cos(b) };
        Orientation orientation = Orientation.of(x[0], x[1], x[2], y[0], y[1], y[2], z[0], z[1], z[2]);
        List<AxisCalibration> axes = List.of(AxisCalibration.of(Axis.X, 32, 0.8, -10, "mm"),
                AxisCalibration.of(Axis.Y, 32, spacingY, 20, "mm"), AxisCalibration.of(Axis.Z, 32, 2.5, 5, "mm"),
                AxisCalibration.uncalibrated(Axis.C, 1), AxisCalibration.uncalibrated(Axis.T, 1));
        ImageHeader h = head.header();
        return ArrayImage.wrap(new ImageHeader(h.format(), h.pixelType(), axes, Optional.of(orientation), h.rescale(),
                h.metadata()), head.values());
    }

    @Test
    void movingOperatorsKeepWorldPositions() throws IOException {
        ArrayImage in = oblique(1.1);
        List<Object[]> runs = new ArrayList<>();
        for (String axis : List.of("x", "y", "z")) {
            runs.add(new Object[] { new Flip(), new String[] { "axis=" + axis } });
        }
        for (String plane : List.of("xy", "xz", "yz")) {
            for (int k = 1; k <= 3; k++) {
                runs.add(new Object[] { new Rotate90(), new String[] { "k=" + k, "plane=" + plane } });
            }
        }
        for (Reslice.View view : Reslice.View.values()) {
            runs.add(new Object[] { new Reslice(), new String[] { "view=" + view.name().toLowerCase() } });
        }
        runs.add(new Object[] { new Crop(), new String[] { "origin=3,5,7", "size=20,10,12" } });
        runs.add(new Object[] { new Pad(), new String[] { "width=2,3,4", "mode=wrap" } });
        runs.add(new Object[] { new Extract(), new String[] { "z_first=4", "z_last=9" } });
        for (Object[] run : runs) {
            Operator operator = (Operator) run[0];
            String[] args = (String[]) run[1];
            Image out = OpTesting.run(operator, in, args).image();
            String what = operator.spec().id() + " " + String.join(" ", args);
            int checked = assertWorldConsistent(in, out, what, operator instanceof Pad);
            assertTrue(checked > 1000, what + ": only " + checked + " voxels checked");
        }
    }

    @Test
    void interpolatingOperatorsSampleAtTheWorldPosition() throws IOException {
        ArrayImage in = oblique(0.8);
        String[][] rotations = { { "angle=27", "interpolation=nearest" },
                { "angle=-61", "interpolation=nearest", "reshape=false" } };
        for (String[] args : rotations) {
            Image out = OpTesting.run(new Rotate(), in, args).image();
            int checked = assertWorldConsistent(in, out, "rotate " + String.join(" ", args), true);
            assertTrue(checked > 10000, "rotate: " + checked + " voxels checked");
        }
        Image resampled = OpTesting.run(new Resample(), in, "size=20,45,13", "interpolation=nearest").image();
        assertTrue(assertWorldConsistent(in, resampled, "resample nearest", true) > 5000);
        Image spaced = OpTesting.run(new Resample(), in, "spacing=1.1,0.5,3", "interpolation=nearest",
                "grid_mode=false").image();
        assertTrue(assertWorldConsistent(in, spaced, "resample nearest, corners kept", true) > 5000);
        // a rotation keeps the image centre in place
        Image rotated = OpTesting.run(new Rotate(), in, "angle=27").image();
        double[] c0 = world(in.header(), centre(in.header()));
        double[] c1 = world(rotated.header(), centre(rotated.header()));
        for (int w = 0; w < 3; w++) {
            assertEquals(c0[w], c1[w], 1e-9, "rotation centre, world axis " + w);
        }
    }

    @Test
    void anImageWithoutOrientationGetsOneWhenMirrored() throws IOException {
        ArrayImage plain = OpTesting.image(org.qbi.core.image.PixelType.UINT8, new long[] { 3, 2 }, 1, 2, 3, 4, 5, 6);
        Image flipped = OpTesting.run(new Flip(), plain, "axis=x").image();
        assertTrue(flipped.header().orientation().isPresent(), "orientation added");
        assertEquals(-1, flipped.header().orientation().get().direction(Axis.X)[0], 0);
        assertEquals(2, flipped.header().axis(Axis.X).origin(), 0, "origin at the old last pixel");
        Image cropped = OpTesting.run(new Crop(), plain, "origin=1,0").image();
        assertTrue(cropped.header().orientation().isEmpty(), "no orientation needed for a crop");
        assertEquals(1, cropped.header().axis(Axis.X).origin(), 0);
    }

    private static double[] centre(ImageHeader h) {
        return new double[] { (h.size(Axis.X) - 1) / 2.0, (h.size(Axis.Y) - 1) / 2.0, (h.size(Axis.Z) - 1) / 2.0 };
    }

    /**
     * For every output voxel, finds the input voxel at the same world position and compares values; voxels whose
     * input position falls outside the input (or, for interpolated outputs, near a rounding tie) are skipped.
     *
     * @return the number of voxels compared
     */
    private static int assertWorldConsistent(Image in, Image out, String what, boolean skipOutside)
            throws IOException {
        ImageHeader hi = in.header();
        ImageHeader ho = out.header();
        double[][] inverse = inverse(matrix(hi));
        double[] origin = origins(hi);
        double[] inValues = OpTesting.values(in);
        double[] outValues = OpTesting.values(out);
        long[] di = hi.dimensions();
        long[] dout = ho.dimensions();
        int checked = 0;
        for (int z = 0; z < dout[2]; z++) {
            for (int y = 0; y < dout[1]; y++) {
                for (int x = 0; x < dout[0]; x++) {
                    double[] p = world(ho, new double[] { x, y, z });
                    double[] i = new double[3];
                    long[] n = new long[3];
                    boolean inside = true;
                    boolean tie = false;
                    for (int r = 0; r < 3; r++) {
                        for (int w = 0; w < 3; w++) {
                            i[r] += inverse[r][w] * (p[w] - origin[w]);
                        }
                        n[r] = Math.round(i[r]);
                        double frac = Math.abs(i[r] - Math.floor(i[r]) - 0.5);
                        tie |= skipOutside && frac < 1e-3;
                        // interpolated outputs: scipy's constant mode gives the constant beyond the outer voxel centres
                        inside &= skipOutside ? i[r] > -1e-6 && i[r] < di[r] - 1 + 1e-6 : n[r] >= 0 && n[r] < di[r];
                        if (!skipOutside && Math.abs(i[r] - n[r]) > 1e-6) {
                            fail(what + ": output voxel " + x + "," + y + "," + z + " lies at input " + i[0] + ", " + i[1]
                                    + ", " + i[2] + ", between voxels");
                        }
                    }
                    if (!inside || tie) {
                        if (!skipOutside && !inside) {
                            fail(what + ": output voxel " + x + "," + y + "," + z + " lies outside the input");
                        }
                        continue;
                    }
                    double expected = inValues[(int) (n[0] + di[0] * (n[1] + di[1] * n[2]))];
                    double actual = outValues[(int) (x + dout[0] * (y + dout[1] * z))];
                    if (expected != actual) {
                        fail(what + ": output voxel " + x + "," + y + "," + z + " is " + actual + ", the input voxel at "
                                + "its world position (" + n[0] + "," + n[1] + "," + n[2] + ") is " + expected);
                    }
                    checked++;
                }
            }
        }
        return checked;
    }

    /** World position of voxel i: origin + sum over axes of direction x spacing x index. */
    private static double[] world(ImageHeader h, double[] i) {
        double[][] m = matrix(h);
        double[] p = origins(h);
        for (int w = 0; w < 3; w++) {
            for (int k = 0; k < 3; k++) {
                p[w] += m[w][k] * i[k];
            }
        }
        return p;
    }

    private static double[] origins(ImageHeader h) {
        return new double[] { h.axis(Axis.X).origin(), h.axis(Axis.Y).origin(), h.axis(Axis.Z).origin() };
    }

    /** m[world][axis] = direction of axis (component world) x spacing of axis. */
    private static double[][] matrix(ImageHeader h) {
        double[][] m = new double[3][3];
        Axis[] axes = { Axis.X, Axis.Y, Axis.Z };
        for (int k = 0; k < 3; k++) {
            Axis axis = axes[k];
            double[] unit = new double[3];
            unit[k] = 1;
            double[] d = h.orientation().map(o -> o.direction(axis)).orElse(unit);
            for (int w = 0; w < 3; w++) {
                m[w][k] = d[w] * h.axis(axes[k]).spacing();
            }
        }
        return m;
    }

    private static double[][] inverse(double[][] m) {
        double det = m[0][0] * (m[1][1] * m[2][2] - m[1][2] * m[2][1]) - m[0][1] * (m[1][0] * m[2][2] - m[1][2] * m[2][0])
                + m[0][2] * (m[1][0] * m[2][1] - m[1][1] * m[2][0]);
        double[][] inv = new double[3][3];
        for (int r = 0; r < 3; r++) {
            for (int c = 0; c < 3; c++) {
                int r1 = (c + 1) % 3;
                int r2 = (c + 2) % 3;
                int c1 = (r + 1) % 3;
                int c2 = (r + 2) % 3;
                inv[r][c] = (m[r1][c1] * m[r2][c2] - m[r1][c2] * m[r2][c1]) / det;
            }
        }
        return inv;
    }
}
