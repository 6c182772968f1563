package org.qbi.lab.neutron.fits.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.SampleImages;
import org.qbi.io.testing.TestFiles;
import org.qbi.ops.testing.OpTesting;

/** FITS files written by data/make_fits.py (hand-made from the real shellN image) read as their .npy values. */
class FitsTest {

    @TempDir
    Path dir;

    private Path file(String name) {
        return TestFiles.fixture(getClass(), name, dir);
    }

    /** Physical values (rescale applied), x fastest. */
    private static double[] physical(Image image) throws IOException {
        double[] v = OpTesting.values(image);
        Rescale r = image.header().rescale();
        for (int i = 0; i < v.length; i++) {
            v[i] = r.apply(v[i]);
        }
        return v;
    }

    private void assertReads(String name, PixelType type, long... sizes) throws IOException {
        try (Image image = ImageFormats.installed().open(file(name + ".fits"), null)) {
            assertEquals("FITS", image.header().format());
            assertEquals(type, image.header().pixelType(), name);
            assertArrayEquals(sizes, new long[] { image.header().size(Axis.X), image.header().size(Axis.Y),
                    image.header().size(Axis.Z) }, name);
            assertArrayEquals(OpTesting.values(OpTesting.fixture(getClass(), name + ".npy", dir)), physical(image), 0,
                    name + ": every value");
        }
    }

    @Test
    void readsEveryBitpixWithItsRescale() throws IOException {
        assertReads("u16_stack", PixelType.INT16, 50, 40, 3);
        assertReads("u8", PixelType.UINT8, 50, 40, 1);
        assertReads("i16_scaled", PixelType.INT16, 50, 40, 1);
        assertReads("i32", PixelType.INT32, 50, 40, 1);
        assertReads("f32_extension", PixelType.FLOAT32, 50, 40, 3);
        assertReads("f64", PixelType.FLOAT64, 50, 40, 1);
    }

    @Test
    void keywordsBecomeMetadataAndCdeltTheSpacing() throws IOException {
        try (Image image = ImageFormats.installed().open(file("u16_stack.fits"), null)) {
            ImageHeader h = image.header();
            assertEquals(new Rescale(1, 32768, ""), h.rescale());
            assertEquals(0.055, h.axis(Axis.X).spacing(), 1e-12);
            assertEquals("mm", h.axis(Axis.X).unit());
            assertEquals(2.0, h.axis(Axis.X).origin(), 1e-12);
            assertEquals(0.055, h.axis(Axis.Y).spacing(), 1e-12, "|CDELT2|");
            assertEquals(0.55, h.axis(Axis.Y).origin(), 1e-12, "CRVAL2 - (CRPIX2 - 1) * CDELT2");
            assertFalse(h.axis(Axis.Z).isCalibrated(), "degrees are not a length: z stays in pixels");
            assertEquals("12.5", h.metadata().text("fits:EXPTIME").orElseThrow());
            assertEquals("EXPTIME (exposure (s))", h.metadata().get("fits:EXPTIME").orElseThrow().name());
            assertEquals("ICON", h.metadata().text("fits:INSTRUME").orElseThrow());
            assertEquals("first\nsecond", h.metadata().text("fits:COMMENT").orElseThrow());
            assertEquals("deg", h.metadata().text("fits:CUNIT3").orElseThrow());
        }
        try (Image image = ImageFormats.installed().open(file("i16_scaled.fits"), null)) {
            assertEquals(new Rescale(0.5, -100, "counts"), image.header().rescale());
        }
    }

    @Test
    void refusesInt64TruncatedAndNonFitsFiles() throws IOException {
        FitsReader reader = new FitsReader();
        TestFiles.assertRefused(reader, file("i64.fits"), null, "BITPIX = 64");
        Path truncated = file("u16_stack.fits");
        TestFiles.truncate(truncated, 2880 + 5000);
        TestFiles.assertRefused(reader, truncated, null, "truncated");
        assertFalse(reader.canRead(Probe.of(file("u8.npy"))));
        assertTrue(reader.canRead(Probe.of(file("u8.fits"))));
    }

