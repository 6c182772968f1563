package org.example.lab;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.core.table.Table;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.Operators;
import org.qbi.ops.testing.OpTesting;
import org.qbi.stats.Analyses;
import org.qbi.stats.Analysis;
import org.qbi.stats.GroupedValues;

/**
 * The example lab's contributions, found through the platform's registries as any lab's would be, against numpy
 * and scipy references (data/make_references.py) and analytic cases.
 */
class ExampleLabTest {

    @TempDir
    Path dir;

    @Test
    void readerParsesTheMatrixAndItsPixelSize() throws IOException {
        Path csv = TestFiles.fixture(getClass(), "blobs_crop.matrix.csv", dir);
        assertEquals("org.example.lab.matrix-csv",
                ImageFormats.installed().readers().stream().filter(f -> f.extensions().contains(".matrix.csv"))
                        .findFirst().orElseThrow().id());
        try (Image image = ImageFormats.installed().open(csv, null)) {
            assertEquals(PixelType.FLOAT32, image.header().pixelType());
            assertArrayEquals(new long[] { 64, 48, 1, 1, 1 }, image.header().dimensions());
            AxisCalibration x = image.header().axis(Axis.X);
            assertEquals(0.25, x.spacing(), 0);
            assertEquals("um", x.unit());
            assertEquals("ImageJ blobs sample, crop [100:148, 60:124]",
                    image.header().metadata().text("instrument").orElseThrow());
            // The values equal the blobs crop the script wrote: compare with the operator reference's input via
            // the first row of the file itself.
            String firstRow = Files.readAllLines(csv).get(2);
            double[] values = OpTesting.values(image);
            String[] fields = firstRow.split(",");
            for (int i = 0; i < fields.length; i++) {
                assertEquals(Double.parseDouble(fields[i]), values[i], 0, "value " + i + " of the first row");
            }
        }
    }

    @Test
    void readerNamesTheBadValueAndTheRaggedRow() throws IOException {
        Path bad = dir.resolve("bad.matrix.csv");
        Files.writeString(bad, "1,2,3\n4,x5,6\n");
        FormatException notANumber = assertThrows(FormatException.class,
                () -> new MatrixCsvReader().open(bad, null));
        assertTrue(notANumber.getMessage().contains("line 2, column 2: 'x5' is not a number"),
                notANumber.getMessage());
        Path ragged = dir.resolve("ragged.matrix.csv");
        Files.writeString(ragged, "1;2;3\n4;5\n");
        FormatException short2 = assertThrows(FormatException.class,
                () -> new MatrixCsvReader().open(ragged, null));
        assertTrue(short2.getMessage().contains("line 2 has 2 values where the first row has 3"),
                short2.getMessage());
    }

    @Test
    void localContrastMatchesScipyIn2DAnd3D() throws IOException {
        Operators operators = Operators.installed();
        assertEquals("org.example.lab", operators.get("example.local_contrast").plugin());
        LocalContrastNormalization operator = new LocalContrastNormalization();
        try (Image blobs = ImageFormats.installed().open(TestFiles.fixture(getClass(), "blobs_crop.matrix.csv",
                dir), null)) {
            Image normalized = OpTesting.run(operator, ArrayImage.copyOf(blobs), "radius=2").image();
            OpTesting.assertClose(OpTesting.fixture(getClass(), "blobs_contrast_r2.npy", dir), normalized, 2e-4,
                    "local contrast r=2 on blobs (values within about +-5)");
        }
        ArrayImage volume = OpTesting.fixture(getClass(), "volume.npy", dir);
        Image normalized = OpTesting.run(operator, volume, "radius=1").image();
        OpTesting.assertClose(OpTesting.fixture(getClass(), "volume_contrast_r1.npy", dir), normalized, 2e-4,
                "local contrast r=1 in 3D");
    }

