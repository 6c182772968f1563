package org.qbi.io.nifti.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SampleImages;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes NIfTI files for the interop check with nibabel: target/interop/nifti/*.nii(.gz) and expected.json
 * (QBI's fingerprint, the RAS affine QBI means, zooms, units, scaling). data/check_writer_output.py reads them
 * with nibabel and compares; its result is recorded in data/README.md. The test itself checks that every file
 * was written and reads back with the fingerprint recorded.
 */
class NiftiInteropOutputTest {

    @Test
    void writeFilesForNibabel() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "interop", "nifti"));
        Map<String, Object> expected = new LinkedHashMap<>();
        NiftiReader reader = new NiftiReader();
        NiftiWriter writer = new NiftiWriter();
        for (String name : List.of("example4d.nii.gz", "functional.nii", "training_001_mr_T1.nii")) {
            try (Image image = Image.of(reader.open(SharedData.file("nifti/" + name), null))) {
                String target = "qbi_" + name.replace(".nii.gz", "").replace(".nii", "") + ".nii.gz";
                write(writer, image, out.resolve(target), expected);
            }
        }
        double c = Math.cos(0.4);
        double s = Math.sin(0.4);
        List<AxisCalibration> axes = List.of(AxisCalibration.of(Axis.X, 6, 0.7, -12.5, "mm"),
                AxisCalibration.of(Axis.Y, 5, 0.9, 33.25, "mm"), AxisCalibration.of(Axis.Z, 4, 2.5, 7, "mm"),
                AxisCalibration.uncalibrated(Axis.C, 1), AxisCalibration.of(Axis.T, 3, 1500, 0, "ms"));
        ImageHeader oblique = new ImageHeader("", PixelType.INT16, axes,
                Optional.of(Orientation.of(c, s, 0, -s, c, 0, 0, 0, -1)), new Rescale(0.5, -1024, ""), Metadata.EMPTY);
        write(writer, SampleImages.distinct(oblique), out.resolve("qbi_oblique_scaled_int16.nii"), expected);
        write(writer, SampleImages.distinct(NiftiWriterTest.header(PixelType.RGB8, new long[] { 5, 4, 3, 1, 1 })),
                out.resolve("qbi_rgb24.nii"), expected);
        write(writer, SampleImages.distinct(NiftiWriterTest.header(PixelType.FLOAT32, new long[] { 4, 3, 2, 3, 2 })),
                out.resolve("qbi_5d_float32.nii"), expected);
        write(writer, SampleImages.distinct(NiftiWriterTest.header(PixelType.COMPLEX_FLOAT32,
                new long[] { 4, 3, 2, 1, 1 })), out.resolve("qbi_complex64.nii.gz"), expected);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("expected.json").toFile(),
                expected);
        assertEquals(7, expected.size());
    }

    private static void write(NiftiWriter writer, Image image, Path target, Map<String, Object> expected)
            throws IOException {
        writer.write(image, target, ProgressMonitor.NULL);
        ImageHeader h = image.header();
        String fingerprint = Fingerprint.of(image, ProgressMonitor.NULL);
        try (Image back = Image.of(new NiftiReader().open(target, null))) {
            assertEquals(fingerprint, Fingerprint.of(back, ProgressMonitor.NULL));
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("sha256", fingerprint);
        e.put("pixelType", h.pixelType().label());
        e.put("sizes", h.dimensions());
        List<Double> zooms = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            zooms.add(h.axes().get(i).spacing());
        }
        e.put("spacing", zooms);
        e.put("units", List.of(h.axis(Axis.X).unit(), h.axis(Axis.T).unit()));
        e.put("t_spacing", h.axis(Axis.T).spacing());
        e.put("slope", h.rescale().slope());
        e.put("inter", h.rescale().intercept());
        Orientation o = h.orientation().orElse(Orientation.IDENTITY);
        double[] flip = { -1, -1, 1 };
        double[][] affine = new double[4][4];
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 3; j++) {
                affine[i][j] = flip[i] * o.direction(Axis.values()[j])[i] * h.axes().get(j).spacing();
            }
            affine[i][3] = flip[i] * h.axes().get(i).origin();
        }
        affine[3][3] = 1;
        e.put("affine", affine);
        expected.put(target.getFileName().toString(), e);
    }
}
