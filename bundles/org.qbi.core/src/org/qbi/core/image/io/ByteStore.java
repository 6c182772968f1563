package org.qbi.core.image.io;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.List;

/**
 * The bytes of an image's stored values as one run that positional reads reach: uncompressed data in one or
 * more files ({@link #files}), or the decoded form of compressed data ({@link #decoded}). What
 * {@link RawSource} reads from. Thread-safe; never modifies or locks the files.
 *
 * @since 0.1
 */
public interface ByteStore extends Closeable {

    /** Opens the decoded bytes of a compressed stream (a gzip or zlib stream, an archive entry). */
    @FunctionalInterface
    interface StreamOpener {
        InputStream open() throws IOException;
    }

    /** Number of bytes, as the header says. */
    long size();

    /**
     * Fills {@code target} with the bytes from {@code position} on.
     *
     * @throws FormatException naming the file when it ends early (truncated) or its compressed data is corrupt
     */
    void read(long position, MemorySegment target) throws IOException;

    /**
     * Bytes stored uncompressed in {@code files} (one, or one per part: a MetaImage LIST, an image per slice),
     * each holding {@code bytesPerFile} bytes from {@code offset}. Checks each file's length now, before
     * anything is allocated; opens the files on the first read.
     *
     * @param named the file that error messages name (the header that refers to the files)
     * @throws FormatException naming the file that is missing or too short for what the header says
     */
    static ByteStore files(Path named, List<Path> files, long offset, long bytesPerFile) throws IOException {
        return new FileParts(named, files, offset, bytesPerFile);
    }

    /** {@link #files} for one file. */
    static ByteStore file(Path named, Path file, long offset, long bytes) throws IOException {
        return new FileParts(named, List.of(file), offset, bytes);
    }

    /**
     * The decoded form of compressed data: on the first read, {@code opener}'s stream is decoded once into a
     * temporary file (skipping its first {@code skip} bytes, then exactly {@code bytes} bytes, never more, so
     * a "zip bomb" costs no more than the header's size), which later reads reach by position and which is
     * deleted on {@link #close()}. Needs {@code bytes} of free space in {@code java.io.tmpdir}.
     *
     * @param named error messages name this file
     */
    static ByteStore decoded(Path named, long skip, long bytes, StreamOpener opener) {
        return new DecodedCopy(named, skip, bytes, opener);
    }
}
