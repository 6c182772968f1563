package org.qbi.ui.stats.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.processEvents;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.PlatformUI;
import org.jfree.data.statistics.BoxAndWhiskerCategoryDataset;
import org.jfree.data.xy.IntervalXYDataset;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunWriter;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.stats.charts.GroupCharts;
import org.qbi.stats.study.StudyRows.Reduction;
import org.qbi.ui.testing.UiTesting;
import org.qbi.ui.workbench.QbiPerspectives;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Statistics perspective's Results view on a project of two groups whose results store holds the "small" data
 * set of org.qbi.stats' scipy references (tests/org.qbi.stats.tests/data/reference.json): the descriptive
 * statistics, the box plot, the p-values and effect sizes equal scipy's and NumPy's, the histogram counts NumPy's
 * (data/expected.py), the CDF and scatter plot hold every value; PNG, SVG and CSV exports are written.
 */
class ResultsViewTest {

    private static final double TOLERANCE = 1e-9;
    private static IProject project;
    private static JsonNode reference;
    private static double[] control;
    private static double[] treated;

    @BeforeAll
    static void storeTwoGroups() throws Exception {
        reference = new ObjectMapper().readTree(Path.of("../org.qbi.stats.tests/data/reference.json").toFile());
        JsonNode small = reference.get("datasets").get("small");
        control = numbers(small.get("a"));
        treated = numbers(small.get("b"));
        project = QbiProjects.create("Statistics study", null, new NullProgressMonitor());
        ProjectLayout layout = QbiProjects.layout(project);
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("ctl-1", "control", "", List.of(), Map.of()));
        catalog.put(new Sample("ctl-2", "control", "", List.of(), Map.of()));
        catalog.put(new Sample("trt-1", "treated", "", List.of(), Map.of()));
        catalog.put(new Sample("trt-2", "treated", "", List.of(), Map.of()));
        catalog.save(layout.catalogFile());
        try (ResultsStore store = ResultsStore.open(layout);
                RunWriter run = store.startRun(ResultsStore.newRunId(), "")) {
            run.add("ctl-1", "", regions(Arrays.copyOfRange(control, 0, 4)));
            run.add("ctl-2", "", regions(Arrays.copyOfRange(control, 4, control.length)));
            run.add("trt-1", "", regions(Arrays.copyOfRange(treated, 0, 5)));
            run.add("trt-2", "", regions(Arrays.copyOfRange(treated, 5, treated.length)));
            run.commit();
        }
    }

    @AfterAll
    static void deleteProject() throws Exception {
        page().hideView(page().findView(ResultsView.ID));
        project.delete(true, true, new NullProgressMonitor());
    }

    /** One sample's objects: volume the data set's values, area = 2 volume + 1 (for the scatter plot). */
    private static Table regions(double[] volumes) {
        double[] labels = new double[volumes.length];
        double[] areas = new double[volumes.length];
        for (int i = 0; i < volumes.length; i++) {
            labels[i] = i + 1;
            areas[i] = 2 * volumes[i] + 1;
        }
        return Table.builder("regions").numbers("label", "", labels).numbers("volume", "mm^3", volumes)
                .numbers("area", "mm^2", areas).build();
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    private static ResultsView openView() throws Exception {
        PlatformUI.getWorkbench().showPerspective(QbiPerspectives.STATISTICS,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        ResultsView view = (ResultsView) page().findView(ResultsView.ID);
        assertNotNull(view, "the Statistics perspective shows the Results view");
        view.openProject(project);
        waitFor("the project's tables are read", () -> !view.isBusy() && view.statistics() != null);
        view.perSample(Reduction.NONE);
        view.choose("regions", "volume", "group", "area");
        try {
            waitFor("the statistics of volume by group", () -> !view.isBusy() && view.statistics() != null
                    && view.statistics().values().groupBy().equals("group")
                    && view.statistics().values().valueName().equals("volume"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the view says: " + view.statusText(), e);
        }
        return view;
    }

    @Test
    void describeAndBoxPlotEqualNumpyAndTheTestsEqualScipy() throws Exception {
        ResultsView view = openView();
        GroupStatistics statistics = view.statistics();
        assertEquals(List.of("control", "treated"), statistics.values().names());
        Table describe = statistics.describe();
        view.showChart(GroupCharts.Kind.BOX);
        waitFor("the chart drawn", () -> !view.isBusy());
        BoxAndWhiskerCategoryDataset box = (BoxAndWhiskerCategoryDataset) view.jfreeChart().getCategoryPlot()
                .getDataset();
        String[] groups = { "control", "treated" };
        String[] keys = { "a", "b" };
        for (int g = 0; g < 2; g++) {
            JsonNode expected = reference.get("describe").get("small").get(keys[g]);
            for (String stat : List.of("n", "mean", "sd", "sem", "median", "q1", "q3", "iqr", "cv", "min", "max")) {
                assertEquals(expected.get(stat).asDouble(), describe.column(stat).number(g), TOLERANCE,
                        stat + " of " + groups[g]);
            }
            // the interval rests on a t quantile, computed by Commons Statistics and scipy to about 1e-9
            assertEquals(expected.get("ci_low").asDouble(), describe.column("ci_low").number(g), 1e-8);
            assertEquals(expected.get("ci_high").asDouble(), describe.column("ci_high").number(g), 1e-8);
            assertEquals(groups[g], box.getColumnKey(g));
            assertEquals(expected.get("median").asDouble(), box.getMedianValue(0, g).doubleValue(), TOLERANCE);
            assertEquals(expected.get("q1").asDouble(), box.getQ1Value(0, g).doubleValue(), TOLERANCE);
            assertEquals(expected.get("q3").asDouble(), box.getQ3Value(0, g).doubleValue(), TOLERANCE);
            assertEquals(expected.get("mean").asDouble(), box.getMeanValue(0, g).doubleValue(), TOLERANCE);
            assertEquals(expected.get("min").asDouble(), box.getMinRegularValue(0, g).doubleValue(), TOLERANCE);
            assertEquals(expected.get("max").asDouble(), box.getMaxRegularValue(0, g).doubleValue(), TOLERANCE);
        }

        Table comparison = statistics.comparison();
        assertEquals(List.of("welch-t", "mann-whitney", "ks"), List.of(comparison.column("test").texts()));
        JsonNode welch = reference.get("welch").get("small");
        assertEquals(welch.get("t").asDouble(), comparison.column("statistic").number(0), TOLERANCE);
        assertEquals(welch.get("df").asDouble(), comparison.column("df").number(0), TOLERANCE);
        assertEquals(welch.get("p").asDouble(), comparison.column("p_value").number(0), TOLERANCE, "Welch p");
        assertEquals(welch.get("g").asDouble(), comparison.column("effect").number(0), TOLERANCE, "Hedges' g");
        assertEquals(welch.get("g_low").asDouble(), comparison.column("effect_ci_low").number(0), 1e-6);
        JsonNode mannWhitney = reference.get("mannwhitney").get("small");
        assertEquals(mannWhitney.get("U").asDouble(), comparison.column("statistic").number(1), TOLERANCE);
        assertEquals(mannWhitney.get("p").asDouble(), comparison.column("p_value").number(1), TOLERANCE, "U p");
        assertEquals(mannWhitney.get("r").asDouble(), comparison.column("effect").number(1), TOLERANCE);
        JsonNode ks = reference.get("ks").get("small");
        assertEquals(ks.get("D").asDouble(), comparison.column("statistic").number(2), TOLERANCE);
        assertEquals(ks.get("p").asDouble(), comparison.column("p_value").number(2), TOLERANCE, "KS p");
        // one row per test: the adjustment within a test leaves each p as it is
        assertArrayEquals(comparison.column("p_value").numbers(), comparison.column("p_holm").numbers(), 0);
        assertArrayEquals(comparison.column("p_value").numbers(), comparison.column("p_bh").numbers(), 0);
        assertEquals(Map.of("describe", 2, "comparison", 3), view.shownRows(), "rows shown in the view's tables");
        assertTrue(view.statusText().contains("independent"), "objects of one sample are not independent: "
                + view.statusText());

        screenshot("screenshot-statistics.png");
    }

    @Test
    void histogramCdfAndScatterHoldTheValuesAndExport(@TempDir Path dir) throws Exception {
        ResultsView view = openView();
        view.showChart(GroupCharts.Kind.HISTOGRAM);
        waitFor("the chart drawn", () -> !view.isBusy());
        IntervalXYDataset histogram = (IntervalXYDataset) view.jfreeChart().getXYPlot().getDataset();
        double[][] numpy = { { 1, 4, 0, 2, 0 }, { 0, 3, 4, 1, 1 } }; // data/expected.py
        double[] edges = { 5.443, 7.889799999999999, 10.3366, 12.7834, 15.2302, 17.677 };
        for (int g = 0; g < 2; g++) {
            assertEquals(5, histogram.getItemCount(g));
            for (int i = 0; i < 5; i++) {
                assertEquals(numpy[g][i], histogram.getYValue(g, i), 0, "count of bin " + i + " of group " + g);
                assertEquals(edges[i], histogram.getStartXValue(g, i), 1e-12);
                assertEquals(edges[i + 1], histogram.getEndXValue(g, i), 1e-12);
            }
        }

        view.showChart(GroupCharts.Kind.CDF);
        waitFor("the chart drawn", () -> !view.isBusy());
        XYDataset cdf = view.jfreeChart().getXYPlot().getDataset();
        double[][] groups = { control.clone(), treated.clone() };
        for (int g = 0; g < 2; g++) {
            Arrays.sort(groups[g]);
            int n = groups[g].length;
            assertEquals(n + 1, cdf.getItemCount(g), "a start at 0 and a step per value (no ties here)");
            for (int i = 0; i < n; i++) {
                assertEquals(groups[g][i], cdf.getXValue(g, i + 1), 0);
                assertEquals((i + 1.0) / n, cdf.getYValue(g, i + 1), 1e-15);
            }
        }
        Path csv = view.exportTo("csv", dir.resolve("cdf.csv"));
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        assertEquals(1 + control.length + treated.length, lines.size(), "a header and a row per value");
        assertTrue(lines.getFirst().startsWith("group,value"), lines.getFirst());

        view.showChart(GroupCharts.Kind.SCATTER);
        waitFor("the chart drawn", () -> !view.isBusy());
        XYDataset scatter = view.jfreeChart().getXYPlot().getDataset();
        assertEquals(2, scatter.getSeriesCount());
        assertEquals(control.length, scatter.getItemCount(0));
        assertEquals(treated.length, scatter.getItemCount(1));
        for (int i = 0; i < treated.length; i++) {
            assertEquals(2 * scatter.getXValue(1, i) + 1, scatter.getYValue(1, i), 1e-12, "area = 2 volume + 1");
        }
        processEvents();
        BufferedImage png = ImageIO.read(view.exportTo("png", dir.resolve("scatter.png")).toFile());
        assertNotNull(png, "a PNG image");
        assertTrue(png.getWidth() >= 400 && png.getHeight() >= 300, png.getWidth() + " x " + png.getHeight());
        String svg = Files.readString(view.exportTo("svg", dir.resolve("scatter.svg")), StandardCharsets.UTF_8);
        assertTrue(svg.contains("<svg") && svg.contains("</svg>"), "an SVG document");
        assertTrue(svg.contains("volume (mm^3)"), "with the x axis' label as text");
    }

    /**
     * The violins' densities equal scipy.stats.gaussian_kde (Scott) of each group on the violin's grid, and their
     * marks NumPy's quartiles (tests/org.qbi.stats.tests/data/charts_reference.json, same data set "small"); the
     * view has the room of the Statistics perspective (its editor area hidden).
     */
    @Test
    void violinsEqualScipysKernelDensityAndHaveTheRoom(@TempDir Path dir) throws Exception {
        ResultsView view = openView();
        view.showChart(GroupCharts.Kind.VIOLIN);
        waitFor("the chart drawn", () -> !view.isBusy());
        JsonNode kde = new ObjectMapper().readTree(Path.of("../org.qbi.stats.tests/data/charts_reference.json")
                .toFile()).get("kde");
        Table data = view.chart().data();
        assertEquals(200, data.rowCount(), "100 points per violin");
        int row = 0;
        for (String group : List.of("a", "b")) {
            JsonNode expected = kde.get("small_" + group + "_scott");
            for (int i = 0; i < 100; i++, row++) {
                assertEquals(group.equals("a") ? "control" : "treated", data.column("group").text(row));
                assertEquals(expected.get("grid").get(i).asDouble(), data.column("value").number(row), 1e-9);
                double density = expected.get("density").get(i).asDouble();
                assertEquals(density, data.column("density").number(row), 1e-10 * Math.max(density, 1e-300));
            }
            assertEquals(expected.get("quartiles").get(1).asDouble(), data.column("median").number(row - 1), 1e-12);
        }
        XYDataset outlines = view.jfreeChart().getXYPlot().getDataset();
        assertEquals(2, outlines.getSeriesCount(), "a violin per group");
        List<String> csv = Files.readAllLines(view.exportTo("csv", dir.resolve("violin.csv")));
        assertTrue(csv.getFirst().startsWith("group,value [mm^3],density [1/mm^3],bandwidth"), csv.getFirst());
        assertTrue(Files.readString(view.exportTo("svg", dir.resolve("violin.svg"))).contains("<svg"));
        org.eclipse.swt.graphics.Point canvas = view.canvasSize();
        org.eclipse.swt.graphics.Point window = UiTesting.shell().getSize();
        assertTrue(canvas.y > window.y / 2, "the chart has the room: " + canvas + " in a window of " + window);
        screenshot("statistics-violin.png");
    }

    @Test
    void bySampleEachSampleIsAGroupAndTheKGroupTestsEqualScipy() throws Exception {
        ResultsView view = openView();
        view.choose("regions", "volume", "sample_id", "area");
        waitFor("the statistics by sample", () -> !view.isBusy() && view.statistics() != null
                && view.statistics().values().groupBy().equals("sample_id"));
        GroupStatistics statistics = view.statistics();
        assertEquals(List.of("ctl-1", "ctl-2", "trt-1", "trt-2"), statistics.values().names(), "catalog order");
        assertArrayEquals(new double[] { 4, 3, 5, 4 }, statistics.describe().column("n").numbers(), 0);
        Table comparison = statistics.comparison();
        List<String> tests = List.of(comparison.column("test").texts());
        assertEquals(1 + 1 + 6 + 6, tests.size(), "ANOVA, Kruskal-Wallis, Welch and Mann-Whitney on the 6 pairs");
        // data/expected.py: scipy.stats.f_oneway and kruskal of the four samples
        assertEquals(0.4824125334064236, comparison.column("statistic").number(tests.indexOf("anova")), 1e-9);
        assertEquals(0.7006422884532133, comparison.column("p_value").number(tests.indexOf("anova")), 1e-9);
        assertEquals(0.8139705882352999, comparison.column("statistic").number(tests.indexOf("kruskal-wallis")),
                1e-9);
        assertEquals(0.8461226175083708, comparison.column("p_value").number(tests.indexOf("kruskal-wallis")),
                1e-9);
        for (int r = 0; r < tests.size(); r++) {
            double p = comparison.column("p_value").number(r);
            assertTrue(comparison.column("p_holm").number(r) >= p && comparison.column("p_bh").number(r) >= p,
                    "adjusted p-values are not below the raw one in row " + r);
        }
        assertTrue(view.statusText().contains("ctl-1 (n=4)"), view.statusText());
        assertFalse(view.statusText().contains("independent"), "each sample is its own group: " + view.statusText());
    }

    @Test
    void perSampleMeansCountEachSampleOnceAndTheirWelchTestEqualsScipy() throws Exception {
        ResultsView view = openView();
        view.perSample(Reduction.MEAN);
        waitFor("the statistics of the sample means", () -> !view.isBusy() && view.statistics() != null
                && view.statistics().values().total() == 4);
        GroupStatistics statistics = view.statistics();
        // data/expected.py: the sample means and scipy.stats.ttest_ind(equal_var=False) of them
        assertArrayEquals(new double[] { 9.766749999999998, 10.948 }, statistics.values().values("control"), 1e-12);
        assertArrayEquals(new double[] { 12.1994, 10.9815 }, statistics.values().values("treated"), 1e-12);
        Table comparison = statistics.comparison();
        assertEquals("welch-t", comparison.column("test").text(0));
        assertEquals(-1.4535380869269878, comparison.column("statistic").number(0), 1e-9);
        assertEquals(0.2833736074216218, comparison.column("p_value").number(0), 1e-9);
        assertFalse(view.statusText().contains("independent"), view.statusText());
        view.showChart(GroupCharts.Kind.SCATTER);
        waitFor("the chart drawn", () -> !view.isBusy());
        assertEquals(2, view.jfreeChart().getXYPlot().getDataset().getItemCount(0), "a point per sample");
    }

    @Test
    void aProjectWithoutResultsSaysSoAndGetsNoDatabase() throws Exception {
        ResultsView view = openView();
        IProject empty = QbiProjects.create("No results yet", null, new NullProgressMonitor());
        try {
            view.openProject(empty);
            waitFor("the empty project read", () -> !view.isBusy());
            assertTrue(view.statusText().contains("no result tables yet"), view.statusText());
            assertNull(view.statistics(), "nothing shown from the other project");
            assertFalse(Files.exists(QbiProjects.layout(empty).results().resolve(ResultsStore.DATABASE_FILE)),
                    "looking does not create a results database");
        } finally {
            empty.delete(true, true, new NullProgressMonitor());
            view.openProject(project);
            waitFor("the study read again", () -> !view.isBusy());
        }
    }

    /** The main window as a PNG in target/screenshots/. */
    static void screenshot(String name) throws IOException {
        Shell shell = UiTesting.shell();
        Display display = shell.getDisplay();
        if (!shell.getMaximized()) {
            shell.setBounds(0, 0, 1280, 800);
        }
        for (int i = 0; i < 10; i++) {
            processEvents();
            try {
                Thread.sleep(30);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        org.eclipse.swt.graphics.Rectangle bounds = shell.getBounds();
        org.eclipse.swt.graphics.Image image = new org.eclipse.swt.graphics.Image(display, bounds.width,
                bounds.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, bounds.x, bounds.y);
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] { image.getImageData() };
            Path dir = Path.of(System.getProperty("user.dir"), "target", "screenshots");
            Files.createDirectories(dir);
            loader.save(dir.resolve(name).toString(), SWT.IMAGE_PNG);
        } finally {
            gc.dispose();
            image.dispose();
        }
    }
}
