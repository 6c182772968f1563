package org.qbi.io.dicom.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Image;
import org.qbi.core.image.Metadata;
import org.qbi.io.testing.SharedData;

/** The data dictionary and the metadata of a file: keys, names, groups, typed values, sequences. */
class MetadataTest {

    @Test
    void dictionaryHasTheStandardElements() {
        DicomDictionary dictionary = DicomDictionary.get();
        assertTrue(dictionary.size() > 4900, "elements: " + dictionary.size());
        assertEquals("PixelSpacing", dictionary.keyword(Tags.PIXEL_SPACING));
        assertEquals("DS", dictionary.vr(Tags.PIXEL_SPACING));
        assertEquals("Pixel Spacing", dictionary.entry(Tags.PIXEL_SPACING).name());
        assertEquals("US", dictionary.vr(Tags.ROWS));
        assertEquals("SQ", dictionary.vr(Tags.PER_FRAME_FUNCTIONAL_GROUPS));
        assertEquals(Tags.IMAGE_POSITION_PATIENT, dictionary.tag("ImagePositionPatient"));
        // Repeating groups: overlay data in group 6002.
        assertEquals("OverlayData", dictionary.keyword(0x60023000));
        assertEquals("PrivateCreator", dictionary.keyword(0x00290010));
        assertEquals("Private 0029,1010", dictionary.keyword(0x00291010));
        assertEquals("UN", dictionary.vr(0x00291010));
    }

    @Test
    void elementsAreTypedAndNamed() throws IOException {
        try (Image image = TestData.open(SharedData.file("dicom/single/CT_small.dcm"))) {
            Metadata metadata = image.header().metadata();
            Metadata.Entry modality = metadata.get("dicom:0008,0060").orElseThrow();
            assertEquals("Modality", modality.name());
            assertEquals("DICOM", modality.group());
            assertEquals("CT", modality.value());
            assertEquals(128L, metadata.get("dicom:0028,0010").orElseThrow().value(), "Rows (US) as Long");
            assertEquals(List.of(0.661468, 0.661468), metadata.get("dicom:0028,0030").orElseThrow().value(),
                    "PixelSpacing (DS) as Doubles");
            assertEquals(-1024.0, metadata.get("dicom:0028,1052").orElseThrow().value());
            assertEquals(1L, metadata.get("dicom:0020,0013").orElseThrow().value(), "InstanceNumber (IS) as Long");
            assertEquals("GE MEDICAL SYSTEMS", metadata.get("dicom:0008,0070").orElseThrow().value(), "trimmed");
            assertEquals("1.2.840.10008.1.2.1", metadata.text("dicom:0002,0010").orElseThrow());
            assertEquals("Modality", metadata.byName("Modality").orElseThrow().name());
            assertFalse(metadata.get("dicom:7FE0,0010").isPresent(), "no pixel data in the metadata");
            assertTrue(metadata.search("GE MEDICAL").size() >= 1);
        }
    }

    @Test
    void sequencesAreSummarisedAndFlattened() throws IOException {
        try (Image image = TestData.open(TestData.file("generated/enhanced_mr_functional_groups.dcm"))) {
            Metadata metadata = image.header().metadata();
            assertEquals("10 items", metadata.get("dicom:5200,9230").orElseThrow().value());
            Metadata.Entry position = metadata.get("dicom:5200,9230[3]/0020,9113[1]/0020,0032").orElseThrow();
            assertEquals("PerFrameFunctionalGroupsSequence[3].PlanePositionSequence[1].ImagePositionPatient",
                    position.name());
            assertTrue(position.value() instanceof List<?> list && list.size() == 3, position.text());
        }
    }

    @Test
    void bigEndianAndImplicitGiveTheSameMetadata() throws IOException {
        try (Image explicit = TestData.open(SharedData.file("dicom/single/MR_small.dcm"));
                Image big = TestData.open(SharedData.file("dicom/single/MR_small_bigendian.dcm"));
                Image implicit = TestData.open(SharedData.file("dicom/single/MR_small_implicit.dcm"))) {
            for (String key : List.of("dicom:0028,0010", "dicom:0028,0030", "dicom:0020,0032", "dicom:0020,0037",
                    "dicom:0028,0103", "dicom:0008,0070")) {
                Object value = explicit.header().metadata().get(key).orElseThrow().value();
                assertEquals(value, big.header().metadata().get(key).orElseThrow().value(), key + " big endian");
                assertEquals(value, implicit.header().metadata().get(key).orElseThrow().value(), key + " implicit");
            }
        }
    }
}
