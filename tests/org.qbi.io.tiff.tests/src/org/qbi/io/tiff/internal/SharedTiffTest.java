package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;

/** The real TIFF files of ../shared/data against truth.json (tifffile's and Pillow's decodes). */
class SharedTiffTest {

    static Stream<String> tiffFiles() {
        return Stream.of("tiff/3d/bone_7H3A_B1.tif", "tiff/3d/mini-t1-head.tif",
                "tiff/float/CalibZAPWfixed_000154_max-16.tif", "tiff/multichannel/BBBC022_IXMtest_A02_s9.tif",
                "tiff/16bit/AICS_12_134_C0.tif", "tiff/16bit/membranes.tif", "tiff/16bit/wood.tif",
                "tiff/16bit/shale_slice_015_ORL6-3_1417.tif", "tiff/16bit/week2_packbits.tiff", "tiff/8bit/blobs.tif",
                "tiff/8bit/BBBC001_colon_cancer_packbits.tif", "tiff/8bit/lung_CT_41_40_lzw.tif",
                "tiff/8bit/lung_CT_41_40_mask_lzw.tif");
    }

    /** Every file, lossless: shape, type, min, max, mean, std and the exact pixel fingerprint. */
    @ParameterizedTest
    @MethodSource("tiffFiles")
    void matchesTruth(String key) throws Exception {
        Path file = SharedData.file(key);
        JsonNode truth = SharedData.truth(key);
        assertInstanceOf(TiffReader.class, ImageFormats.installed().reader(file), "the TIFF reader is chosen by content");
        try (Image image = ImageFormats.installed().open(file, null)) {
            ImageAssertions.assertMatches(image, SharedData.pixels(truth), true);
        }
    }

    @Test
    void miniT1HeadIs1point5MillimetreIsotropic() throws Exception {
        try (Image image = open("tiff/3d/mini-t1-head.tif")) {
            ImageHeader header = image.header();
            for (Axis axis : new Axis[] { Axis.X, Axis.Y, Axis.Z }) {
                assertEquals(1.5, header.axis(axis).spacing(), 1e-12, axis + " spacing");
                assertEquals("mm", header.axis(axis).unit(), axis + " unit");
                assertEquals(0, header.axis(axis).origin(), axis + " origin");
            }
            assertEquals(32, header.size(Axis.Z));
            assertEquals("ImageJ TIFF", header.format());
            Metadata m = header.metadata();
            assertEquals(1.5, m.get("imagej:spacing").orElseThrow().value());
            assertEquals("ImageJ", m.get("imagej:spacing").orElseThrow().group());
            assertEquals("mm", m.text("imagej:unit").orElseThrow());
            assertTrue(m.text("imagej:Info").orElseThrow().startsWith("This is a T1 weighted MRI head dataset"),
                    "the Info text of IJMetadata");
            assertEquals("ImageWidth", m.get("tiff:256").orElseThrow().name());
            assertEquals("TIFF", m.get("tiff:256").orElseThrow().group());
            assertEquals(32L, m.get("tiff:256").orElseThrow().value());
            assertEquals(32L, m.get("tiff:pages").orElseThrow().value());
        }
    }

    @Test
    void floatTiffIs0point52Micrometre() throws Exception {
        try (Image image = open("tiff/float/CalibZAPWfixed_000154_max-16.tif")) {
            ImageHeader h = image.header();
            assertEquals(PixelType.FLOAT32, h.pixelType());
            assertEquals(0.52, h.axis(Axis.X).spacing(), 1e-12);
            assertEquals(0.52, h.axis(Axis.Y).spacing(), 1e-12);
            assertEquals("um", h.axis(Axis.X).unit(), "ImageJ's \\u00B5m");
            assertEquals("um", h.axis(Axis.Y).unit());
            assertEquals(0.5, h.axis(Axis.T).spacing(), 1e-12, "finterval");
            assertEquals("min", h.axis(Axis.T).unit(), "tunit=minutes");
            assertEquals("\u00b5m", h.metadata().text("imagej:unit").orElseThrow(), "the escape decoded in the metadata");
        }
    }

    @Test
    void aicsIs0point065Micrometre() throws Exception {
        try (Image image = open("tiff/16bit/AICS_12_134_C0.tif")) {
            AxisCalibration x = image.header().axis(Axis.X);
            assertEquals(0.065, x.spacing(), 1e-12);
            assertEquals("um", x.unit(), "ImageJ's unit=micron");
            assertEquals(0.065, image.header().axis(Axis.Y).spacing(), 1e-12);
        }
    }

    @Test
    void woodIsCalibratedFromResolutionUnitCentimetre() throws Exception {
        try (Image image = open("tiff/16bit/wood.tif")) {
            assertEquals(10.0, image.header().axis(Axis.X).spacing(), 1e-12, "1000 pixels per cm");
            assertEquals("um", image.header().axis(Axis.X).unit());
        }
    }

