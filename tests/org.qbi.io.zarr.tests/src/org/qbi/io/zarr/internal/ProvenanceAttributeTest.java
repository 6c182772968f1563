package org.qbi.io.zarr.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The provenance record as the group attribute qbi_provenance of .zattrs: written, read back as metadata. */
class ProvenanceAttributeTest {

    static final String RECORD = "{\"pipeline\":\"pores\",\"steps\":[{\"id\":\"smooth\",\"operator\":\"filter.gaussian\","
            + "\"parameters\":{\"sigma\":\"1 mm\"}}],\"output\":{\"file\":\"pores.zarr\",\"fingerprint\":\"ef56\"}}";

    @TempDir
    Path dir;

    @Test
    void theRecordRoundTripsBesideNgffAndQbiAttributes() throws Exception {
        ArrayImage image = ZarrWriterTest.image(PixelType.UINT16, new long[] { 17, 13, 5, 1, 1 }, 3);
        Path store = dir.resolve("with.zarr");
        ZarrWriter writer = new ZarrWriter();
        assertTrue(writer.keepsProvenance());
        writer.write(image, store, Map.of("provenance", RECORD, "chunk", "8"), ProgressMonitor.NULL);
        com.fasterxml.jackson.databind.JsonNode attributes = ZarrArray.JSON.readTree(store.resolve(".zattrs").toFile());
        assertEquals(ZarrArray.JSON.readTree(RECORD), attributes.get("qbi_provenance"));
        assertTrue(attributes.has("multiscales") && attributes.has("qbi"), "NGFF and QBI's calibration stay");
        try (Image back = Image.of(new ZarrReader().open(store, null))) {
            Metadata metadata = back.header().metadata();
            assertEquals(ZarrArray.JSON.readTree(RECORD),
                    ZarrArray.JSON.readTree(metadata.text(Metadata.PROVENANCE).orElseThrow()));
            assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(back, ProgressMonitor.NULL));
        }
    }

    @Test
    void aRecordThatIsNotAJsonObjectIsRefused() {
        ArrayImage image = ZarrWriterTest.image(PixelType.UINT8, new long[] { 4, 3, 1, 1, 1 }, 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ZarrWriter().write(image,
                dir.resolve("bad.zarr"), Map.of("provenance", "[1, 2"), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("JSON object"), e.getMessage());
    }
}
