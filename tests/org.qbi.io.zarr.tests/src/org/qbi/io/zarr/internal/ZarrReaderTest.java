package org.qbi.io.zarr.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import java.util.zip.Deflater;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The Zarr reader against stores written by Python's zarr 2.13 (data/, see make_fixtures.py) and broken ones. */
class ZarrReaderTest {

    static final Path DATA = Path.of("data").toAbsolutePath();
    private static JsonNode expected;

    private final ZarrReader reader = new ZarrReader();

    @BeforeAll
    static void readExpected() throws IOException {
        assertTrue(Files.isRegularFile(DATA.resolve("expected.json")), "fixtures in " + DATA);
        expected = new ObjectMapper().readTree(DATA.resolve("expected.json").toFile());
    }

    static Stream<Arguments> fixtures() throws IOException {
        JsonNode all = new ObjectMapper().readTree(DATA.resolve("expected.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        all.properties().forEach(store -> store.getValue().properties()
                .forEach(array -> cases.add(Arguments.of(store.getKey(), array.getKey()))));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("fixtures")
    void fixtureMatchesPython(String store, String array) throws IOException {
        JsonNode want = expected.get(store).get(array);
        try (Image image = Image.of(reader.open(DATA.resolve(store), array.isEmpty() ? null : array))) {
            ImageHeader header = image.header();
            assertEquals(want.get("pixel_type").asText(), header.pixelType().label(), "pixel type");
            List<Long> sizes = new ArrayList<>();
            want.get("sizes_x_first").forEach(n -> sizes.add(n.asLong()));
            assertEquals(sizes, ImageAssertions.nonSingleton(header), "sizes");
            assertEquals(want.get("sha256").asText(), Fingerprint.of(image, ProgressMonitor.NULL), "fingerprint");
            if (header.pixelType().samplesPerPixel() == 1) {
                ValueStatistics stats = ImageStatistics.of(image, ProgressMonitor.NULL);
                assertEquals(want.get("min").asDouble(), stats.min(), "min");
                assertEquals(want.get("max").asDouble(), stats.max(), "max");
            }
            if (want.has("spacing_x_first")) {
                for (int a = 0; a < 3; a++) {
                    AxisCalibration axis = header.axes().get(a);
                    assertEquals(want.get("spacing_x_first").get(a).asDouble(), axis.spacing(), 1e-12, "spacing " + a);
                    assertEquals(want.get("origin_x_first").get(a).asDouble(), axis.origin(), 1e-12, "origin " + a);
                    assertEquals(want.get("unit").asText(), axis.unit(), "unit " + a);
                }
            } else {
                assertFalse(header.axis(Axis.X).isCalibrated(), "plain Zarr has no calibration");
            }
        }
    }

    @Test
    void detectedAndOpenedThroughTheFormatRegistry() throws IOException {
        Path store = DATA.resolve("blosc_lz4_default.zarr");
        assertTrue(reader.canRead(Probe.of(store)));
        assertTrue(reader.canRead(Probe.of(store.resolve(".zarray"))));
        assertFalse(reader.canRead(Probe.of(DATA.resolve("expected.json"))));
        try (Image image = ImageFormats.installed().open(store, null)) {
            assertEquals("Zarr", image.header().format());
            assertEquals(expected.get("blosc_lz4_default.zarr").get("").get("sha256").asText(),
                    Fingerprint.of(image, ProgressMonitor.NULL));
            assertArrayEquals(new long[] { 16, 8, 2, 1, 1 }, image.grid().chunkSize(), "one QBI chunk per Zarr chunk");
            assertEquals("{\"blocksize\":0,\"clevel\":5,\"cname\":\"lz4\",\"id\":\"blosc\",\"shuffle\":1}",
                    image.header().metadata().text("zarr:compressor").orElseThrow());
        }
        try (Image image = ImageFormats.installed().open(store.resolve(".zarray"), null)) {
            assertEquals(List.of(30L, 20L, 5L), ImageAssertions.nonSingleton(image.header()), "opened by its .zarray");
        }
    }

    @Test
    void groupListsItsImageArraysAndOpensTheLargest() throws IOException {
        Path store = DATA.resolve("group.zarr");
        assertEquals(List.of("labels/seg", "raw"), reader.entries(store));
        assertEquals(List.of(), reader.entries(DATA.resolve("zlib.zarr")), "a single array has no entries");
        try (ChunkSource source = reader.open(store, null)) {
            assertEquals(PixelType.UINT8, source.header().pixelType(), "raw (4 x 12 x 14) is the largest");
            assertEquals("QBI Zarr fixture: a group", source.header().metadata().text("zarr:group@description")
                    .orElseThrow());
        }
        try (ChunkSource source = reader.open(store, "/labels/seg/")) {
            assertEquals(PixelType.UINT32, source.header().pixelType());
        }
    }

    @Test
    void ngffDefaultIsTheFullResolutionWithItsCalibration() throws IOException {
        try (ChunkSource source = reader.open(DATA.resolve("ngff.zarr"), null)) {
            ImageHeader header = source.header();
            assertEquals("OME-Zarr", header.format());
            assertEquals(List.of(40L, 32L, 8L), ImageAssertions.nonSingleton(header));
            assertEquals(0.25, header.axis(Axis.X).spacing());
            assertEquals("um", header.axis(Axis.Z).unit());
            assertEquals("0.4", header.metadata().text("zarr:ngff").orElseThrow());
        }
        try (ChunkSource source = reader.open(DATA.resolve("ngff.zarr/1"), null)) {
            assertEquals(1.0, source.header().axis(Axis.Y).spacing(), "an NGFF array opened directly finds its group");
        }
    }

    @Test
    void ngffChannelsAndTimeGoOnTheirAxes() throws IOException {
        try (ChunkSource source = reader.open(DATA.resolve("ngff_tczyx.zarr"), null)) {
            assertArrayEquals(new long[] { 12, 10, 4, 3, 2 }, source.header().dimensions());
            assertEquals(30.0, source.header().axis(Axis.T).spacing());
            assertEquals("s", source.header().axis(Axis.T).unit());
            assertFalse(source.header().axis(Axis.C).isCalibrated());
        }
    }

    @Test
    void missingChunksHoldTheFillValue() throws IOException {
        try (Image image = Image.of(reader.open(DATA.resolve("missing_chunks.zarr"), null));
                Arena arena = Arena.ofConfined()) {
            MemorySegment plane = image.readPlane(3, 0, 0, arena);
            assertEquals(42, PixelValues.get(PixelType.UINT16, plane, 0), "fill value");
            assertEquals(7, PixelValues.get(PixelType.UINT16, plane, 15 * 20 + 19), "the value written");
        }
    }

    @Test
    void chunksReadFromManyThreadsAtOnceAreTheSequentialOnes() throws Exception {
        Path store = DATA.resolve("blosc_lz4_blocks.zarr");
        String want = expected.get("blosc_lz4_blocks.zarr").get("").get("sha256").asText();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                results.add(pool.submit(() -> {
                    try (Image image = Image.of(reader.open(store, null))) {
                        return Fingerprint.of(image, ProgressMonitor.NULL);
                    }
                }));
            }
            for (Future<String> result : results) {
                assertEquals(want, result.get());
            }
        } finally {
            pool.shutdown();
        }
    }

