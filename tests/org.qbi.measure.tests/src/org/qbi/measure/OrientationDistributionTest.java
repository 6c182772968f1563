package org.qbi.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;
import org.qbi.ops.testing.OpTesting;

/**
 * Orientation distribution on analytic ellipsoids and ellipses at anisotropic spacing: axis-aligned ones centred on
 * voxels have exactly axis-aligned second moments (mirror symmetry), so their tensor is known exactly; rotated ones
 * follow their axis within the discretisation (a degree at these sizes).
 */
class OrientationDistributionTest {

    private static final OrientationDistribution ORIENTATION = new OrientationDistribution();
    private static final double[] S = { 0.2, 0.3, 0.5 };

    /** Paints label l: an ellipsoid centred on voxel c with semi-axes a (mm) along the orthonormal rows of e. */
    private static void ellipsoid(ArrayImage labels, int l, int[] c, double[] a, double[][] e) {
        long[] n = labels.header().dimensions();
        int reach = (int) Math.ceil(a[0] / 0.2) + 1;
        for (int z = Math.max(0, c[2] - reach); z <= Math.min(n[2] - 1, c[2] + reach); z++) {
            for (int y = Math.max(0, c[1] - reach); y <= Math.min(n[1] - 1, c[1] + reach); y++) {
                for (int x = Math.max(0, c[0] - reach); x <= Math.min(n[0] - 1, c[0] + reach); x++) {
                    double[] p = { (x - c[0]) * S[0], (y - c[1]) * S[1], (z - c[2]) * S[2] };
                    double sum = 0;
                    for (int k = 0; k < 3; k++) {
                        double t = (p[0] * e[k][0] + p[1] * e[k][1] + p[2] * e[k][2]) / a[k];
                        sum += t * t;
                    }
                    if (sum <= 1) {
                        PixelValues.set(PixelType.UINT16, labels.values(), x + n[0] * (y + n[1] * (long) z), l);
                    }
                }
            }
        }
    }

    private static ArrayImage empty(int nx, int ny, int nz) {
        ArrayImage mask = StructureMeasurementTest.mask(nx, ny, nz, S, (x, y, z) -> false);
        return ArrayImage.allocate(mask.header().withPixelType(PixelType.UINT16));
    }

    private static final double[][] XYZ = { { 1, 0, 0 }, { 0, 1, 0 }, { 0, 0, 1 } };
    private static final double[][] YXZ = { { 0, 1, 0 }, { 1, 0, 0 }, { 0, 0, 1 } };
    private static final double[][] ZXY = { { 0, 0, 1 }, { 1, 0, 0 }, { 0, 1, 0 } };

    private static double v(Table t, String column) {
        return t.column(column).number(0);
    }

    @Test
    void halfAlongXHalfAlongYGiveTheExactTensorAndHistogram() throws IOException {
        ArrayImage labels = empty(120, 80, 40);
        int l = 1;
        for (int i = 0; i < 3; i++) {
            ellipsoid(labels, l++, new int[] { 20 + 40 * i, 20, 20 }, new double[] { 3, 1.5, 1.2 }, XYZ);
            ellipsoid(labels, l++, new int[] { 20 + 40 * i, 60, 20 }, new double[] { 3, 1.5, 1.2 }, YXZ);
        }
        Outputs out = OpTesting.run(ORIENTATION, Map.of("labels", labels), OperatorContext.defaults(), "reference=x");
        Table t = out.table("orientation");
        assertEquals(6, v(t, "objects"));
        assertEquals(0, v(t, "left_out"));
        assertEquals(0.5, v(t, "tensor_xx"), 1e-12);
        assertEquals(0.5, v(t, "tensor_yy"), 1e-12);
        assertEquals(0, v(t, "tensor_zz"), 1e-12);
        assertEquals(0, v(t, "tensor_xy"), 1e-12);
        assertEquals(0.5, v(t, "eigenvalue_1"), 1e-12);
        assertEquals(0.5, v(t, "eigenvalue_2"), 1e-12);
        assertEquals(0, v(t, "eigenvalue_3"), 1e-12);
        assertEquals(0.25, v(t, "order_parameter"), 1e-12);
        Table h = out.table("orientation_histogram");
        assertEquals(9, h.rowCount());
        assertEquals(3, h.column("count").number(0), "along x: 0 degrees");
        assertEquals(3, h.column("count").number(8), "along y: 90 degrees");
        assertEquals(0.5, h.column("fraction").number(8), 1e-12);
        // isotropic: cos 80 - cos 90 for the last bin
        assertEquals(Math.cos(Math.toRadians(80)), h.column("isotropic_fraction").number(8), 1e-12);
    }

