package org.qbi.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.project.ProjectLayout;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Puts the example project on disk from the bundle of the test runtime and checks what arrives there. */
class ExampleProjectTest {

    private static final Set<PosixFilePermission> WRITE = Set.of(PosixFilePermission.OWNER_WRITE,
            PosixFilePermission.GROUP_WRITE, PosixFilePermission.OTHERS_WRITE);

    /** The raw files of the example project and their sizes in bytes. */
    private static final Map<String, Long> RAW_FILES = Map.of(
            "ct/CT_small.dcm", 39_206L,
            "ct/lung_CT_41_40_lzw.tif", 198_928L,
            "ct/lung_CT_41_40_mask_lzw.tif", 1_388L,
            "micro-ct/tiny-bone.png", 10_699L,
            "microscopy/blobs.tif", 65_172L,
            "mri/mini-t1-head.tif", 71_697L,
            "microscopy/nuclei-A03.tif", 250_032L,
            "micro-ct/bone-a.tif", 58_329L,
            "micro-ct/bone-b.tif", 65_749L);

    /** Each raw file whose original is in the shared test data, with its key in truth.json (its path there). */
    private static final Map<String, String> SHARED_ORIGINALS = orderedMap(
            "raw/mri/mini-t1-head.tif", "tiff/3d/mini-t1-head.tif",
            "raw/ct/CT_small.dcm", "dicom/single/CT_small.dcm",
            "raw/microscopy/blobs.tif", "tiff/8bit/blobs.tif",
            "raw/micro-ct/tiny-bone.png", "png_jpeg/tiny-bone.png",
            "raw/ct/lung_CT_41_40_lzw.tif", "tiff/8bit/lung_CT_41_40_lzw.tif",
            "raw/ct/lung_CT_41_40_mask_lzw.tif", "tiff/8bit/lung_CT_41_40_mask_lzw.tif",
            "raw/microscopy/nuclei-A03.tif", "tiff/8bit/BBBC001_colon_cancer_packbits.tif");

    private static final List<String> LICENCES = List.of("QBI-2019_Apache-2.0.txt",
            "debian_python3-pydicom_copyright.txt", "pyclesperanto_BSD-3.txt");

    @TempDir
    Path tmp;

    private static Map<String, String> orderedMap(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /** Every regular file under {@code dir}, relative with '/' separators, with its size. */
    private static Map<String, Long> tree(Path dir) throws IOException {
        Map<String, Long> files = new TreeMap<>();
        try (Stream<Path> entries = Files.walk(dir)) {
            for (Path entry : (Iterable<Path>) entries::iterator) {
                if (Files.isRegularFile(entry)) {
                    files.put(dir.relativize(entry).toString().replace('\\', '/'), Files.size(entry));
                }
            }
        }
        return files;
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
            throw new AssertionError(e);
        }
    }

    @Test
    void materializeCreatesACompleteProjectWithTheCatalogAndEveryFileItLists() throws IOException {
        Path dir = tmp.resolve("workspace").resolve(ExampleProject.NAME);

        ProjectLayout layout = ExampleProject.materialize(dir);

        assertEquals(dir, layout.root());
        assertEquals(List.of(), layout.problems());
        assertTrue(ProjectLayout.isProject(dir));
        assertEquals(List.of(".project", "LICENSES", "SOURCES.md", "pipelines", "raw", "reports", "results",
                "samples.csv"), names(dir));
        assertEquals(List.of("nuclei-sweep.yaml", "nuclei.yaml", "porosity.yaml"), names(dir.resolve("pipelines")));
        for (String empty : List.of("results", "reports")) {
            assertEquals(List.of(), names(dir.resolve(empty)), empty + "/ holds no placeholder files");
        }
        assertEquals(new TreeMap<>(RAW_FILES), tree(layout.raw()));

        SampleCatalog catalog = SampleCatalog.load(layout.catalogFile());
        assertEquals(List.of("mri-head", "ct-slice", "lung-41-40", "blobs", "bone-slice", "nuclei-A03", "bone-a",
                "bone-b"), catalog.samples().stream().map(Sample::id).toList());
        assertEquals(List.of("MRI", "CT", "microscopy", "micro-CT"), catalog.groups());
        assertEquals(List.of(), catalog.extraColumns());
        assertEquals(new Sample("lung-41-40", "CT", "Lung CT slice exported as 8-bit, with its lung mask",
                List.of("raw/ct/lung_CT_41_40_lzw.tif", "raw/ct/lung_CT_41_40_mask_lzw.tif")),
                catalog.find("lung-41-40").orElseThrow());
        assertEquals(List.of("raw/mri/mini-t1-head.tif"), catalog.find("mri-head").orElseThrow().files());
        assertEquals("micro-CT", catalog.find("bone-slice").orElseThrow().group());
        assertEquals(List.of(), catalog.missingFiles(layout));
        Set<String> listed = new HashSet<>();
        catalog.samples().forEach(s -> listed.addAll(s.files()));
        assertEquals(RAW_FILES.keySet().stream().map(f -> "raw/" + f).collect(java.util.stream.Collectors.toSet()),
                listed, "the catalog lists every raw file and nothing else");
    }

