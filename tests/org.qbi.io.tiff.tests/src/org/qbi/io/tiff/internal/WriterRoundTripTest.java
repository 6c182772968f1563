package org.qbi.io.tiff.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

/** The TIFF and PNG writers: write, read back, same values and calibration; refusals; atomic replacement. */
class WriterRoundTripTest {

    @TempDir
    Path dir;

    static Stream<Arguments> stacks() {
        return Stream.of(
                Arguments.of(PixelType.UINT8, WriterSamples.axes(13, 9, 4, 1, 1, 1.5, "mm", 1.5, 0, null)),
                Arguments.of(PixelType.UINT16, WriterSamples.axes(12, 10, 3, 2, 2, 0.25, "um", 2.0, 0.5, "s")),
                Arguments.of(PixelType.INT16, WriterSamples.axes(12, 10, 5, 1, 1, 0.065, "um", 0.2, 0, null)),
                Arguments.of(PixelType.FLOAT32, WriterSamples.axes(11, 7, 2, 3, 1, 0.52, "um", 1.0, 0, null)),
                Arguments.of(PixelType.RGB8, WriterSamples.axes(12, 10, 3, 1, 2, 0.5, "mm", 1.25, 30, "s")),
                Arguments.of(PixelType.INT8, WriterSamples.axes(12, 10, 2, 1, 1, 2, "nm", 3, 0, null)),
                Arguments.of(PixelType.UINT32, WriterSamples.axes(12, 10, 2, 1, 1, 1, "um", 1, 0, null)),
                Arguments.of(PixelType.INT32, WriterSamples.axes(12, 10, 2, 1, 1, 1, "um", 1, 0, null)),
                Arguments.of(PixelType.FLOAT64, WriterSamples.axes(12, 10, 2, 1, 1, 1, "um", 1, 0, null)),
                Arguments.of(PixelType.RGBA8, WriterSamples.axes(12, 10, 1, 1, 1, 1, "um", 1, 0, null)));
    }

    @ParameterizedTest
    @MethodSource("stacks")
    void tiffRoundTripKeepsValuesAndCalibration(PixelType type, List<AxisCalibration> axes) throws Exception {
        ArrayImage source = WriterSamples.image(type, axes);
        String expected = Fingerprint.of(source, ProgressMonitor.NULL);
        List<TiffWriter> writers = List.of(new TiffWriter(), TiffWriter.uncompressed());
        for (int w = 0; w < writers.size(); w++) {
            TiffWriter writer = writers.get(w);
            Path file = dir.resolve(type.label() + (w == 0 ? "_deflate" : "_plain") + ".tif");
            writer.write(source, file, ProgressMonitor.NULL);
            try (Image back = ImageFormats.installed().open(file, null)) {
                ImageHeader h = back.header();
                assertEquals(type, h.pixelType());
                assertEquals(expected, Fingerprint.of(back, ProgressMonitor.NULL), "values");
                assertEquals("ImageJ TIFF", h.format());
                for (Axis axis : Axis.values()) {
                    AxisCalibration want = source.header().axis(axis);
                    AxisCalibration got = h.axis(axis);
                    assertEquals(want.size(), got.size(), axis + " size");
                    assertEquals(want.unit(), got.unit(), axis + " unit");
                    assertEquals(want.spacing(), got.spacing(), 1e-12 * want.spacing(), axis + " spacing");
                    assertEquals(want.origin(), got.origin(), 1e-12, axis + " origin");
                }
            }
        }
    }

