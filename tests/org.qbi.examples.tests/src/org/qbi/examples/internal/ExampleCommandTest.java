package org.qbi.examples.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.project.ProjectLayout;

import com.fasterxml.jackson.databind.JsonNode;
import org.qbi.testing.ConsoleRun;
import com.fasterxml.jackson.databind.ObjectMapper;

import picocli.CommandLine;

/** Runs {@code qbi example} in-process: the command itself, its options set by picocli. */
class ExampleCommandTest {

    @TempDir
    Path tmp;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static ConsoleRun example(String... args) {
        return ConsoleRun.of(() -> new CommandLine(new ExampleCommand()).execute(args));
    }

    @Test
    void exampleAsJsonCreatesTheProjectAndRunsItsPipelines() throws IOException {
        Path dir = tmp.resolve("QBI Example");

        ConsoleRun run = example("--dir", dir.toString(), "--json");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(ProjectLayout.isProject(dir));
        JsonNode summary = run.json().get("project");
        assertEquals(dir.toString(), summary.get("root").asText());
        assertEquals(0, summary.get("problems").size(), run.toString());
        assertEquals(0, summary.get("missingFiles").size(), run.toString());
        assertEquals(9, summary.get("rawFiles").asLong());
        assertEquals(39_206 + 198_928 + 1_388 + 10_699 + 65_172 + 71_697 + 250_032 + 58_329 + 65_749,
                summary.get("rawBytes").asLong());
        assertEquals(Map.of("MRI", 1, "CT", 2, "microscopy", 2, "micro-CT", 3),
                JSON.convertValue(summary.get("groups"), Map.class));
        JsonNode samples = summary.get("samples");
        List<String> ids = new ArrayList<>();
        samples.forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("mri-head", "ct-slice", "lung-41-40", "blobs", "bone-slice", "nuclei-A03", "bone-a",
                "bone-b"), ids);
        JsonNode lung = samples.get(2);
        assertEquals("raw/ct/lung_CT_41_40_mask_lzw.tif", lung.get("files").get(1).get("path").asText());
        assertEquals(1_388, lung.get("files").get(1).get("bytes").asLong());

        JsonNode runs = run.json().get("runs");
        assertEquals(3, runs.size(), run.toString());
        assertEquals("nuclei-sweep", runs.get(0).get("pipeline").asText());
        assertEquals("10 done, 0 skipped as up to date, 0 failed", runs.get(0).get("summary").asText(),
                "two samples at five sigmas");
        assertEquals("nuclei", runs.get(1).get("pipeline").asText());
        assertEquals("2 done, 0 skipped as up to date, 0 failed", runs.get(1).get("summary").asText());
        assertEquals("porosity", runs.get(2).get("pipeline").asText());
        assertEquals("2 done, 0 skipped as up to date, 0 failed", runs.get(2).get("summary").asText());
    }

    /**
     * The example pipelines' object counts equal the same steps done with scipy/scikit-image: Gaussian sigma 1,
     * Otsu, remove_small_objects(20), label(connectivity=2) gives 60 nuclei in blobs.tif and 316 in nuclei-A03.tif;
     * the 26-connected pores of bone-a and bone-b number 627 and 770.
     */
    @Test
    void examplePipelinesCountWhatScikitImageCounts() throws IOException {
        Path dir = tmp.resolve("QBI Example");
        assertEquals(0, example("--dir", dir.toString(), "--json").exitCode());
        Map<String, Long> nuclei = rowsPerSample(dir.resolve("results/nuclei/nuclei.csv"));
        assertEquals(Map.of("blobs", 60L, "nuclei-A03", 316L), nuclei);
        // the sweep at sigma 1 is the nuclei pipeline
        List<String> sweep = Files.readAllLines(dir.resolve("results/nuclei-sweep/nuclei_sweep.csv"));
        assertTrue(sweep.getFirst().startsWith("sample_id,group,smooth_sigma,"), sweep.getFirst());
        Map<String, Long> atSigma1 = new java.util.TreeMap<>();
        for (String line : sweep.subList(1, sweep.size())) {
            String[] cells = line.split(",", 4);
            if (Double.parseDouble(cells[2]) == 1) {
                atSigma1.merge(cells[0], 1L, Long::sum);
            }
        }
        assertEquals(nuclei, atSigma1);
        Map<String, Long> pores = rowsPerSample(dir.resolve("results/porosity/pores.csv"));
        assertEquals(Map.of("bone-a", 627L, "bone-b", 770L), pores);
    }

    private static Map<String, Long> rowsPerSample(Path csv) throws IOException {
        Map<String, Long> counts = new java.util.TreeMap<>();
        List<String> lines = Files.readAllLines(csv);
        for (String line : lines.subList(1, lines.size())) {
            counts.merge(line.substring(0, line.indexOf(',')), 1L, Long::sum);
        }
        return counts;
    }

    @Test
    void aSecondRunFindsEverythingUpToDate() throws IOException {
        Path dir = tmp.resolve("QBI Example");
        example("--dir", dir.toString(), "--json");
        Files.writeString(dir.resolve("results/areas.csv"), "label,area\n");

        ConsoleRun second = example("--dir", dir.toString(), "--json");

        assertEquals(0, second.exitCode(), second.toString());
        for (JsonNode run : second.json().get("runs")) {
            assertTrue(run.get("summary").asText().matches("0 done, (2|10) skipped as up to date, 0 failed"),
                    run.get("summary").asText());
        }
        assertEquals("label,area\n", Files.readString(dir.resolve("results/areas.csv")));
    }

    @Test
    void exampleAsTextPrintsTheResults() {
        Path dir = tmp.resolve("QBI Example");

        ConsoleRun run = example("--dir", dir.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Project   " + dir + System.lineSeparator()), run.toString());
        assertTrue(run.out().contains("Samples   8 in 4 group(s): MRI (1), CT (2), microscopy (2), micro-CT (3)"),
                run.toString());
        assertTrue(run.out().contains("nuclei: 2 done, 0 skipped as up to date, 0 failed"), run.toString());
        assertTrue(run.out().contains("Table nuclei: 376 rows in "), run.toString());
        assertTrue(run.out().contains("Table pores: 1397 rows in "), run.toString());
        assertTrue(run.out().contains("qbi stats describe"), run.toString());
    }

    @Test
    void aMissingFileMakesTheExampleFailWithExitOne() throws IOException {
        Path dir = tmp.resolve("QBI Example");
        assertEquals(0, example("--dir", dir.toString(), "--json").exitCode());
        Files.delete(dir.resolve("raw/microscopy/blobs.tif"));

        ConsoleRun run = example("--dir", dir.toString(), "--json");

        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("raw/microscopy/blobs.tif"), run.toString());
    }

    @Test
    void aFolderThatIsNotAProjectFailsNamingIt() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("holiday-photos"));
        Files.writeString(dir.resolve("beach.jpg"), "sand");

        ConsoleRun run = example("--dir", dir.toString(), "--json");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("", run.out());
        assertTrue(run.err().contains(dir + " exists and is not a QBI project"), run.toString());
        try (Stream<Path> left = Files.list(dir)) {
            assertEquals(List.of(dir.resolve("beach.jpg")), left.toList(), "the folder is untouched");
        }
        assertFalse(ProjectLayout.isProject(dir));
    }
}