    // ---- bad input ------------------------------------------------------------------------------------------

    @Test
    void negativeShapeIsRefused(@TempDir Path dir) throws IOException {
        Path store = copy("zlib.zarr", dir);
        editZarray(store, z -> z.putArray("shape").add(-1).add(25).add(35));
        FormatException e = assertThrows(FormatException.class, () -> reader.open(store, null));
        assertTrue(e.getMessage().startsWith(store.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("shape [-1, 25, 35] with a negative size"), e.getMessage());
    }

    @Test
    void shapeBeyondAnyByteCountIsRefused(@TempDir Path dir) throws IOException {
        Path store = copy("zlib.zarr", dir);
        long huge = 1L << 40;
        editZarray(store, z -> z.putArray("shape").add(huge).add(huge).add(huge));
        FormatException e = assertThrows(FormatException.class, () -> reader.open(store, null));
        assertTrue(e.getMessage().contains("more bytes than a 64-bit size can count"), e.getMessage());
        // Large but countable: opens lazily, unwritten chunks read as the fill value.
        editZarray(store, z -> z.putArray("shape").add(100_000).add(100_000).add(100_000));
        try (ChunkSource source = reader.open(store, null)) {
            assertEquals(4_000_000_000_000_000L, source.header().byteCount());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "<U8", "<i8", "|O", "float32" })
    void unknownDtypeIsRefused(String dtype, @TempDir Path dir) throws IOException {
        Path store = copy("zlib.zarr", dir);
        editZarray(store, z -> z.put("dtype", dtype));
        FormatException e = assertThrows(FormatException.class, () -> reader.open(store, null));
        assertTrue(e.getMessage().contains("dtype '" + dtype + "'"), e.getMessage());
    }

    @Test
    void truncatedBloscChunkFailsOnRead(@TempDir Path dir) throws IOException {
        Path store = copy("blosc_lz4_blocks.zarr", dir);
        Path chunk = store.resolve("1.0.0");
        byte[] bytes = Files.readAllBytes(chunk);
        Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length - 100));
        FormatException e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().startsWith(store.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("chunk 1.0.0"), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void truncatedZlibChunkFailsOnRead(@TempDir Path dir) throws IOException {
        Path store = copy("zlib.zarr", dir);
        Path chunk = store.resolve("0.1.2");
        byte[] bytes = Files.readAllBytes(chunk);
        Files.write(chunk, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        FormatException e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().contains("chunk 0.1.2: its zlib data"), e.getMessage());
    }

    @Test
    void chunkDecompressingToTheWrongSizeFailsOnRead(@TempDir Path dir) throws IOException {
        Path store = copy("zlib.zarr", dir);
        Files.write(store.resolve("1.0.0"), zlib(new byte[399]));
        FormatException e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().contains("chunk 1.0.0: its zlib data decompresses to 399 bytes, a chunk holds 800"),
                e.getMessage());
        Files.write(store.resolve("1.0.0"), zlib(new byte[1 << 20]));
        e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().contains("decompresses to more than the 800 bytes a chunk holds"), e.getMessage());
    }

    @Test
    void bloscHeaderClaimingAnotherSizeFailsOnRead(@TempDir Path dir) throws IOException {
        Path store = copy("blosc_lz4_default.zarr", dir);
        Path chunk = store.resolve("0.0.0");
        byte[] bytes = Files.readAllBytes(chunk);
        bytes[4] = (byte) 0xff;
        bytes[5] = (byte) 0xff;
        bytes[6] = (byte) 0xff;
        bytes[7] = (byte) 0x7f;
        Files.write(chunk, bytes);
        FormatException e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().contains("its Blosc header says it holds 2147483647 bytes, a chunk holds 512"),
                e.getMessage());
    }

    @Test
    void uncompressedChunkOfTheWrongLengthFailsOnRead(@TempDir Path dir) throws IOException {
        Path store = copy("order_f_raw.zarr", dir);
        Files.write(store.resolve("0.0.0"), new byte[100]);
        FormatException e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().contains("it has 100 bytes, an uncompressed chunk has 192"), e.getMessage());
        Files.write(store.resolve("0.0.0"), new byte[10_000]);
        e = assertThrows(FormatException.class, () -> fingerprint(store, null));
        assertTrue(e.getMessage().contains("has 10000 bytes, more than a chunk of 192 bytes can be stored in"),
                e.getMessage());
    }

    @Test
    void zarrV3AndFoldersThatAreNoStoreAreRefused(@TempDir Path dir) throws IOException {
        Path v3 = Files.createDirectory(dir.resolve("v3.zarr"));
        Files.writeString(v3.resolve("zarr.json"), "{\"zarr_format\": 3, \"node_type\": \"array\"}");
        assertTrue(reader.canRead(Probe.of(v3)));
        FormatException e = assertThrows(FormatException.class, () -> reader.open(v3, null));
        assertTrue(e.getMessage().contains("Zarr v3"), e.getMessage());
        Path empty = Files.createDirectory(dir.resolve("empty.zarr"));
        assertFalse(reader.canRead(Probe.of(empty)));
        e = assertThrows(FormatException.class, () -> reader.open(empty, null));
        assertTrue(e.getMessage().contains("neither .zarray nor .zgroup"), e.getMessage());
    }

    @Test
    void entriesThatDoNotExistOrLeaveTheStoreAreRefused() {
        Path store = DATA.resolve("group.zarr");
        FormatException missing = assertThrows(FormatException.class, () -> reader.open(store, "labels/cells"));
        assertTrue(missing.getMessage().contains("no array 'labels/cells'; its arrays are: labels/seg, raw"),
                missing.getMessage());
        FormatException outside = assertThrows(FormatException.class, () -> reader.open(store, "../zlib.zarr"));
        assertTrue(outside.getMessage().contains("not a path inside the Zarr store"), outside.getMessage());
        FormatException line = assertThrows(FormatException.class, () -> reader.open(store, "line"));
        assertTrue(line.getMessage().contains("1 dimension (shape [50])"), line.getMessage());
    }

    @Test
    void brokenMetadataIsRefused(@TempDir Path dir) throws IOException {
        Path store = copy("zlib.zarr", dir);
        Files.writeString(store.resolve(".zarray"), "{\"zarr_format\": 2, \"shape\": [3, 25");
        FormatException e = assertThrows(FormatException.class, () -> reader.open(store, null));
        assertTrue(e.getMessage().contains(".zarray is not valid JSON"), e.getMessage());
        Path filtered = copy("gzip.zarr", dir);
        editZarray(filtered, z -> z.putArray("filters").addObject().put("id", "delta").put("dtype", "|u1"));
        e = assertThrows(FormatException.class, () -> reader.open(filtered, null));
        assertTrue(e.getMessage().contains("filters"), e.getMessage());
        Path bz2 = copy("gzip.zarr", dir.resolve("more"));
        editZarray(bz2, z -> z.putObject("compressor").put("id", "bz2"));
        e = assertThrows(FormatException.class, () -> reader.open(bz2, null));
        assertTrue(e.getMessage().contains("compressor 'bz2' is not one QBI reads"), e.getMessage());
    }

    @Test
    void readingLeavesTheStoreUnchanged() throws Exception {
        Path store = DATA.resolve("nested_separator.zarr");
        List<String> before = listing(store);
        fingerprint(store, null);
        assertEquals(before, listing(store));
    }

    // ---- helpers --------------------------------------------------------------------------------------------

    private String fingerprint(Path store, String entry) throws IOException {
        try (Image image = Image.of(reader.open(store, entry))) {
            return Fingerprint.of(image, ProgressMonitor.NULL);
        }
    }

    static Path copy(String name, Path dir) throws IOException {
        Path from = DATA.resolve(name);
        Path to = dir.resolve(name);
        Files.walkFileTree(from, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
                Files.createDirectories(to.resolve(from.relativize(d).toString()));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.copy(file, to.resolve(from.relativize(file).toString()));
                return FileVisitResult.CONTINUE;
            }
        });
        return to;
    }

    private static void editZarray(Path store, java.util.function.Consumer<ObjectNode> edit) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode zarray = (ObjectNode) json.readTree(store.resolve(".zarray").toFile());
        edit.accept(zarray);
        Files.writeString(store.resolve(".zarray"), json.writeValueAsString(zarray));
    }

    private static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] out = new byte[data.length + 64];
        int n = deflater.deflate(out);
        deflater.end();
        return java.util.Arrays.copyOf(out, n);
    }

    private static List<String> listing(Path store) throws IOException {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(store)) {
            files.forEach(f -> {
                try {
                    entries.add(store.relativize(f) + " " + (Files.isRegularFile(f) ? Files.size(f) + " "
                            + Files.getLastModifiedTime(f) : "dir"));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        entries.sort(null);
        return entries;
    }
}
