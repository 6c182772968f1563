package org.qbi.ops.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SharedData;
import org.qbi.ops.OperatorContext;
import org.qbi.ops.Operators;
import org.qbi.ops.testing.OpTesting;
import org.qbi.testing.ConsoleRun;

import com.fasterxml.jackson.databind.JsonNode;

import picocli.CommandLine;

/** The registry and qbi op: listing, describing, running on real files, provenance, errors. */
class OpCommandTest {

    @TempDir
    Path dir;

    private static ConsoleRun op(String... args) {
        return ConsoleRun.of(() -> new CommandLine(new OpCommand()).execute(args));
    }

    @Test
    void registryKeepsWorkingOperatorsAndNamesBrokenPlugins() {
        Operators operators = Operators.installed();
        assertEquals("org.qbi.ops.filters", operators.get("filter.gaussian").plugin());
        List<String> problems = operators.problems();
        assertTrue(problems.stream().anyMatch(p -> p.contains("org.qbi.ops.tests.DoesNotExist")
                && p.startsWith("plugin org.qbi.ops")), problems.toString());
        assertTrue(problems.stream().anyMatch(p -> p.contains("operator id test.twin is already contributed by "
                + "org.qbi.ops")), problems.toString());
        assertEquals(TwinOperator.class, operators.get("test.twin").operator().getClass());
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> operators.get("gaussian"));
        assertTrue(e.getMessage().contains("filter.gaussian"), e.getMessage());
    }

    @Test
    void listsOperatorsWithTheirParametersAsJson() throws IOException {
        ConsoleRun run = op("list", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode gaussian = null;
        for (JsonNode node : run.json()) {
            if (node.get("id").asText().equals("filter.gaussian")) {
                gaussian = node;
            }
        }
        assertTrue(gaussian != null, run.out());
        assertEquals("Filters", gaussian.get("category").asText());
        assertEquals("sigma", gaussian.get("parameters").get(0).get("name").asText());
        assertEquals("1 px", gaussian.get("parameters").get(0).get("default").asText());
        assertEquals("length", gaussian.get("parameters").get(0).get("type").asText());
        assertTrue(run.err().contains("DoesNotExist"), "broken plugin reported on stderr: " + run.err());
        ConsoleRun describe = op("describe", "filter.gaussian");
        assertTrue(describe.out().contains("Usage: qbi op filter.gaussian --param sigma=..."), describe.out());
    }

    @Test
    void runsAnOperatorOnARealFileWithProvenance() throws IOException {
        Path input = SharedData.file("tiff/3d/mini-t1-head.tif");
        Path output = dir.resolve("smoothed.tif");
        ConsoleRun run = op("filter.gaussian", "--param", "sigma=3 mm", "--threads", "2", input.toString(),
                output.toString());
        assertEquals(0, run.exitCode(), run.toString());
        Image expected = Operators.installed().run("filter.gaussian", Map.of("image", OpTesting.open(input)),
                Map.of("sigma", "2"), OperatorContext.defaults()).image();
        Image written = OpTesting.open(output);
        OpTesting.assertIdentical(expected, written, "3 mm at 1.5 mm spacing = 2 voxels");
        JsonNode provenance = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(output.resolveSibling("smoothed.tif.provenance.json").toFile());
        JsonNode step = provenance.get("step");
        assertEquals("filter.gaussian", step.get("operator").asText());
        assertEquals("org.qbi.ops.filters", step.get("plugin").asText());
        assertEquals("3 mm", step.get("parameters").get("sigma").asText());
        assertEquals("reflect", step.get("parameters").get("mode").asText());
        assertEquals(Fingerprint.of(OpTesting.open(input), ProgressMonitor.NULL),
                step.get("inputs").get("image").get("fingerprint").asText());
        assertEquals(Fingerprint.of(written, ProgressMonitor.NULL),
                step.get("outputs").get("smoothed").get("fingerprint").asText());
        assertFalse(provenance.get("java_version").asText().isEmpty());
    }

    @Test
    void badInvocationsSayWhatIsWrong() throws IOException {
        Path input = SharedData.file("tiff/3d/mini-t1-head.tif");
        Path output = dir.resolve("out.nii");
        ConsoleRun badParam = op("filter.gaussian", "-p", "sigma=-2", input.toString(), output.toString());
        assertEquals(1, badParam.exitCode());
        assertTrue(badParam.err().contains("sigma"), badParam.err());
        ConsoleRun unknown = op("filter.gausian", input.toString(), output.toString());
        assertEquals(1, unknown.exitCode());
        assertTrue(unknown.err().contains("No operator 'filter.gausian'"), unknown.err());
        ConsoleRun missing = op("filter.gaussian", output.toString());
        assertEquals(1, missing.exitCode());
        assertTrue(missing.err().contains("takes 1 input image(s) (image) and OUT"), missing.err());
        Files.writeString(output, "keep me");
        ConsoleRun exists = op("filter.gaussian", input.toString(), output.toString());
        assertEquals(1, exists.exitCode());
        assertEquals("keep me", Files.readString(output));
        assertFalse(Files.exists(dir.resolve("out.nii.provenance.json")));
    }

    @Test
    void benchmarkCasesAreReadFromTheDeclarations() {
        assertTrue(OpsBenchCommand.declaredCases().stream().anyMatch(c -> c.operator().equals("filter.gaussian")
                && c.size() == 24 && c.parameters().equals(Map.of("sigma", "1", "truncate", "3"))));
        ConsoleRun run = ConsoleRun.of(() -> new CommandLine(new OpsBenchCommand()).execute("--only", "filter.gaussian",
                "--size", "24", "--repeat", "1", "--no-python", "--json"));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("\"qbiSeconds\""), run.out());
    }
}