    @Test
    void objectDensityOfKnownObjectsAtAnisotropicSpacing() throws IOException {
        // 4 x 3 x 2 voxels of 0.5 x 0.5 x 2 mm: labels 1, 2 and 7 (gaps are allowed), 5 labelled voxels.
        ArrayImage labels = OpTesting.image(PixelType.LABEL32, new long[] { 4, 3, 2 },
                1, 1, 0, 0, 0, 0, 0, 2,
                0, 0, 0, 0, 0, 0, 0, 0,
                7, 0, 0, 0, 0, 0, 0, 2);
        ArrayImage calibrated = ArrayImage.wrap(labels.header().withAxes(List.of(
                AxisCalibration.of(Axis.X, 4, 0.5, 0, "mm"), AxisCalibration.of(Axis.Y, 3, 0.5, 0, "mm"),
                AxisCalibration.of(Axis.Z, 2, 2, 0, "mm"), AxisCalibration.uncalibrated(Axis.C, 1),
                AxisCalibration.uncalibrated(Axis.T, 1))), labels.values());
        Table table = OpTesting.run(new ObjectDensity(), calibrated).table("density");
        double volume = 4 * 0.5 * 3 * 0.5 * 2 * 2;
        assertEquals(3, table.column("objects").number(0), 0);
        assertEquals(volume, table.column("reference").number(0), 1e-12);
        assertEquals(3 / volume, table.column("density").number(0), 1e-12);
        assertEquals(5 * 0.5 * 0.5 * 2 / 3, table.column("mean_size").number(0), 1e-12);
        assertEquals("mm^3", table.column("reference").unit());
        assertThrows(IllegalArgumentException.class, () -> OpTesting.run(new ObjectDensity(),
                OpTesting.image(PixelType.FLOAT32, new long[] { 2, 1 }, 0.5, 1)));
    }

    @Test
    void madMatchesScipyStats() throws IOException {
        Map<String, List<Double>> values = new LinkedHashMap<>();
        Map<String, double[]> expected = new LinkedHashMap<>();
        try (Reader in = Files.newBufferedReader(TestFiles.fixture(getClass(), "mad.csv", dir))) {
            Table reference = Table.readCsv(in, "mad", "mad.csv");
            for (int row = 0; row < reference.rowCount(); row++) {
                String group = reference.column("group").text(row);
                values.computeIfAbsent(group, g -> new ArrayList<>()).add(reference.column("value").number(row));
                expected.put(group, new double[] { reference.column("median").number(row), reference.column("mad").number(row),
                    reference.column("mad_normal").number(row) });
            }
        }
        Map<String, double[]> groups = new LinkedHashMap<>();
        values.forEach((g, v) -> groups.put(g, v.stream().mapToDouble(Double::doubleValue).toArray()));
        Analysis<GroupedValues> mad = Analyses.installed().find(MedianAbsoluteDeviation.ID, GroupedValues.class);
        Table result = mad.run(GroupedValues.of("volume", "um^3", groups));
        for (int row = 0; row < result.rowCount(); row++) {
            double[] e = expected.get(result.column("group").text(row));
            assertEquals(e[0], result.column("median").number(row), 1e-12);
            assertEquals(e[1], result.column("mad").number(row), 1e-12);
            assertEquals(e[2], result.column("mad_normal").number(row), 1e-9);
        }
        assertEquals(2, result.rowCount());
    }

    @Test
    void sliceStatisticsEqualNumpy() throws IOException {
        ArrayImage volume = OpTesting.fixture(getClass(), "volume.npy", dir);
        SliceStatistics statistics = SliceStatistics.of(volume, 0, 0, ProgressMonitor.NULL);
        try (Reader in = Files.newBufferedReader(TestFiles.fixture(getClass(), "volume_slices.csv", dir))) {
            Table reference = Table.readCsv(in, "slices", "volume_slices.csv");
            assertEquals(8, statistics.mean().length);
            for (int z = 0; z < 8; z++) {
                assertEquals(reference.column("mean").number(z), statistics.mean()[z], 1e-9, "mean of slice " + z);
                assertEquals(reference.column("sd").number(z), statistics.sd()[z], 1e-9, "sd of slice " + z);
            }
        }
    }
}