    @Test
    void threeOrthogonalFamiliesAreIsotropic() throws IOException {
        ArrayImage labels = empty(120, 40, 40);
        ellipsoid(labels, 1, new int[] { 20, 20, 20 }, new double[] { 3, 1.5, 1.2 }, XYZ);
        ellipsoid(labels, 2, new int[] { 60, 20, 20 }, new double[] { 3, 1.5, 1.2 }, YXZ);
        ellipsoid(labels, 3, new int[] { 100, 20, 20 }, new double[] { 3, 1.5, 1.2 }, ZXY);
        Table t = OpTesting.run(ORIENTATION, labels).table("orientation");
        for (int k = 1; k <= 3; k++) {
            assertEquals(1.0 / 3, v(t, "eigenvalue_" + k), 1e-12);
        }
        assertEquals(0, v(t, "order_parameter"), 1e-12);
    }

    @Test
    void rotatedAlignedEllipsoidsFollowTheirAxisAtAnisotropicSpacing() throws IOException {
        // major axis u = (1, 2, 2) / 3 in physical space; the other axes complete an orthonormal frame
        double[] u = { 1 / 3.0, 2 / 3.0, 2 / 3.0 };
        double[] w = { 2 / 3.0, 1 / 3.0, -2 / 3.0 };
        double[] q = { 2 / 3.0, -2 / 3.0, 1 / 3.0 };
        ArrayImage labels = empty(150, 100, 60);
        int l = 1;
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 2; j++) {
                ellipsoid(labels, l++, new int[] { 25 + 50 * i, 25 + 50 * j, 30 }, new double[] { 4, 1.5, 1 },
                        new double[][] { u, w, q });
            }
        }
        Outputs out = OpTesting.run(ORIENTATION, Map.of("labels", labels), OperatorContext.defaults());
        Table t = out.table("orientation");
        assertEquals(6, v(t, "objects"));
        assertTrue(v(t, "eigenvalue_1") > 0.999, "aligned: " + v(t, "eigenvalue_1"));
        double cos = Math.abs(v(t, "main_direction_x") * u[0] + v(t, "main_direction_y") * u[1]
                + v(t, "main_direction_z") * u[2]);
        assertTrue(cos > Math.cos(Math.toRadians(1)), "main direction within 1 degree of u: " + cos);
        assertEquals(6, out.table("orientation_histogram").column("count").number(0), "all within 10 degrees");
        // the same in voxel-blind terms would be wrong: the tensor is built in physical space
        Table seven = OpTesting.run(ORIENTATION, Map.of("labels", labels), OperatorContext.defaults().withParallelism(7))
                .table("orientation");
        Table one = OpTesting.run(ORIENTATION, Map.of("labels", labels), OperatorContext.defaults().withParallelism(1))
                .table("orientation");
        assertEquals(one.columns(), seven.columns(), "same whatever the threads");
    }

    @Test
    void ellipsesIn2DAndObjectsWithoutAMajorAxisLeftOut() throws IOException {
        // 2D: ellipses at 35 degrees from x (physical), semi-axes 6 and 2 mm at 0.2 x 0.3 mm pixels
        ArrayImage mask = StructureMeasurementTest.mask(200, 120, 1, S, (x, y, z) -> false);
        ArrayImage labels = ArrayImage.allocate(mask.header().withPixelType(PixelType.UINT16));
        double angle = Math.toRadians(35);
        double[][] frame = { { Math.cos(angle), Math.sin(angle), 0 }, { -Math.sin(angle), Math.cos(angle), 0 },
                { 0, 0, 1 } };
        ellipsoid(labels, 1, new int[] { 50, 60, 0 }, new double[] { 6, 2, 1 }, frame);
        ellipsoid(labels, 2, new int[] { 140, 60, 0 }, new double[] { 6, 2, 1 }, frame);
        // a disc of equal second moments in physical space is not possible on this grid, so use a single voxel
        PixelValues.set(PixelType.UINT16, labels.values(), 5 + 200 * 5, 3);
        Outputs out = OpTesting.run(ORIENTATION, Map.of("labels", labels), OperatorContext.defaults(), "reference=x",
                "min_voxels=1");
        Table t = out.table("orientation");
        assertEquals(2, v(t, "objects"));
        assertEquals(1, v(t, "left_out"), "a single voxel has no major axis");
        assertEquals(1, v(t, "order_parameter"), 1e-3);
        double measured = Math.toDegrees(Math.atan2(v(t, "main_direction_y"), v(t, "main_direction_x")));
        measured = measured < 0 ? measured + 180 : measured;
        assertEquals(35, measured, 1);
        assertEquals(2, out.table("orientation_histogram").column("count").number(3), "30-40 degrees");
        assertEquals(1.0 / 9, out.table("orientation_histogram").column("isotropic_fraction").number(3), 1e-12);
    }
}
