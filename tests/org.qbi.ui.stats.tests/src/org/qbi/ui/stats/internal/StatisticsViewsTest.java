package org.qbi.ui.stats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.qbi.ui.testing.UiTesting.page;
import static org.qbi.ui.testing.UiTesting.waitFor;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.PlatformUI;
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
import org.qbi.stats.SensitivityStudy;
import org.qbi.stats.study.StudyRows.Reduction;
import org.qbi.ui.testing.UiTesting;
import org.qbi.ui.workbench.QbiPerspectives;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Bland-Altman and Parameter Sensitivity views of the Statistics perspective on a project of two groups
 * (control c1-c3, treated t1-t2) whose store holds a sweep over smooth.sigma as a pipeline run writes it, and
 * twelve samples s00-s11 measured by two runs: the plotted numbers equal NumPy, SciPy and pandas
 * (tests/org.qbi.stats.tests/data/charts_reference.json, made by make_charts_reference.py there).
 */
class StatisticsViewsTest {

    private static IProject project;
    private static JsonNode reference;

    @BeforeAll
    static void storeASweepAndTwoRuns() throws Exception {
        reference = new ObjectMapper().readTree(Path.of("../org.qbi.stats.tests/data/charts_reference.json")
                .toFile());
        project = QbiProjects.create("Sweep study", null, new NullProgressMonitor());
        ProjectLayout layout = QbiProjects.layout(project);
        SampleCatalog catalog = new SampleCatalog();
        for (String id : List.of("c1", "c2", "c3")) {
            catalog.put(new Sample(id, "control", "", List.of(), Map.of()));
        }
        for (String id : List.of("t1", "t2")) {
            catalog.put(new Sample(id, "treated", "", List.of(), Map.of()));
        }
        JsonNode ba = reference.get("blandaltman");
        for (int s = 0; s < ba.get("a").size(); s++) {
            catalog.put(new Sample(String.format("s%02d", s), "scanned", "", List.of(), Map.of()));
        }
        catalog.save(layout.catalogFile());
        JsonNode rows = reference.get("sensitivity").get("rows");
        Map<String, Map<Double, List<Double>>> cells = new LinkedHashMap<>();
        for (int r = 0; r < rows.get("area").size(); r++) {
            cells.computeIfAbsent(rows.get("sample_id").get(r).asText(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(rows.get("smooth_sigma").get(r).asDouble(), s -> new ArrayList<>())
                    .add(rows.get("area").get(r).asDouble());
        }
        try (ResultsStore store = ResultsStore.open(layout)) {
            try (RunWriter run = store.startRun("sweep", "")) {
                for (var sample : cells.entrySet()) {
                    for (var sigma : sample.getValue().entrySet()) {
                        double[] areas = sigma.getValue().stream().mapToDouble(Double::doubleValue).toArray();
                        double[] labels = new double[areas.length];
                        double[] sigmas = new double[areas.length];
                        for (int i = 0; i < areas.length; i++) {
                            labels[i] = i + 1;
                            sigmas[i] = sigma.getKey();
                        }
                        run.add(sample.getKey(), "raw/" + sample.getKey() + ".tif {smooth.sigma=" + sigma.getKey() + "}",
                                Table.builder("cells").numbers("smooth_sigma", "", sigmas).numbers("label", "", labels)
                                        .numbers("area", "px^2", areas)
                                        .numbers("intensity", "", java.util.Arrays.stream(areas).map(v -> v / 2)
                                                .toArray()).build());
                    }
                }
                run.commit();
            }
            for (String repeat : List.of("a", "b")) {
                try (RunWriter run = store.startRun("porosity-" + repeat, "")) { // a before b, as run ids sort
                    for (int s = 0; s < ba.get(repeat).size(); s++) {
                        double v = ba.get(repeat).get(s).asDouble();
                        run.add(String.format("s%02d", s), "", Table.builder("porosity").numbers("label", "", 1, 2)
                                .numbers("porosity", "%", v - 1, v + 1).build());
                    }
                    run.commit();
                }
            }
        }
    }

    @AfterAll
    static void deleteProject() throws Exception {
        for (String id : List.of(BlandAltmanView.ID, SensitivityView.ID)) {
            IViewPart view = page().findView(id);
            if (view != null) {
                page().hideView(view);
            }
        }
        project.delete(true, true, new NullProgressMonitor());
    }

    private static <V extends StudyView> V open(String id, Class<V> type) throws Exception {
        PlatformUI.getWorkbench().showPerspective(QbiPerspectives.STATISTICS,
                PlatformUI.getWorkbench().getActiveWorkbenchWindow());
        IViewPart part = page().findView(id);
        assertNotNull(part, "the Statistics perspective has view " + id);
        page().bringToTop(part);
        V view = type.cast(part);
        view.openProject(project);
        waitFor("the project's tables read", () -> !view.isBusy());
        return view;
    }

    @Test
    void blandAltmanOfTwoRunsEqualsNumpyAndScipy(@TempDir Path dir) throws Exception {
        BlandAltmanView view = open(BlandAltmanView.ID, BlandAltmanView.class);
        view.choose("porosity", "porosity", "sample_id", "run_id", Reduction.MEAN, null, null);
        try {
            waitFor("the Bland-Altman plot", () -> !view.isBusy() && view.chart() != null
                    && view.chart().data().name().equals("bland-altman-porosity"));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; the view says: " + view.statusText(), e);
        }
        JsonNode ba = reference.get("blandaltman");
        Table data = view.chart().data();
        assertEquals(ba.get("a").size(), data.rowCount(), "a point per sample");
        XYDataset points = view.chart().chart().getXYPlot().getDataset();
        for (int i = 0; i < data.rowCount(); i++) {
            assertEquals(ba.get("mean").get(i).asDouble(), points.getXValue(0, i), 1e-9, "mean of s" + i);
            assertEquals(ba.get("difference").get(i).asDouble(), points.getYValue(0, i), 1e-9, "difference");
        }
        assertEquals(ba.get("bias").asDouble(), data.column("bias").number(0), 1e-9);
        assertEquals(ba.get("loa_low").asDouble(), data.column("loa_low").number(0), 1e-9);
        assertEquals(ba.get("loa_high").asDouble(), data.column("loa_high").number(0), 1e-9);
        assertEquals(ba.get("bias_ci").get(1).asDouble(), data.column("bias_ci_high").number(0), 1e-9);
        assertEquals(ba.get("loa_high_ci").get(0).asDouble(), data.column("loa_high_ci_low").number(0), 1e-9);
        assertEquals(2, view.matched().repeats().size());
        assertTrue(view.statusText().contains("12 subjects"), view.statusText());
        List<String> csv = Files.readAllLines(view.exportTo("csv", dir.resolve("ba.csv")));
        assertEquals(1 + 12, csv.size());
        BufferedImage png = ImageIO.read(view.exportTo("png", dir.resolve("ba.png")).toFile());
        assertTrue(png.getWidth() >= 400, "a PNG of the canvas' size");
        org.eclipse.swt.graphics.Point canvas = view.canvasSize();
        assertTrue(canvas.y > UiTesting.shell().getSize().y / 2, "the plot has the room: " + canvas);
        ResultsViewTest.screenshot("statistics-bland-altman.png");

        view.choose("porosity", "porosity", "sample_id", "run_id", Reduction.NONE, null, null);
        waitFor("the refusal of several objects per sample and run", () -> !view.isBusy() && view.chart() == null);
        assertTrue(view.statusText().contains("two values"), view.statusText());
    }

    @Test
    void sensitivityCurvesEqualPandasAndFindTheSweptParameter(@TempDir Path dir) throws Exception {
        SensitivityView view = open(SensitivityView.ID, SensitivityView.class);
        waitFor("the sweep found", () -> !view.isBusy() && view.chart() != null);
        assertTrue(view.statusText().contains("smooth_sigma"), "the swept parameter is found: " + view.statusText());
        view.choose("cells", List.of("area"), "smooth_sigma", SensitivityStudy.Statistic.COUNT, "group");
        waitFor("the count per group", () -> !view.isBusy() && view.study() != null
                && view.study().hasColumn("count") && view.study().column("series").text(0).equals("control"));
        JsonNode expected = reference.get("sensitivity").get("per_group").get("size");
        Table study = view.study();
        assertEquals(8, study.rowCount(), "two groups at four sigmas");
        for (int r = 0; r < 8; r++) {
            assertEquals(expected.get("group").get(r).asText(), study.column("series").text(r));
            assertEquals(expected.get("smooth_sigma").get(r).asDouble(), study.column("smooth_sigma").number(r));
            assertEquals(expected.get("mean").get(r).asDouble(), study.column("count").number(r), 1e-12);
            assertEquals(expected.get("std").get(r).asDouble(), study.column("sd").number(r), 1e-12);
        }
        XYDataset curves = view.chart().chart().getXYPlot().getDataset();
        assertEquals(2, curves.getSeriesCount(), "a line per group");
        assertEquals(expected.get("mean").get(7).asDouble(), curves.getYValue(1, 3), 1e-12);

        view.choose("cells", List.of("area"), "smooth_sigma", SensitivityStudy.Statistic.MEAN, "sample_id");
        waitFor("the mean area per sample", () -> !view.isBusy() && view.study() != null
                && view.study().hasColumn("mean_area") && view.study().rowCount() == 20);
        JsonNode perSample = reference.get("sensitivity").get("per_sample");
        for (int r = 0; r < 20; r++) {
            assertEquals(perSample.get("sample_id").get(r).asText(), view.study().column("series").text(r));
            assertEquals(perSample.get("mean").get(r).asDouble(), view.study().column("mean_area").number(r), 1e-12);
        }
        assertEquals(5, view.chart().chart().getXYPlot().getDataset().getSeriesCount(), "a line per sample");
        List<String> csv = Files.readAllLines(view.exportTo("csv", dir.resolve("sensitivity.csv")));
        assertEquals("series,smooth_sigma,mean_area [px^2],sd [px^2],n", csv.getFirst());
        assertTrue(Files.readString(view.exportTo("svg", dir.resolve("sensitivity.svg"))).contains("<svg"));

        // two results, one panel each over the same sigmas: the second is half the first (intensity = area / 2)
        view.choose("cells", List.of("area", "intensity"), "smooth_sigma", SensitivityStudy.Statistic.MEAN,
                "group");
        waitFor("two results", () -> !view.isBusy() && view.chart() != null
                && view.chart().data().hasColumn("result"));
        Table both = view.chart().data();
        JsonNode meanPerGroup = reference.get("sensitivity").get("per_group").get("mean");
        assertEquals(16, both.rowCount(), "two results x two groups x four sigmas");
        for (int r = 0; r < 8; r++) {
            assertEquals("mean_area [px^2]", both.column("result").text(r));
            assertEquals("mean_intensity", both.column("result").text(8 + r));
            assertEquals(meanPerGroup.get("mean").get(r).asDouble(), both.column("value").number(r), 1e-12);
            assertEquals(meanPerGroup.get("mean").get(r).asDouble() / 2, both.column("value").number(8 + r), 1e-12);
        }
        org.jfree.chart.plot.CombinedDomainXYPlot panels =
                (org.jfree.chart.plot.CombinedDomainXYPlot) view.chart().chart().getPlot();
        assertEquals(2, panels.getSubplots().size(), "a panel per result");
        assertEquals(2, panels.getLegendItems().getItemCount(), "the groups once in the legend");
        ResultsViewTest.screenshot("statistics-sensitivity.png");
    }
}
