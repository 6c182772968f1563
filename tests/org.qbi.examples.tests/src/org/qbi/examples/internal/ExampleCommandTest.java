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

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    @Test
    void exampleAsJsonCreatesTheProjectAndSummarisesItsFiveSamples() throws IOException {
        Path dir = tmp.resolve("QBI Example");

        ConsoleRun run = example("--dir", dir.toString(), "--json");

        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("", run.err());
        assertTrue(ProjectLayout.isProject(dir));
        JsonNode summary = run.json();
        assertEquals(dir.toString(), summary.get("root").asText());
        assertEquals(0, summary.get("problems").size(), run.toString());
        assertTrue(summary.get("missingFiles").isArray(), run.toString());
        assertEquals(0, summary.get("missingFiles").size(), run.toString());
        assertEquals(6, summary.get("rawFiles").asLong());
        assertEquals(39_206 + 198_928 + 1_388 + 10_699 + 65_172 + 71_697, summary.get("rawBytes").asLong());
        assertEquals(Map.of("MRI", 1, "CT", 2, "microscopy", 1, "micro-CT", 1),
                JSON.convertValue(summary.get("groups"), Map.class));
        List<String> groupOrder = new ArrayList<>();
        summary.get("groups").fieldNames().forEachRemaining(groupOrder::add);
        assertEquals(List.of("MRI", "CT", "microscopy", "micro-CT"), groupOrder);

        JsonNode samples = summary.get("samples");
        assertEquals(5, samples.size(), run.toString());
        List<String> ids = new ArrayList<>();
        samples.forEach(s -> ids.add(s.get("id").asText()));
        assertEquals(List.of("mri-head", "ct-slice", "lung-41-40", "blobs", "bone-slice"), ids);
        JsonNode lung = samples.get(2);
        assertEquals("CT", lung.get("group").asText());
        assertEquals(2, lung.get("files").size());
        assertEquals("raw/ct/lung_CT_41_40_mask_lzw.tif", lung.get("files").get(1).get("path").asText());
        assertTrue(lung.get("files").get(1).get("exists").asBoolean());
        assertEquals(1_388, lung.get("files").get(1).get("bytes").asLong());
        for (JsonNode sample : samples) {
            for (JsonNode file : sample.get("files")) {
                assertTrue(file.get("exists").asBoolean(), file.toString());
                assertTrue(file.get("bytes").asLong() > 0, file.toString());
            }
        }
    }

    @Test
    void aSecondRunReusesTheProjectAndPrintsTheSameSummary() throws IOException {
        Path dir = tmp.resolve("QBI Example");
        ConsoleRun first = example("--dir", dir.toString(), "--json");
        Files.writeString(dir.resolve("results/areas.csv"), "label,area\n");

        ConsoleRun second = example("--dir", dir.toString(), "--json");

        assertEquals(0, second.exitCode(), second.toString());
        assertEquals(first.out(), second.out());
        assertEquals("label,area\n", Files.readString(dir.resolve("results/areas.csv")));
    }

    @Test
    void exampleAsTextSaysEveryFileIsPresent() {
        Path dir = tmp.resolve("QBI Example");

        ConsoleRun run = example("--dir", dir.toString());

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Project   " + dir + System.lineSeparator()), run.toString());
        assertTrue(run.out().contains("Samples   5 in 4 group(s): MRI (1), CT (2), microscopy (1), micro-CT (1)"),
                run.toString());
        assertTrue(run.out().contains("Every file the catalog lists is present."), run.toString());
        assertEquals("", run.err());
    }

    @Test
    void aMissingFileMakesTheExampleFailWithExitOne() throws IOException {
        Path dir = tmp.resolve("QBI Example");
        assertEquals(0, example("--dir", dir.toString(), "--json").exitCode());
        Files.delete(dir.resolve("raw/microscopy/blobs.tif"));

        ConsoleRun run = example("--dir", dir.toString(), "--json");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("blobs: raw/microscopy/blobs.tif"), texts(run.json().get("missingFiles")));
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
