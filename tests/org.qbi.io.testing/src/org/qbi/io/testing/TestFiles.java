package org.qbi.io.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;

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
