package org.qbi.measure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.table.Table;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.testing.OpTesting;

/** Region properties against scikit-image regionprops on real images (data/make_references.py) and analytic shapes. */
class RegionPropertiesTest {

    private static final RegionProperties REGIONS = new RegionProperties();

    @TempDir
    Path dir;

    /** The reference CSV: header names and rows of numbers. */
    private record Reference(List<String> columns, List<double[]> rows) {
        double get(int row, String column) {
            return rows.get(row)[columns.indexOf(column)];
        }
    }

    private Reference reference(String name) throws IOException {
        Path file = org.qbi.io.testing.TestFiles.fixture(getClass(), name, dir);
        List<String> lines = Files.readAllLines(file);
        List<double[]> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            rows.add(java.util.Arrays.stream(line.split(",")).mapToDouble(Double::parseDouble).toArray());
        }
        return new Reference(List.of(lines.getFirst().split(",")), rows);
    }

    private static void assertColumn(Reference expected, String expectedColumn, Table actual, String column,
            double tolerance) {
        assertEquals(expected.rows().size(), actual.rowCount(), "object count");
        for (int r = 0; r < actual.rowCount(); r++) {
            double e = expected.get(r, expectedColumn);
            double a = actual.column(column).number(r);
            if (column.equals("orientation") && Math.abs(Math.abs(e) - Math.PI / 2) < 1e-9) {
                // an axis along x: +pi/2 and -pi/2 name the same axis (skimage's sign comes from rounding of a zero
                // covariance)
                e = Math.abs(e);
                a = Math.abs(a);
            }
            assertEquals(e, a, tolerance * Math.max(1, Math.abs(e)), column + " of label " + expected.get(r, "label"));
        }
    }

    @Test
    void matchesRegionpropsIn2DWithIntensities() throws IOException {
        SharedData.file("tiff/8bit/blobs.tif");
        ArrayImage labels = OpTesting.fixture(getClass(), "blobs_labels.npy", dir);
        ArrayImage blobs = OpTesting.open(SharedData.file("tiff/8bit/blobs.tif"));
        Table table = OpTesting.run(REGIONS, Map.of("labels", labels, "image", blobs), OperatorContext.defaults())
                .table("regions");
        Reference ref = reference("blobs_regionprops.csv");
        for (String column : List.of("label", "area", "centroid_x", "centroid_y", "bbox_x_min", "bbox_y_min", "bbox_x_max",
                "bbox_y_max", "equivalent_diameter", "extent", "axis_major_length", "axis_minor_length", "orientation",
                "mean_intensity", "min_intensity", "max_intensity")) {
            assertColumn(ref, column, table, column, 1e-9);
        }
        assertEquals("px^2", table.column("area").unit());
    }

    @Test
    void matchesRegionpropsIn3DOnRealPores() throws IOException {
        SharedData.file("tiff/3d/bone_7H3A_B1.tif");
        ArrayImage labels = OpTesting.fixture(getClass(), "pores_labels.npy", dir);
        Table table = OpTesting.run(REGIONS, labels).table("regions");
        Reference ref = reference("pores_regionprops.csv");
        for (String column : List.of("label", "volume", "centroid_x", "centroid_y", "centroid_z", "bbox_x_min",
                "bbox_y_min", "bbox_z_min", "bbox_x_max", "bbox_y_max", "bbox_z_max", "equivalent_diameter", "extent",
                "axis_major_length")) {
            assertColumn(ref, column, table, column, 1e-9);
        }
        // skimage's minor axis comes from a difference of eigenvalues that cancels for thin objects; ours from the
        // smallest covariance eigenvalue directly: equal up to that rounding
        assertColumn(ref, "axis_minor_length", table, "axis_minor_length", 1e-6);
    }

    @Test
    void ellipsoidAtAnisotropicSpacingHasItsAnalyticSize() throws IOException {
        // semi-axes 12 mm (x), 7 mm (y), 4 mm (z) sampled at 0.25 x 0.25 x 0.5 mm
        double a = 12;
        double b = 7;
        double c = 4;
        double[] spacing = { 0.25, 0.25, 0.5 };
        int nx = 110;
        int ny = 66;
        int nz = 22;
        ImageHeader header = ImageHeader.uncalibrated(PixelType.LABEL32, nx, ny, nz).withAxes(List.of(
                AxisCalibration.of(Axis.X, nx, spacing[0], 10, "mm"), AxisCalibration.of(Axis.Y, ny, spacing[1], 0, "mm"),
                AxisCalibration.of(Axis.Z, nz, spacing[2], -5, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1)));
        ArrayImage labels = ArrayImage.allocate(header);
        double cx = 55 * spacing[0];
        double cy = 33 * spacing[1];
        double cz = 11 * spacing[2];
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    double dx = (x * spacing[0] - cx) / a;
                    double dy = (y * spacing[1] - cy) / b;
                    double dz = (z * spacing[2] - cz) / c;
                    if (dx * dx + dy * dy + dz * dz <= 1) {
                        PixelValues.set(PixelType.LABEL32, labels.values(), x + nx * (y + (long) ny * z), 3);
                    }
                }
            }
        }
        Table table = OpTesting.run(REGIONS, labels).table("regions");
        assertEquals(1, table.rowCount());
        assertEquals(3, table.column("label").number(0));
        assertEquals("mm^3", table.column("volume").unit());
        assertEquals(4.0 / 3 * Math.PI * a * b * c, table.column("volume").number(0), 0.02 * 4 / 3 * Math.PI * a * b * c);
        assertEquals(2 * a, table.column("axis_major_length").number(0), 0.03 * 2 * a);
        assertEquals(2 * b, table.column("axis_middle_length").number(0), 0.03 * 2 * b);
        assertEquals(2 * c, table.column("axis_minor_length").number(0), 0.05 * 2 * c);
        assertEquals(1 - c / a, table.column("anisotropy").number(0), 0.03, "1 - minor/major of the 12:7:4 ellipsoid");
        assertEquals(1.0, table.column("major_axis_x").number(0), 1e-9);
        assertEquals(10 + cx, table.column("centroid_x").number(0), 1e-9);
        assertEquals(-5 + cz, table.column("centroid_z").number(0), 1e-9);
        assertEquals(0, table.column("touches_border").number(0));
        assertTrue(Double.isNaN(table.column("nn_distance").number(0)));
    }

    @Test
    void intensitiesAreRescaledAndTheTableIsTheSameWhateverTheThreads() throws IOException {
        ArrayImage labels = OpTesting.image(PixelType.UINT8, new long[] { 4, 2 }, 1, 1, 0, 2, 0, 2, 2, 2);
        ArrayImage raw = OpTesting.image(PixelType.INT16, new long[] { 4, 2 }, 10, 20, 99, 1, 99, 2, 3, 4);
        ArrayImage ct = ArrayImage.wrap(raw.header().withRescale(new Rescale(2, -1000, "HU")), raw.values());
        Table table = OpTesting.run(REGIONS, Map.of("labels", labels, "image", ct), OperatorContext.defaults())
                .table("regions");
        assertEquals(2 * 15 - 1000, table.column("mean_intensity").number(0), 1e-12);
        assertEquals("HU", table.column("mean_intensity").unit());
        assertEquals(2 * 1 - 1000, table.column("min_intensity").number(1), 1e-12);
        assertEquals(2 * 10 - 4000, table.column("intensity_sum").number(1), 1e-12);
        assertEquals(2 * Math.sqrt(1.25), table.column("std_intensity").number(1), 1e-12);
        // nearest neighbours: centroids (0.5, 0) and (2.25, 0.75) in px
        assertEquals(Math.hypot(1.75, 0.75), table.column("nn_distance").number(0), 1e-12);
        ArrayImage pores = OpTesting.fixture(getClass(), "pores_labels.npy", dir);
        Table one = OpTesting.run(REGIONS, Map.of("labels", pores), OperatorContext.defaults().withParallelism(1),
                new String[0]).table("regions");
        Table many = OpTesting.run(REGIONS, Map.of("labels", pores), OperatorContext.defaults().withParallelism(5),
                new String[0]).table("regions");
        assertEquals(one.columns(), many.columns());
    }

    /** A block of {@code whole} (x, y, z sizes) starting at {@code origin}. */
    private static ArrayImage block(ArrayImage whole, long[] origin, long[] sizes) {
        PixelType type = whole.header().pixelType();
        long[] dims = whole.header().dimensions();
        ArrayImage part = ArrayImage.allocate(ImageHeader.uncalibrated(type, sizes));
        long i = 0;
        for (long z = origin[2]; z < origin[2] + sizes[2]; z++) {
            for (long y = origin[1]; y < origin[1] + sizes[1]; y++) {
                for (long x = origin[0]; x < origin[0] + sizes[0]; x++) {
                    PixelValues.set(type, part.values(), i++,
                            PixelValues.get(type, whole.values(), (z * dims[1] + y) * dims[0] + x));
                }
            }
        }
        return part;
    }

    /**
     * Blocks of uneven sizes measured apart and merged in a shuffled order give the whole image's table bit for
     * bit, float32 intensities included (their sums are exact, rounded once), as a volume measured chunk by chunk
     * on a cluster must.
     */
    @Test
    void blocksMergedInAnyOrderGiveTheWholeTableBitForBit() throws IOException {
        long[] dims = { 37, 29, 23 };
        int n = (int) (dims[0] * dims[1] * dims[2]);
        double[] labelValues = new double[n];
        double[] floatValues = new double[n];
        java.util.Random random = new java.util.Random(11);
        for (int i = 0; i < n; i++) {
            long x = i % dims[0];
            long y = i / dims[0] % dims[1];
            long z = i / dims[0] / dims[1];
            // slabs crossing every block face, with holes; values over many binades
            labelValues[i] = random.nextInt(10) == 0 ? 0 : 1 + (x + 2 * y) / 15 + 4 * (z / 9);
            floatValues[i] = (float) (random.nextGaussian() * Math.pow(10, random.nextInt(7) - 3) + 0.1 * z);
        }
        ArrayImage labels = OpTesting.image(PixelType.UINT16, dims, labelValues);
        ArrayImage values = OpTesting.image(PixelType.FLOAT32, dims, floatValues);
        Table whole = OpTesting.run(REGIONS, Map.of("labels", labels, "image", values), OperatorContext.defaults())
                .table("regions");
        long[] cut = { 11, 8, 7 };
        List<RegionProperties.Partial> partials = new ArrayList<>();
        for (long z = 0; z < dims[2]; z += cut[2]) {
            for (long y = 0; y < dims[1]; y += cut[1]) {
                for (long x = 0; x < dims[0]; x += cut[0]) {
                    long[] origin = { x, y, z };
                    long[] sizes = { Math.min(cut[0], dims[0] - x), Math.min(cut[1], dims[1] - y),
                            Math.min(cut[2], dims[2] - z) };
                    partials.add(RegionProperties.partial(block(labels, origin, sizes), block(values, origin, sizes),
                            origin));
                }
            }
        }
        java.util.Collections.shuffle(partials, random);
        RegionProperties.Partial merged = partials.getFirst();
        partials.subList(1, partials.size()).forEach(merged::merge);
        Table byBlocks = RegionProperties.table(labels.header(), merged, values.header().rescale());
        assertTrue(whole.rowCount() > 10, whole.rowCount() + " objects");
        assertEquals(whole.columns().size(), byBlocks.columns().size());
        for (var column : whole.columns()) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(column.numbers(), byBlocks.column(column.name())
                    .numbers(), column.name());
        }
        // and the intensity statistics are the exactly rounded ones
        java.math.BigDecimal sum = java.math.BigDecimal.ZERO;
        java.math.BigDecimal squares = java.math.BigDecimal.ZERO;
        long count = 0;
        int first = (int) whole.column("label").number(0);
        for (int i = 0; i < n; i++) {
            if (labelValues[i] == first) {
                java.math.BigDecimal v = new java.math.BigDecimal((float) floatValues[i]);
                sum = sum.add(v);
                squares = squares.add(v.multiply(v));
                count++;
            }
        }
        assertEquals(sum.doubleValue(), whole.column("intensity_sum").number(0));
        java.math.BigDecimal nn = java.math.BigDecimal.valueOf(count);
        double variance = nn.multiply(squares).subtract(sum.multiply(sum))
                .divide(nn.multiply(nn), java.math.MathContext.DECIMAL128).doubleValue();
        assertEquals(Math.sqrt(variance), whole.column("std_intensity").number(0), 1e-15 * Math.sqrt(variance));
    }

    /**
     * uint16 intensities near full scale over 2.6 million voxels: sums of squares beyond 2^53, where double sums
     * would round (and depend on the order); the 128-bit integer sums give the exact mean and standard deviation.
     */
    @Test
    void largeObjectsOfBrightIntegerVoxelsHaveExactStatistics() throws IOException {
        long[] dims = { 160, 160, 100 };
        int n = (int) (dims[0] * dims[1] * dims[2]);
        ArrayImage labels = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT8, dims));
        ArrayImage values = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT16, dims));
        long sum = 0;
        java.math.BigInteger squares = java.math.BigInteger.ZERO;
        for (int i = 0; i < n; i++) {
            int v = 65535 - (int) (i * 7919L % 5000);
            PixelValues.set(PixelType.UINT8, labels.values(), i, 1);
            PixelValues.set(PixelType.UINT16, values.values(), i, v);
            sum += v;
            squares = squares.add(java.math.BigInteger.valueOf((long) v * v));
        }
        assertTrue(squares.bitLength() > 53, "beyond a double's integers");
        Table one = OpTesting.run(REGIONS, Map.of("labels", labels, "image", values),
                OperatorContext.defaults().withParallelism(1)).table("regions");
        Table two = OpTesting.run(REGIONS, Map.of("labels", labels, "image", values),
                OperatorContext.defaults().withParallelism(2)).table("regions");
        assertEquals(one.columns(), two.columns());
        assertEquals((double) sum, one.column("intensity_sum").number(0));
        assertEquals((double) sum / n, one.column("mean_intensity").number(0));
        java.math.BigInteger big = java.math.BigInteger.valueOf(n);
        double variance = new java.math.BigDecimal(big.multiply(squares).subtract(java.math.BigInteger.valueOf(sum)
                .pow(2))).divide(new java.math.BigDecimal(big.multiply(big)), java.math.MathContext.DECIMAL128)
                .doubleValue();
        assertEquals(Math.sqrt(variance), one.column("std_intensity").number(0), 1e-15 * Math.sqrt(variance));
        assertTrue(Math.abs(Math.sqrt(variance) - 1443.4) < 1, "uniform over 5000 values: std " + Math.sqrt(variance));
    }

    @Test
    void badInputIsRefusedWithAReason() {
        ArrayImage floats = OpTesting.image(PixelType.FLOAT32, new long[] { 2, 1 }, 1, 2);
        IllegalArgumentException notLabels = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(REGIONS, floats));
        assertTrue(notLabels.getMessage().contains("labels"), notLabels.getMessage());
        ArrayImage negative = OpTesting.image(PixelType.INT16, new long[] { 2, 1 }, 1, -4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> OpTesting.run(REGIONS, negative));
        assertTrue(e.getMessage().contains("negative label (-4)"), e.getMessage());
        ArrayImage small = OpTesting.image(PixelType.UINT8, new long[] { 2, 1 }, 1, 0);
        ArrayImage other = OpTesting.image(PixelType.UINT8, new long[] { 3, 1 }, 1, 0, 0);
        IllegalArgumentException size = assertThrows(IllegalArgumentException.class,
                () -> OpTesting.run(REGIONS, Map.of("labels", small, "image", other), OperatorContext.defaults()));
        assertTrue(size.getMessage().contains("same size"), size.getMessage());
    }
}