    @Test
    void originsAndLabelsSurvive() throws Exception {
        List<AxisCalibration> axes = List.of(AxisCalibration.of(Axis.X, 12, 0.1, -0.5, "um"),
                AxisCalibration.of(Axis.Y, 10, 0.1, 2.0, "um"), AxisCalibration.of(Axis.Z, 3, 0.3, -0.9, "um"),
                AxisCalibration.uncalibrated(Axis.C, 1), AxisCalibration.uncalibrated(Axis.T, 1));
        ArrayImage labels = WriterSamples.image(PixelType.LABEL32, axes);
        Path file = dir.resolve("labels.tif");
        new TiffWriter().write(labels, file, ProgressMonitor.NULL);
        try (Image back = ImageFormats.installed().open(file, null)) {
            assertEquals(PixelType.UINT32, back.header().pixelType(), "label32 is stored as uint32");
            assertEquals(Fingerprint.of(labels, ProgressMonitor.NULL), Fingerprint.of(back, ProgressMonitor.NULL));
            assertEquals(-0.5, back.header().axis(Axis.X).origin(), 1e-12);
            assertEquals(2.0, back.header().axis(Axis.Y).origin(), 1e-12);
            assertEquals(-0.9, back.header().axis(Axis.Z).origin(), 1e-12);
        }
    }

    @Test
    void imageJDescriptionOfAHyperstack() {
        ImageHeader header = WriterSamples.image(PixelType.UINT16, WriterSamples.axes(4, 3, 3, 2, 5, 0.25, "um", 2, 0.5, "min"))
                .header();
        assertEquals("ImageJ=1.54f\nimages=30\nchannels=2\nslices=3\nframes=5\nhyperstack=true\nmode=composite\n"
                + "unit=micron\nspacing=2.0\nfinterval=0.5\ntunit=min\nloop=false\n", TiffWriter.imageJDescription(header));
    }

