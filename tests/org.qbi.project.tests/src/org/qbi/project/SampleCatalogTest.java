package org.qbi.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SampleCatalogTest {

    @TempDir
    Path tmp;

    private static final String NOTES_WITH_COMMA_QUOTES_NEWLINE = "scan, re-done \"twice\"\nsecond line";

    /** The catalog that {@link #EXPECTED_CSV} holds. */
    private static SampleCatalog exampleCatalog() {
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("age");
        catalog.addColumn("site");
        catalog.put(new Sample("zeta", "healthy", NOTES_WITH_COMMA_QUOTES_NEWLINE,
                List.of("raw/ct/zeta.dcm", "raw/photos/zeta 1.png"), fields("12", "Lab \"A\", room 2")));
        catalog.put(new Sample("alpha", "diseased", "", List.of(), fields("", "")));
        catalog.put(new Sample("mid", "healthy", "ok", List.of("raw/mid.tif"), fields("7", "B")));
        return catalog;
    }

    private static final String EXPECTED_CSV = """
            sample_id,group,notes,files,age,site
            zeta,healthy,"scan, re-done ""twice""
            second line",raw/ct/zeta.dcm;raw/photos/zeta 1.png,12,"Lab ""A"", room 2"
            alpha,diseased,,,,
            mid,healthy,ok,raw/mid.tif,7,B
            """;

    private static Map<String, String> fields(String age, String site) {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("age", age);
        fields.put("site", site);
        return fields;
    }

    private Path catalogFile(String text) throws IOException {
        Path file = tmp.resolve("samples.csv");
        Files.writeString(file, text, StandardCharsets.UTF_8);
        return file;
    }

    private IllegalArgumentException loadFails(String text) throws IOException {
        Path file = catalogFile(text);
        return assertThrows(IllegalArgumentException.class, () -> SampleCatalog.load(file));
    }

    @Test
    void anEmptyCatalogIsTheHeaderLine() throws IOException {
        StringWriter out = new StringWriter();

        new SampleCatalog().write(out);

        assertEquals("sample_id,group,notes,files\n", out.toString());
    }

    @Test
    void saveWritesExactlyTheExpectedCsvWithLfLineEnds() throws IOException {
        Path file = tmp.resolve("samples.csv");

        exampleCatalog().save(file);

        String written = Files.readString(file, StandardCharsets.UTF_8);
        assertEquals(EXPECTED_CSV, written);
        assertFalse(written.contains("\r"), "CR in " + written);
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void saveAndLoadRoundTripKeepsOrderGroupsNotesFilesAndExtraColumns() throws IOException {
        Path file = tmp.resolve("samples.csv");
        SampleCatalog original = exampleCatalog();

        original.save(file);
        SampleCatalog loaded = SampleCatalog.load(file);

        assertEquals(original.samples(), loaded.samples());
        assertEquals(List.of("zeta", "alpha", "mid"), loaded.samples().stream().map(Sample::id).toList());
        assertEquals(List.of("age", "site"), loaded.extraColumns());
        assertEquals(List.of("healthy", "diseased"), loaded.groups());
        Sample zeta = loaded.find("zeta").orElseThrow();
        assertEquals(NOTES_WITH_COMMA_QUOTES_NEWLINE, zeta.notes());
        assertEquals(List.of("raw/ct/zeta.dcm", "raw/photos/zeta 1.png"), zeta.files());
        assertEquals("Lab \"A\", room 2", zeta.fields().get("site"));
        assertEquals(List.of("age", "site"), List.copyOf(zeta.fields().keySet()));

        Path again = tmp.resolve("again.csv");
        loaded.save(again);
        assertEquals(Files.readString(file), Files.readString(again));
    }

    @Test
    void loadReadsCrLfLineEndsAndSkipsBlankLines() throws IOException {
        Path file = catalogFile("sample_id,group,notes,files\r\ns1,g, spaced ,raw/a.tif; raw/b.tif ;\r\n\r\ns2,,,\r\n");

        SampleCatalog catalog = SampleCatalog.load(file);

        assertEquals(List.of(new Sample("s1", "g", "spaced", List.of("raw/a.tif", "raw/b.tif")),
                new Sample("s2", "", "", List.of())), catalog.samples());
    }

    @Test
    void aHeaderThatDoesNotStartWithTheRequiredColumnsIsRejected() throws IOException {
        IllegalArgumentException e = loadFails("id,group,notes,files\ns1,g,,\n");

        String message = e.getMessage();
        assertTrue(message.startsWith(tmp.resolve("samples.csv").toString()), message);
        assertTrue(message.contains("the header is [id, group, notes, files]"), message);
        assertTrue(message.contains("[sample_id, group, notes, files]"), message);
    }

    @Test
    void aHeaderWithTooFewColumnsIsRejected() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes\ns1,g,\n");

        assertTrue(e.getMessage().contains("the header is [sample_id, group, notes]"), e.getMessage());
    }

    @Test
    void aDuplicateIdIsRejectedNamingFileAndLine() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files\ns1,a,,\ns2,a,,\ns1,b,,\n");

        assertEquals(tmp.resolve("samples.csv") + " line 4: sample id 's1' appears twice; every sample needs its own id",
                e.getMessage());
    }

    @Test
    void aWrongColumnCountIsRejectedNamingFileAndLine() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files,age\ns1,a,,,3\ns2,a,,\n");

        assertEquals(tmp.resolve("samples.csv") + " line 3: 4 columns, the header has 5", e.getMessage());
    }

    @Test
    void aWrongColumnCountOnALastLineWithoutLineEndNamesThatLine() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files\ns1,a,,\ns2,a,,,extra");

        assertEquals(tmp.resolve("samples.csv") + " line 3: 5 columns, the header has 4", e.getMessage());
    }

    @Test
    void anInvalidSampleIsRejectedNamingFileAndLine() throws IOException {
        IllegalArgumentException bad = loadFails("sample_id,group,notes,files\ns1,a,,\nbone 02,a,,\n");
        assertTrue(bad.getMessage().startsWith(tmp.resolve("samples.csv") + " line 3: Sample id 'bone 02' is not valid"),
                bad.getMessage());

        IllegalArgumentException absolute = loadFails("sample_id,group,notes,files\ns1,a,,/data/a.tif\n");
        assertTrue(absolute.getMessage().startsWith(tmp.resolve("samples.csv") + " line 2: Sample s1: file '/data/a.tif'"),
                absolute.getMessage());
    }

    @Test
    void anUnterminatedQuoteIsRejectedNamingTheFile() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files\ns1,a,\"never closed,\n");

        assertTrue(e.getMessage().startsWith(tmp.resolve("samples.csv") + ": not a readable CSV file"), e.getMessage());
    }

    @Test
    void parseNamesTheGivenSource() throws IOException {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SampleCatalog.parse(new StringReader("sample_id,group,notes,files\ns1\n"), "clipboard"));

        assertEquals("clipboard line 2: 1 columns, the header has 4", e.getMessage());
    }

    @Test
    void missingFilesListsEachFileThatIsNotInTheProject() throws IOException {
        ProjectLayout layout = new ProjectLayout(tmp.resolve("study")).create();
        Files.writeString(layout.raw().resolve("present.tif"), "x");
        Files.createDirectories(layout.raw().resolve("series"));
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("s1", "", "", List.of("raw/present.tif", "raw/absent.tif")));
        catalog.put(new Sample("s2", "", "", List.of("raw/series")));
        catalog.put(new Sample("s3", "", "", List.of("raw/gone/a.dcm", "raw/present.tif")));

        assertEquals(List.of("s1: raw/absent.tif", "s3: raw/gone/a.dcm"), catalog.missingFiles(layout));

        Files.writeString(layout.raw().resolve("absent.tif"), "y");
        catalog.remove("s3");
        assertEquals(List.of(), catalog.missingFiles(layout));
    }

    @Test
    void putReplacesASampleInPlaceAndRemoveDropsIt() {
        SampleCatalog catalog = new SampleCatalog();
        catalog.put(new Sample("a", "g1", "", List.of()));
        catalog.put(new Sample("b", "g2", "", List.of()));
        catalog.put(new Sample("c", "g1", "", List.of()));

        catalog.put(new Sample("b", "g3", "new", List.of()));

        assertEquals(List.of("a", "b", "c"), catalog.samples().stream().map(Sample::id).toList());
        assertEquals("g3", catalog.find("b").orElseThrow().group());
        assertEquals(List.of("g1", "g3"), catalog.groups());
        assertTrue(catalog.remove("b"));
        assertFalse(catalog.remove("b"));
        assertEquals(List.of("a", "c"), catalog.samples().stream().map(Sample::id).toList());
        assertThrows(UnsupportedOperationException.class, () -> catalog.samples().clear());
    }

    @Test
    void putRejectsAFieldThatIsNotAColumn() {
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("age");

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> catalog.put(new Sample("s1", "", "", List.of(), Map.of("weight", "3"))));

        assertTrue(e.getMessage().contains("'weight'"), e.getMessage());
        assertEquals(List.of(), catalog.samples());
    }

    @Test
    void addColumnRejectsEmptyTakenAndUnsafeNames() {
        SampleCatalog catalog = new SampleCatalog();
        catalog.addColumn("age");

        for (String bad : new String[] { null, "", " ", "age", "group", "sample_id", "a,b", "say \"x\"" }) {
            assertThrows(IllegalArgumentException.class, () -> catalog.addColumn(bad), String.valueOf(bad));
        }
        assertEquals(List.of("age"), catalog.extraColumns());
    }

    @Test
    void aBadHeaderNamesFileAndLine() throws IOException {
        IllegalArgumentException e = loadFails("id,group,notes,files\ns1,g,,\n");

        assertTrue(e.getMessage().startsWith(tmp.resolve("samples.csv") + " line 1: the header is "), e.getMessage());
    }

    @Test
    void aHeaderWithAnEmptyColumnNameIsRejectedNamingFileAndLine() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files,\ns1,g,,,\n");

        assertTrue(e.getMessage().startsWith(tmp.resolve("samples.csv") + " line 1: "), e.getMessage());
        assertTrue(e.getMessage().contains("empty"), e.getMessage());
    }

    @Test
    void aHeaderThatNamesAColumnTwiceIsRejected() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files,age,age\ns1,g,,,3,4\n");

        assertEquals(tmp.resolve("samples.csv") + " line 1: the header names column 'age' twice", e.getMessage());
    }

    @Test
    void aCatalogSavedWithAByteOrderMarkLoads() throws IOException {
        Path file = catalogFile("\uFEFFsample_id,group,notes,files\r\ns1,g,,raw/a.tif\r\n");

        SampleCatalog catalog = SampleCatalog.load(file);

        assertEquals(List.of(new Sample("s1", "g", "", List.of("raw/a.tif"))), catalog.samples());
    }

    @Test
    void aFileOutsideTheProjectIsRejectedNamingFileAndLine() throws IOException {
        IllegalArgumentException e = loadFails("sample_id,group,notes,files\ns1,g,,raw/../../secret.txt\n");

        assertTrue(e.getMessage().startsWith(tmp.resolve("samples.csv") + " line 2: Sample s1: file "
                + "'raw/../../secret.txt'"), e.getMessage());
    }
}
