package org.qbi.io.metaimage.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.nifti.internal.NiftiReader;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Every MetaImage file of ../shared/data against truth.json (its own minimal parser and numpy, no ITK): shape,
 * dtype, statistics, fingerprint, ElementSpacing, Offset, TransformMatrix; and the cross-check with the same
 * volume stored as NIfTI.
 */
class MetaImageConformanceTest {

    private final MetaImageReader reader = new MetaImageReader();

    @ParameterizedTest
    @ValueSource(strings = { "metaimage/training_001_mr_T1.mha", "metaimage/HeadMRVolume.mhd",
            "metaimage/BrainProtonDensity3Slices.mha", "metaimage/RatLungSlice1.mha",
            "metaimage/BrainProtonDensitySliceBorder20.mhd" })
    void matchesTruth(String name) throws IOException {
        Path file = SharedData.file(name);
        JsonNode truth = SharedData.truth(name);
        assertTrue(reader.canRead(Probe.of(file)), "detected by its first header line");
        try (Image image = Image.of(reader.open(file, null))) {
            ImageAssertions.assertMatches(image, SharedData.pixels(truth), true);
            JsonNode header = truth.get("header");
            double[] spacing = numbers(header.has("ElementSpacing") ? header.get("ElementSpacing").asText() : "1 1 1");
            for (int i = 0; i < spacing.length; i++) {
                AxisCalibration axis = image.header().axes().get(i);
                assertEquals(spacing[i], axis.spacing(), "ElementSpacing " + i);
                assertEquals("mm", axis.unit());
            }
            if (header.has("Offset")) {
                double[] offset = numbers(header.get("Offset").asText());
                for (int i = 0; i < offset.length; i++) {
                    assertEquals(offset[i], image.header().axes().get(i).origin(), "Offset " + i);
                }
            }
            if (header.has("TransformMatrix")) {
                assertEquals(Orientation.IDENTITY, image.header().orientation().orElseThrow(),
                        "TransformMatrix " + header.get("TransformMatrix").asText());
            } else {
                assertTrue(image.header().orientation().isEmpty());
            }
            assertEquals(header.get("ElementType").asText(),
                    image.header().metadata().text("metaimage:ElementType").orElseThrow());
            assertEquals("MetaImage", image.header().format());
        }
    }

    private static double[] numbers(String text) {
        String[] tokens = text.strip().split("\\s+");
        double[] values = new double[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            values[i] = Double.parseDouble(tokens[i]);
        }
        return values;
    }

    /** MANIFEST.md: nifti/training_001_mr_T1.nii = metaimage/training_001_mr_T1.mha. */
    @Test
    void sameVolumeAsTheNiftiFile() throws IOException {
        try (Image mha = Image.of(reader.open(SharedData.file("metaimage/training_001_mr_T1.mha"), null));
                Image nii = Image.of(new NiftiReader().open(SharedData.file("nifti/training_001_mr_T1.nii"), null))) {
            assertEquals(Fingerprint.of(nii, ProgressMonitor.NULL), Fingerprint.of(mha, ProgressMonitor.NULL));
            assertArrayEquals(nii.header().dimensions(), mha.header().dimensions());
            assertEquals(nii.header().pixelType(), mha.header().pixelType());
            for (Axis axis : new Axis[] { Axis.X, Axis.Y, Axis.Z }) {
                assertEquals(nii.header().axis(axis).spacing(), mha.header().axis(axis).spacing());
                assertEquals(nii.header().axis(axis).origin(), mha.header().axis(axis).origin());
                assertEquals(nii.header().axis(axis).unit(), mha.header().axis(axis).unit());
            }
            assertEquals(nii.header().orientation(), mha.header().orientation(),
                    "NIfTI's RAS affine diag(-1.25, -1.25, 4) is LPS identity, as the .mha's TransformMatrix");
        }
    }

    @Test
    void theInstalledFormatsOpenMetaImageByContent() throws IOException {
        ImageFormats formats = ImageFormats.installed();
        assertInstanceOf(MetaImageReader.class, formats.reader(SharedData.file("metaimage/HeadMRVolume.mhd")));
        assertInstanceOf(MetaImageReader.class, formats.reader(SharedData.file("metaimage/RatLungSlice1.mha")));
        try (Image image = formats.open(SharedData.file("metaimage/BrainProtonDensitySliceBorder20.mhd"), null)) {
            assertEquals(221, image.header().size(Axis.X));
            assertEquals(java.util.List.of(), formats.problems());
        }
    }
}
