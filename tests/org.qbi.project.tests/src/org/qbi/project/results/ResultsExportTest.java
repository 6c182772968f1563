package org.qbi.project.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Export of tables and queries to CSV and Parquet with the provenance sidecar, read back. */
class ResultsExportTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private ResultsStore storeWithTwoRuns(ProjectLayout project) throws IOException {
        ResultsStore store = ResultsStore.open(project);
        try (RunWriter run = store.startRun("r1", "sha256:111")) {
            run.add("a1", "raw/a1.tif", StoreFixture.regions(1.5, 2.25));
            run.add("b1", "raw/b1.tif", StoreFixture.regions(5));
            run.commit();
        }
        try (RunWriter run = store.startRun("r2", "sha256:222")) {
            run.add("a2", "raw/a2.tif", StoreFixture.regions(0.1));
            run.commit();
        }
        return store;
    }

    @Test
    void aTableExportsToCsvWithItsProvenance() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = storeWithTwoRuns(project)) {
            Path out = tmp.resolve("out/regions.csv");
            ExportResult result = store.exportTable("regions", "r1", out);

            assertEquals(3, result.rows());
            assertEquals(List.of("r1"), result.runIds());
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertEquals(List.of("run_id,sample_id,image,object,label,volume,shape",
                    "r1,a1,raw/a1.tif,10,10.0,1.5,round",
                    "r1,a1,raw/a1.tif,11,11.0,2.25,\"long, thin\"",
                    "r1,b1,raw/b1.tif,10,10.0,5.0,round"), lines);

            assertEquals(tmp.resolve("out/regions.csv.provenance.json"), result.provenance());
            JsonNode provenance = JSON.readTree(result.provenance().toFile());
            assertEquals("csv", provenance.get("format").asText());
            assertEquals("regions", provenance.get("source").get("table").asText());
            assertEquals(3, provenance.get("rows").asLong());
            assertEquals(1, provenance.get("runs").size());
            assertEquals("r1", provenance.get("runs").get(0).get("run_id").asText());
            assertEquals("sha256:111", provenance.get("runs").get(0).get("pipeline_hash").asText());
            assertEquals("mm^3", provenance.get("columns").get(5).get("unit").asText());
            assertEquals("volume", provenance.get("columns").get(5).get("name").asText());
            try (var files = Files.list(tmp.resolve("out"))) {
                assertEquals(2, files.count(), "no temporary file is left behind");
            }
        }
    }

    @Test
    void aQueryExportsToParquetThatReadsBackUnchanged() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = storeWithTwoRuns(project)) {
            Path out = tmp.resolve("by group.parquet");
            ExportResult result = store.exportQuery("SELECT run_id, \"group\", volume, shape FROM grouped.regions "
                    + "ORDER BY volume", out);

            assertEquals(4, result.rows());
            assertEquals(List.of("r1", "r2"), result.runIds());
            byte[] bytes = Files.readAllBytes(out);
            assertEquals("PAR1", new String(bytes, 0, 4, StandardCharsets.US_ASCII), "Parquet magic at the start");
            assertEquals("PAR1", new String(Arrays.copyOfRange(bytes, bytes.length - 4, bytes.length),
                    StandardCharsets.US_ASCII), "and at the end");

            Table back = store.query("SELECT * FROM read_parquet('" + out.toString().replace("'", "''") + "')");
            assertArrayEquals(new double[] { 0.1, 1.5, 2.25, 5 }, back.column("volume").numbers());
            assertArrayEquals(new String[] { "healthy", "healthy", "healthy", "diseased" }, back.column("group").texts());
            assertArrayEquals(new String[] { "r2", "r1", "r1", "r1" }, back.column("run_id").texts());
            assertEquals("long, thin", back.column("shape").text(2));

            JsonNode provenance = JSON.readTree(result.provenance().toFile());
            assertEquals("parquet", provenance.get("format").asText());
            assertTrue(provenance.get("source").get("query").asText().startsWith("SELECT run_id"));
            assertEquals(2, provenance.get("runs").size());
            assertEquals("sha256:222", provenance.get("runs").get(1).get("pipeline_hash").asText());
        }
    }

    @Test
    void aQueryWithoutRunIdSaysItsRunsAreUnknownAndBadTargetsAreRefused() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = storeWithTwoRuns(project)) {
            ExportResult result = store.exportQuery("SELECT 42 AS answer", tmp.resolve("a.csv"));
            assertEquals(List.of("answer", "42"), Files.readAllLines(result.file()));
            JsonNode provenance = JSON.readTree(result.provenance().toFile());
            assertTrue(provenance.get("runs_note").asText().contains("not known"));

            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> store.exportTable("regions", null, tmp.resolve("a.xlsx"))).getMessage().contains(".parquet"));
            assertThrows(IllegalArgumentException.class, () -> store.exportQuery("SELECT nope", tmp.resolve("b.csv")));
            assertFalse(Files.exists(tmp.resolve("b.csv")));
            assertFalse(Files.exists(tmp.resolve(".b.csv.part")));

            try (RunWriter run = store.startRun("r3", "")) {
                run.add("a1", "", StoreFixture.regions(7));
                assertThrows(IllegalStateException.class, () -> store.exportTable("regions", null,
                        tmp.resolve("c.csv")), "uncommitted rows are not exported");
            }
        }
    }
}
