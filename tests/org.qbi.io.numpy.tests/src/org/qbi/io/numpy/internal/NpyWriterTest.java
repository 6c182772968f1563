package org.qbi.io.numpy.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.testing.SampleImages;
import org.qbi.io.testing.SharedData;

/** .npy writer: write, read back, same values and axes, for every pixel type and rank; the header numpy expects. */
class NpyWriterTest {

    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({ "UINT8, 7, 5, 1, 1, 1", "UINT8, 7, 5, 3, 1, 1", "UINT8, 3, 4, 5, 1, 1", "INT8, 7, 5, 3, 1, 1",
            "UINT16, 7, 5, 3, 1, 4", "INT16, 7, 5, 1, 1, 3", "INT32, 6, 5, 4, 3, 2", "UINT32, 4, 3, 2, 2, 1",
            "FLOAT32, 9, 1, 1, 1, 1", "FLOAT64, 5, 4, 3, 1, 2", "COMPLEX_FLOAT32, 5, 4, 3, 1, 1",
            "RGB8, 6, 5, 1, 1, 1", "RGB8, 6, 5, 4, 1, 1", "RGBA8, 6, 5, 2, 1, 1", "LABEL32, 6, 5, 4, 1, 1" })
    void roundTrip(String type, long x, long y, long z, long c, long t) throws IOException {
        ArrayImage image = SampleImages.distinct(ImageHeader.uncalibrated(PixelType.valueOf(type), x, y, z, c, t));
        Path target = dir.resolve("out.npy");
        new NpyWriter().write(image, target, ProgressMonitor.NULL);
        try (Image copy = Image.of(new NpyReader().open(target, null))) {
            assertArrayEquals(image.header().dimensions(), copy.header().dimensions());
            PixelType expected = image.header().pixelType() == PixelType.LABEL32 ? PixelType.UINT32
                    : image.header().pixelType();
            assertEquals(expected, copy.header().pixelType());
            assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(copy, ProgressMonitor.NULL));
        }
        assertEquals(0, (Files.size(target) - image.header().byteCount()) % 64,
                "the header is padded to 64 bytes, as numpy pads it");
    }

    @Test
    void headerIsWhatNumpyWrites() {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT16, 650, 600);
        byte[] bytes = NpyWriter.header(header);
        String text = new String(bytes, 10, bytes.length - 10, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertEquals("{'descr': '<u2', 'fortran_order': False, 'shape': (600, 650), }", text.strip(),
                "numpy.save of a (600, 650) uint16 array writes this dict");
        assertEquals(128, bytes.length, "shellN.npy's header is 128 bytes as well");
        assertEquals(List.of(1L, 1L, 4L, 5L, 3L),
                NpyWriter.shape(ImageHeader.uncalibrated(PixelType.UINT8, 3, 5, 4)),
                "grey uint8 of width 3 gets leading axes so that it does not read back as RGB");
    }

    @Test
    void realFileSurvivesARoundTrip() throws IOException {
        Path target = dir.resolve("copy.npy");
        try (Image original = Image.of(new NpyReader().open(SharedData.file("npy/shellN.npy"), null))) {
            new NpyWriter().write(original, target, ProgressMonitor.NULL);
        }
        assertArrayEquals(Files.readAllBytes(SharedData.file("npy/shellN.npy")), Files.readAllBytes(target),
                "numpy's shellN.npy and QBI's copy are the same bytes");
    }

    @Test
    void rgbWithChannelsOrTimeIsRefusedByName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NpyWriter.header(ImageHeader.uncalibrated(PixelType.RGB8, 4, 4, 1, 1, 3)));
        assertTrue(e.getMessage().contains("3 time points"), e.getMessage());
    }
}
