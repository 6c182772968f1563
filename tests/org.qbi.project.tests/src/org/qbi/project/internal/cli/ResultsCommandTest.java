package org.qbi.project.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

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

import picocli.CommandLine;

/** {@code qbi results list|query|export} run in-process. */
class ResultsCommandTest {

    @TempDir
    Path tmp;

    private static ConsoleRun results(String... args) {
        return ConsoleRun.of(() -> new CommandLine(new ResultsCommand()).execute(args));
    }

    private Path project() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("p")).create();
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("a1", "healthy", "", List.of(), Map.of()));
        catalog.put(new Sample("b1", "diseased", "", List.of(), Map.of()));
        catalog.save(layout.catalogFile());
        try (ResultsStore store = ResultsStore.open(layout); RunWriter run = store.startRun("r1", "h1")) {
            run.add("a1", "raw/a1.tif", Table.builder("regions").numbers("label", "", 1, 2)
                    .numbers("volume", "mm^3", 1, 3).build());
            run.add("b1", "raw/b1.tif", Table.builder("regions").numbers("label", "", 1)
                    .numbers("volume", "mm^3", 10).build());
            run.commit();
        }
        return layout.root();
    }

    @Test
    void listShowsTablesWithUnitsAndRuns() throws IOException {
        Path project = project();
        ConsoleRun run = results("list", "--project", project.toString(), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode json = run.json();
        assertEquals("regions", json.get("tables").get(0).get("name").asText());
        assertEquals(3, json.get("tables").get(0).get("rows").asLong());
        assertTrue(json.get("tables").get(0).get("columns").toString().contains("volume [mm^3]"));
        assertEquals("h1", json.get("runs").get(0).get("pipeline_hash").asText());

        ConsoleRun text = results("list", "--project", project.toString());
        assertTrue(text.out().contains("regions") && text.out().contains("r1"), text.toString());
    }

    @Test
    void queryPrintsTextJsonAndCsv() throws IOException {
        Path project = project();
        String sql = "SELECT \"group\", avg(volume) AS mean FROM grouped.regions GROUP BY 1 ORDER BY 1";
        ConsoleRun json = results("query", sql, "--project", project.toString(), "--json");
        assertEquals(0, json.exitCode(), json.toString());
        assertEquals("diseased", json.json().get("rows").get(0).get("group").asText());
        assertEquals(10.0, json.json().get("rows").get(0).get("mean").asDouble());
        assertEquals(2.0, json.json().get("rows").get(1).get("mean").asDouble());

        ConsoleRun csv = results("query", sql, "--project", project.toString(), "--csv");
        assertEquals("group,mean\r\ndiseased,10\r\nhealthy,2\r\n", csv.out());

        ConsoleRun text = results("query", sql, "--project", project.toString());
        assertEquals(List.of("group     mean", "diseased    10", "healthy      2"), text.out().lines().toList());

        ConsoleRun bad = results("query", "SELECT * FROM nowhere", "--project", project.toString());
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("nowhere"), bad.toString());
    }

    @Test
    void exportWritesTheFileAndItsProvenance() throws IOException {
        Path project = project();
        Path out = tmp.resolve("regions.parquet");
        ConsoleRun run = results("export", "regions", "--out", out.toString(), "--project", project.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("wrote 3 rows"), run.toString());
        assertTrue(Files.size(out) > 0);
        assertTrue(Files.readString(tmp.resolve("regions.parquet.provenance.json")).contains("\"h1\""));

        ConsoleRun sql = results("export", "--sql", "SELECT 1 AS one", "--out", tmp.resolve("one.csv").toString(),
                "--project", project.toString());
        assertEquals(0, sql.exitCode(), sql.toString());
        assertEquals("one\n1\n", Files.readString(tmp.resolve("one.csv")));

        ConsoleRun missing = results("export", "nothing", "--out", out.toString(), "--project", project.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("no table 'nothing'"), missing.toString());
    }

    @Test
    void aFolderThatIsNoProjectIsNamed() {
        ConsoleRun run = results("list", "--project", tmp.toString());
        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is not a QBI project"), run.toString());
    }
}