    @ParameterizedTest
    @ValueSource(strings = { "uint8", "int8", "int16", "uint16", "int32", "uint32", "float32", "float64", "label32" })
    void writerRoundTripsEveryType(String label) throws IOException {
        PixelType type = PixelType.fromLabel(label);
        ImageHeader header = ImageHeader.uncalibrated(type, 7, 5, 3);
        ArrayImage image = SampleImages.distinct(header);
        Path target = dir.resolve(label + ".fits");
        ImageFormats.installed().writerFor(target).write(image, target, ProgressMonitor.NULL);
        assertEquals(0, Files.size(target) % 2880, "whole 2880-byte blocks");
        try (Image back = ImageFormats.installed().open(target, null)) {
            assertArrayEquals(physical(image), physical(back), 0, label);
        }
    }

    @Test
    void writerKeepsSpacingAndRescale() throws IOException {
        try (Image source = ImageFormats.installed().open(file("u16_stack.fits"), null)) {
            Path target = dir.resolve("copy.fits");
            new FitsWriter().write(source, target, ProgressMonitor.NULL);
            try (Image back = ImageFormats.installed().open(target, null)) {
                assertEquals(source.header().axis(Axis.X), back.header().axis(Axis.X));
                assertEquals(source.header().rescale(), back.header().rescale());
                assertArrayEquals(physical(source), physical(back), 0);
            }
            // the pixel bytes are the same as the source file's
            byte[] a = Files.readAllBytes(file("u16_stack.fits"));
            byte[] b = Files.readAllBytes(target);
            assertEquals(a.length, b.length);
            assertArrayEquals(java.util.Arrays.copyOfRange(a, 2880, a.length), java.util.Arrays.copyOfRange(b, 2880,
                    b.length));
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new FitsWriter().write(
                SampleImages.distinct(ImageHeader.uncalibrated(PixelType.RGB8, 2, 2)), dir.resolve("rgb.fits"),
                ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("rgb8"), e.getMessage());
    }

    /** Copies the files of {@code data/<folder>/} into a folder of {@link #dir}. */
    private Path folder(String folder) throws IOException {
        Path target = Files.createDirectories(dir.resolve(folder));
        var entries = org.osgi.framework.FrameworkUtil.getBundle(getClass()).findEntries("data/" + folder, "*.fits", false);
        while (entries.hasMoreElements()) {
            java.net.URL url = entries.nextElement();
            String name = url.getPath().substring(url.getPath().lastIndexOf('/') + 1);
            try (var in = url.openStream()) {
                Files.copy(in, target.resolve(name));
            }
        }
        return target;
    }

    @Test
    void readsAFolderOfProjectionsAsAStackInNaturalNameOrder() throws IOException {
        Path series = folder("series");
        try (Image image = ImageFormats.installed().open(series, null)) {
            assertInstanceOf(FitsReader.class, ImageFormats.installed().reader(series));
            assertEquals(PixelType.INT16, image.header().pixelType());
            assertArrayEquals(new long[] { 50, 40, 3, 1, 1 }, image.header().dimensions());
            // proj_1, proj_2, proj_10 (the last with a header of two blocks): the planes of u16_stack
            assertArrayEquals(OpTesting.values(OpTesting.fixture(getClass(), "u16_stack.npy", dir)), physical(image), 0);
            assertEquals("3", image.header().metadata().text("fits:files").orElseThrow());
            assertEquals("proj_10.fits", image.header().metadata().text("fits:last").orElseThrow());
            assertEquals(0.055, image.header().axis(Axis.X).spacing(), 1e-12);
        }
        TestFiles.assertRefused(new FitsReader(), folder("series_mismatch"), null, "a series needs one size");
        assertEquals("proj_00000000000000000002.fits", FitsSeries.naturalKey("proj_2.fits"));
    }

    @Test
    void theReaderIsRegisteredForFitsFiles() throws IOException {
        assertInstanceOf(FitsReader.class, ImageFormats.installed().reader(file("u8.fits")));
    }
}
