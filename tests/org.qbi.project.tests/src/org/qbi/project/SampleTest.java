package org.qbi.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SampleTest {

    @Test
    void aValidSampleKeepsItsValues() {
        Map<String, String> fields = new LinkedHashMap<>();
        fields.put("site", "B");
        fields.put("age", "12");

        Sample sample = new Sample("bone-01.v2_A", "  healthy ", " first scan\n", List.of("raw/a.tif", "raw/ct/b c.dcm"),
                fields);

        assertEquals("bone-01.v2_A", sample.id());
        assertEquals("healthy", sample.group());
        assertEquals("first scan", sample.notes());
        assertEquals(List.of("raw/a.tif", "raw/ct/b c.dcm"), sample.files());
        assertEquals(List.of("site", "age"), List.copyOf(sample.fields().keySet()));
    }

    @Test
    void nullGroupNotesFilesAndFieldsBecomeEmpty() {
        Sample sample = new Sample("s1", null, null, null, null);

        assertEquals("", sample.group());
        assertEquals("", sample.notes());
        assertEquals(List.of(), sample.files());
        assertEquals(Map.of(), sample.fields());
    }

    @Test
    void filesAndFieldsAreCopiesThatCannotBeModified() {
        List<String> files = new ArrayList<>(List.of("raw/a.tif"));
        Map<String, String> fields = new LinkedHashMap<>(Map.of("age", "3"));
        Sample sample = new Sample("s1", "", "", files, fields);

        files.add("raw/b.tif");
        fields.put("age", "4");

        assertEquals(List.of("raw/a.tif"), sample.files());
        assertEquals("3", sample.fields().get("age"));
        assertThrows(UnsupportedOperationException.class, () -> sample.files().add("raw/c.tif"));
        assertThrows(UnsupportedOperationException.class, () -> sample.fields().put("age", "5"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "-bone", ".hidden", "_x", "bone 01", "bone/01", "bone;01", "bone,01", "knochen-ä",
            "a\nb", "s1 " })
    void badIdsAreRejectedWithAMessage(String id) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sample(id, "g", "", List.of()));

        assertTrue(e.getMessage().startsWith("Sample id '" + id + "' is not valid"), e.getMessage());
        assertTrue(e.getMessage().contains("e.g. bone-01"), e.getMessage());
    }

    @Test
    void aNullIdIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sample(null, "g", "", List.of()));

        assertTrue(e.getMessage().startsWith("Sample id 'null' is not valid"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "raw/a.tif;raw/b.tif", "raw/a;b.tif", "/data/raw/a.tif", "/", "raw\\a.tif", "", "  " })
    void filesWithASemicolonOrAbsoluteOrBackslashOrBlankAreRejected(String file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sample("s1", "", "", List.of("raw/ok.tif", file)));

        assertTrue(e.getMessage().startsWith("Sample s1: file '" + file + "' must be a path relative to the project"),
                e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = { "hdfs://namenode:8020/scans/bone-01.zarr", "s3a://bucket/ct/scan.tif", "file:/shared/a.tif",
            "file:///shared/a.tif" })
    void locationsOnOtherFileSystemsAreKeptAsTheyAre(String location) {
        Sample sample = new Sample("s1", "", "", List.of("raw/ok.tif", location));

        assertEquals(List.of("raw/ok.tif", location), sample.files());
        assertTrue(Sample.isLocation(location));
    }

    @ParameterizedTest
    @ValueSource(strings = { "raw/a.tif", "C:/data/a.tif", "c:/a.tif", "raw/s3a:/x.tif", "hdfs:relative" })
    void pathsAndDrivesAreNoLocations(String file) {
        assertFalse(Sample.isLocation(file));
    }

    @Test
    void aLocationWithASemicolonIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new Sample("s1", "", "", List.of("s3a://b/a;b.tif")));
    }

    @Test
    void withFileAddsAFileOnce() {
        Sample sample = new Sample("s1", "g", "n", List.of("raw/a.tif"), Map.of());

        Sample more = sample.withFile("raw/b.tif");

        assertEquals(List.of("raw/a.tif", "raw/b.tif"), more.files());
        assertEquals(List.of("raw/a.tif"), sample.files());
        assertEquals("g", more.group());
        assertSame(more, more.withFile("raw/a.tif"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "../outside.tif", "raw/../../outside.tif", "..", "raw/..", "C:/data/a.tif" })
    void filesThatLeaveTheProjectOrHaveADriveAreRejected(String file) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Sample("s1", "", "", List.of(file)));

        assertTrue(e.getMessage().startsWith("Sample s1: file '" + file + "'"), e.getMessage());
    }

    @Test
    void filesMayHaveDotsInTheirNames() {
        Sample sample = new Sample("s1", "", "", List.of("raw/scan..v2.tif", "raw/.hidden/a.tif", "raw/...x"));

        assertEquals(3, sample.files().size());
    }
}
