package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SampleImages;

/** The provenance record as a NIfTI comment extension (ecode 6): written, read back, the data after it intact. */
class ProvenanceExtensionTest {

    static final String RECORD = "{\"pipeline\":\"pores\",\"sample\":\"bone-1\",\"inputs\":{\"ct\":{\"file\":"
            + "\"raw/Größe.nii.gz\",\"fingerprint\":\"cd34\"}},\"steps\":[{\"id\":\"smooth\"}]}";

    @TempDir
    Path dir;

    @Test
    void theRecordRoundTripsInPlainAndGzippedFiles() throws Exception {
        ArrayImage image = SampleImages.distinct(NiftiWriterTest.header(PixelType.INT16, new long[] { 9, 7, 5, 1, 1 }));
        NiftiWriter writer = new NiftiWriter();
        for (String name : List.of("with.nii", "with.nii.gz")) {
            Path file = dir.resolve(name);
            writer.write(image, file, Map.of("provenance", RECORD), ProgressMonitor.NULL);
            try (Image back = Image.of(new NiftiReader().open(file, null))) {
                Metadata metadata = back.header().metadata();
                assertEquals(RECORD, metadata.text(Metadata.PROVENANCE).orElseThrow(), name);
                assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(back, ProgressMonitor.NULL),
                        name + ": the data after the extension");
                NiftiWriterTest.assertSameImage(image.header(), back.header());
                assertTrue(metadata.text("nifti:extension.0").orElseThrow().startsWith(NiftiWriter.PROVENANCE_PREFIX));
            }
        }
        // the layout nibabel reads: extender 1, then esize (multiple of 16), ecode 6, and vox_offset after it
        ByteBuffer head = ByteBuffer.wrap(Files.readAllBytes(dir.resolve("with.nii"))).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(1, head.get(348));
        int size = head.getInt(352);
        assertEquals(0, size % 16);
        assertEquals(6, head.getInt(356));
        assertEquals(352 + size, head.getFloat(108));
    }

    @Test
    void withoutARecordTheFileHasNoExtension() throws Exception {
        ArrayImage image = SampleImages.distinct(NiftiWriterTest.header(PixelType.UINT8, new long[] { 4, 3, 2, 1, 1 }));
        Path file = dir.resolve("plain.nii");
        new NiftiWriter().write(image, file, (String) null, ProgressMonitor.NULL);
        byte[] bytes = Files.readAllBytes(file);
        assertEquals(0, bytes[348]);
        assertEquals(352 + 4 * 3 * 2, bytes.length);
        try (Image back = Image.of(new NiftiReader().open(file, null))) {
            assertTrue(back.header().metadata().text(Metadata.PROVENANCE).isEmpty());
        }
    }
}
