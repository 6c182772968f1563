package org.qbi.io.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.junit.jupiter.api.Assertions;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.ImageReader;

/**
 * Files for readers' tests: fixtures committed in a test fragment's data/ folder, copies of real files to
 * corrupt (truncate, patch header bytes), and reading every chunk of a source.
 */
public final class TestFiles {

    private TestFiles() {
    }

    /**
     * Copies {@code data/<name>} of the test fragment that holds {@code testClass} into {@code dir} (tests
     * read copies, so a reader that wrote to its input would be caught by the fixture's checksum).
     */
    public static Path fixture(Class<?> testClass, String name, Path dir) {
        // A fragment's classes belong to its host bundle; findEntries searches the host and its fragments.
        Bundle bundle = FrameworkUtil.getBundle(testClass);
        java.util.Enumeration<URL> found = bundle == null ? null : bundle.findEntries("data", name, false);
        URL url = found != null && found.hasMoreElements() ? found.nextElement() : null;
        if (url == null) {
            throw new AssertionError("The test fragment of " + testClass.getName() + " has no data/" + name);
        }
        Path target = dir.resolve(name);
        try (InputStream in = url.openStream()) {
            Files.createDirectories(target.getParent());
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy fixture " + name, e);
        }
        return target;
    }

    /** Copies {@code file} into {@code dir} under the same name. */
    public static Path copy(Path file, Path dir) throws IOException {
        Path target = dir.resolve(file.getFileName().toString());
        Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
        target.toFile().setWritable(true);
        return target;
    }

    /** Cuts {@code file} to its first {@code length} bytes. */
    public static void truncate(Path file, long length) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.truncate(length);
        }
    }

    /** Overwrites bytes of {@code file} at {@code offset}. */
    public static void patch(Path file, long offset, byte... bytes) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
            channel.write(ByteBuffer.wrap(bytes), offset);
        }
    }

    /** The bytes of a 16-, 32- or 64-bit integer or a float in the given order, for {@link #patch}. */
    public static byte[] int16(int value, ByteOrder order) {
        return ByteBuffer.allocate(2).order(order).putShort((short) value).array();
    }

    public static byte[] int32(int value, ByteOrder order) {
        return ByteBuffer.allocate(4).order(order).putInt(value).array();
    }

    public static byte[] int64(long value, ByteOrder order) {
        return ByteBuffer.allocate(8).order(order).putLong(value).array();
    }

    public static byte[] float32(float value, ByteOrder order) {
        return ByteBuffer.allocate(4).order(order).putFloat(value).array();
    }

    /** The forms of compressed stream {@link #bomb} writes. */
    public enum Compression {
        /** gzip members, one after the other (as Java's and zlib's gzip readers accept). */
        GZIP,
        /** one zlib stream (RFC 1950), as MetaImage CompressedData. */
        ZLIB,
        /** one raw deflate stream (RFC 1951), as a zip entry. */
        DEFLATE
    }

    private static final int BOMB_BLOCK = 64 << 20;

    /**
     * Writes a "zip bomb": a valid compressed stream that decodes to {@code bytes} zeros (a multiple of 64 MB)
     * at about 1000:1, made cheaply by repeating one fully flushed block of 64 MB of zeros (so 16 GB cost 16 MB
     * and a fraction of a second to write, and tens of seconds to decode).
     */
    public static void bomb(java.io.OutputStream out, long bytes, Compression compression) throws IOException {
        if (bytes % BOMB_BLOCK != 0) {
            throw new IllegalArgumentException("A bomb holds a multiple of 64 MB");
        }
        long blocks = bytes / BOMB_BLOCK;
        if (compression == Compression.GZIP) {
            var member = new java.io.ByteArrayOutputStream();
            try (var gzip = new java.util.zip.GZIPOutputStream(member)) {
                gzip.write(new byte[BOMB_BLOCK]);
            }
            for (long i = 0; i < blocks; i++) {
                member.writeTo(out);
            }
            return;
        }
        java.util.zip.Deflater deflater = new java.util.zip.Deflater(java.util.zip.Deflater.BEST_COMPRESSION, true);
        var block = new java.io.ByteArrayOutputStream();
        byte[] buffer = new byte[1 << 16];
        deflater.setInput(new byte[BOMB_BLOCK]);
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, java.util.zip.Deflater.FULL_FLUSH)) > 0) {
            block.write(buffer, 0, n);
        }
        deflater.finish();
        var last = new java.io.ByteArrayOutputStream();
        while (!deflater.finished()) {
            last.write(buffer, 0, deflater.deflate(buffer));
        }
        deflater.end();
        if (compression == Compression.ZLIB) {
            out.write(new byte[] { 0x78, (byte) 0xda });
        }
        for (long i = 0; i < blocks; i++) {
            block.writeTo(out);
        }
        last.writeTo(out);
        if (compression == Compression.ZLIB) {
            long adler = (bytes % 65521) << 16 | 1; // Adler-32 of zeros: a = 1, b = count mod 65521
            out.write(ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt((int) adler).array());
        }
    }

    /**
     * Asserts that opening {@code file} and reading every chunk fails with a {@link FormatException} whose
     * message names the file and says {@code problem}, as the readers' contract asks of bad input.
     *
     * @param entry which image of a multi-image file, or null
     */
    public static FormatException assertRefused(ImageReader reader, Path file, String entry, String problem) {
        FormatException e = Assertions.assertThrows(FormatException.class, () -> {
            try (ChunkSource source = reader.open(file, entry)) {
                readAll(source);
            }
        });
        Assertions.assertTrue(e.getMessage().startsWith(file.toString()), "names the file: " + e.getMessage());
        Assertions.assertTrue(e.getMessage().contains(problem), "says '" + problem + "': " + e.getMessage());
        return e;
    }

    /** Reads every chunk of {@code source} (what a full decode costs), as a reader's bad-input tests need. */
    public static void readAll(ChunkSource source) throws IOException {
        ChunkGrid grid = source.grid();
        int bpp = source.header().pixelType().bytesPerPixel();
        for (long n = 0; n < grid.chunkCount(); n++) {
            long[] index = grid.index(n);
            try (Arena arena = Arena.ofConfined()) {
                source.readChunk(index, arena.allocate(grid.pixelCount(index) * bpp));
            }
        }
    }
}
