package org.qbi.stats.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunWriter;
import org.qbi.testing.ConsoleRun;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/**
 * {@code qbi stats plot} without a display, on a project of two groups (control c1-c3, treated t1-t2) whose store
 * holds a sweep over smooth.sigma (table cells, as a pipeline run writes it: image keys ending in the combination,
 * the swept value as column smooth_sigma) and two runs of a porosity per sample (table porosity): the CSVs equal
 * data/charts_reference.json (pandas, NumPy, SciPy).
 */
class PlotCommandTest {

    @TempDir
    Path tmp;

    private Path project;
    private JsonNode reference;

    private static ConsoleRun stats(String... args) {
        return ConsoleRun.of(() -> new CommandLine(new StatsCommand()).execute(args));
    }

    private static double[] numbers(JsonNode array) {
        double[] values = new double[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asDouble();
        }
        return values;
    }

    @BeforeEach
    void project() throws IOException {
        Path dir = Path.of("").toAbsolutePath();
        while (!Files.exists(dir.resolve("data/charts_reference.json"))
                && !Files.exists(dir.resolve("tests/org.qbi.stats.tests/data/charts_reference.json"))) {
            dir = dir.getParent();
        }
        Path file = Files.exists(dir.resolve("data/charts_reference.json")) ? dir.resolve("data/charts_reference.json")
                : dir.resolve("tests/org.qbi.stats.tests/data/charts_reference.json");
        reference = new ObjectMapper().readTree(file.toFile());
        ProjectLayout layout = new ProjectLayout(tmp.resolve("study")).create();
        SampleCatalog catalog = new SampleCatalog();
        for (String id : List.of("c1", "c2", "c3")) {
            catalog.put(new Sample(id, "control", "", List.of()));
        }
        for (String id : List.of("t1", "t2")) {
            catalog.put(new Sample(id, "treated", "", List.of()));
        }
        for (int s = 0; s < reference.get("blandaltman").get("a").size(); s++) {
            catalog.put(new Sample(String.format("s%02d", s), "scanned", "", List.of()));
        }
        catalog.save(layout.catalogFile());
        JsonNode rows = reference.get("sensitivity").get("rows");
        // sample -> sigma -> areas
        Map<String, Map<Double, List<Double>>> cells = new LinkedHashMap<>();
        for (int r = 0; r < rows.get("area").size(); r++) {
            cells.computeIfAbsent(rows.get("sample_id").get(r).asText(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(rows.get("smooth_sigma").get(r).asDouble(), s -> new ArrayList<>())
                    .add(rows.get("area").get(r).asDouble());
        }
        double[] a = numbers(reference.get("blandaltman").get("a"));
        double[] b = numbers(reference.get("blandaltman").get("b"));
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
                                        .numbers("area", "px^2", areas).build());
                    }
                }
                run.commit();
            }
            // Bland-Altman: five samples, two runs; each sample's porosity as two objects whose mean is the value
            for (int repeat = 0; repeat < 2; repeat++) {
                double[] values = repeat == 0 ? a : b;
                try (RunWriter run = store.startRun("run-" + (repeat + 1), "")) {
                    for (int s = 0; s < values.length; s++) {
                        run.add(String.format("s%02d", s), "", Table.builder("porosity").numbers("label", "", 1, 2)
                                .numbers("porosity", "%", values[s] - 1, values[s] + 1).build());
                    }
                    run.commit();
                }
            }
        }
        project = layout.root();
    }

    private Table csv(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file)) {
            return Table.readCsv(reader, "csv", file.toString());
        }
    }

    @Test
    void sensitivityFindsTheSweptParameterAndEqualsPandas() throws IOException {
        Path png = tmp.resolve("sensitivity.png");
        Path csv = tmp.resolve("sensitivity.csv");
        ConsoleRun run = stats("plot", "sensitivity", "--table", "cells", "--value", "area", "--statistic", "count",
                "--series", "group", "--out", png.toString(), "--out", csv.toString(), "--out",
                tmp.resolve("sensitivity.svg").toString(), "--size", "700x500", "--project", project.toString());
        assertEquals(0, run.exitCode(), run.toString());
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(700, image.getWidth());
        assertTrue(Files.readString(tmp.resolve("sensitivity.svg")).contains("<svg"));
        Table table = csv(csv);
        JsonNode expected = reference.get("sensitivity").get("per_group").get("size");
        assertEquals(8, table.rowCount());
        for (int r = 0; r < 8; r++) {
            assertEquals(expected.get("group").get(r).asText(), table.column("series").text(r));
            assertEquals(expected.get("smooth_sigma").get(r).asDouble(), table.column("smooth_sigma").number(r));
            assertEquals(expected.get("mean").get(r).asDouble(), table.column("count").number(r), 1e-12);
            assertEquals(expected.get("std").get(r).asDouble(), table.column("sd").number(r), 1e-12);
        }
    }

    @Test
    void sensitivityOfSeveralResultsStacksThemInOneTable() throws IOException {
        Path csv = tmp.resolve("two.csv");
        ConsoleRun run = stats("plot", "sensitivity", "--table", "cells", "--value", "area", "--value", "label",
                "--statistic", "count", "--series", "group", "--out", csv.toString(), "--out",
                tmp.resolve("two.png").toString(), "--project", project.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Table table = csv(csv);
        JsonNode expected = reference.get("sensitivity").get("per_group").get("size");
        assertEquals(16, table.rowCount(), "two results x two groups x four sigmas");
        for (int r = 0; r < 16; r++) {
            assertEquals("count", table.column("result").text(r));
            assertEquals(expected.get("mean").get(r % 8).asDouble(), table.column("value").number(r), 1e-12);
        }
        ConsoleRun two = stats("plot", "violin", "--table", "cells", "--value", "area", "--value", "label", "--out",
                csv.toString(), "--project", project.toString());
        assertEquals(1, two.exitCode());
        assertTrue(two.err().contains("one --value"), two.toString());
    }

    @Test
    void blandAltmanOfTwoRunsPerSampleMeanEqualsNumpy() throws IOException {
        Path csv = tmp.resolve("ba.csv");
        ConsoleRun run = stats("plot", "bland-altman", "--table", "porosity", "--value", "porosity", "--per-sample",
                "mean", "--out", csv.toString(), "--out", tmp.resolve("ba.png").toString(), "--project",
                project.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Table table = csv(csv);
        JsonNode ba = reference.get("blandaltman");
        assertEquals(ba.get("a").size(), table.rowCount());
        assertEquals(ba.get("bias").asDouble(), table.column("bias").number(0), 1e-9);
        assertEquals(ba.get("loa_low_ci").get(0).asDouble(), table.column("loa_low_ci_low").number(0), 1e-9);
        assertEquals(ba.get("difference").get(3).asDouble(), table.column("difference").number(3), 1e-9);
        assertTrue(Files.size(tmp.resolve("ba.png")) > 1000);

        ConsoleRun objects = stats("plot", "bland-altman", "--table", "porosity", "--value", "porosity", "--out",
                csv.toString(), "--project", project.toString());
        assertEquals(1, objects.exitCode(), "two objects per sample and run need --per-sample: " + objects);
        assertTrue(objects.err().contains("two values"), objects.toString());
    }

    @Test
    void violinDataHoldsTheDensityOfEachGroup() throws IOException {
        Path csv = tmp.resolve("violin.csv");
        ConsoleRun run = stats("plot", "violin", "--table", "cells", "--value", "area", "--bandwidth", "silverman",
                "--out", csv.toString(), "--out", tmp.resolve("violin.svg").toString(), "--project",
                project.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Table table = csv(csv);
        assertEquals(200, table.rowCount());
        assertEquals("control", table.column("group").text(0));
        assertEquals("treated", table.column("group").text(199));
        double[] treated = new double[0];
        JsonNode rows = reference.get("sensitivity").get("rows");
        List<Double> values = new ArrayList<>();
        for (int r = 0; r < rows.get("area").size(); r++) {
            if (rows.get("group").get(r).asText().equals("treated")) {
                values.add(rows.get("area").get(r).asDouble());
            }
        }
        treated = values.stream().mapToDouble(Double::doubleValue).toArray();
        double h = org.qbi.stats.KernelDensity.of(treated, org.qbi.stats.KernelDensity.Bandwidth.SILVERMAN).bandwidth();
        assertEquals(h, table.column("bandwidth").number(150), 1e-12);
    }

    @Test
    void mistakesAreNamed() {
        ConsoleRun kind = stats("plot", "pie", "--table", "cells", "--value", "area", "--out", "x.png", "--project",
                project.toString());
        assertEquals(1, kind.exitCode());
        assertTrue(kind.err().contains("violin"), kind.toString());
        ConsoleRun format = stats("plot", "box", "--table", "cells", "--value", "area", "--out",
                tmp.resolve("x.jpg").toString(), "--project", project.toString());
        assertEquals(1, format.exitCode());
        assertTrue(format.err().contains(".png"), format.toString());
        ConsoleRun noSweep = stats("plot", "sensitivity", "--table", "porosity", "--value", "porosity", "--out",
                tmp.resolve("x.png").toString(), "--project", project.toString());
        assertEquals(1, noSweep.exitCode());
        assertTrue(noSweep.err().contains("swept no parameter"), noSweep.toString());
        ConsoleRun size = stats("plot", "box", "--table", "cells", "--value", "area", "--size", "huge", "--out",
                tmp.resolve("x.png").toString(), "--project", project.toString());
        assertEquals(1, size.exitCode());
        assertTrue(size.err().contains("--size"), size.toString());
    }
}
