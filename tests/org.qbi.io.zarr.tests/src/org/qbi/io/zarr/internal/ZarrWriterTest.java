package org.qbi.io.zarr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.qbi.core.image.ArrayImage;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.Orientation;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.Rescale;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Zarr writer: round trips of every pixel type, OME-NGFF attributes, atomic replace, and Python reading it. */
class ZarrWriterTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Small chunk edges so that small images have many chunks and partial ones at the edges. */
    private final ZarrWriter writer = new ZarrWriter(16, 32);
    private final ZarrReader reader = new ZarrReader();

    @ParameterizedTest
    @EnumSource(PixelType.class)
    void everyPixelTypeRoundTrips(PixelType type, @TempDir Path dir) throws IOException {
        ArrayImage image = image(type, new long[] { 37, 29, 5, 1, 1 }, 7);
        Path target = dir.resolve("round-trip.zarr");
        writer.write(image, target, ProgressMonitor.NULL);
        assertRoundTrip(image, target);
    }

    @Test
    void planesChannelsAndTimeRoundTrip(@TempDir Path dir) throws IOException {
        for (long[] dims : List.of(new long[] { 70, 45, 1, 1, 1 }, new long[] { 20, 18, 6, 3, 1 },
                new long[] { 17, 19, 3, 2, 4 }, new long[] { 40, 33, 1, 1, 3 })) {
            ArrayImage image = image(PixelType.UINT16, dims, 11);
            Path target = dir.resolve("dims-" + dims[2] + "-" + dims[3] + "-" + dims[4] + ".zarr");
            writer.write(image, target, ProgressMonitor.NULL);
            assertRoundTrip(image, target);
        }
    }

    @Test
    void attributesAreOmeNgffWithQbiCalibration(@TempDir Path dir) throws IOException {
        ArrayImage image = image(PixelType.INT16, new long[] { 40, 30, 20, 2, 1 }, 3);
        Path target = dir.resolve("scan.ome.zarr");
        writer.write(image, target, ProgressMonitor.NULL);
        assertEquals(2, JSON.readTree(target.resolve(".zgroup").toFile()).get("zarr_format").asInt());
        JsonNode attributes = JSON.readTree(target.resolve(".zattrs").toFile());
        JsonNode multiscale = attributes.get("multiscales").get(0);
        assertEquals("0.4", multiscale.get("version").asText());
        assertEquals("scan.ome", multiscale.get("name").asText());
        assertEquals("[{\"name\":\"c\",\"type\":\"channel\"},{\"name\":\"z\",\"type\":\"space\",\"unit\":\"millimeter\"},"
                + "{\"name\":\"y\",\"type\":\"space\",\"unit\":\"millimeter\"},"
                + "{\"name\":\"x\",\"type\":\"space\",\"unit\":\"millimeter\"}]", multiscale.get("axes").toString());
        JsonNode transformations = multiscale.get("datasets").get(0).get("coordinateTransformations");
        assertEquals("[1.0,2.5,0.75,0.5]", transformations.get(0).get("scale").toString());
        assertEquals("[0.0,-30.0,20.0,10.0]", transformations.get(1).get("translation").toString());
        JsonNode qbi = attributes.get("qbi");
        assertEquals("int16", qbi.get("pixel_type").asText());
        assertEquals("[\"c\",\"z\",\"y\",\"x\"]", qbi.get("dimensions").toString());
        assertEquals("HU", qbi.get("rescale").get("unit").asText());
        JsonNode zarray = JSON.readTree(target.resolve("0/.zarray").toFile());
        assertEquals("[2,20,30,40]", zarray.get("shape").toString());
        assertEquals("[1,16,16,16]", zarray.get("chunks").toString());
        assertEquals("<i2", zarray.get("dtype").asText());
        assertEquals("/", zarray.get("dimension_separator").asText());
        assertEquals("{\"blocksize\":0,\"clevel\":5,\"cname\":\"lz4\",\"id\":\"blosc\",\"shuffle\":1}",
                zarray.get("compressor").toString());
        assertTrue(Files.isRegularFile(target.resolve("0/1/1/1/2")), "chunk c=1 z=1 y=1 x=2 in nested folders");
    }

    @Test
    void defaultChunksAre64CubedForVolumesAnd256SquaredForPlanes(@TempDir Path dir) throws IOException {
        ZarrWriter defaults = new ZarrWriter();
        defaults.write(image(PixelType.UINT8, new long[] { 100, 70, 65, 1, 1 }, 1), dir.resolve("v.zarr"),
                ProgressMonitor.NULL);
        assertEquals("[64,64,64]", JSON.readTree(dir.resolve("v.zarr/0/.zarray").toFile()).get("chunks").toString());
        defaults.write(image(PixelType.UINT8, new long[] { 300, 100, 1, 1, 1 }, 1), dir.resolve("p.zarr"),
                ProgressMonitor.NULL);
        assertEquals("[100,256]", JSON.readTree(dir.resolve("p.zarr/0/.zarray").toFile()).get("chunks").toString());
    }

    @Test
    void optionsSetTheChunkEdgeAndTheCompression(@TempDir Path dir) throws IOException {
        ArrayImage image = image(PixelType.UINT16, new long[] { 50, 40, 12, 1, 1 }, 5);
        for (String compression : List.of("blosc-lz4", "zlib", "none")) {
            Path target = dir.resolve(compression + ".zarr");
            new ZarrWriter().write(image, target, java.util.Map.of("chunk", "32", "compression", compression),
                    ProgressMonitor.NULL);
            JsonNode zarray = JSON.readTree(target.resolve("0/.zarray").toFile());
            assertEquals("[12,32,32]", zarray.get("chunks").toString());
            assertEquals(switch (compression) {
                case "zlib" -> "{\"id\":\"zlib\",\"level\":1}";
                case "none" -> "null";
                default -> "{\"blocksize\":0,\"clevel\":5,\"cname\":\"lz4\",\"id\":\"blosc\",\"shuffle\":1}";
            }, zarray.get("compressor").toString());
            assertRoundTrip(image, target);
        }
        assertEquals(2 * 32 * 32 * 12, Files.size(dir.resolve("none.zarr/0/0/1/1")), "uncompressed: the chunk's bytes");
        IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> new ZarrWriter()
                .write(image, dir.resolve("x.zarr"), java.util.Map.of("level", "9"), ProgressMonitor.NULL));
        assertTrue(unknown.getMessage().contains("not 'level'"), unknown.getMessage());
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class, () -> new ZarrWriter()
                .write(image, dir.resolve("x.zarr"), java.util.Map.of("chunk", "0"), ProgressMonitor.NULL));
        assertTrue(zero.getMessage().contains("chunk edge '0'"), zero.getMessage());
        IllegalArgumentException bz2 = assertThrows(IllegalArgumentException.class, () -> new ZarrWriter()
                .write(image, dir.resolve("x.zarr"), java.util.Map.of("compression", "bz2"), ProgressMonitor.NULL));
        assertTrue(bz2.getMessage().contains("compression 'bz2'"), bz2.getMessage());
        assertFalse(Files.exists(dir.resolve("x.zarr")));
    }

    @Test
    void chunksOfZerosAreNotWritten(@TempDir Path dir) throws IOException {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.UINT32, 64, 64, 4));
        PixelValues.set(PixelType.UINT32, image.values(), 64 * 64 * 2 + 64 * 40 + 50, 123456);
        Path target = dir.resolve("sparse.zarr");
        writer.write(image, target, ProgressMonitor.NULL);
        try (Stream<Path> files = Files.walk(target.resolve("0"))) {
            assertEquals(List.of("0/2/3"), files.filter(Files::isRegularFile)
                    .map(f -> target.resolve("0").relativize(f).toString()).filter(f -> !f.startsWith(".")).toList());
        }
        assertRoundTrip(image, target);
    }

    @Test
    void registeredForZarrAndOmeZarrNames() {
        assertInstanceOf(ZarrWriter.class, ImageFormats.installed().writerFor(Path.of("out.zarr")));
        assertInstanceOf(ZarrWriter.class, ImageFormats.installed().writerFor(Path.of("out.ome.zarr")));
    }

    @Test
    void rgbWithSeveralChannelsIsRefused(@TempDir Path dir) {
        ArrayImage image = ArrayImage.allocate(ImageHeader.uncalibrated(PixelType.RGB8, 4, 4, 1, 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> writer.write(image, dir.resolve("rgb.zarr"), ProgressMonitor.NULL));
        assertTrue(e.getMessage().contains("rgb8 image with 2 channels"), e.getMessage());
        assertEquals(0, count(dir), "nothing left behind");
    }

    // ---- atomic replace -------------------------------------------------------------------------------------

    @Test
    void rewritingReplacesTheWholeStore(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("scan.zarr");
        writer.write(image(PixelType.FLOAT32, new long[] { 50, 50, 10, 1, 1 }, 1), target, ProgressMonitor.NULL);
        ArrayImage second = image(PixelType.UINT8, new long[] { 20, 10, 1, 1, 1 }, 2);
        writer.write(second, target, ProgressMonitor.NULL);
        assertRoundTrip(second, target);
        assertFalse(Files.exists(target.resolve("0/9")), "no chunk of the first store survives");
        assertEquals(List.of("scan.zarr"), names(dir), "no temporary or old folder left beside it");
    }

    @Test
    void failureWhileWritingLeavesTheOldStore(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("scan.zarr");
        ArrayImage first = image(PixelType.UINT16, new long[] { 40, 40, 8, 1, 1 }, 1);
        writer.write(first, target, ProgressMonitor.NULL);
        Image failing = new FailingImage(image(PixelType.UINT16, new long[] { 40, 40, 8, 1, 1 }, 9), 5);
        IOException e = assertThrows(IOException.class, () -> writer.write(failing, target, ProgressMonitor.NULL));
        assertEquals("disk gone", e.getMessage());
        assertRoundTrip(first, target);
        assertEquals(List.of("scan.zarr"), names(dir));
    }

    @Test
    void cancelLeavesNothing(@TempDir Path dir) {
        Path target = dir.resolve("new.zarr");
        ProgressMonitor cancelAfterThree = new ProgressMonitor() {
            private long work;

            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long units) {
                work += units;
            }

            @Override
            public boolean isCanceled() {
                return work >= 3;
            }

            @Override
            public void done() {
            }
        };
        assertThrows(CancelledException.class, () -> writer.write(image(PixelType.UINT8,
                new long[] { 64, 64, 4, 1, 1 }, 1), target, cancelAfterThree));
        assertEquals(0, count(dir), "neither the target nor a temporary folder");
    }

    // ---- Python reads what QBI writes -----------------------------------------------------------------------

    /**
     * Writes one store per pixel type (and a 5-D one) into target/qbi-zarr-interop and runs
     * data/read_qbi_output.py on them with Python's zarr, which must read the same values. Skipped where
     * /usr/bin/python3 with zarr is missing; data/python-interop.txt records a run.
     */
    @Test
    void pythonReadsWhatQbiWrites() throws Exception {
        Path out = Path.of("target/qbi-zarr-interop").toAbsolutePath();
        org.qbi.core.io.FileTrees.deleteTree(out);
        Files.createDirectories(out);
        ObjectNode expected = JSON.createObjectNode();
        List<ArrayImage> images = new ArrayList<>();
        for (PixelType type : PixelType.values()) {
            images.add(image(type, new long[] { 70, 45, 9, 1, 1 }, type.ordinal()));
        }
        images.add(image(PixelType.INT16, new long[] { 33, 21, 5, 3, 2 }, 99));
        images.add(image(PixelType.FLOAT32, new long[] { 300, 200, 1, 1, 1 }, 98));
        // Chunks of 10 x 64 x 64 float64 = 320 KiB: a full Blosc block of 256 KiB and a shorter last one.
        images.add(smooth(image(PixelType.FLOAT64, new long[] { 130, 70, 10, 1, 1 }, 97)));
        for (int i = 0; i < images.size() + 2; i++) {
            // The last two: the first image again with compression zlib and none.
            ArrayImage image = images.get(i < images.size() ? i : 0);
            String compression = i < images.size() ? "blosc-lz4" : i == images.size() ? "zlib" : "none";
            ImageHeader header = image.header();
            String name = header.pixelType().label() + "-" + header.size(Axis.X) + "x" + header.size(Axis.Y) + "x"
                    + header.size(Axis.Z) + "x" + header.size(Axis.C) + "x" + header.size(Axis.T)
                    + (compression.equals("blosc-lz4") ? "" : "-" + compression) + ".zarr";
            new ZarrWriter().write(image, out.resolve(name), java.util.Map.of("compression", compression),
                    ProgressMonitor.NULL);
            ObjectNode want = expected.putObject(name);
            want.put("sha256", Fingerprint.of(image, ProgressMonitor.NULL));
            want.put("numpy_dtype", numpyDtype(header.pixelType()));
            JsonNode shape = JSON.readTree(out.resolve(name).resolve("0/.zarray").toFile()).get("shape");
            want.set("numpy_shape", shape);
        }
        Files.writeString(out.resolve("expected.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(expected));
        Path python = Path.of("/usr/bin/python3");
        Assumptions.assumeTrue(Files.isExecutable(python), "no /usr/bin/python3: Python interop not checked");
        Process probe = new ProcessBuilder(python.toString(), "-c", "import zarr").redirectErrorStream(true).start();
        Assumptions.assumeTrue(probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0,
                "Python has no zarr module: interop not checked");
        Process run = new ProcessBuilder(python.toString(), ZarrReaderTest.DATA.resolve("read_qbi_output.py").toString(),
                out.toString()).redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(run.waitFor(120, TimeUnit.SECONDS), "python finished");
        Files.writeString(out.resolve("python-output.txt"), output);
        assertEquals(0, run.exitValue(), output);
        assertEquals(images.size() + 2, output.lines().filter(l -> l.startsWith("OK ")).count(), output);
    }

    private static String numpyDtype(PixelType type) {
        return switch (type) {
            case RGB8, RGBA8 -> "uint8";
            case LABEL32 -> "uint32";
            default -> type.label();
        };
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private void assertRoundTrip(Image written, Path target) throws IOException {
        try (Image read = Image.of(reader.open(target, null))) {
            ImageHeader want = written.header();
            ImageHeader got = read.header();
            assertEquals("OME-Zarr", got.format());
            assertEquals(want.pixelType(), got.pixelType(), "pixel type");
            assertArrayEquals(want.dimensions(), got.dimensions(), "dimensions");
            assertEquals(want.axes(), got.axes(), "calibration");
            assertEquals(want.rescale(), got.rescale(), "rescale");
            assertEquals(want.orientation().map(o -> List.of(box(o.cosines()))),
                    got.orientation().map(o -> List.of(box(o.cosines()))), "orientation");
            assertEquals(Fingerprint.of(written, ProgressMonitor.NULL), Fingerprint.of(read, ProgressMonitor.NULL),
                    "values");
        }
    }

    private static Double[] box(double[] values) {
        return java.util.Arrays.stream(values).boxed().toArray(Double[]::new);
    }

    /** A calibrated image of random values over the type's whole range (seeded). */
    static ArrayImage image(PixelType type, long[] dims, long seed) {
        List<AxisCalibration> axes = List.of(AxisCalibration.of(Axis.X, dims[0], 0.5, 10, "mm"),
                AxisCalibration.of(Axis.Y, dims[1], 0.75, 20, "mm"), AxisCalibration.of(Axis.Z, dims[2], 2.5, -30, "mm"),
                AxisCalibration.uncalibrated(Axis.C, dims[3]), AxisCalibration.of(Axis.T, dims[4], 1.5, 0, "s"));
        ImageHeader header = new ImageHeader("test", type, axes,
                Optional.of(Orientation.of(0, 1, 0, -1, 0, 0, 0, 0, 1)), new Rescale(0.5, -1024, "HU"), Metadata.EMPTY);
        ArrayImage image = ArrayImage.allocate(header);
        Random random = new Random(seed);
        MemorySegment values = image.values();
        long samples = header.pixelCount() * type.samplesPerPixel();
        for (long i = 0; i < samples; i++) {
            double v = type.isInteger() ? type.minValue() + Math.floor(random.nextDouble() * (type.maxValue() - type.minValue() + 1))
                    : random.nextGaussian() * 1000;
            PixelValues.set(type, values, i, v);
        }
        return image;
    }

    /** Values with structure (compressible, as real images are) instead of noise. */
    private static ArrayImage smooth(ArrayImage image) {
        MemorySegment values = image.values();
        long n = image.header().pixelCount();
        for (long i = 0; i < n; i++) {
            PixelValues.set(image.header().pixelType(), values, i, (i % 131) * 0.25 + (i / 9100));
        }
        return image;
    }

    private static long count(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** An image whose chunks fail after a number of reads, as a disk that goes away. */
    private record FailingImage(Image image, int failAfter, int[] reads) implements Image {
        FailingImage(Image image, int failAfter) {
            this(image, failAfter, new int[1]);
        }

        @Override
        public ImageHeader header() {
            return image.header();
        }

        @Override
        public ChunkGrid grid() {
            return image.grid();
        }

        @Override
        public MemorySegment chunk(long[] index) throws IOException {
            if (++reads[0] > failAfter) {
                throw new IOException("disk gone");
            }
            return image.chunk(index);
        }
    }
}
