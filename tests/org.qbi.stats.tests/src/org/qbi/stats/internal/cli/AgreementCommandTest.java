package org.qbi.stats.internal.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
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

/** {@code qbi stats agreement}: the same four samples analysed by two runs, and scans as catalog columns. */
class AgreementCommandTest {

    @TempDir
    Path tmp;

    private static ConsoleRun stats(String... args) {
        return ConsoleRun.of(() -> new CommandLine(new StatsCommand()).execute(args));
    }

    @Test
    void twoRunsOfTheSameSamplesAgreeUpToAConstantOffset() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("p")).create();
        SampleCatalog catalog = new SampleCatalog();
        for (String id : List.of("s1", "s2", "s3", "s4")) {
            catalog.put(new Sample(id, "", "", List.of()));
        }
        catalog.save(layout.catalogFile());
        double[] first = { 0.10, 0.20, 0.35, 0.15 };
        try (ResultsStore store = ResultsStore.open(layout)) {
            for (String runId : List.of("t1", "t2")) {
                try (RunWriter run = store.startRun(runId, "")) {
                    for (int i = 0; i < 4; i++) {
                        double offset = runId.equals("t2") ? 0.01 : 0;
                        run.add("s" + (i + 1), "", Table.builder("structure").numbers("bv_tv", "", first[i] + offset)
                                .build());
                    }
                    run.commit();
                }
            }
        }
        ConsoleRun run = stats("agreement", "--table", "structure", "--value", "bv_tv", "--repeat", "run_id",
                "--project", layout.root().toString(), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode json = run.json();
        assertEquals(List.of("t1", "t2"), List.of(json.get("repeats").get(0).asText(), json.get("repeats").get(1).asText()));
        JsonNode icc = json.get("icc").get("rows");
        assertEquals(1, icc.get(1).get("icc").asDouble(), 1e-9, "ICC(3,1): a constant offset is consistent");
        assertTrue(icc.get(0).get("icc").asDouble() < 1, "ICC(2,1) sees the offset");
        JsonNode blandAltman = json.get("bland-altman").get("rows").get(0);
        assertEquals(-0.01, blandAltman.get("bias").asDouble(), 1e-12, "t1 - t2");
        assertEquals(0, blandAltman.get("sd").asDouble(), 1e-12);
        assertEquals("all", json.get("repeat-cv").get("rows").get(4).get("subject").asText());

        ConsoleRun text = stats("agreement", "--table", "structure", "--value", "bv_tv", "--repeat", "run_id",
                "--project", layout.root().toString());
        assertTrue(text.out().contains("ICC(2,1)") && text.out().contains("loa_low"), text.toString());
    }

    @Test
    void scansAsCatalogColumnsAgreeAndPerObjectRowsAreRefused() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("p")).create();
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("specimen");
        catalog.addColumn("scan");
        double[][] values = { { 1.0, 1.2 }, { 2.0, 1.9 }, { 3.0, 3.3 } };
        for (int s = 0; s < 3; s++) {
            for (int k = 0; k < 2; k++) {
                catalog.put(new Sample("b" + s + "-scan" + k, "", "", List.of(),
                        Map.of("specimen", "b" + s, "scan", "scan" + k)));
            }
        }
        catalog.save(layout.catalogFile());
        try (ResultsStore store = ResultsStore.open(layout); RunWriter run = store.startRun("r", "")) {
            for (int s = 0; s < 3; s++) {
                for (int k = 0; k < 2; k++) {
                    run.add("b" + s + "-scan" + k, "", Table.builder("structure").numbers("label", "", 1, 2)
                            .numbers("thickness", "mm", values[s][k], values[s][k]).build());
                    run.add("b" + s + "-scan" + k, "", Table.builder("summary")
                            .numbers("thickness", "mm", values[s][k]).build());
                }
            }
            run.commit();
        }
        ConsoleRun twoRows = stats("agreement", "--table", "structure", "--value", "thickness", "--subject", "specimen",
                "--repeat", "scan", "--project", layout.root().toString());
        assertEquals(1, twoRows.exitCode());
        assertTrue(twoRows.err().contains("two values for repeat"), twoRows.toString());

        ConsoleRun run = stats("agreement", "--table", "summary", "--value", "thickness", "--subject", "specimen",
                "--repeat", "scan", "--analysis", "bland-altman", "--project", layout.root().toString(), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode row = run.json().get("bland-altman").get("rows").get(0);
        // differences scan0 - scan1: -0.2, 0.1, -0.3
        assertEquals(-0.4 / 3, row.get("bias").asDouble(), 1e-12);
        assertEquals("scan0", row.get("method_a").asText());
    }
}
