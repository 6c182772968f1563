package org.qbi.stats.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.jfree.chart.plot.Marker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.KernelDensity;
import org.qbi.stats.MatchedValues;
import org.qbi.stats.SensitivityStudy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The charts' numbers against SciPy, NumPy and pandas (data/charts_reference.json, made by
 * data/make_charts_reference.py): kernel density estimates as scipy.stats.gaussian_kde with Scott's and
 * Silverman's bandwidth, the violin's grid and quartiles, the Bland-Altman points, bias and limits with their
 * intervals, and the sensitivity curves as a pandas groupby. PNG and SVG are written without a display.
 */
class ChartsReferenceTest {

    private static JsonNode reference;

    @BeforeAll
    static void read() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("data/charts_reference.json"))
                && !Files.exists(dir.resolve("tests/org.qbi.stats.tests/data/charts_reference.json"))) {
            dir = dir.getParent();
        }
        Path file = Files.exists(dir.resolve("data/charts_reference.json")) ? dir.resolve("data/charts_reference.json")
                : dir.resolve("tests/org.qbi.stats.tests/data/charts_reference.json");
        reference = new ObjectMapper().readTree(file.toFile());
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static void assertClose(double expected, double actual, double relative, String what) {
        assertEquals(expected, actual, relative * Math.max(Math.abs(expected), 1e-300), what);
    }

    @Test
    void kernelDensityEqualsScipyGaussianKde() {
        int cases = 0;
        for (var entry : reference.get("kde").properties()) {
            JsonNode kase = entry.getValue();
            KernelDensity kde = KernelDensity.of(numbers(kase.get("values")),
                    KernelDensity.Bandwidth.valueOf(kase.get("rule").asText().toUpperCase()));
            assertClose(kase.get("bandwidth").asDouble(), kde.bandwidth(), 1e-12, entry.getKey() + " bandwidth");
            double[] grid = kde.grid(ViolinChart.POINTS, ViolinChart.CUT);
            double[] expectedGrid = numbers(kase.get("grid"));
            double[] expected = numbers(kase.get("density"));
            for (int i = 0; i < grid.length; i++) {
                assertClose(expectedGrid[i], grid[i], 1e-12, entry.getKey() + " grid " + i);
                assertClose(expected[i], kde.density(grid[i]), 1e-10, entry.getKey() + " density at " + grid[i]);
            }
            cases++;
        }
        assertEquals(6, cases);
    }

    @Test
    void aDensityIntegratesToOneAndRefusesDegenerateData() {
        KernelDensity kde = KernelDensity.of(new double[] { 1, 2, 2.5, 7, 8 }, KernelDensity.Bandwidth.SILVERMAN);
        double[] grid = kde.grid(4001, 8);
        double integral = 0;
        for (int i = 1; i < grid.length; i++) {
            integral += (kde.density(grid[i]) + kde.density(grid[i - 1])) / 2 * (grid[i] - grid[i - 1]);
        }
        assertEquals(1, integral, 1e-6);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> KernelDensity.of(new double[] { 3, 3, 3 },
                KernelDensity.Bandwidth.SCOTT)).getMessage().contains("differ"));
        assertThrows(IllegalArgumentException.class, () -> KernelDensity.of(new double[] { 3, Double.NaN },
                KernelDensity.Bandwidth.SCOTT));
    }

    /** Above EXACT_LIMIT values the binned estimate stays within 1e-4 of the peak of the exact sum (done here). */
    @Test
    void manyValuesAreBinnedCloseToTheExactDensity() {
        java.util.Random random = new java.util.Random(7);
        double[] values = new double[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i % 3 == 0 ? 5 + random.nextGaussian() : Math.exp(random.nextGaussian()); // skewed, bimodal
        }
        KernelDensity binned = KernelDensity.of(values, KernelDensity.Bandwidth.SCOTT);
        double h = binned.bandwidth();
        double peak = 0;
        double worst = 0;
        for (double x : binned.grid(60, ViolinChart.CUT)) {
            double exact = 0;
            for (double v : values) {
                double z = (x - v) / h;
                exact += Math.exp(-0.5 * z * z);
            }
            exact /= h * values.length * Math.sqrt(2 * Math.PI);
            peak = Math.max(peak, exact);
            worst = Math.max(worst, Math.abs(binned.density(x) - exact));
        }
        assertTrue(worst < 1e-4 * peak, "largest difference " + worst + " at a peak of " + peak);
    }

    @Test
    void violinsDrawTheDensityAndTheQuartilesOfEachGroup() {
        Map<String, double[]> groups = new LinkedHashMap<>();
        groups.put("a", numbers(reference.get("kde").get("small_a_scott").get("values")));
        groups.put("b", numbers(reference.get("kde").get("small_b_scott").get("values")));
        groups.put("one", new double[] { 4 }); // no violin, only its marks
        Chart chart = ViolinChart.of(GroupedValues.of("volume", "mm^3", groups), KernelDensity.Bandwidth.SCOTT);
        Table data = chart.data();
        assertEquals(2 * ViolinChart.POINTS, data.rowCount());
        int row = 0;
        for (String group : List.of("a", "b")) {
            JsonNode kase = reference.get("kde").get("small_" + group + "_scott");
            double[] grid = numbers(kase.get("grid"));
            double[] density = numbers(kase.get("density"));
            double[] quartiles = numbers(kase.get("quartiles"));
            for (int i = 0; i < ViolinChart.POINTS; i++, row++) {
                assertEquals(group, data.column("group").text(row));
                assertClose(grid[i], data.column("value").number(row), 1e-12, "grid");
                assertClose(density[i], data.column("density").number(row), 1e-10, "density");
                assertClose(quartiles[0], data.column("q1").number(row), 1e-12, "q1");
                assertClose(quartiles[1], data.column("median").number(row), 1e-12, "median");
                assertClose(quartiles[2], data.column("q3").number(row), 1e-12, "q3");
            }
        }
        // the drawn outline: x = group -+ half-width scaled to the group's greatest density
        XYDataset outline = ((XYPlot) chart.chart().getPlot()).getDataset();
        double[] density = numbers(reference.get("kde").get("small_b_scott").get("density"));
        double max = java.util.Arrays.stream(density).max().orElseThrow();
        for (int i = 0; i < ViolinChart.POINTS; i++) {
            assertEquals(1 + ViolinChart.HALF_WIDTH * density[i] / max, outline.getXValue(1, i), 1e-9);
        }
        assertEquals(2, outline.getItemCount(2), "a group of one value: a point, no violin");
        assertEquals("1/mm^3", data.column("density").unit());
    }

    @Test
    void blandAltmanEqualsNumpyAndScipy() {
        JsonNode ba = reference.get("blandaltman");
        double[] a = numbers(ba.get("a"));
        double[] b = numbers(ba.get("b"));
        double[][] matrix = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            matrix[i] = new double[] { a[i], b[i], 0 };
        }
        MatchedValues three = MatchedValues.of("bv_tv", "%", matrix);
        assertThrows(IllegalArgumentException.class, () -> BlandAltmanChart.of(three));
        Chart chart = BlandAltmanChart.of(three.pair("r1", "r2"));
        Table data = chart.data();
        double[] mean = numbers(ba.get("mean"));
        double[] difference = numbers(ba.get("difference"));
        for (int i = 0; i < a.length; i++) {
            assertClose(mean[i], data.column("mean").number(i), 1e-12, "mean");
            assertClose(difference[i], data.column("difference").number(i), 1e-9, "difference");
            XYDataset points = ((XYPlot) chart.chart().getPlot()).getDataset();
            assertClose(mean[i], points.getXValue(0, i), 1e-12, "plotted mean");
            assertClose(difference[i], points.getYValue(0, i), 1e-9, "plotted difference");
        }
        assertClose(ba.get("bias").asDouble(), data.column("bias").number(0), 1e-9, "bias");
        assertClose(ba.get("sd").asDouble(), data.column("sd").number(0), 1e-9, "sd");
        assertClose(ba.get("loa_low").asDouble(), data.column("loa_low").number(0), 1e-9, "loa_low");
        assertClose(ba.get("loa_high").asDouble(), data.column("loa_high").number(0), 1e-9, "loa_high");
        assertClose(ba.get("bias_ci").get(0).asDouble(), data.column("bias_ci_low").number(0), 1e-9, "bias ci");
        assertClose(ba.get("loa_low_ci").get(0).asDouble(), data.column("loa_low_ci_low").number(0), 1e-9, "ci");
        assertClose(ba.get("loa_high_ci").get(1).asDouble(), data.column("loa_high_ci_high").number(0), 1e-9, "ci");
        List<Double> lines = new ArrayList<>();
        for (Object marker : ((XYPlot) chart.chart().getPlot()).getRangeMarkers(Layer.FOREGROUND)) {
            lines.add(((ValueMarker) marker).getValue());
        }
        assertEquals(3, lines.size(), "bias and two limits");
        assertClose(ba.get("loa_high").asDouble(), lines.get(2), 1e-9, "upper limit line");
        java.util.Collection<?> bands = ((XYPlot) chart.chart().getPlot()).getRangeMarkers(Layer.BACKGROUND);
        assertEquals(3, bands.size(), "three confidence bands");
        assertTrue(bands.stream().allMatch(m -> m instanceof Marker));
    }

    /** The reference's long table (sample_id, group, smooth_sigma, area). */
    private static Table sweepRows() {
        JsonNode rows = reference.get("sensitivity").get("rows");
        List<String> samples = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        rows.get("sample_id").forEach(n -> samples.add(n.asText()));
        rows.get("group").forEach(n -> groups.add(n.asText()));
        return Table.builder("cells").texts("sample_id", samples).texts("group", groups)
                .numbers("smooth_sigma", "px", numbers(rows.get("smooth_sigma")))
                .numbers("area", "px^2", numbers(rows.get("area"))).build();
    }

    @Test
    void sensitivityCurvesPerSampleEqualPandas() {
        JsonNode perSample = reference.get("sensitivity").get("per_sample");
        Map<SensitivityStudy.Statistic, String> columns = Map.of(SensitivityStudy.Statistic.COUNT, "size",
                SensitivityStudy.Statistic.MEAN, "mean", SensitivityStudy.Statistic.MEDIAN, "median",
                SensitivityStudy.Statistic.SUM, "sum");
        for (var statistic : columns.entrySet()) {
            Table study = SensitivityStudy.of(sweepRows(), "smooth_sigma", "area", statistic.getKey(), "sample_id");
            double[] expected = numbers(perSample.get(statistic.getValue()));
            assertEquals(expected.length, study.rowCount());
            Column value = study.columns().get(2);
            for (int r = 0; r < expected.length; r++) {
                assertEquals(perSample.get("sample_id").get(r).asText(), study.column("series").text(r));
                assertEquals(perSample.get("smooth_sigma").get(r).asDouble(), study.column("smooth_sigma").number(r));
                assertClose(expected[r], value.number(r), 1e-12, statistic.getKey() + " row " + r);
                assertEquals(perSample.get("size").get(r).asDouble(), study.column("n").number(r), "rows of the sample");
            }
        }
        assertEquals("count", SensitivityStudy.of(sweepRows(), "smooth_sigma", "area",
                SensitivityStudy.Statistic.COUNT, "sample_id").columns().get(2).name());
    }

    @Test
    void sensitivityCurvesPerGroupAreTheMeanAndSdOfTheSamplesAsPandas() {
        JsonNode perGroup = reference.get("sensitivity").get("per_group");
        for (var statistic : Map.of(SensitivityStudy.Statistic.COUNT, "size", SensitivityStudy.Statistic.MEDIAN,
                "median").entrySet()) {
            Table study = SensitivityStudy.of(sweepRows(), "smooth_sigma", "area", statistic.getKey(), "group");
            JsonNode expected = perGroup.get(statistic.getValue());
            assertEquals(expected.get("mean").size(), study.rowCount());
            for (int r = 0; r < study.rowCount(); r++) {
                assertEquals(expected.get("group").get(r).asText(), study.column("series").text(r));
                assertClose(expected.get("mean").get(r).asDouble(), study.columns().get(2).number(r), 1e-12, "mean");
                assertClose(expected.get("std").get(r).asDouble(), study.column("sd").number(r), 1e-12, "sd");
                assertEquals(expected.get("count").get(r).asDouble(), study.column("n").number(r), "samples");
            }
            Chart chart = SensitivityChart.of(study);
            XYDataset curves = ((XYPlot) chart.chart().getPlot()).getDataset();
            assertEquals(2, curves.getSeriesCount(), "a line per group");
            assertEquals(4, curves.getItemCount(0), "four sigmas");
            assertClose(expected.get("mean").get(4).asDouble(), curves.getYValue(1, 0), 1e-12, "treated at 0.5");
        }
    }

    @Test
    void aSensitivityStudyNeedsASweepAndNamesWhatIsMissing() {
        Table one = Table.builder("t").texts("sample_id", List.of("s", "s")).numbers("p", "", 1, 1)
                .numbers("v", "", 2, 3).build();
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SensitivityStudy.of(one, "p", "v",
                SensitivityStudy.Statistic.MEAN, "sample_id")).getMessage().contains("at least two"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SensitivityStudy.of(one, "sigma", "v",
                SensitivityStudy.Statistic.MEAN, "sample_id")).getMessage().contains("'sigma'"));
    }

    @Test
    void chartsAreWrittenAsPngSvgAndCsvWithoutADisplay(@TempDir Path tmp) throws IOException {
        Chart chart = SensitivityChart.of(SensitivityStudy.of(sweepRows(), "smooth_sigma", "area",
                SensitivityStudy.Statistic.MEAN, "group"));
        ChartExport.write(chart, 640, 420, tmp.resolve("s.png"));
        ChartExport.write(chart, 640, 420, tmp.resolve("s.svg"));
        ChartExport.write(chart, 640, 420, tmp.resolve("s.csv"));
        BufferedImage png = ImageIO.read(tmp.resolve("s.png").toFile());
        assertEquals(640, png.getWidth());
        assertEquals(420, png.getHeight());
        assertTrue(Files.readString(tmp.resolve("s.svg")).contains("<svg"));
        List<String> csv = Files.readAllLines(tmp.resolve("s.csv"));
        assertTrue(csv.getFirst().startsWith("series,smooth_sigma"), csv.getFirst());
        assertEquals(1 + 8, csv.size());
        assertThrows(IllegalArgumentException.class, () -> ChartExport.write(chart, 640, 420, tmp.resolve("s.jpg")));
    }
}
