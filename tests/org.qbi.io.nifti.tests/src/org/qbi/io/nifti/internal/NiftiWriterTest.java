package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SampleImages;
import org.qbi.io.testing.SharedData;

/**
 * NIfTI-1 writer: write, read back, same stored values (fingerprint), calibration, orientation, origin and
 * rescale; every pixel type; .nii and .nii.gz; a cancelled write leaves nothing.
 */
class NiftiWriterTest {

    @TempDir
    Path dir;

    private final NiftiReader reader = new NiftiReader();
    private final NiftiWriter writer = new NiftiWriter();

    @ParameterizedTest
    @ValueSource(strings = { "nifti/training_001_mr_T1.nii", "nifti/functional.nii", "nifti/example4d.nii.gz",
            "nifti/anatomical.nii", "nifti/KmeansTest_T1UCharRaw.nii.gz", "nifti/dipy_small_64D.nii" })
    void realFilesSurviveARoundTrip(String name) throws IOException {
        for (String extension : List.of(".nii", ".nii.gz")) {
            Path target = dir.resolve("copy" + extension);
            try (Image original = Image.of(reader.open(SharedData.file(name), null))) {
                writer.write(original, target, ProgressMonitor.NULL);
                try (Image copy = Image.of(reader.open(target, null))) {
                    assertSameImage(original.header(), copy.header());
                    assertEquals(Fingerprint.of(original, ProgressMonitor.NULL), Fingerprint.of(copy, ProgressMonitor.NULL));
                    assertEquals(original.header().metadata().text("nifti:descrip"),
                            copy.header().metadata().text("nifti:descrip"));
                }
            }
        }
    }

    /** Same sizes, type, calibration (float32 precision), orientation and rescale. */
    static void assertSameImage(ImageHeader expected, ImageHeader actual) {
        assertArrayEquals(expected.dimensions(), actual.dimensions());
        assertEquals(expected.pixelType(), actual.pixelType());
        for (int i = 0; i < Axis.COUNT; i++) {
            AxisCalibration e = expected.axes().get(i);
            AxisCalibration a = actual.axes().get(i);
            assertEquals(e.spacing(), a.spacing(), 1e-6 * e.spacing(), "spacing " + e.axis().label());
            assertEquals(e.origin(), a.origin(), 1e-4, "origin " + e.axis().label());
            assertEquals(e.unit(), a.unit(), "unit " + e.axis().label());
        }
        assertEquals(expected.orientation().isPresent(), actual.orientation().isPresent());
        if (expected.orientation().isPresent()) {
            assertArrayEquals(expected.orientation().get().cosines(), actual.orientation().get().cosines(), 1e-6);
        }
        assertEquals((float) expected.rescale().slope(), (float) actual.rescale().slope());
        assertEquals((float) expected.rescale().intercept(), (float) actual.rescale().intercept());
    }