    @Test
    void complexIsRefused() {
        ArrayImage complex = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.COMPLEX_FLOAT32, 4, 4));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TiffWriter().write(complex, dir.resolve("c.tif"), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("complex64"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("c.tif")));
    }

    @Test
    void cancelLeavesNoFileAndKeepsTheOldOne() throws Exception {
        ArrayImage stack = WriterSamples.image(PixelType.UINT8, WriterSamples.axes(8, 8, 5, 1, 1, 1, "um", 1, 0, null));
        Path file = dir.resolve("stack.tif");
        Files.writeString(file, "old content");
        ProgressMonitor cancelAfterTwo = new ProgressMonitor() {
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
                return done >= 2;
            }

            @Override
            public void done() {
            }
        };
        assertThrows(CancelledException.class, () -> new TiffWriter().write(stack, file, cancelAfterTwo));
        assertEquals("old content", Files.readString(file));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
    }

    @Test
    void registryWritesTifAndPng() {
        assertTrue(ImageFormats.installed().writerFor(dir.resolve("a.tif")) instanceof TiffWriter);
        assertTrue(ImageFormats.installed().writerFor(dir.resolve("a.TIFF")) instanceof TiffWriter);
        assertTrue(ImageFormats.installed().writerFor(dir.resolve("a.png")) instanceof PngWriter);
    }

    /** The files in data/writer-interop, which tifffile checked, are what the writer still writes. */
    @Test
    void committedWriterOutputIsCurrent() throws Exception {
        for (WriterSamples.Sample sample : WriterSamples.samples()) {
            Path committed = Fixtures.dir().resolve("writer-interop").resolve(sample.file());
            Path fresh = dir.resolve(sample.file());
            (sample.compressed() ? new TiffWriter() : TiffWriter.uncompressed()).write(sample.image(), fresh,
                    ProgressMonitor.NULL);
            TiffFile a = TiffFile.read(committed);
            TiffFile b = TiffFile.read(fresh);
            assertEquals(a.ifds().size(), b.ifds().size(), sample.file());
            for (int i = 0; i < a.ifds().size(); i++) {
                Map<Integer, String> fa = fields(a.ifds().get(i));
                Map<Integer, String> fb = fields(b.ifds().get(i));
                assertEquals(fa, fb, sample.file() + " page " + i);
            }
            try (Image x = Image.of(new TiffReader().open(committed, null))) {
                assertEquals(Fingerprint.of(sample.image(), ProgressMonitor.NULL), Fingerprint.of(x, ProgressMonitor.NULL));
            }
            if (!sample.compressed()) {
                assertEquals(Files.mismatch(committed, fresh), -1L, "uncompressed files are byte for byte the same");
            }
        }
    }

    /** Every field but where the strips lie and how long they are (Deflate's output may differ between zlibs). */
    private static Map<Integer, String> fields(TiffFile.Ifd ifd) {
        Map<Integer, String> out = new TreeMap<>();
        ifd.fields().forEach((tag, f) -> {
            if (tag != 273 && tag != 279) {
                out.put(tag, f.type() + ":" + f.count() + ":" + java.util.HexFormat.of().formatHex(f.value()));
            }
        });
        return out;
    }

    // ---- PNG

    @Test
    void png8BitRoundTripsExactly() throws Exception {
        for (PixelType type : List.of(PixelType.UINT8, PixelType.RGB8, PixelType.RGBA8)) {
            ArrayImage image = WriterSamples.image(type, WriterSamples.axes(17, 11, 1, 1, 1, 1, "um", 1, 0, null));
            Path file = dir.resolve(type.label() + ".png");
            new PngWriter().write(image, file, ProgressMonitor.NULL);
            try (Image back = ImageFormats.installed().open(file, null)) {
                assertEquals("PNG", back.header().format());
                assertEquals(type, back.header().pixelType());
                assertEquals(Fingerprint.of(image, ProgressMonitor.NULL), Fingerprint.of(back, ProgressMonitor.NULL), type.label());
                assertTrue(back.header().metadata().get("png:Text.Comment").isEmpty(), "no mapping for 8-bit");
            }
        }
    }

    @Test
    void png16BitGetsALinearDisplayMapping() throws Exception {
        ImageHeader header = ImageHeader.uncalibrated(PixelType.UINT16, 256, 2);
        ArrayImage ramp = ArrayImage.allocate(header);
        for (int i = 0; i < 512; i++) {
            PixelValues.set(PixelType.UINT16, ramp.values(), i, 1000 + 10 * (i % 256));
        }
        Path file = dir.resolve("ramp.png");
        new PngWriter().write(ramp, file, ProgressMonitor.NULL);
        try (Image back = ImageFormats.installed().open(file, null); Arena arena = Arena.ofConfined()) {
            assertEquals(PixelType.UINT8, back.header().pixelType());
            MemorySegment plane = back.readPlane(0, 0, 0, arena);
            for (int x = 0; x < 256; x++) {
                assertEquals(x, PixelValues.get(PixelType.UINT8, plane, x), "1000 + 10x maps to x");
            }
            assertEquals("QBI display mapping: uint16 1000 .. 3550 linearly to 0 .. 255",
                    back.header().metadata().text("png:Text.Comment").orElseThrow());
        }
    }

    @Test
    void pngOfFloatsWithNaN() throws Exception {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.FLOAT32, 3, 1));
        PixelValues.set(PixelType.FLOAT32, image.values(), 0, -2.5);
        PixelValues.set(PixelType.FLOAT32, image.values(), 1, Double.NaN);
        PixelValues.set(PixelType.FLOAT32, image.values(), 2, 7.5);
        Path file = dir.resolve("nan.png");
        new PngWriter().write(image, file, ProgressMonitor.NULL);
        try (Image back = ImageFormats.installed().open(file, null)) {
            ValueStatistics s = ImageStatistics.of(back, ProgressMonitor.NULL);
            assertEquals(0, s.min());
            assertEquals(255, s.max());
            assertEquals(85, s.mean(), 1e-12, "-2.5 -> 0, NaN -> 0, 7.5 -> 255");
        }
    }

    @Test
    void pngRefusesStacks() {
        ArrayImage stack = WriterSamples.image(PixelType.UINT8, WriterSamples.axes(8, 8, 3, 1, 1, 1, "um", 1, 0, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new PngWriter().write(stack, dir.resolve("s.png"), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("one 2-D image") && e.getMessage().contains("TIFF"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("s.png")));
    }
}
