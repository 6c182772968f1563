package org.qbi.io.hdf5.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
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
import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.Fingerprint;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.ImageStatistics;
import org.qbi.core.image.Metadata;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.PixelValues;
import org.qbi.core.image.ValueStatistics;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.Probe;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.io.testing.ImageAssertions;
import org.qbi.io.testing.SharedData;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The HDF5 reader against the shared micro-CT re-pack, h5py-written fixtures (data/) and broken files. */
class Hdf5ReaderTest {

    private static final String SHARED = "derived/bone_7H3A_B1_100slices.h5";
    private static final Path DATA = Path.of("data").toAbsolutePath();
    private static JsonNode expected;

    private final Hdf5Reader reader = new Hdf5Reader();

    @BeforeAll
    static void readExpected() throws IOException {
        assertTrue(Files.isRegularFile(DATA.resolve("expected.json")), "fixtures in " + DATA);
        expected = new ObjectMapper().readTree(DATA.resolve("expected.json").toFile());
    }

    // ---- the shared real data -------------------------------------------------------------------------------

    @Test
    void chunkedGzipVolumeMatchesTruth() throws IOException {
        Path file = SharedData.file(SHARED);
        JsonNode truth = SharedData.truth(SHARED).get("datasets").get("/volume");
        try (Image image = ImageFormats.installed().open(file, "/volume")) {
            assertEquals("HDF5", image.header().format());
            ImageAssertions.assertMatches(image, truth, true);
            // HDF5 chunks of 175 x 125 x 10 (x, y, z) grouped into QBI chunks of whole planes.
            assertArrayEquals(new long[] { 350, 250, 10, 1, 1 }, image.grid().chunkSize());
            assertFalse(image.header().axis(Axis.X).isCalibrated(), "no calibration attributes: uncalibrated");
            assertEquals("chunked 10x125x175, deflate 4", image.header().metadata().text("hdf5:layout").orElseThrow());
        }
    }

    @Test
    void contiguousVolumeMatchesTruth() throws IOException {
        Path file = SharedData.file(SHARED);
        JsonNode truth = SharedData.truth(SHARED).get("datasets").get("/volume_contiguous");
        try (Image image = ImageFormats.installed().open(file, "volume_contiguous")) {
            ImageAssertions.assertMatches(image, truth, true);
            assertEquals("contiguous", image.header().metadata().text("hdf5:layout").orElseThrow());
            assertEquals(10, image.grid().chunkSize()[2], "10 planes of 87.5 kB fit one slab");
        }
    }

    @Test
    void entriesAndDefaultEntryOfTheSharedFile() throws IOException {
        Path file = SharedData.file(SHARED);
        assertEquals(List.of("/volume", "/volume_contiguous"), ImageFormats.installed().entries(file));
        try (Image image = ImageFormats.installed().open(file, null)) {
            assertEquals(List.of(350L, 250L, 100L), ImageAssertions.nonSingleton(image.header()),
                    "the default entry is the largest dataset, /volume");
        }
        assertTrue(reader.canRead(Probe.of(file)));
    }

    /** MANIFEST.md: derived/*.h5:/volume = the first 100 pages of tiff/3d/bone_7H3A_B1.tif. */
    @Test
    void volumeEqualsTheFirstHundredTiffPages() throws IOException {
        Path file = SharedData.file(SHARED);
        JsonNode crossCheck = expected.get("cross-check");
        assertTrue(crossCheck != null, "expected.json has the TIFF cross-check (make_fixtures.py with ../shared)");
        try (Image image = Image.of(reader.open(file, "/volume"))) {
            assertEquals(crossCheck.get("tiff/3d/bone_7H3A_B1.tif first 100 pages sha256").asText(),
                    Fingerprint.of(image, ProgressMonitor.NULL));
        }
    }