    @ParameterizedTest
    @ValueSource(strings = { "UINT8", "INT8", "UINT16", "INT16", "INT32", "UINT32", "FLOAT32", "FLOAT64",
            "COMPLEX_FLOAT32", "RGB8", "RGBA8", "LABEL32" })
    void everyPixelTypeSurvives(String typeName) throws IOException {
        PixelType type = PixelType.valueOf(typeName);
        ArrayImage image = SampleImages.distinct(header(type, new long[] { 7, 5, 3, 2, 4 }));
        Path target = dir.resolve("all.nii");
        writer.write(image, target, ProgressMonitor.NULL);
        try (Image copy = Image.of(reader.open(target, null))) {
            assertSameImage(image.header(), copy.header());
            assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(copy, ProgressMonitor.NULL));
        }
    }

    @Test
    void obliqueOrientationOriginAndRescaleSurvive() throws IOException {
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        Orientation oblique = Orientation.of(c, s, 0, -s, c, 0, 0, 0, -1);
        ImageHeader header = header(PixelType.INT16, new long[] { 6, 5, 4, 1, 1 }).withRescale(new Rescale(0.5, -1024, ""));
        List<AxisCalibration> axes = new ArrayList<>(header.axes());
        axes.set(0, AxisCalibration.of(Axis.X, 6, 0.7, -12.5, "mm"));
        axes.set(1, AxisCalibration.of(Axis.Y, 5, 0.9, 33.25, "mm"));
        axes.set(2, AxisCalibration.of(Axis.Z, 4, 2.5, 7, "mm"));
        header = new ImageHeader("", PixelType.INT16, axes, Optional.of(oblique), new Rescale(0.5, -1024, ""),
                Metadata.EMPTY);
        ArrayImage image = SampleImages.distinct(header);
        Path target = dir.resolve("oblique.nii.gz");
        writer.write(image, target, ProgressMonitor.NULL);
        try (Image copy = Image.of(reader.open(target, null))) {
            assertSameImage(header, copy.header());
            assertEquals(1L, copy.header().metadata().get("nifti:sform_code").orElseThrow().value());
            assertEquals(1L, copy.header().metadata().get("nifti:qform_code").orElseThrow().value());
            assertEquals(-1.0, copy.header().metadata().get("nifti:pixdim").map(e -> ((List<?>) e.value()).get(0))
                    .orElseThrow(), "a left-handed orientation has qfac -1");
        }
    }

    @Test
    void micrometresAndMillisecondsAreNiftiUnits() throws IOException {
        List<AxisCalibration> axes = List.of(AxisCalibration.of(Axis.X, 4, 0.25, 0, "um"),
                AxisCalibration.of(Axis.Y, 3, 0.25, 0, "um"), AxisCalibration.of(Axis.Z, 2, 1, 0, "um"),
                AxisCalibration.uncalibrated(Axis.C, 1), AxisCalibration.of(Axis.T, 3, 40, 0, "ms"));
        ArrayImage image = SampleImages.distinct(new ImageHeader("", PixelType.UINT16, axes, Optional.empty(), Rescale.IDENTITY,
                Metadata.EMPTY));
        Path target = dir.resolve("units.nii");
        writer.write(image, target, ProgressMonitor.NULL);
        try (Image copy = Image.of(reader.open(target, null))) {
            assertSameImage(image.header(), copy.header());
            assertEquals(3L + 16L, copy.header().metadata().get("nifti:xyzt_units").orElseThrow().value());
            assertEquals(0L, copy.header().metadata().get("nifti:sform_code").orElseThrow().value(),
                    "no orientation and origin 0: no sform");
        }
    }

    @Test
    void aCancelledWriteLeavesNoFile() throws IOException {
        ArrayImage image = SampleImages.distinct(header(PixelType.UINT8, new long[] { 8, 8, 20, 1, 1 }));
        Path target = dir.resolve("cancelled.nii");
        ProgressMonitor cancelAfterFive = new ProgressMonitor() {
            long done;

            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long work) {
                done += work;
            }

            @Override
            public boolean isCanceled() {
                return done >= 5;
            }

            @Override
            public void done() {
            }
        };
        assertThrows(CancelledException.class, () -> writer.write(image, target, cancelAfterFive));
        assertFalse(Files.exists(target));
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count(), "no temporary file left");
        }
    }

    @Test
    void axesLongerThanNifti1CanHoldAreRefusedByName() {
        ImageHeader header = header(PixelType.UINT8, new long[] { 40000, 1, 1, 1, 1 });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> NiftiWriter.header(header));
        assertTrue(e.getMessage().contains("axis x has 40000"), e.getMessage());
    }

    static ImageHeader header(PixelType type, long[] sizes) {
        List<AxisCalibration> axes = new ArrayList<>();
        for (Axis axis : Axis.values()) {
            axes.add(axis.ordinal() < 3 ? AxisCalibration.of(axis, sizes[axis.ordinal()], 1.5 + axis.ordinal(), 0, "mm")
                    : axis == Axis.T ? AxisCalibration.of(axis, sizes[4], 2, 0, "s")
                            : AxisCalibration.uncalibrated(axis, sizes[3]));
        }
        return new ImageHeader("", type, axes, Optional.of(Orientation.IDENTITY), Rescale.IDENTITY, Metadata.EMPTY);
    }
}
