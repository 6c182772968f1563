package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

import com.fasterxml.jackson.databind.ObjectMapper;

/** The provenance record in QBI's private TIFF field: written on the first page, read back as metadata. */
class ProvenanceFieldTest {

    /** A record as the workbench writes it, with a path beyond ASCII (TIFF's ASCII fields are 7-bit). */
    static final String RECORD = "{\"step\":{\"operator\":\"filter.gaussian\",\"parameters\":{\"sigma\":\"2 µm\"},"
            + "\"inputs\":{\"image\":{\"location\":\"/data/Zürich/blobs.tif\",\"fingerprint\":\"ab12\"}}},"
            + "\"platform_version\":\"0.1.0\"}";

    @TempDir
    Path dir;

    @Test
    void theRecordRoundTripsAndTheImageStaysAsWithout() throws Exception {
        ArrayImage image = WriterSamples.image(PixelType.UINT16,
                WriterSamples.axes(12, 10, 3, 1, 1, 0.25, "um", 2.0, 0, null));
        Path with = dir.resolve("with.tif");
        Path without = dir.resolve("without.tif");
        ImageFormats formats = ImageFormats.installed();
        assertTrue(formats.writerFor(with).keepsProvenance());
        formats.writerFor(with).write(image, with, RECORD, ProgressMonitor.NULL);
        formats.writerFor(without).write(image, without, ProgressMonitor.NULL);

        try (Image back = formats.open(with, null); Image plain = formats.open(without, null)) {
            Metadata metadata = back.header().metadata();
            String kept = metadata.text(Metadata.PROVENANCE).orElseThrow();
            ObjectMapper json = new ObjectMapper();
            assertEquals(json.readTree(RECORD), json.readTree(kept), "the same JSON, non-ASCII escaped as \\u");
            assertFalse(kept.chars().anyMatch(c -> c > 127), "ASCII only in the file");
            assertEquals(Metadata.PROVENANCE_GROUP, metadata.get(Metadata.PROVENANCE).orElseThrow().group());
            assertEquals("QBIProvenance", metadata.get("tiff:" + TiffTags.QBI_PROVENANCE).orElseThrow().name());
            // pixels, calibration and ImageJ's description are those of the file written without the record
            assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(back, ProgressMonitor.NULL));
            assertEquals(plain.header().axes(), back.header().axes());
            assertEquals(plain.header().metadata().text("tiff:270"), metadata.text("tiff:270"));
            assertTrue(plain.header().metadata().text(Metadata.PROVENANCE).isEmpty(), "no record when none given");
        }
        // the field is on the first page only, and holds the escaped text ending in NUL (TIFF ASCII)
        byte[] bytes = Files.readAllBytes(with);
        String escaped = TiffWriter.asciiJson(RECORD);
        assertEquals(1, count(bytes, (escaped + "\0").getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void theCompressionOptionAndTheRecordGoTogether() throws Exception {
        ArrayImage image = WriterSamples.image(PixelType.UINT8,
                WriterSamples.axes(8, 6, 1, 1, 1, 1, "px", 1, 0, null));
        Path file = dir.resolve("plain.tif");
        new TiffWriter().write(image, file, Map.of("compression", "none", "provenance", RECORD), ProgressMonitor.NULL);
        try (Image back = ImageFormats.installed().open(file, null)) {
            assertEquals(1L, back.header().metadata().get("tiff:259").orElseThrow().value(), "uncompressed");
            assertTrue(back.header().metadata().text(Metadata.PROVENANCE).isPresent());
        }
        assertEquals("{\"unit\":\"\\u00b5m\"}", TiffWriter.asciiJson("{\"unit\":\"µm\"}"));
    }

    private static int count(byte[] haystack, byte[] needle) {
        int n = 0;
        outer: for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            n++;
        }
        return n;
    }
}
