package org.qbi.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProjectLayoutTest {

    @TempDir
    Path tmp;

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void createMakesTheFoldersAndAnEmptyCatalog() throws IOException {
        Path root = tmp.resolve("study");

        ProjectLayout layout = new ProjectLayout(root).create();

        assertEquals(List.of("pipelines", "raw", "reports", "results", "samples.csv"), names(root));
        for (String folder : List.of("raw", "pipelines", "results", "reports")) {
            assertTrue(Files.isDirectory(root.resolve(folder)), folder);
        }
        assertEquals("sample_id,group,notes,files\n", Files.readString(root.resolve("samples.csv")));
        assertEquals(List.of(), layout.problems());
        assertTrue(ProjectLayout.isProject(root));
        assertEquals(root.resolve("raw"), layout.raw());
        assertEquals(root.resolve("pipelines"), layout.pipelines());
        assertEquals(root.resolve("results"), layout.results());
        assertEquals(root.resolve("reports"), layout.reports());
        assertEquals(root.resolve("samples.csv"), layout.catalogFile());
    }

    @Test
    void createOnAnExistingProjectOverwritesNothing() throws IOException {
        Path root = tmp.resolve("study");
        ProjectLayout layout = new ProjectLayout(root).create();
        String catalog = "sample_id,group,notes,files,age\nbone-01,healthy,,raw/a.tif,12\n";
        Files.writeString(layout.catalogFile(), catalog);
        Files.writeString(layout.raw().resolve("a.tif"), "pixels");
        Files.writeString(layout.pipelines().resolve("segment.json"), "{}");

        new ProjectLayout(root).create();

        assertEquals(catalog, Files.readString(layout.catalogFile()));
        assertEquals("pixels", Files.readString(layout.raw().resolve("a.tif")));
        assertEquals("{}", Files.readString(layout.pipelines().resolve("segment.json")));
        assertEquals(List.of("pipelines", "raw", "reports", "results", "samples.csv"), names(root));
    }

    @Test
    void createCompletesAFolderThatHasSomeOfTheLayout() throws IOException {
        Path root = tmp.resolve("study");
        Files.createDirectories(root.resolve("raw/ct"));
        Files.writeString(root.resolve("raw/ct/scan.dcm"), "dicom");
        Files.writeString(root.resolve("README.txt"), "mine");

        ProjectLayout layout = new ProjectLayout(root).create();

        assertEquals(List.of(), layout.problems());
        assertEquals("dicom", Files.readString(root.resolve("raw/ct/scan.dcm")));
        assertEquals("mine", Files.readString(root.resolve("README.txt")));
    }

    @Test
    void problemsNameEachMissingPiece() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("empty"));

        assertEquals(List.of("folder raw/ is missing", "folder pipelines/ is missing", "folder results/ is missing",
                "folder reports/ is missing", "the sample catalog samples.csv is missing"),
                new ProjectLayout(root).problems());
        assertFalse(ProjectLayout.isProject(root));
    }

    @Test
    void problemsNameTheOnePieceThatIsMissing() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("study")).create();
        Files.delete(layout.reports());

        assertEquals(List.of("folder reports/ is missing"), layout.problems());

        Files.createDirectories(layout.reports());
        Files.delete(layout.catalogFile());
        Files.createDirectories(layout.catalogFile());

        assertEquals(List.of("the sample catalog samples.csv is missing"), layout.problems());
    }

    @Test
    void problemsOfAMissingDirectory() {
        assertEquals(List.of("the directory does not exist"), new ProjectLayout(tmp.resolve("nowhere")).problems());
    }

    @Test
    void openReturnsTheLayoutOfAProject() throws IOException {
        Path root = tmp.resolve("study");
        new ProjectLayout(root).create();

        ProjectLayout layout = ProjectLayout.open(root.resolve("raw/.."));

        assertEquals(root.toAbsolutePath().normalize(), layout.root());
    }

    @Test
    void openOfANonProjectThrowsNamingWhatIsMissing() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("photos"));
        Files.createDirectories(root.resolve("raw"));
        Files.createDirectories(root.resolve("results"));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectLayout.open(root));

        String message = e.getMessage();
        assertTrue(message.startsWith(root + " is not a QBI project: "), message);
        assertTrue(message.contains("folder pipelines/ is missing"), message);
        assertTrue(message.contains("folder reports/ is missing"), message);
        assertTrue(message.contains("the sample catalog samples.csv is missing"), message);
        assertFalse(message.contains("raw/"), message);
        assertFalse(message.contains("results/"), message);
        assertTrue(message.contains("qbi project new DIR"), message);
    }

    @Test
    void openOfAMissingDirectoryThrows() {
        Path root = tmp.resolve("nowhere");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProjectLayout.open(root));

        assertTrue(e.getMessage().contains(root + " is not a QBI project: the directory does not exist"), e.getMessage());
    }

    @Test
    void theRootIsAbsoluteAndNormalized() {
        ProjectLayout layout = new ProjectLayout(Path.of("a/b/../c"));

        assertTrue(layout.root().isAbsolute());
        assertEquals(Path.of("a/c").toAbsolutePath(), layout.root());
        assertThrows(IllegalArgumentException.class, () -> new ProjectLayout(null));
    }

    @Test
    void resolveTurnsACatalogPathIntoAFileOfTheProject() {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("study"));

        assertEquals(layout.root().resolve("raw/ct/scan 01.dcm"), layout.resolve("raw/ct/scan 01.dcm"));
        assertEquals(layout.catalogFile(), layout.resolve("raw/../samples.csv"));
    }

    @Test
    void resolveRefusesPathsThatEscapeTheProject() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("study")).create();
        Files.createDirectories(tmp.resolve("study-other"));

        for (String escape : List.of("../secret.txt", "raw/../../secret.txt", "raw/../../study-other/x",
                tmp.resolve("secret.txt").toString(), "/etc/passwd", "..")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> layout.resolve(escape),
                    escape);
            assertTrue(e.getMessage().contains("'" + escape + "' points outside the project"), e.getMessage());
        }
    }

    @Test
    void relativizeGivesCatalogPaths() {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("study"));

        assertEquals("raw/ct/scan.dcm", layout.relativize(layout.raw().resolve("ct").resolve("scan.dcm")));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> layout.relativize(tmp.resolve("elsewhere.tif")));
        assertTrue(e.getMessage().contains("is outside the project"), e.getMessage());
    }

    @Test
    void createReturnsTheSameLayout() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("x"));

        assertSame(layout, layout.create());
    }
}
