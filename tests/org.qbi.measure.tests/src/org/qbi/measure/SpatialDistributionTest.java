package org.qbi.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;
import org.qbi.ops.testing.OpTesting;

/**
 * Spatial distribution of objects: g(r) and density maps against numpy on the real pore and blob labels (object
 * centroids from scikit-image regionprops, data/make_spatial_references.py), and analytic lattices.
 */
class SpatialDistributionTest {

    private static final RadialDistribution RDF = new RadialDistribution();
    private static final DensityMap DENSITY = new DensityMap();

    @TempDir
    Path dir;

    private ArrayImage pores() throws IOException {
        return ObjectShapeTest.calibrated(OpTesting.fixture(getClass(), "pores_labels.npy", dir), 0.5, 0.7, 1.2, "mm");
    }

    private void assertRdf(Table t, double[][] ref) {
        assertEquals(ref.length, t.rowCount());
        for (int b = 0; b < ref.length; b++) {
            assertEquals(ref[b][0], t.column("r_min").number(b), 1e-12, "r_min " + b);
            assertEquals(ref[b][1], t.column("r_max").number(b), 1e-12, "r_max " + b);
            assertEquals(ref[b][2], t.column("pairs").number(b), 0, "pairs " + b);
            assertEquals(ref[b][3], t.column("g").number(b), 1e-9 * Math.max(1, ref[b][3]), "g " + b);
        }
    }

    @Test
    void radialDistributionOfRealPoresAndBlobsEqualsNumpy() throws IOException {
        Table pores = OpTesting.run(RDF, Map.of("labels", pores()), OperatorContext.defaults(), "r_max=15mm", "bins=10")
                .table("radial_distribution");
        assertRdf(pores, ObjectShapeTest.csv(TestFiles.fixture(getClass(), "pores_rdf.csv", dir)));
        assertEquals("mm", pores.column("r").unit());
        ArrayImage blobs = OpTesting.fixture(getClass(), "blobs_labels.npy", dir);
        Table b = OpTesting.run(RDF, Map.of("labels", blobs), OperatorContext.defaults(), "r_max=60", "bins=12")
                .table("radial_distribution");
        assertRdf(b, ObjectShapeTest.csv(TestFiles.fixture(getClass(), "blobs_rdf.csv", dir)));
    }

    /** Single-voxel objects on a lattice of m^3 points, every k voxels. */
    private static ArrayImage lattice(int m, int k, double[] s) {
        int n = m * k;
        ArrayImage image = StructureMeasurementTest.mask(n, n, n, s, (x, y, z) -> false);
        ArrayImage labels = ArrayImage.allocate(image.header().withPixelType(PixelType.UINT16));
        int label = 1;
        for (int z = 0; z < m; z++) {
            for (int y = 0; y < m; y++) {
                for (int x = 0; x < m; x++) {
                    PixelValues.set(PixelType.UINT16, labels.values(), x * k + n * (y * k + (long) n * z * k), label++);
                }
            }
        }
        return labels;
    }

    @Test
    void aLatticeHasNoPairsBelowItsStepAndCountsItsNearestNeighbours() throws IOException {
        // 6^3 points every 4 voxels at 0.25 x 0.5 x 0.75 mm: steps 1, 2 and 3 mm along x, y, z
        ArrayImage grid = lattice(6, 4, new double[] { 0.25, 0.5, 0.75 });
        Table t = OpTesting.run(RDF, Map.of("labels", grid), OperatorContext.defaults(), "r_max=1.5mm", "bins=3")
                .table("radial_distribution");
        // bins [0, 0.5), [0.5, 1), [1, 1.5): only the x neighbours (1 mm) fall below 1.5 mm: 6 * 6 rows of 5 pairs
        assertEquals(0, t.column("pairs").number(0));
        assertEquals(0, t.column("g").number(0));
        assertEquals(0, t.column("pairs").number(1));
        assertEquals(6 * 6 * 5, t.column("pairs").number(2));
        assertTrue(t.column("g").number(2) > 1, "a lattice concentrates pairs at its step");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(RDF, Map.of("labels", grid), OperatorContext.defaults(), "r_max=20mm"));
        assertTrue(e.getMessage().contains("r_max"), e.getMessage());
    }

    private void assertDensity(Outputs out, double[][] ref, boolean is3d) throws IOException {
        Table t = out.table("cells");
        assertEquals(ref.length, t.rowCount());
        double[] map = OpTesting.values(out.image("density"));
        int objects = is3d ? 3 : 2;
        for (int k = 0; k < ref.length; k++) {
            assertEquals(ref[k][0], t.column("cell_x").number(k), "cell " + k);
            assertEquals(ref[k][1], t.column("cell_y").number(k), "cell " + k);
            assertEquals(ref[k][objects], t.column("objects").number(k), "objects in cell " + k);
            assertEquals(ref[k][objects + 1], t.column("volume").number(k), 1e-9 * ref[k][objects + 1]);
            assertEquals(ref[k][objects + 2], t.column("density").number(k), 1e-12 + 1e-9 * ref[k][objects + 2]);
            assertEquals((float) ref[k][objects + 2], (float) map[k], "map voxel " + k);
        }
    }

    @Test
    void densityMapsOfRealPoresAndBlobsEqualNumpy() throws IOException {
        Outputs pores = OpTesting.run(DENSITY, Map.of("labels", pores()), OperatorContext.defaults(), "cell=16");
        assertDensity(pores, ObjectShapeTest.csv(TestFiles.fixture(getClass(), "pores_density.csv", dir)), true);
        // the map: one voxel per cell of 16 voxels, centred on the first cell
        var x = pores.image("density").header().axis(Axis.X);
        assertEquals(4, x.size());
        assertEquals(8.0, x.spacing(), 1e-12);
        assertEquals(7.5 * 0.5, x.origin(), 1e-12);
        assertEquals("1/mm^3", pores.table("cells").column("density").unit());
        ArrayImage blobs = OpTesting.fixture(getClass(), "blobs_labels.npy", dir);
        Outputs b = OpTesting.run(DENSITY, Map.of("labels", blobs), OperatorContext.defaults(), "cell=50");
        assertDensity(b, ObjectShapeTest.csv(TestFiles.fixture(getClass(), "blobs_density.csv", dir)), false);
    }

    @Test
    void densityOfALatticeAndCellsGivenInMillimetres() throws IOException {
        // 6^3 points every 4 voxels (24^3 voxels at 0.25 x 0.5 x 0.75 mm); cells of 6 mm = 24, 12, 8 voxels
        ArrayImage grid = lattice(6, 4, new double[] { 0.25, 0.5, 0.75 });
        Outputs out = OpTesting.run(DENSITY, Map.of("labels", grid), OperatorContext.defaults(), "cell=6mm");
        Table t = out.table("cells");
        assertEquals(1 * 2 * 3, t.rowCount());
        // each cell holds 6 x 3 x 2 points in 6 x 6 x 6 mm
        for (int k = 0; k < t.rowCount(); k++) {
            assertEquals(36, t.column("objects").number(k), "cell " + k);
            assertEquals(36 / 216.0, t.column("density").number(k), 1e-12);
        }
        assertArrayEquals(new long[] { 1, 2, 3, 1, 1 }, out.image("density").header().dimensions());
    }
}
