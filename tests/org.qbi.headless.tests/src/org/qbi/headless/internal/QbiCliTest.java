package org.qbi.headless.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.Platform;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import org.qbi.testing.ConsoleRun;

/** Runs the {@code qbi} command in-process against the plugins of the test runtime. */
class QbiCliTest {

    @TempDir
    Path tmp;

    private static ConsoleRun qbi(String... args) {
        return ConsoleRun.of(() -> QbiCli.execute(new CommandRegistry(Platform.getExtensionRegistry()), args));
    }

    private static List<String> lines(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split("\\R"));
    }

    @Test
    void theRegistryLoadsEveryContributedCommandWithoutProblems() {
        CommandRegistry registry = new CommandRegistry(Platform.getExtensionRegistry());

        List<String> names = new ArrayList<>();
        registry.commands().forEach(c -> names.add(c.name() + "@" + c.bundle()));

        assertEquals(List.of(), registry.problems());
        assertTrue(names.containsAll(List.of("version@org.qbi.headless", "project@org.qbi.project",
                "import@org.qbi.project", "samples@org.qbi.project")), names.toString());
    }

    @Test
    void helpListsTheSubcommandsAndExitsZero() {
        ConsoleRun run = qbi("--help");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Usage: qbi "), run.toString());
        List<String> commandLines = lines(run.out()).stream().map(String::strip).toList();
        for (String command : List.of("version", "project", "import", "samples")) {
            assertTrue(commandLines.stream().anyMatch(l -> l.startsWith(command + " ")), command + " in\n" + run);
        }
        assertTrue(run.out().contains("Exit codes: 0 success"), run.toString());
        assertEquals("", run.err());
    }

    @Test
    void noArgumentsPrintsTheUsage() {
        ConsoleRun run = qbi();

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Usage: qbi "), run.toString());
    }

    @Test
    void anUnknownSubcommandExitsTwo() {
        ConsoleRun run = qbi("frobnicate", "--now");

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().startsWith("Unmatched arguments from index 0: 'frobnicate', '--now'"), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void aMissingParameterExitsTwo() {
        ConsoleRun run = qbi("import", tmp.toString());

        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("SOURCE"), run.toString());
    }

    @Test
    void projectNewThenInfoAsJsonShowsACompleteEmptyProject() throws IOException {
        Path dir = tmp.resolve("study");

        ConsoleRun created = qbi("project", "new", dir.toString());

        assertEquals(0, created.exitCode(), created.toString());
        assertEquals("Created QBI project " + dir + System.lineSeparator(), created.out());
        assertTrue(Files.isRegularFile(dir.resolve(".project")));
        assertTrue(Files.readString(dir.resolve(".project")).contains("<name>study</name>"));

        ConsoleRun info = qbi("project", "info", dir.toString(), "--json");

        assertEquals(0, info.exitCode(), info.toString());
        JsonNode summary = info.json();
        assertEquals(dir.toString(), summary.get("root").asText());
        assertTrue(summary.get("problems").isArray());
        assertEquals(0, summary.get("problems").size(), "layout complete: " + info);
        assertEquals(0, summary.get("samples").size(), info.toString());
        assertEquals(0, summary.get("rawFiles").asLong());
        assertEquals(0, summary.get("missingFiles").size());
        assertEquals("", info.err());
    }

    @Test
    void importWithASampleThenSamplesListShowsTheSampleWithItsFile() throws IOException {
        Path dir = tmp.resolve("study");
        Path source = Files.writeString(tmp.resolve("scan-01.tif"), "not really a tiff, but bytes");
        assertEquals(0, qbi("project", "new", dir.toString()).exitCode());

        ConsoleRun imported = qbi("import", dir.toString(), source.toString(), "--sample", "s1", "--group", "g");

        assertEquals(0, imported.exitCode(), imported.toString());
        assertEquals(List.of("copied raw/scan-01.tif", "sample s1 now lists 1 file(s)"), lines(imported.out()));
        assertEquals("not really a tiff, but bytes", Files.readString(dir.resolve("raw/scan-01.tif")));

        ConsoleRun list = qbi("samples", "list", dir.toString(), "--json");

        assertEquals(0, list.exitCode(), list.toString());
        JsonNode samples = list.json();
        assertEquals(1, samples.size(), list.toString());
        JsonNode s1 = samples.get(0);
        assertEquals("s1", s1.get("id").asText());
        assertEquals("g", s1.get("group").asText());
        assertEquals(1, s1.get("files").size());
        assertEquals("raw/scan-01.tif", s1.get("files").get(0).asText());

        ConsoleRun info = qbi("project", "info", dir.toString(), "--json");
        assertEquals(0, info.exitCode(), info.toString());
        JsonNode summary = info.json();
        assertEquals(1, summary.get("rawFiles").asLong());
        assertEquals(Files.size(source), summary.get("rawBytes").asLong());
        assertEquals(1, summary.get("groups").get("g").asInt());
        JsonNode file = summary.get("samples").get(0).get("files").get(0);
        assertTrue(file.get("exists").asBoolean(), info.toString());
    }

    @Test
    void importingTheSameFileTwiceFailsWithExitOneAndKeepsTheCatalog() throws IOException {
        Path dir = tmp.resolve("study");
        Path source = Files.writeString(tmp.resolve("scan.tif"), "bytes");
        assertEquals(0, qbi("project", "new", dir.toString()).exitCode());
        assertEquals(0, qbi("import", dir.toString(), source.toString(), "--sample", "s1").exitCode());
        String catalog = Files.readString(dir.resolve("samples.csv"));

        ConsoleRun again = qbi("import", dir.toString(), source.toString(), "--sample", "s2");

        assertEquals(1, again.exitCode(), again.toString());
        assertEquals(1, lines(again.err().strip()).size(), again.toString());
        assertTrue(again.err().startsWith("qbi import: Cannot import " + source + ": raw/scan.tif exists already"),
                again.toString());
        assertEquals(catalog, Files.readString(dir.resolve("samples.csv")));
    }

    @Test
    void projectInfoOnANonProjectExitsOneWithAOneLineReasonNamingTheFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("holiday-photos"));

        ConsoleRun run = qbi("project", "info", dir.toString());

        assertEquals(1, run.exitCode(), run.toString());
        List<String> errLines = lines(run.err().strip());
        assertEquals(1, errLines.size(), run.toString());
        assertTrue(errLines.get(0).contains(dir.toString()), run.toString());
        assertTrue(errLines.get(0).contains("folder raw/ is missing"), run.toString());
        assertFalse(run.err().contains("Exception"), run.toString());
    }

    @Test
    void samplesListOnANonProjectExitsOneNamingTheFolder() {
        Path dir = tmp.resolve("nowhere");

        ConsoleRun run = qbi("samples", "list", dir.toString(), "--json");

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, lines(run.err().strip()).size(), run.toString());
        assertTrue(run.err().contains(dir + " is not a QBI project: the directory does not exist"), run.toString());
        assertEquals("", run.out());
    }

    @Test
    void versionAsJsonListsOrgQbiCore() throws IOException {
        ConsoleRun run = qbi("version", "--json");

        assertEquals(0, run.exitCode(), run.toString());
        JsonNode report = run.json();
        assertTrue(report.get("platform").asText().startsWith("0.1.0"), run.toString());
        assertTrue(report.get("maxHeapBytes").asLong() > 0, run.toString());
        JsonNode core = null;
        for (JsonNode bundle : report.get("bundles")) {
            if (bundle.get("symbolicName").asText().equals("org.qbi.core")) {
                core = bundle;
            }
        }
        assertTrue(core != null, "org.qbi.core missing in " + run);
        assertEquals(report.get("platform").asText(), core.get("version").asText());
    }

    @Test
    void versionAsTextNamesThePlatformAndTheBundles() {
        ConsoleRun run = qbi("version");

        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("QBI Workbench 0.1.0"), run.toString());
        assertTrue(lines(run.out()).stream().anyMatch(l -> l.startsWith("org.qbi.core ")), run.toString());
        assertTrue(lines(run.out()).stream().anyMatch(l -> l.startsWith("org.qbi.project ")), run.toString());
    }

    @Test
    void theReasonOnStderrNamesTheWholeSubcommand() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("holiday-photos"));

        ConsoleRun run = qbi("project", "info", dir.toString());

        assertTrue(run.err().startsWith("qbi project info: " + dir + " is not a complete QBI project: "), run.toString());
    }
}
