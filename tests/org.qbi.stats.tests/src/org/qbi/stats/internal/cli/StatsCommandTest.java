package org.qbi.stats.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

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
 * {@code qbi stats} on a project whose latest run holds, as object volumes, the data set "small" of
 * data/reference.json: group healthy (samples h1, h2) has its values a, group diseased (d1, d2) its values b.
 */
class StatsCommandTest {

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

    private static Table regions(double[] volumes) {
        double[] labels = new double[volumes.length];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = i + 1;
        }
        return Table.builder("regions").numbers("label", "", labels).numbers("volume", "mm^3", volumes).build();
    }

    @BeforeEach
    void project() throws IOException {
        Path dataDir = Path.of("").toAbsolutePath();
        while (!Files.exists(dataDir.resolve("data/reference.json"))
                && !Files.exists(dataDir.resolve("tests/org.qbi.stats.tests/data/reference.json"))) {
            dataDir = dataDir.getParent();
        }
        Path file = Files.exists(dataDir.resolve("data/reference.json")) ? dataDir.resolve("data/reference.json")
                : dataDir.resolve("tests/org.qbi.stats.tests/data/reference.json");
        reference = new ObjectMapper().readTree(file.toFile());
        double[] a = numbers(reference.get("datasets").get("small").get("a"));
        double[] b = numbers(reference.get("datasets").get("small").get("b"));

        ProjectLayout layout = new ProjectLayout(tmp.resolve("study")).create();
        SampleCatalog catalog = new SampleCatalog();
        for (String id : List.of("h1", "h2")) {
            catalog.put(new Sample(id, "healthy", "", List.of()));
        }
        for (String id : List.of("d1", "d2")) {
            catalog.put(new Sample(id, "diseased", "", List.of()));
        }
        catalog.save(layout.catalogFile());
        try (ResultsStore store = ResultsStore.open(layout)) {
            try (RunWriter run = store.startRun("old", "")) {
                run.add("h1", "", regions(new double[] { 100, 200 }));
                run.add("d1", "", regions(new double[] { 300, 400 }));
                run.commit();
            }
            try (RunWriter run = store.startRun("new", "")) {
                run.add("h1", "", regions(Arrays.copyOfRange(a, 0, 3)));
                run.add("h2", "", regions(Arrays.copyOfRange(a, 3, a.length)));
                run.add("d1", "", regions(Arrays.copyOfRange(b, 0, 5)));
                run.add("d2", "", regions(Arrays.copyOfRange(b, 5, b.length)));
                run.commit();
            }
        }
        project = layout.root();
    }

    @Test
    void compareRunsTheTwoGroupTestsOnTheLatestRunAsScipyDoes() throws IOException {
        ConsoleRun run = stats("compare", "--table", "regions", "--value", "volume", "--project", project.toString(),
                "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--per-sample"), "objects of one sample are not independent: " + run);
        JsonNode json = run.json();
        assertEquals("new", json.get("run_id").asText());
        JsonNode rows = json.get("rows");
        assertEquals(List.of("welch-t", "mann-whitney", "ks"),
                List.of(rows.get(0).get("test").asText(), rows.get(1).get("test").asText(), rows.get(2).get("test").asText()));
        JsonNode welch = rows.get(0);
        assertEquals("healthy", welch.get("group_a").asText());
        assertEquals(7, welch.get("n_a").asInt());
        assertEquals(reference.get("welch").get("small").get("p").asDouble(), welch.get("p_value").asDouble(), 1e-10);
        assertEquals(reference.get("mannwhitney").get("small").get("U").asDouble(),
                rows.get(1).get("statistic").asDouble(), 0);
        assertEquals(reference.get("ks").get("small").get("D").asDouble(), rows.get(2).get("statistic").asDouble(),
                1e-12);
        assertEquals(welch.get("p_value").asDouble(), welch.get("p_holm").asDouble(), 0, "one test per family");
    }

    @Test
    void describePerGroupPerSampleAndOfAnEarlierRun() throws IOException {
        ConsoleRun byGroup = stats("describe", "--table", "regions", "--value", "volume", "--project",
                project.toString(), "--json");
        assertEquals(0, byGroup.exitCode(), byGroup.toString());
        JsonNode healthy = byGroup.json().get("rows").get(0);
        assertEquals("healthy", healthy.get("group").asText());
        assertEquals(reference.get("describe").get("small").get("a").get("mean").asDouble(),
                healthy.get("mean").asDouble(), 1e-12);
        assertTrue(byGroup.json().get("columns").toString().contains("mm^3"));

        ConsoleRun bySample = stats("describe", "--table", "regions", "--value", "volume", "--group", "sample_id",
                "--project", project.toString(), "--json");
        assertEquals(4, bySample.json().get("rows").size());
        assertEquals(3, bySample.json().get("rows").get(0).get("n").asInt());

        ConsoleRun old = stats("describe", "--table", "regions", "--value", "volume", "--run", "old", "--project",
                project.toString(), "--json");
        assertEquals(150, old.json().get("rows").get(0).get("mean").asDouble(), 0);

        ConsoleRun perSample = stats("describe", "--table", "regions", "--value", "volume", "--per-sample", "mean",
                "--project", project.toString(), "--json");
        assertEquals(0, perSample.exitCode(), perSample.toString());
        assertEquals(2, perSample.json().get("rows").get(0).get("n").asInt(), "two samples per group");
        assertEquals("", perSample.err());

        ConsoleRun text = stats("describe", "--table", "regions", "--value", "volume", "--project", project.toString());
        assertTrue(text.out().contains("mean [mm^3]") && text.out().contains("diseased"), text.toString());
    }

    @Test
    void mistakesAreNamed() {
        ConsoleRun noTable = stats("compare", "--table", "nope", "--value", "volume", "--project", project.toString());
        assertEquals(1, noTable.exitCode());
        assertTrue(noTable.err().contains("no table 'nope'"), noTable.toString());
        ConsoleRun noColumn = stats("compare", "--table", "regions", "--value", "mass", "--project", project.toString());
        assertEquals(1, noColumn.exitCode());
        assertTrue(noColumn.err().contains("no column 'mass'"), noColumn.toString());
        ConsoleRun badTest = stats("compare", "--table", "regions", "--value", "volume", "--test", "z-test",
                "--project", project.toString());
        assertEquals(1, badTest.exitCode());
        assertTrue(badTest.err().contains("welch-t"), badTest.toString());
        ConsoleRun list = stats("analyses");
        assertEquals(0, list.exitCode());
        assertTrue(list.out().contains("bland-altman"), list.toString());
    }
}