    @Test
    void chunksReadFromManyThreadsAtOnceAreTheSequentialOnes() throws Exception {
        Path file = SharedData.file(SHARED);
        try (ChunkSource source = reader.open(file, "/volume")) {
            ChunkGrid grid = source.grid();
            int bytes = (int) (grid.pixelCount(grid.index(0)) * source.header().pixelType().bytesPerPixel());
            List<String> sequential = new ArrayList<>();
            for (long n = 0; n < grid.chunkCount(); n++) {
                sequential.add(digest(source, grid.index(n), bytes));
            }
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<String>> parallel = new ArrayList<>();
                for (int round = 0; round < 3; round++) {
                    for (long n = 0; n < grid.chunkCount(); n++) {
                        long[] index = grid.index(n);
                        parallel.add(pool.submit(() -> digest(source, index, bytes)));
                    }
                }
                for (int i = 0; i < parallel.size(); i++) {
                    assertEquals(sequential.get(i % sequential.size()), parallel.get(i).get(), "chunk " + i);
                }
            } finally {
                pool.shutdown();
            }
        }
    }

    private static String digest(ChunkSource source, long[] index, int bytes) throws Exception {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment target = arena.allocate(bytes);
            source.readChunk(index, target);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(target.toArray(
                    java.lang.foreign.ValueLayout.JAVA_BYTE)));
        }
    }

    // ---- h5py fixtures --------------------------------------------------------------------------------------

    static Stream<Arguments> fixtures() throws IOException {
        JsonNode all = new ObjectMapper().readTree(DATA.resolve("expected.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        all.properties().forEach(file -> file.getValue().properties().forEach(dataset -> {
            if (dataset.getValue().has("sha256")) {
                cases.add(Arguments.of(file.getKey(), dataset.getKey()));
            }
        }));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}:{1}")
    @MethodSource("fixtures")
    void fixtureMatchesNumPy(String file, String dataset) throws IOException {
        JsonNode want = expected.get(file).get(dataset);
        try (Image image = Image.of(reader.open(DATA.resolve(file), dataset))) {
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
                    assertEquals(want.get("spacing_x_first").get(a).asDouble(), axis.spacing(), 1e-9,
                            axis.axis().label() + " spacing");
                    assertEquals(want.get("origin_x_first").get(a).asDouble(), axis.origin(), 1e-9,
                            axis.axis().label() + " origin");
                    assertEquals(want.get("unit").asText(), axis.unit(), axis.axis().label() + " unit");
                }
            }
        }
    }

    @Test
    void ilastikChannelsStoredFastestGoOnTheChannelAxis() throws IOException {
        try (ChunkSource source = reader.open(DATA.resolve("ilastik_nexus.h5"), "/exported_data")) {
            assertArrayEquals(new long[] { 7, 5, 3, 2, 1 }, source.header().dimensions());
            assertFalse(source.header().axis(Axis.C).isCalibrated());
        }
    }

    @Test
    void rgbImageSpecIsReadAsRgbPixels() throws IOException {
        try (ChunkSource source = reader.open(DATA.resolve("latest_format.h5"), "rgb")) {
            assertEquals(PixelType.RGB8, source.header().pixelType());
            assertArrayEquals(new long[] { 10, 8, 1, 1, 1 }, source.header().dimensions());
        }
    }

    @Test
    void unwrittenChunksHoldTheFillValue() throws IOException {
        try (Image image = Image.of(reader.open(DATA.resolve("latest_format.h5"), "/sparse"));
                Arena arena = Arena.ofConfined()) {
            MemorySegment plane = image.readPlane(3, 0, 0, arena);
            assertEquals(-1.5, PixelValues.get(PixelType.FLOAT64, plane, 0), "fill value");
            assertEquals(99.25, PixelValues.get(PixelType.FLOAT64, plane, 9 * 12 + 11), "the one value written");
            MemorySegment first = image.readPlane(1, 0, 0, arena);
            assertEquals(20 + 3 * 5 + 4, PixelValues.get(PixelType.FLOAT64, first, 3 * 12 + 4));
        }
    }

    @Test
    void regionOfADatasetOf64GiBReadsOnlyItsChunks() throws IOException {
        try (Image image = Image.of(reader.open(DATA.resolve("huge_sparse.h5"), null));
                Arena arena = Arena.ofConfined()) {
            assertEquals(64L << 30, image.header().byteCount());
            MemorySegment region = image.readRegion(new long[] { 2995, 1995, 1000, 0, 0 },
                    new long[] { 20, 20, 1, 1, 1 }, arena);
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    boolean written = x >= 5 && x < 15 && y >= 5 && y < 15;
                    double want = written ? (y - 5) * 10 + (x - 5) + 1 : 0;
                    assertEquals(want, PixelValues.get(PixelType.UINT16, region, y * 20 + x), "x " + x + " y " + y);
                }
            }
        }
    }

    @Test
    void metadataHoldsDatasetAndRootAttributes() throws IOException {
        try (ChunkSource source = reader.open(DATA.resolve("float32_element_size.h5"), null)) {
            Metadata metadata = source.header().metadata();
            assertEquals("QBI HDF5 fixture: float32 with element_size_um",
                    metadata.text("hdf5:/@description").orElseThrow());
            assertEquals(3L, metadata.get("hdf5:/@version").orElseThrow().value());
            Metadata.Entry size = metadata.get("hdf5:/image@element_size_um").orElseThrow();
            assertEquals(List.of(2.0, 0.5, 0.25), size.value());
            assertEquals("HDF5", size.group());
            assertEquals("element_size_um", size.name());
            assertEquals("/image", metadata.text("hdf5:dataset").orElseThrow());
            assertEquals("chunked 2x4x4, shuffle, deflate 6", metadata.text("hdf5:layout").orElseThrow());
        }
    }

    @Test
    void bigEndianFletcherDatasetIsSwapped() throws IOException {
        try (Image image = Image.of(reader.open(DATA.resolve("int16_spacing.h5"), "/data/big_endian"))) {
            assertEquals("uint16 (big-endian)", image.header().metadata().text("hdf5:dtype").orElseThrow());
        }
    }

    @Test
    void entriesListOnlyImageDatasets() throws IOException {
        assertEquals(List.of("/data/big_endian", "/data/volume"), reader.entries(DATA.resolve("int16_spacing.h5")));
    }

    @Test
    void fileWithAUserBlockIsDetectedAndRead() throws IOException {
        Path file = DATA.resolve("user_block.h5");
        assertTrue(new String(Files.readAllBytes(file), 0, 12, java.nio.charset.StandardCharsets.US_ASCII)
                .startsWith("QBI fixture"), "the file starts with its user block, not the HDF5 signature");
        assertTrue(reader.canRead(Probe.of(file)), "signature at byte 512");
        try (Image image = ImageFormats.installed().open(file, null)) {
            assertEquals(expected.get("user_block.h5").get("/plane").get("sha256").asText(),
                    Fingerprint.of(image, ProgressMonitor.NULL));
        }
    }

    @Test
    void softLinksAreFollowedAndExternalLinksRefused() throws IOException {
        Path file = DATA.resolve("int16_spacing.h5");
        try (Image alias = Image.of(reader.open(file, "/data/alias"))) {
            assertEquals(expected.get("int16_spacing.h5").get("/data/volume").get("sha256").asText(),
                    Fingerprint.of(alias, ProgressMonitor.NULL));
        }
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, "/data/elsewhere"));
        assertTrue(e.getMessage().contains("links to another file"), e.getMessage());
    }

    // ---- bad input ------------------------------------------------------------------------------------------

    @Test
    void truncatedFileIsReportedAsTruncated(@TempDir Path dir) throws IOException {
        Path file = copy(SharedData.file(SHARED), dir.resolve("cut.h5"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 2);
        }
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, "/volume"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated"), e.getMessage());
    }

    @Test
    void fileCutInsideItsHeaderIsNotReadable(@TempDir Path dir) throws IOException {
        Path file = copy(DATA.resolve("float32_element_size.h5"), dir.resolve("head.h5"));
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(100);
        }
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, null));
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("truncated") || e.getMessage().contains("not a readable HDF5"),
                e.getMessage());
    }

    @Test
    void notAnHdf5File(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("fake.h5");
        Files.writeString(file, "plain text, not HDF5");
        assertFalse(reader.canRead(Probe.of(file)));
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, null));
        assertTrue(e.getMessage().contains("not an HDF5 file"), e.getMessage());
    }

    @Test
    void missingEntryListsTheDatasets() throws IOException {
        Path file = SharedData.file(SHARED);
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, "/volumes"));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("no dataset '/volumes'"), e.getMessage());
        assertTrue(e.getMessage().contains("/volume, /volume_contiguous"), e.getMessage());
    }

    @Test
    void oneDimensionalDatasetIsNotAnImage() {
        Path file = DATA.resolve("int16_spacing.h5");
        FormatException e = assertThrows(FormatException.class, () -> reader.open(file, "/data/line"));
        assertTrue(e.getMessage().contains("/data/line"), e.getMessage());
        assertTrue(e.getMessage().contains("1 dimension (shape [100])"), e.getMessage());
    }

    @Test
    void groupAndInt64AreRefusedWithTheReason() {
        Path file = DATA.resolve("int16_spacing.h5");
        FormatException group = assertThrows(FormatException.class, () -> reader.open(file, "/data"));
        assertTrue(group.getMessage().contains("is a group"), group.getMessage());
        FormatException int64 = assertThrows(FormatException.class, () -> reader.open(file, "/data/counts64"));
        assertTrue(int64.getMessage().contains("64-bit integers"), int64.getMessage());
    }

    @Test
    void corruptCompressedChunkFailsOnRead(@TempDir Path dir) throws IOException {
        Path file = patchSharedChunk(dir, "corrupt.h5", stored -> java.util.Arrays.fill(stored, (byte) 0x55));
        FormatException e = assertThrows(FormatException.class, () -> readAll(file));
        assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("chunk at [50, 125, 175] of /volume"), e.getMessage());
        assertTrue(e.getMessage().contains("deflate data is corrupt"), e.getMessage());
    }

    /** A chunk replaced by a zlib stream that inflates to 1 MB, more than the chunk's 218,750 bytes. */
    @Test
    void chunkDecompressingBeyondItsSizeFailsOnRead(@TempDir Path dir) throws IOException {
        byte[] bomb = deflate(new byte[1 << 20]);
        Path file = patchSharedChunk(dir, "bomb.h5", stored -> {
            assertTrue(bomb.length <= stored.length, bomb.length + " bytes fit the chunk's " + stored.length);
            java.util.Arrays.fill(stored, (byte) 0);
            System.arraycopy(bomb, 0, stored, 0, bomb.length);
        });
        FormatException e = assertThrows(FormatException.class, () -> readAll(file));
        assertTrue(e.getMessage().contains("decompresses to more than the 218750 bytes a chunk holds"), e.getMessage());
    }

    /** A chunk replaced by a zlib stream of fewer bytes than a chunk holds. */
    @Test
    void chunkDecompressingShortFailsOnRead(@TempDir Path dir) throws IOException {
        byte[] small = deflate(new byte[1000]);
        Path file = patchSharedChunk(dir, "short.h5", stored -> System.arraycopy(small, 0, stored, 0, small.length));
        FormatException e = assertThrows(FormatException.class, () -> readAll(file));
        assertTrue(e.getMessage().contains("holds 1000 bytes after decoding, a chunk of [10, 125, 175] values has "
                + "218750"), e.getMessage());
    }

    private static void readAll(Path file) throws IOException {
        try (Image image = Image.of(new Hdf5Reader().open(file, "/volume"))) {
            Fingerprint.of(image, ProgressMonitor.NULL);
        }
    }

    private static Path patchSharedChunk(Path dir, String name, java.util.function.Consumer<byte[]> patch)
            throws IOException {
        JsonNode chunk = expected.get("shared chunk");
        assertTrue(chunk != null, "expected.json records a chunk of the shared file (make_fixtures.py with ../shared)");
        Path file = copy(SharedData.file(chunk.get("file").asText()), dir.resolve(name));
        byte[] bytes = Files.readAllBytes(file);
        int offset = chunk.get("byte_offset").asInt();
        byte[] stored = java.util.Arrays.copyOfRange(bytes, offset, offset + chunk.get("size").asInt());
        patch.accept(stored);
        System.arraycopy(stored, 0, bytes, offset, stored.length);
        Files.write(file, bytes);
        return file;
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater(9);
        deflater.setInput(data);
        deflater.finish();
        byte[] packed = new byte[data.length + 64];
        int length = deflater.deflate(packed);
        deflater.end();
        return java.util.Arrays.copyOf(packed, length);
    }

    @Test
    void deflateOutputIsLimitedToTheChunkSize() throws ChunkCodec.CorruptChunkException {
        byte[] bomb = deflate(new byte[1 << 20]);
        ChunkCodec.CorruptChunkException e = assertThrows(ChunkCodec.CorruptChunkException.class,
                () -> ChunkCodec.inflate(bomb, 4096));
        assertTrue(e.getMessage().contains("more than the 4096 bytes"), e.getMessage());
        assertEquals(1 << 20, ChunkCodec.inflate(bomb, 1 << 20).length, "the same stream within its size");
    }

    @Test
    void readingLeavesTheFileUnchanged() throws Exception {
        Path file = DATA.resolve("latest_format.h5");
        byte[] before = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file));
        try (Image image = Image.of(reader.open(file, "/lzf"))) {
            Fingerprint.of(image, ProgressMonitor.NULL);
        }
        assertArrayEquals(before, MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static Path copy(Path from, Path to) throws IOException {
        Files.copy(from, to);
        to.toFile().setWritable(true);
        return to;
    }
}
