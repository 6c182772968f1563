package org.qbi.project;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

class RawImporterTest {

    private static final int MIB = 1 << 20;
    private static final Set<PosixFilePermission> WRITE = Set.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    @TempDir
    Path tmp;

    private Path acquired;
    private ProjectLayout layout;
    private RawImporter importer;

    @BeforeEach
    void createProject() throws IOException {
        acquired = Files.createDirectories(tmp.resolve("microscope"));
        layout = new ProjectLayout(tmp.resolve("study")).create();
        importer = new RawImporter(layout);
    }

    private static byte[] randomBytes(int n, long seed) {
        byte[] bytes = new byte[n];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static Path write(Path file, byte[] content) throws IOException {
        Files.createDirectories(file.getParent());
        return Files.write(file, content);
    }

    /** Every entry under {@code dir} (relative path, '/' for directories) with its size; hidden ones too. */
    private static Map<String, Long> tree(Path dir) throws IOException {
        Map<String, Long> entries = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk::iterator) {
                if (p.equals(dir)) {
                    continue;
                }
                String name = dir.relativize(p).toString();
                boolean directory = Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS);
                entries.put(directory ? name + "/" : name, directory ? -1 : Files.size(p));
            }
        }
        return entries;
    }

    private static boolean isReadOnly(Path file) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
        return permissions.contains(PosixFilePermission.OWNER_READ)
                && permissions.stream().noneMatch(WRITE::contains);
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void copyingAFileGivesIdenticalBytesReadOnlyAndProgressInBytes() throws IOException {
        byte[] content = randomBytes(2 * MIB + 12345, 1);
        Path source = write(acquired.resolve("scan 01.tif"), content);
        FileTime modified = FileTime.fromMillis(1_700_000_000_000L);
        Files.setLastModifiedTime(source, modified);
        RecordingMonitor monitor = new RecordingMonitor();

        List<String> imported = importer.importInto(List.of(source), "", ImportMode.COPY, monitor);

        assertEquals(List.of("raw/scan 01.tif"), imported);
        Path copy = layout.raw().resolve("scan 01.tif");
        assertArrayEquals(content, Files.readAllBytes(copy));
        assertTrue(isReadOnly(copy), Files.getPosixFilePermissions(copy).toString());
        assertEquals(modified, Files.getLastModifiedTime(copy));
        assertEquals(content.length, monitor.totalWork);
        assertEquals(content.length, monitor.worked);
        assertEquals(List.of("Copying 1 item(s) into raw/"), monitor.tasks);
        assertEquals(1, monitor.doneCalls);
        assertEquals(Map.of("scan 01.tif", (long) content.length), tree(layout.raw()));
        assertArrayEquals(content, Files.readAllBytes(source), "the source is only read");
        assertFalse(isReadOnly(source), "the source keeps its permissions");
    }

    @Test
    void copyingAFolderTreeKeepsItsStructureAndBytes() throws IOException {
        Path series = acquired.resolve("series-7");
        Map<String, byte[]> files = Map.of(
                "slice-001.dcm", randomBytes(MIB + 1, 2),
                "meta/acquisition.json", "{\"voxel\":[0.5,0.5,1.0]}".getBytes(),
                "meta/deeper/empty.txt", new byte[0],
                "slices/slice-002.dcm", randomBytes(300_000, 3));
        long total = 0;
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            write(series.resolve(file.getKey()), file.getValue());
            total += file.getValue().length;
        }
        Files.createDirectories(series.resolve("empty-folder"));
        Path single = write(acquired.resolve("notes.txt"), "stained with H&E".getBytes());
        total += Files.size(single);
        RecordingMonitor monitor = new RecordingMonitor();

        List<String> imported = importer.importInto(List.of(series, single), "ct/2026-11-20", ImportMode.COPY, monitor);

        assertEquals(List.of("raw/ct/2026-11-20/series-7", "raw/ct/2026-11-20/notes.txt"), imported);
        Path copy = layout.raw().resolve("ct/2026-11-20/series-7");
        assertEquals(tree(series), tree(copy));
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path copied = copy.resolve(file.getKey());
            assertArrayEquals(file.getValue(), Files.readAllBytes(copied), file.getKey());
            assertTrue(isReadOnly(copied), file.getKey() + " " + Files.getPosixFilePermissions(copied));
        }
        assertTrue(Files.getPosixFilePermissions(copy.resolve("meta")).contains(PosixFilePermission.OWNER_WRITE),
                "folders stay writable for the user");
        assertEquals("stained with H&E", Files.readString(layout.raw().resolve("ct/2026-11-20/notes.txt")));
        assertEquals(total, monitor.totalWork);
        assertEquals(total, monitor.worked);
        assertEquals(List.of("Copying 2 item(s) into raw/"), monitor.tasks);
        assertTrue(monitor.subTasks.containsAll(List.of("slice-001.dcm", "acquisition.json", "notes.txt")),
                monitor.subTasks.toString());
        try (Stream<Path> entries = Files.list(layout.raw())) {
            assertEquals(List.of(layout.raw().resolve("ct")), entries.toList());
        }
        try (Stream<Path> entries = Files.list(layout.raw().resolve("ct/2026-11-20"))) {
            assertEquals(2, entries.count(), "no staging folder is left");
        }
    }

    @Test
    void anExistingNameIsNeverOverwrittenAndRawIsLeftUnchanged() throws IOException {
        Path source = write(acquired.resolve("scan.tif"), randomBytes(1000, 4));
        Path other = write(acquired.resolve("other.tif"), randomBytes(10, 5));
        importer.importInto(List.of(source), "", ImportMode.COPY, ProgressMonitor.NULL);
        byte[] firstImport = Files.readAllBytes(layout.raw().resolve("scan.tif"));
        Files.write(source, randomBytes(2000, 6));
        Map<String, Long> before = tree(layout.raw());

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.importInto(List.of(other, source), "", ImportMode.COPY, ProgressMonitor.NULL));

        assertEquals("Cannot import " + source + ": raw/scan.tif exists already; raw data is never overwritten, so "
                + "rename one of them or import into another folder", e.getMessage());
        assertEquals(before, tree(layout.raw()));
        assertArrayEquals(firstImport, Files.readAllBytes(layout.raw().resolve("scan.tif")));
        assertFalse(Files.exists(layout.raw().resolve("other.tif")), "nothing of a refused import is copied");
    }

    @Test
    void anExistingNameIsRefusedInLinkModeToo() throws IOException {
        Path source = write(acquired.resolve("scan.tif"), randomBytes(10, 7));
        write(layout.raw().resolve("scan.tif"), randomBytes(10, 8));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.importInto(List.of(source), "", ImportMode.LINK, ProgressMonitor.NULL));

        assertTrue(e.getMessage().contains("raw/scan.tif exists already"), e.getMessage());
        assertFalse(Files.isSymbolicLink(layout.raw().resolve("scan.tif")));
    }

    @Test
    void twoSourcesWithTheSameNameAreRefused() throws IOException {
        Path a = write(acquired.resolve("day1/scan.tif"), randomBytes(10, 9));
        Path b = write(acquired.resolve("day2/scan.tif"), randomBytes(10, 10));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.importInto(List.of(a, b), "", ImportMode.COPY, ProgressMonitor.NULL));

        assertTrue(e.getMessage().startsWith("Cannot import " + b + ": raw/scan.tif exists already"), e.getMessage());
        assertEquals(Map.of(), tree(layout.raw()));
    }

    @Test
    void sourcesInsideTheProjectAreRefused() throws IOException {
        Path inResults = write(layout.results().resolve("table.csv"), "a,b\n".getBytes());

        for (Path source : List.of(inResults, layout.results(), layout.root().resolve("results/../samples.csv"))) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> importer.importInto(List.of(source), "", ImportMode.COPY, ProgressMonitor.NULL));
            assertEquals("Cannot import " + source + ": it is inside the project already", e.getMessage());
        }
        assertEquals(Map.of(), tree(layout.raw()));
    }

    @Test
    void missingSourcesAreRefusedBeforeAnythingIsCopied() throws IOException {
        Path present = write(acquired.resolve("present.tif"), randomBytes(10, 11));
        Path missing = acquired.resolve("missing.tif");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.importInto(List.of(present, missing), "", ImportMode.COPY, ProgressMonitor.NULL));

        assertEquals("Cannot import " + missing + ": no such file or folder", e.getMessage());
        assertEquals(Map.of(), tree(layout.raw()));
    }

    @Test
    void noSourcesOrAnImportFolderOutsideRawAreRefused() throws IOException {
        Path source = write(acquired.resolve("scan.tif"), randomBytes(10, 12));

        assertThrows(IllegalArgumentException.class,
                () -> importer.importInto(List.of(), "", ImportMode.COPY, ProgressMonitor.NULL));
        for (String outside : List.of("..", "../results", "ct/../../pipelines", tmp.toString())) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> importer.importInto(List.of(source), outside, ImportMode.COPY, ProgressMonitor.NULL), outside);
            assertEquals("Import folder '" + outside + "' must lie inside raw/", e.getMessage());
        }
        assertEquals(Map.of(), tree(layout.raw()));
        assertEquals(Map.of(), tree(layout.results()));
        assertEquals(Map.of(), tree(layout.pipelines()));
    }

    @Test
    void linkModeCreatesSymbolicLinksToTheSources() throws IOException {
        Path file = write(acquired.resolve("scan.tif"), randomBytes(5000, 13));
        Path folder = acquired.resolve("series");
        write(folder.resolve("a.dcm"), randomBytes(100, 14));
        RecordingMonitor monitor = new RecordingMonitor();

        List<String> imported = importer.importInto(List.of(file, folder), "shared", ImportMode.LINK, monitor);

        assertEquals(List.of("raw/shared/scan.tif", "raw/shared/series"), imported);
        Path fileLink = layout.raw().resolve("shared/scan.tif");
        Path folderLink = layout.raw().resolve("shared/series");
        assertTrue(Files.isSymbolicLink(fileLink));
        assertTrue(Files.isSymbolicLink(folderLink));
        assertEquals(file.toAbsolutePath(), Files.readSymbolicLink(fileLink));
        assertEquals(folder.toAbsolutePath(), Files.readSymbolicLink(folderLink));
        assertArrayEquals(Files.readAllBytes(file), Files.readAllBytes(fileLink));
        assertTrue(Files.exists(folderLink.resolve("a.dcm")));
        assertEquals(2, monitor.totalWork);
        assertEquals(2, monitor.worked);
        assertEquals(1, monitor.doneCalls);
        assertFalse(isReadOnly(file), "linking leaves the source as it is");
    }

    @Test
    void cancelDuringCopyLeavesNoFileAndNoStagingFolder() throws IOException {
        Path big = write(acquired.resolve("big.tif"), randomBytes(3 * MIB + 7, 15));
        RecordingMonitor monitor = new RecordingMonitor(1);

        CancelledException e = assertThrows(CancelledException.class,
                () -> importer.importInto(List.of(big), "", ImportMode.COPY, monitor));

        assertEquals("Cancelled: import into raw/", e.getMessage());
        assertEquals(1, monitor.workedCalls, "the copy stopped at the first check after cancel");
        assertEquals(Map.of(), tree(layout.raw()), "raw/ holds nothing of the cancelled import");
        assertEquals(1, monitor.doneCalls);
        assertEquals(3 * MIB + 7, Files.size(big));
    }

    @Test
    void cancelDuringAFolderCopyLeavesNothingOfAnyItem() throws IOException {
        Path first = write(acquired.resolve("first.tif"), randomBytes(1000, 16));
        Path folder = acquired.resolve("series");
        write(folder.resolve("a.dcm"), randomBytes(2 * MIB, 17));
        write(folder.resolve("b.dcm"), randomBytes(2 * MIB, 18));
        Files.writeString(layout.raw().resolve("earlier.tif"), "kept");
        RecordingMonitor monitor = new RecordingMonitor(2);

        assertThrows(CancelledException.class,
                () -> importer.importInto(List.of(first, folder), "", ImportMode.COPY, monitor));

        assertEquals(Map.of("earlier.tif", 4L), tree(layout.raw()));
    }

    @Test
    void importsTheRealTiffFromTheSharedDataWithItsExactBytes() throws IOException {
        String sharedProperty = System.getProperty("qbi.shared.data");
        Path shared = sharedProperty == null ? null : Path.of(sharedProperty);
        assumeTrue(shared != null && Files.isRegularFile(shared.resolve("truth.json")),
                "../shared/data is absent: skipping real-data import test");
        String key = "tiff/3d/mini-t1-head.tif";
        Path source = shared.resolve(key);
        assumeTrue(Files.isRegularFile(source), "../shared/data is absent: skipping real-data import test");
        JsonNode truth = new ObjectMapper().readTree(shared.resolve("truth.json").toFile()).get(key);
        RecordingMonitor monitor = new RecordingMonitor();

        List<String> imported = importer.importInto(List.of(source), "mri", ImportMode.COPY, monitor);

        assertEquals(List.of("raw/mri/mini-t1-head.tif"), imported);
        Path copy = layout.resolve(imported.get(0));
        String expectedSha = truth.get("file_sha256").asText();
        assertEquals(64, expectedSha.length(), "truth.json gives a sha256 for " + key);
        assertEquals(expectedSha, sha256(copy));
        assertEquals(truth.get("file_bytes").asLong(), Files.size(copy));
        assertEquals(Files.size(source), monitor.totalWork);
        assertTrue(isReadOnly(copy));
    }

    @Test
    void aSourceFolderThatContainsTheProjectIsRefused() throws IOException {
        write(tmp.resolve("other.txt"), randomBytes(10, 19));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> importer.importInto(List.of(tmp), "", ImportMode.COPY, ProgressMonitor.NULL));

        assertEquals("Cannot import " + tmp + ": it contains the project " + layout.root()
                + "; import the acquired files or folders themselves", e.getMessage());
        assertEquals(Map.of(), tree(layout.raw()));
    }

    @Test
    void cancelIntoANewImportFolderLeavesNoEmptyFolders() throws IOException {
        Path big = write(acquired.resolve("big.tif"), randomBytes(2 * MIB, 20));
        Files.createDirectories(layout.raw().resolve("ct"));

        assertThrows(CancelledException.class,
                () -> importer.importInto(List.of(big), "ct/2026-11-20/run1", ImportMode.COPY, new RecordingMonitor(1)));

        assertEquals(Map.of("ct/", -1L), tree(layout.raw()), "the folder that existed before stays");
    }
}
