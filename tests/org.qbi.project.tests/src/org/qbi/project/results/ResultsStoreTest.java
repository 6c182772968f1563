package org.qbi.project.results;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;

/** The results store on DuckDB: round trip, the catalog joined in, transactions, re-runs replacing runs. */
class ResultsStoreTest {

    @TempDir
    Path tmp;

    private static void writeRun(ResultsStore store, String runId, String hash, double scale) throws IOException {
        try (RunWriter run = store.startRun(runId, hash)) {
            run.add("a1", "raw/a1.tif", StoreFixture.regions(1 * scale, 2 * scale));
            run.add("a2", "raw/a2.tif", StoreFixture.regions(3 * scale));
            run.add("b1", "raw/b1.tif", StoreFixture.regions(5 * scale, 6 * scale, 7 * scale));
            run.commit();
        }
    }

    private static long count(ResultsStore store, String sql) throws IOException {
        return (long) store.query(sql).columns().getFirst().number(0);
    }

    @Test
    void tablesComeBackWithTheirKeysUnitsAndValues() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "sha256:abc", 1);

            assertEquals(project.results().resolve("results.duckdb"), store.databaseFile());
            assertTrue(Files.isRegularFile(store.databaseFile()));
            assertEquals(List.of("regions"), store.tables());
            assertEquals(6, store.rowCount("regions"));
            Table regions = store.read("regions");
            assertEquals(List.of("run_id", "sample_id", "image", "object", "label", "volume", "shape"),
                    regions.columns().stream().map(Column::name).toList());
            assertEquals("mm^3", regions.column("volume").unit());
            assertArrayEquals(new double[] { 1, 2, 3, 5, 6, 7 }, regions.column("volume").numbers());
            assertArrayEquals(new double[] { 10, 11, 10, 10, 11, 12 }, regions.column("object").numbers(),
                    "the object key is the label column");
            assertArrayEquals(new String[] { "a1", "a1", "a2", "b1", "b1", "b1" }, regions.column("sample_id").texts());
            assertEquals("raw/b1.tif", regions.column("image").text(5));
            assertEquals("long, thin", regions.column("shape").text(1));

            List<RunRecord> runs = store.runs();
            assertEquals(1, runs.size());
            assertEquals("r1", runs.getFirst().runId());
            assertEquals("sha256:abc", runs.getFirst().pipelineHash());
            assertEquals(RunRecord.COMPLETE, runs.getFirst().status());
            assertFalse(runs.getFirst().ended().isBefore(runs.getFirst().started()));
        }
    }

    @Test
    void theCatalogIsJoinedInSoGroupsAreQueryable() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "", 1);

            Table byGroup = store.query("SELECT \"group\", count(*) AS n, sum(volume) AS total FROM grouped.regions "
                    + "GROUP BY 1 ORDER BY 1");
            assertArrayEquals(new String[] { "diseased", "healthy" }, byGroup.column("group").texts());
            assertArrayEquals(new double[] { 3, 3 }, byGroup.column("n").numbers());
            assertArrayEquals(new double[] { 18, 6 }, byGroup.column("total").numbers());

            Table joined = store.readWithSamples("regions");
            assertEquals("healthy", joined.column("group").text(0));
            assertEquals("13", joined.column("age").text(5));
            assertEquals("mm^3", joined.column("volume").unit());
            assertEquals(3, count(store, "SELECT count(*) FROM samples"));
        }
    }

    @Test
    void anEditedCatalogIsPickedUpWhenTheStoreIsOpenedAgain() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "", 1);
        }
        Files.writeString(project.catalogFile(), Files.readString(project.catalogFile()).replace("diseased", "treated"));
        try (ResultsStore store = ResultsStore.open(project)) {
            assertEquals(3, count(store, "SELECT count(*) FROM grouped.regions WHERE \"group\" = 'treated'"));
        }
    }

    @Test
    void aRunThatFailsMidwayLeavesNothingAndEarlierRunsIntact() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "h1", 1);

            Table structure = Table.builder("structure").numbers("porosity", "", 0.25).build();
            Table wrongUnit = Table.builder("regions").numbers("label", "", 1).numbers("volume", "um^3", 9).build();
            IllegalArgumentException failure = assertThrows(IllegalArgumentException.class, () -> {
                try (RunWriter run = store.startRun("r2", "h2")) {
                    run.add("a1", "raw/a1.tif", StoreFixture.regions(100, 200));
                    run.add("a1", "", structure);
                    run.add("b1", "raw/b1.tif", wrongUnit);
                    run.commit();
                }
            });
            assertTrue(failure.getMessage().contains("'volume' is in 'um^3'"), failure.getMessage());

            assertEquals(6, store.rowCount("regions"), "none of r2's rows stay");
            assertEquals(0, count(store, "SELECT count(*) FROM regions WHERE run_id = 'r2'"));
            assertEquals(List.of("regions"), store.tables(), "the table r2 created is rolled back too");
            List<RunRecord> runs = store.runs();
            assertEquals(List.of("r1", "r2"), runs.stream().map(RunRecord::runId).toList());
            assertEquals(RunRecord.COMPLETE, runs.get(0).status());
            assertEquals(RunRecord.FAILED, runs.get(1).status());
            assertEquals("h2", runs.get(1).pipelineHash());
            assertEquals("not committed", runs.get(1).message());
        }
    }

    @Test
    void aStoreClosedMidRunLikeACrashKeepsNoneOfTheRun() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "", 1);
            RunWriter run = store.startRun("r2", "");
            run.add("a1", "raw/a1.tif", StoreFixture.regions(100, 200));
            // no commit, no close of the writer: the process goes away
        }
        try (ResultsStore store = ResultsStore.open(project)) {
            assertEquals(6, store.rowCount("regions"));
            assertEquals(List.of("r1"), store.runs().stream().map(RunRecord::runId).toList());
        }
    }

    @Test
    void rewritingARunReplacesItWholeAndEachSampleAppearsOncePerRun() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r0", "h0", 1);
            writeRun(store, "r1", "h1", 1);
            try (RunWriter run = store.startRun("r1", "h1b")) {
                run.add("a1", "raw/a1.tif", StoreFixture.regions(40, 50));
                run.commit();
            }

            assertEquals(6 + 2, store.rowCount("regions"));
            Table r1 = store.query("SELECT sample_id, volume FROM regions WHERE run_id = 'r1' ORDER BY object");
            assertArrayEquals(new String[] { "a1", "a1" }, r1.column("sample_id").texts());
            assertArrayEquals(new double[] { 40, 50 }, r1.column("volume").numbers());
            assertEquals(0, count(store, "SELECT count(*) FROM (SELECT run_id, sample_id, image, object, count(*) AS n "
                    + "FROM regions GROUP BY ALL HAVING n > 1)"), "no key appears twice");
            assertEquals(List.of("r0", "r1"), store.runs().stream().map(RunRecord::runId).toList());
            assertEquals("h1b", store.runs().get(1).pipelineHash());

            // A re-run that fails keeps the stored run as it was (complete, same rows).
            try (RunWriter run = store.startRun("r1", "h1c")) {
                run.add("b1", "raw/b1.tif", StoreFixture.regions(1, 2, 3));
                run.abort("cancelled");
            }
            assertEquals(8, store.rowCount("regions"));
            assertEquals(RunRecord.COMPLETE, store.runs().get(1).status());
            assertEquals("h1b", store.runs().get(1).pipelineHash());

            try (RunWriter run = store.startRun("r3", "")) {
                run.add("a1", "raw/a1.tif", StoreFixture.regions(1));
                IllegalArgumentException twice = assertThrows(IllegalArgumentException.class,
                        () -> run.add("a1", "raw/a1.tif", StoreFixture.regions(2)));
                assertTrue(twice.getMessage().contains("once per run"), twice.getMessage());
            }
        }
    }

    @Test
    void newColumnsAreAddedAndMissingOnesStayEmpty() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "", 1);
            try (RunWriter run = store.startRun("r2", "")) {
                run.add("a1", "raw/a1.tif", Table.builder("regions").numbers("label", "", 1)
                        .numbers("sphericity", "", 0.9).numbers("volume", "mm^3", Double.NaN).build());
                run.commit();
            }
            Table r2 = store.query("SELECT volume, sphericity, shape FROM regions WHERE run_id = 'r2'");
            assertTrue(Double.isNaN(r2.column("volume").number(0)), "NaN is stored as NULL and read as NaN");
            assertEquals(0.9, r2.column("sphericity").number(0));
            assertEquals(null, r2.column("shape").text(0));
            assertEquals(1, count(store, "SELECT count(*) FROM regions WHERE volume IS NULL"));
        }
    }

    @Test
    void aRunSeesItsOwnRowsAndItsTablesMayGrowColumnsBetweenSamples() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            try (RunWriter run = store.startRun("r1", "")) {
                run.add("a1", "raw/a1.tif", StoreFixture.regions(1, 2));
                run.add("a1", "", Table.builder("totals").numbers("volume", "mm^3", 3).build());
                assertEquals(2, count(store, "SELECT count(*) FROM regions"), "rows added so far, before commit");
                run.add("a2", "raw/a2.tif", Table.builder("regions").numbers("label", "", 10)
                        .numbers("volume", "mm^3", 4).numbers("sphericity", "", 0.5).build());
                run.add("b1", "raw/b1.tif", StoreFixture.regions(5, 6, 7));
                run.add("b1", "", Table.builder("totals").numbers("volume", "mm^3", 18).build());
                run.commit();
            }
            Table regions = store.query("SELECT sample_id, object, volume, sphericity, shape FROM regions "
                    + "ORDER BY sample_id, object");
            assertEquals(List.of("a1", "a1", "a2", "b1", "b1", "b1"), List.of(regions.column("sample_id").texts()));
            assertArrayEquals(new double[] { 10, 11, 10, 10, 11, 12 }, regions.column("object").numbers());
            assertArrayEquals(new double[] { 1, 2, 4, 5, 6, 7 }, regions.column("volume").numbers());
            assertArrayEquals(new double[] { Double.NaN, Double.NaN, 0.5, Double.NaN, Double.NaN, Double.NaN },
                    regions.column("sphericity").numbers());
            assertEquals(java.util.Arrays.asList("round", "long, thin", null, "round", "long, thin", "round"),
                    java.util.Arrays.asList(regions.column("shape").texts()), "a2 has no shape column");
            assertEquals(21, count(store, "SELECT sum(volume) FROM totals"));
        }
    }

    @Test
    void badInputIsRefusedWithAReason() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            assertTrue(assertThrows(IllegalArgumentException.class, () -> store.startRun("bad id", "")).getMessage()
                    .contains("not valid"));
            RunWriter run = store.startRun("r1", "");
            assertThrows(IllegalStateException.class, () -> store.startRun("r2", ""), "one run at a time");
            assertTrue(assertThrows(IllegalArgumentException.class, () -> run.add("zz", "", StoreFixture.regions(1)))
                    .getMessage().contains("Sample 'zz' is not in the project's catalog"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> run.add("a1", "", Table.builder("runs").numbers("x", "", 1).build())).getMessage()
                    .contains("taken by the results store"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> run.add("a1", "", Table.builder("Bad-Name").numbers("x", "", 1).build())).getMessage()
                    .contains("not allowed"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> run.add("a1", "", Table.builder("t").numbers("object", "", 1).build())).getMessage()
                    .contains("key column"));
            assertTrue(assertThrows(IllegalArgumentException.class,
                    () -> run.add("a1", "", Table.builder("t").numbers("label", "", 1, 1).build())).getMessage()
                    .contains("label 1 appears in two rows"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> store.read("nothing")).getMessage()
                    .contains("has no table 'nothing'"));
            assertTrue(assertThrows(IllegalArgumentException.class, () -> store.query("SELEC 1")).getMessage()
                    .contains("The query failed"));
            run.close();
            assertEquals(List.of(), store.tables(), "nothing was written");
        }
    }

    @Test
    void aTextColumnCannotTurnIntoNumbers() throws IOException {
        ProjectLayout project = StoreFixture.project(tmp.resolve("p"));
        try (ResultsStore store = ResultsStore.open(project)) {
            writeRun(store, "r1", "", 1);
            try (RunWriter run = store.startRun("r2", "")) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run.add("a1", "",
                        Table.builder("regions").numbers("shape", "", 1).build()));
                assertTrue(e.getMessage().contains("'shape' holds numbers but the results store keeps it as text"),
                        e.getMessage());
            }
        }
    }
}