    @Test
    void sourcesAndLicencesTravelWithTheImages() throws IOException {
        Path dir = ExampleProject.materialize(tmp.resolve("example")).root();

        String sources = Files.readString(dir.resolve("SOURCES.md"));
        assertTrue(sources.startsWith("# Example project: where the images come from"), sources);
        for (String raw : RAW_FILES.keySet()) {
            assertTrue(sources.contains("`raw/" + raw + "`"), "SOURCES.md names raw/" + raw);
        }
        assertEquals(LICENCES, names(dir.resolve("LICENSES")));
        for (String licence : LICENCES) {
            assertTrue(sources.contains("`LICENSES/" + licence + "`"), "SOURCES.md points to " + licence);
            assertTrue(Files.size(dir.resolve("LICENSES").resolve(licence)) > 500, licence + " holds the licence text");
        }
        assertTrue(Files.readString(dir.resolve("LICENSES/QBI-2019_Apache-2.0.txt")).contains("Apache License"));
        assertTrue(Files.readString(dir.resolve("LICENSES/pyclesperanto_BSD-3.txt"))
                .contains("Redistribution and use in source and binary forms"));
    }

    @Test
    void theProjectDescriptionNamesTheExampleWithTheQbiNature() throws IOException {
        Path dir = ExampleProject.materialize(tmp.resolve("example")).root();

        String description = Files.readString(dir.resolve(".project"));

        assertTrue(description.contains("<name>QBI Example</name>"), description);
        assertTrue(description.contains("<nature>org.qbi.project.nature</nature>"), description);
        assertEquals(1, description.split("<nature>", -1).length - 1, "one nature: " + description);
    }

    @Test
    void rawFilesHaveNoWritePermissionAndTheRestStaysEditable() throws IOException {
        ProjectLayout layout = ExampleProject.materialize(tmp.resolve("example"));

        for (String raw : RAW_FILES.keySet()) {
            Path file = layout.raw().resolve(raw);
            assertTrue(isReadOnly(file), raw + " " + Files.getPosixFilePermissions(file));
        }
        for (Path editable : List.of(layout.catalogFile(), layout.root().resolve("SOURCES.md"),
                layout.root().resolve(".project"), layout.raw(), layout.raw().resolve("ct"), layout.results())) {
            assertTrue(Files.getPosixFilePermissions(editable).contains(PosixFilePermission.OWNER_WRITE),
                    editable + " " + Files.getPosixFilePermissions(editable));
        }
    }

