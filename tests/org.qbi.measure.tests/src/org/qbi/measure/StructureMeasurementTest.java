package org.qbi.measure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.table.Table;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Outputs;
import org.qbi.ops.testing.OpTesting;

/**
 * Structure measurements against scikit-image 0.19 (surface and Euler number of a real bone crop,
 * data/make_references.py) and analytic structures at anisotropic spacing: plates of known thickness, rods of known
 * diameter, a periodic lattice of struts of known connectivity, aligned rods (anisotropy), straight and oblique pore
 * channels (tortuosity).
 */
class StructureMeasurementTest {

    private static final StructureMeasurement STRUCTURE = new StructureMeasurement();
    private static final String[] FAST = { "anisotropy=false", "tortuosity=false" };

    @TempDir
    Path dir;

    /** A uint8 mask of nx x ny x nz voxels of size s (mm), solid where {@code solid(x, y, z)}. */
    interface Shape {
        boolean solid(int x, int y, int z);
    }

    static ArrayImage mask(int nx, int ny, int nz, double[] s, Shape shape) {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT8, nx, ny, nz).withAxes(List.of(
                AxisCalibration.of(Axis.X, nx, s[0], 0, "mm"), AxisCalibration.of(Axis.Y, ny, s[1], 0, "mm"),
                AxisCalibration.of(Axis.Z, nz, s[2], 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1)));
        ArrayImage image = ArrayImage.allocate(header);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    if (shape.solid(x, y, z)) {
                        image.values().set(ValueLayout.JAVA_BYTE, x + nx * (y + (long) ny * z), (byte) 1);
                    }
                }
            }
        }
        return image;
    }

    private static double value(Table t, String column) {
        return t.column(column).number(0);
    }

    @Test
    void surfaceVolumeAndEulerOfRealBoneMatchSkimage() throws IOException {
        ArrayImage pores = OpTesting.fixture(getClass(), "pores_labels.npy", dir);
        long n = pores.header().pixelCount();
        ArrayImage bone = ObjectShapeTest.calibrated(ArrayImage.allocate(pores.header().withPixelType(PixelType.UINT8)),
                0.5, 0.7, 1.2, "mm");
        for (long i = 0; i < n; i++) {
            PixelValues.set(PixelType.UINT8, bone.values(), i, PixelValues.get(pores.header().pixelType(),
                    pores.values(), i) == 0 ? 1 : 0);
        }
        double[] ref = ObjectShapeTest.csv(TestFiles.fixture(getClass(), "bone_structure.csv", dir))[0];
        Table t = OpTesting.run(STRUCTURE, Map.of("mask", bone), OperatorContext.defaults(), FAST).table("structure");
        double voxel = 0.5 * 0.7 * 1.2;
        assertEquals(ref[0] * voxel, value(t, "solid_volume"), 1e-9);
        assertEquals(n * voxel, value(t, "total_volume"), 1e-9);
        assertEquals(ref[1], value(t, "surface"), 1e-5 * ref[1]);
        assertEquals(ref[1] / (n * voxel), value(t, "surface_per_volume"), 1e-5 * ref[1] / (n * voxel));
        assertEquals(ref[2], value(t, "euler_characteristic"));
        assertEquals("mm^2", t.column("surface").unit());
        assertEquals("1/mm^3", t.column("connectivity_density").unit());
    }

    @Test
    void localThicknessOfRealBoneEqualsBruteForceSphereFitting() throws IOException {
        // data/make_thickness_reference.py: the definition evaluated by brute force over every centre and voxel
        // (numpy, exact squared distances at this spacing), on a 40 x 32 x 24 crop of the micro-CT bone
        ArrayImage mask = ObjectShapeTest.calibrated(OpTesting.fixture(getClass(), "thickness_mask.npy", dir), 0.5,
                0.75, 1.25, "mm");
        Outputs out = OpTesting.run(STRUCTURE, Map.of("mask", mask), OperatorContext.defaults(), "anisotropy=false",
                "tortuosity=false", "maps=true");
        double[] solid = OpTesting.values(OpTesting.fixture(getClass(), "thickness_solid.npy", dir));
        double[] pores = OpTesting.values(OpTesting.fixture(getClass(), "thickness_pores.npy", dir));
        // the diameters are 2 r of a float32 distance: equal to float32 rounding
        assertArrayEquals(solid, OpTesting.values(out.image("thickness")), 2e-6 * 37, "solid thickness map");
        assertArrayEquals(pores, OpTesting.values(out.image("separation")), 2e-6 * 5, "pore thickness map");
        double sum = 0;
        int n = 0;
        for (double v : solid) {
            if (v > 0) {
                sum += v;
                n++;
            }
        }
        assertEquals(sum / n, value(out.table("structure"), "thickness_mean"), 1e-5);
    }

    @Test
    void platesHaveTheirThicknessAndSpacingAtAnisotropicVoxels() throws IOException {
        // plates normal to z, 6 voxels (1.8 mm) thick every 16 voxels; 0.25 x 0.4 x 0.3 mm voxels
        double[] s = { 0.25, 0.4, 0.3 };
        ArrayImage plates = mask(20, 12, 48, s, (x, y, z) -> z % 16 >= 5 && z % 16 < 11);
        Outputs out = OpTesting.run(STRUCTURE, Map.of("mask", plates), OperatorContext.defaults(), "anisotropy=false",
                "tortuosity=false", "maps=true");
        Table t = out.table("structure");
        assertEquals(6 * 0.3, value(t, "thickness_mean"), 1e-6);
        assertEquals(0, value(t, "thickness_sd"), 1e-6);
        assertEquals(6 * 0.3, value(t, "thickness_max"), 1e-6);
        // pores between plates are 10 voxels across (3 mm); the 5-voxel layers at the image ends are open to the
        // border, where there is no background: they read as 10 voxels too (a sphere centred on the border)
        assertEquals(10 * 0.3, value(t, "separation_max"), 1e-6);
        assertEquals(18.0 / 48, value(t, "volume_fraction"), 1e-12);
        float thickness = (float) PixelValues.get(PixelType.FLOAT32, ((ArrayImage) out.image("thickness")).values(),
                3 + 20 * (4 + 12 * 7L));
        assertEquals(1.8f, thickness, 1e-6f);
        // plates normal to x, 4 voxels of 0.25 mm: 1 mm
        ArrayImage side = mask(40, 10, 10, s, (x, y, z) -> x % 20 >= 8 && x % 20 < 12);
        Table u = OpTesting.run(STRUCTURE, Map.of("mask", side), OperatorContext.defaults(), FAST).table("structure");
        assertEquals(1.0, value(u, "thickness_mean"), 1e-6);
    }

    @Test
    void rodsHaveTheirDiameter() throws IOException {
        // rods along z of diameter 4 mm at 0.2 x 0.25 x 0.5 mm voxels; 15 x 12 voxels across
        double[] s = { 0.2, 0.25, 0.5 };
        double d = 4;
        ArrayImage rods = mask(50, 40, 10, s, (x, y, z) -> {
            double dx = (x - 24.5) * s[0];
            double dy = (y - 19.5) * s[1];
            return dx * dx + dy * dy <= d * d / 4;
        });
        Table t = OpTesting.run(STRUCTURE, Map.of("mask", rods), OperatorContext.defaults(), FAST).table("structure");
        // the largest sphere of voxel centres: twice the distance from the voxel next to the axis to the nearest
        // voxel centre outside, which the discrete boundary puts within a voxel (0.25 mm) of the radius
        double max = value(t, "thickness_max");
        assertEquals(d, max, 2 * 0.25, "rod thickness");
        assertEquals(max, value(t, "thickness_mean"), 0.08 * d, "most of a rod lies in its largest sphere");
    }

    /** Struts along x, y and z of 3 x 3 voxels every 10 voxels: each unit cell adds one node and three struts. */
    private static boolean lattice(int x, int y, int z) {
        boolean ix = x % 10 >= 3 && x % 10 < 6;
        boolean iy = y % 10 >= 3 && y % 10 < 6;
        boolean iz = z % 10 >= 3 && z % 10 < 6;
        return (iy && iz) || (ix && iz) || (ix && iy);
    }

    @Test
    void latticeHasTheConnectivityOfItsUnitCells() throws IOException {
        double[] s = { 0.1, 0.15, 0.2 };
        ArrayImage grid = mask(30, 30, 30, s, StructureMeasurementTest::lattice);
        Table t = OpTesting.run(STRUCTURE, Map.of("mask", grid), OperatorContext.defaults(), "tortuosity=false")
                .table("structure");
        // 27 cells: chi per cell of the infinite lattice is 1 - 3 = -2
        assertEquals(-54, value(t, "euler_delta"), 1e-12);
        assertEquals(55, value(t, "connectivity"), 1e-12);
        assertEquals(55 / (27000 * 0.1 * 0.15 * 0.2), value(t, "connectivity_density"), 1e-9);
        // cubic symmetry in voxels; the voxels are anisotropic, so the struts' physical lengths differ: the fabric
        // is orthotropic with axes along x, y, z
        double[] main = { value(t, "main_direction_x"), value(t, "main_direction_y"), value(t, "main_direction_z") };
        assertEquals(1, Math.abs(main[0]) + Math.abs(main[1]) + Math.abs(main[2]), 0.1, "main direction on an axis");
    }

    @Test
    void alignedRodsAreAnisotropicAlongTheirAxis() throws IOException {
        double[] s = { 0.3, 0.3, 0.3 };
        ArrayImage rods = mask(40, 40, 40, s, (x, y, z) -> x % 8 < 3 && y % 8 < 3);
        Table t = OpTesting.run(STRUCTURE, Map.of("mask", rods), OperatorContext.defaults(), "tortuosity=false")
                .table("structure");
        assertTrue(value(t, "degree_of_anisotropy") > 0.8, "DA " + value(t, "degree_of_anisotropy"));
        assertEquals(1, Math.abs(value(t, "main_direction_z")), 0.01);
        ArrayImage cubic = mask(40, 40, 40, s, StructureMeasurementTest::lattice);
        Table c = OpTesting.run(STRUCTURE, Map.of("mask", cubic), OperatorContext.defaults(), "tortuosity=false")
                .table("structure");
        assertTrue(value(c, "degree_of_anisotropy") < 0.1, "cubic lattice DA " + value(c, "degree_of_anisotropy"));
    }

    @Test
    void tortuosityOfStraightAndObliqueChannels() throws IOException {
        double[] s = { 0.2, 0.3, 0.5 };
        // straight pore channels along z in solid: tortuosity 1
        ArrayImage straight = mask(12, 12, 20, s, (x, y, z) -> !(x >= 4 && x < 7 && y >= 4 && y < 7));
        Table t = OpTesting.run(STRUCTURE, Map.of("mask", straight), OperatorContext.defaults(), "anisotropy=false")
                .table("structure");
        assertEquals(1, value(t, "tortuosity"), 1e-12);
        // a channel one voxel along x per voxel along z: path sqrt(sx^2 + sz^2) per sz
        ArrayImage oblique = mask(30, 5, 20, s, (x, y, z) -> !(x == z && y >= 1 && y < 4));
        Table o = OpTesting.run(STRUCTURE, Map.of("mask", oblique), OperatorContext.defaults(), "anisotropy=false")
                .table("structure");
        assertEquals(Math.hypot(0.2, 0.5) / 0.5, value(o, "tortuosity"), 1e-9);
        // no pore path between the faces
        ArrayImage closed = mask(8, 8, 8, s, (x, y, z) -> z == 4 || x == 0);
        Table n = OpTesting.run(STRUCTURE, Map.of("mask", closed), OperatorContext.defaults(), "anisotropy=false")
                .table("structure");
        assertTrue(Double.isNaN(value(n, "tortuosity")));
    }

    @Test
    void sameResultWhateverTheThreadsAndBadInputRefused() throws IOException {
        ArrayImage grid = mask(30, 20, 25, new double[] { 0.1, 0.15, 0.2 }, StructureMeasurementTest::lattice);
        Outputs one = OpTesting.run(STRUCTURE, Map.of("mask", grid), OperatorContext.defaults().withParallelism(1),
                "maps=true");
        Outputs many = OpTesting.run(STRUCTURE, Map.of("mask", grid), OperatorContext.defaults().withParallelism(7),
                "maps=true");
        assertEquals(one.asMap().keySet(), many.asMap().keySet());
        assertEquals(List.of("structure"), List.copyOf(OpTesting.run(STRUCTURE, grid).asMap().keySet()),
                "maps only when asked for");
        assertEquals(one.table("structure").columns(), many.table("structure").columns());
        assertArrayEquals(OpTesting.values(one.image("thickness")), OpTesting.values(many.image("thickness")));
        ArrayImage flat = mask(5, 5, 1, new double[] { 1, 1, 1 }, (x, y, z) -> x > 2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(STRUCTURE, flat));
        assertTrue(e.getMessage().contains("3D"), e.getMessage());
    }
}