    @Test
    void inchResolutionIsAPrintResolution() throws Exception {
        try (Image image = open("tiff/8bit/BBBC001_colon_cancer_packbits.tif")) {
            assertEquals(AxisCalibration.PIXEL_UNIT, image.header().axis(Axis.X).unit(), "72 dpi");
            assertEquals(1, image.header().axis(Axis.X).spacing());
            assertEquals(72.0, image.header().metadata().get("tiff:282").orElseThrow().value());
        }
    }

    @Test
    void bbbc022HasThreeChannelsOnC() throws Exception {
        try (Image image = open("tiff/multichannel/BBBC022_IXMtest_A02_s9.tif")) {
            ImageHeader h = image.header();
            assertEquals(List.of(695L, 395L, 1L, 3L, 1L), List.of(h.size(Axis.X), h.size(Axis.Y), h.size(Axis.Z),
                    h.size(Axis.C), h.size(Axis.T)));
            assertEquals(List.of("IXMtest_A02_s9_c1.tif", "IXMtest_A02_s9_c2.tif", "IXMtest_A02_s9_c3.tif"),
                    h.metadata().get("imagej:Labels").orElseThrow().value());
            // truth: per-page means of the three channels
            JsonNode means = SharedData.truth("tiff/multichannel/BBBC022_IXMtest_A02_s9.tif").get("per_page_mean_first5");
            for (int c = 0; c < 3; c++) {
                assertEquals(means.get(c).asDouble(), planeMean(image, 0, c), 1e-5, "channel " + c);
            }
        }
    }

    /** 600 pages open from their IFDs alone: no page is decoded until asked for. */
    @Test
    void boneOpensWithoutDecodingPixels() throws Exception {
        Path file = SharedData.file("tiff/3d/bone_7H3A_B1.tif");
        long before = System.nanoTime();
        try (ChunkSource source = new TiffReader().open(file, null)) {
            long openNanos = System.nanoTime() - before;
            TiffSource tiff = (TiffSource) source;
            assertEquals(0, tiff.decodedPages(), "opening decodes nothing");
            assertEquals(List.of(350L, 250L, 600L, 1L, 1L), List.of(source.header().size(Axis.X),
                    source.header().size(Axis.Y), source.header().size(Axis.Z), source.header().size(Axis.C),
                    source.header().size(Axis.T)));
            assertEquals(600, source.grid().chunkCount(), "one chunk per page");
            System.out.printf("bone_7H3A_B1.tif: 600 IFDs opened in %.1f ms%n", openNanos / 1e6);
            try (Image image = Image.of(source)) {
                JsonNode means = SharedData.truth("tiff/3d/bone_7H3A_B1.tif").get("per_page_mean_first5");
                assertEquals(means.get(3).asDouble(), planeMean(image, 3, 0), 1e-5, "page 3");
                assertEquals(1, tiff.decodedPages(), "one page decoded for one plane");
            }
        }
    }

    /** Pages decoded from 4 threads at once equal those decoded one after the other. */
    @Test
    void decodesPagesFromSeveralThreads() throws Exception {
        Path file = SharedData.file("tiff/3d/bone_7H3A_B1.tif");
        try (ChunkSource source = new TiffReader().open(file, null)) {
            int pages = 120;
            List<String> serial = new ArrayList<>();
            for (int z = 0; z < pages; z++) {
                serial.add(pageHash(source, z));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> parallel = new ArrayList<>();
                for (int z = pages - 1; z >= 0; z--) {
                    int page = z;
                    parallel.add(pool.submit(() -> pageHash(source, page)));
                }
                for (int i = 0; i < pages; i++) {
                    assertEquals(serial.get(pages - 1 - i), parallel.get(i).get(), "page " + (pages - 1 - i));
                }
            } finally {
                pool.shutdownNow();
            }
            assertTrue(serial.stream().distinct().count() > pages / 2, "the pages differ, so the comparison means something");
        }
    }

    private static String pageHash(ChunkSource source, int z) throws Exception {
        long[] index = { 0, 0, z, 0, 0 };
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(source.grid().pixelCount(index));
            source.readChunk(index, target);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(target.toArray(java.lang.foreign.ValueLayout.JAVA_BYTE)));
        }
    }

    static double planeMean(Image image, long z, long c) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment plane = image.readPlane(z, c, 0, arena);
            long n = image.header().size(Axis.X) * image.header().size(Axis.Y) * image.header().pixelType().samplesPerPixel();
            double sum = 0;
            for (long i = 0; i < n; i++) {
                sum += PixelValues.get(image.header().pixelType(), plane, i);
            }
            return sum / n;
        }
    }

    private static Image open(String key) throws Exception {
        return ImageFormats.installed().open(SharedData.file(key), null);
    }
}