    @Test
    void noStagingFolderIsLeftBesideTheTarget() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("workspace"));
        Files.writeString(parent.resolve("notes.txt"), "mine");

        ExampleProject.materialize(parent.resolve(ExampleProject.NAME));

        assertEquals(List.of(ExampleProject.NAME, "notes.txt"), names(parent));
        try (Stream<Path> all = Files.walk(parent)) {
            List<String> hidden = all.map(p -> p.getFileName().toString())
                    .filter(n -> n.startsWith(".") && !n.equals(".project")).toList();
            assertEquals(List.of(), hidden, "no staging or temporary files anywhere");
        }
    }

    @Test
    void theProjectFolderGetsThePermissionsOfAnyNewFolder() throws IOException {
        Path parent = Files.createDirectories(tmp.resolve("workspace"));
        Path plain = Files.createDirectory(parent.resolve("plain"));
        Set<PosixFilePermission> umaskPermissions = Files.getPosixFilePermissions(plain);
        Files.delete(plain);

        ProjectLayout layout = ExampleProject.materialize(parent.resolve(ExampleProject.NAME));

        // Regression: the staging folder came from Files.createTempDirectory, which is rwx------, so the example
        // project was closed to the group and others while every other project and folder follows the umask.
        assertEquals(umaskPermissions, Files.getPosixFilePermissions(layout.root()), layout.root().toString());
        assertEquals(umaskPermissions, Files.getPosixFilePermissions(layout.raw()), layout.raw().toString());
    }

    @Test
    void theParentFoldersAreCreated() throws IOException {
        Path dir = tmp.resolve("a/b/c/example");

        ExampleProject.materialize(dir);

        assertTrue(ProjectLayout.isProject(dir));
        assertEquals(List.of("example"), names(dir.getParent()));
    }

    @Test
    void theShippedImagesAreTheRealFilesOfTheSharedData() throws IOException {
        String sharedProperty = System.getProperty("qbi.shared.data");
        Path shared = sharedProperty == null ? null : Path.of(sharedProperty);
        assumeTrue(shared != null && Files.isRegularFile(shared.resolve("truth.json")),
                "../shared/data is absent: skipping the check of the example images against truth.json");
        JsonNode truth = new ObjectMapper().readTree(shared.resolve("truth.json").toFile());
        ProjectLayout layout = ExampleProject.materialize(tmp.resolve("example"));

        int checked = 0;
        for (Map.Entry<String, String> original : SHARED_ORIGINALS.entrySet()) {
            Path copy = layout.resolve(original.getKey());
            JsonNode entry = truth.get(original.getValue());
            assertTrue(entry != null, "truth.json describes " + original.getValue());
            if (entry.has("file_sha256")) {
                assertEquals(entry.get("file_sha256").asText(), sha256(copy),
                        original.getKey() + " is " + original.getValue() + " unmodified");
                checked++;
            }
            if (entry.has("file_bytes")) {
                assertEquals(entry.get("file_bytes").asLong(), Files.size(copy), original.getKey());
            }
            Path source = shared.resolve(original.getValue());
            if (Files.isRegularFile(source)) {
                assertEquals(sha256(source), sha256(copy), original.getKey() + " has the bytes of " + source);
            }
        }
        assertEquals(SHARED_ORIGINALS.size(), checked, "truth.json gives a sha256 for every original");
    }

    @Test
    void materializeIsIdempotentAndKeepsTheUsersEdits() throws IOException {
        Path dir = tmp.resolve("example");
        ProjectLayout layout = ExampleProject.materialize(dir);
        Path catalogFile = layout.catalogFile();
        Set<PosixFilePermission> permissions = new HashSet<>(Files.getPosixFilePermissions(catalogFile));
        permissions.add(PosixFilePermission.OWNER_WRITE);
        Files.setPosixFilePermissions(catalogFile, permissions);
        SampleCatalog catalog = SampleCatalog.load(catalogFile);
        catalog.put(new Sample("blobs-2", "microscopy", "second look", List.of("raw/microscopy/blobs.tif")));
        catalog.save(catalogFile);
        String edited = Files.readString(catalogFile);
        Files.writeString(layout.results().resolve("areas.csv"), "label,area\n1,433\n");
        Files.delete(layout.raw().resolve("micro-ct/tiny-bone.png"));

        ProjectLayout again = ExampleProject.materialize(dir);

        assertEquals(layout, again);
        assertEquals(edited, Files.readString(catalogFile));
        SampleCatalog reloaded = SampleCatalog.load(catalogFile);
        assertEquals(9, reloaded.samples().size());
        assertEquals("second look", reloaded.find("blobs-2").orElseThrow().notes());
        assertEquals("label,area\n1,433\n", Files.readString(layout.results().resolve("areas.csv")));
        assertFalse(Files.exists(layout.raw().resolve("micro-ct/tiny-bone.png")),
                "an existing project is left as it is, even when the user removed a file");
        assertEquals(List.of("bone-slice: raw/micro-ct/tiny-bone.png"), reloaded.missingFiles(again));
        assertEquals(List.of("example"), names(tmp));
    }

    @Test
    void aNonEmptyFolderThatIsNotAProjectIsRefusedNamingTheFolder() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("holiday-photos"));
        Files.writeString(dir.resolve("beach.jpg"), "sand");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleProject.materialize(dir));

        assertTrue(e.getMessage().startsWith(dir + " exists and is not a QBI project"), e.getMessage());
        assertEquals(List.of("beach.jpg"), names(dir), "the folder is untouched");
        assertEquals("sand", Files.readString(dir.resolve("beach.jpg")));
        assertEquals(List.of("holiday-photos"), names(tmp), "no staging folder is left");
    }

    @Test
    void aFileAtTheTargetIsRefusedNamingIt() throws IOException {
        Path file = Files.writeString(tmp.resolve("QBI Example"), "not a folder");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ExampleProject.materialize(file));

        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertEquals("not a folder", Files.readString(file));
    }

    @Test
    void anExistingEmptyFolderReceivesTheProject() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("empty"));

        ProjectLayout layout = ExampleProject.materialize(dir);

        assertEquals(List.of(), layout.problems());
        assertEquals(8, SampleCatalog.load(layout.catalogFile()).samples().size());
        assertEquals(List.of(), SampleCatalog.load(layout.catalogFile()).missingFiles(layout));
        assertEquals(List.of("empty"), names(tmp));
    }

    @Test
    void aRelativeTargetIsResolvedAgainstTheWorkingDirectory() throws IOException {
        Path dir = tmp.resolve("example");
        Path relative = Path.of("").toAbsolutePath().relativize(dir);

        ProjectLayout layout = ExampleProject.materialize(relative);

        assertEquals(dir, layout.root());
        assertTrue(ProjectLayout.isProject(dir));
    }

    @Test
    void theDefaultLocationIsTheFolderQbiExampleInTheWorkspace() {
        Path location = ExampleProject.defaultLocation();

        assertTrue(location.endsWith("QBI Example"), location.toString());
        assertEquals(ExampleProject.NAME, location.getFileName().toString());
        String workspace = System.getenv("QBI_WORKSPACE");
        Path expectedParent = workspace != null && !workspace.isBlank() ? Path.of(workspace)
                : Path.of(System.getProperty("user.home"), "qbi-workspace");
        assertEquals(expectedParent, location.getParent());
    }
}
