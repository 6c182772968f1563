package org.qbi.core.image.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.ZipException;

/**
 * Compressed values decoded once into a temporary file (see {@link ByteStore#decoded}).
 * <p>
 * Why a temporary file: gzip and zlib streams cannot be read from the middle, so reading chunks in any order
 * from the stream itself would decode it again from its start for every chunk read backwards. Decoding once
 * costs one pass and the image's size on disk (not in memory); afterwards chunks are positional reads, as for
 * an uncompressed file. The copy is made on the first read, not on open, so a header-only look (qbi info
 * without statistics) costs no decoding; it holds exactly the header's number of bytes (trailing data, such
 * as the rest of a zip bomb, is never decoded) and is opened with DELETE_ON_CLOSE, which on Linux and macOS
 * unlinks it at once (nothing is left behind even if the process dies) and elsewhere deletes it on close.
 */
final class DecodedCopy implements ByteStore {

    private static final int BUFFER = 1 << 20;

    private final Path named;
    private final long skip;
    private final long bytes;
    private final StreamOpener opener;
    private FileChannel copy;
    private boolean closed;

    DecodedCopy(Path named, long skip, long bytes, StreamOpener opener) {
        if (skip < 0 || bytes < 0) {
            throw new IllegalArgumentException("Negative skip " + skip + " or size " + bytes);
        }
        this.named = named;
        this.skip = skip;
        this.bytes = bytes;
        this.opener = opener;
    }

    @Override
    public long size() {
        return bytes;
    }

    @Override
    public void read(long position, MemorySegment target) throws IOException {
        if (position < 0 || target.byteSize() > bytes - position) {
            throw new IllegalArgumentException("Bytes " + position + ".." + (position + target.byteSize())
                    + " are outside the " + bytes + " decoded bytes of " + named);
        }
        FileChannel channel = decoded();
        long done = 0;
        while (done < target.byteSize()) {
            long n = Math.min(target.byteSize() - done, 1 << 30);
            ByteBuffer buffer = target.asSlice(done, n).asByteBuffer();
            while (buffer.hasRemaining()) {
                if (channel.read(buffer, position + done + buffer.position()) < 0) {
                    throw new IOException("The temporary copy of " + named + " ends early; was it removed?");
                }
            }
            done += n;
        }
    }

    /** The decoded copy, made now if this is the first read. */
    private synchronized FileChannel decoded() throws IOException {
        if (closed) {
            throw new IOException(named + " is closed");
        }
        if (copy != null) {
            return copy;
        }
        Path dir = Path.of(System.getProperty("java.io.tmpdir"));
        long free = Files.getFileStore(dir).getUsableSpace();
        if (free < bytes) {
            throw new IOException("Decoding " + named + " needs " + bytes + " bytes of temporary space, but " + dir
                    + " has " + free + " free; set -Djava.io.tmpdir to a larger disk");
        }
        Path temp = Files.createTempFile(dir, "qbi-decoded-", ".tmp");
        FileChannel channel = FileChannel.open(temp, StandardOpenOption.READ, StandardOpenOption.WRITE,
                StandardOpenOption.DELETE_ON_CLOSE);
        try {
            decodeInto(channel);
        } catch (IOException | RuntimeException | Error e) {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
        copy = channel;
        return copy;
    }

    private void decodeInto(FileChannel channel) throws IOException {
        byte[] buffer = new byte[BUFFER];
        long got = 0;
        try (InputStream in = opener.open()) {
            long skipped = 0;
            while (skipped < skip) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, skip - skipped));
                if (n < 0) {
                    throw new FormatException(named, "its compressed data ends after " + skipped + " bytes, before the "
                            + "pixel data at byte " + skip + ": the file is truncated");
                }
                skipped += n;
            }
            while (got < bytes) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, bytes - got));
                if (n < 0) {
                    break;
                }
                ByteBuffer wrapped = ByteBuffer.wrap(buffer, 0, n);
                while (wrapped.hasRemaining()) {
                    channel.write(wrapped, got + wrapped.position());
                }
                got += n;
            }
        } catch (EOFException | ZipException e) {
            throw new FormatException(named, "its compressed data is truncated or corrupt after " + got
                    + " decoded bytes of pixel data (" + e.getMessage() + ")", e);
        }
        if (got < bytes) {
            throw new FormatException(named, "its compressed data holds " + got + " bytes of pixel data, the header"
                    + " needs " + bytes + ": the file is truncated or the header is wrong");
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (copy != null) {
            copy.close();
            copy = null;
        }
    }
}
