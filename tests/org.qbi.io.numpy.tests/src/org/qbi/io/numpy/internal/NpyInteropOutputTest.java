package org.qbi.io.numpy.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SampleImages;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Writes .npy files for the interop check with numpy: target/interop/npy/*.npy and expected.json (shape, dtype
 * and QBI's fingerprint, which for C order is the sha256 of the array's bytes). data/check_writer_output.py
 * loads them with numpy.load; its result is recorded in data/README.md.
 */
class NpyInteropOutputTest {

    @Test
    void writeFilesForNumpy() throws IOException {
        Path out = Files.createDirectories(Path.of("target", "interop", "npy"));
        Map<String, Object> expected = new LinkedHashMap<>();
        try (Image shell = Image.of(new NpyReader().open(SharedData.file("npy/shellN.npy"), null))) {
            write(shell, out.resolve("qbi_shellN.npy"), new long[] { 600, 650 }, "<u2", expected);
        }
        write(SampleImages.distinct(ImageHeader.uncalibrated(PixelType.INT16, 7, 5, 3)), out.resolve("qbi_int16_3d.npy"),
                new long[] { 3, 5, 7 }, "<i2", expected);
        write(SampleImages.distinct(ImageHeader.uncalibrated(PixelType.FLOAT32, 4, 3, 2, 1, 5)),
                out.resolve("qbi_float32_4d.npy"), new long[] { 5, 2, 3, 4 }, "<f4", expected);
        write(SampleImages.distinct(ImageHeader.uncalibrated(PixelType.UINT16, 4, 3, 2, 3, 2)),
                out.resolve("qbi_uint16_5d.npy"), new long[] { 2, 3, 2, 3, 4 }, "<u2", expected);
        write(SampleImages.distinct(ImageHeader.uncalibrated(PixelType.RGB8, 6, 5)), out.resolve("qbi_rgb.npy"),
                new long[] { 5, 6, 3 }, "|u1", expected);
        write(SampleImages.distinct(ImageHeader.uncalibrated(PixelType.COMPLEX_FLOAT32, 4, 3)),
                out.resolve("qbi_complex64.npy"), new long[] { 3, 4 }, "<c8", expected);
        write(SampleImages.distinct(ImageHeader.uncalibrated(PixelType.UINT8, 3, 5, 4)), out.resolve("qbi_grey_x3.npy"),
                new long[] { 1, 1, 4, 5, 3 }, "|u1", expected);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("expected.json").toFile(),
                expected);
        assertEquals(7, expected.size());
    }

    private static void write(Image image, Path target, long[] shape, String descr, Map<String, Object> expected)
            throws IOException {
        new NpyWriter().write(image, target, ProgressMonitor.NULL);
        assertEquals(java.util.Arrays.stream(shape).boxed().toList(), NpyWriter.shape(image.header()));
        expected.put(target.getFileName().toString(), Map.of("shape", shape, "descr", descr, "sha256",
                Fingerprint.of(image, ProgressMonitor.NULL)));
    }
}
