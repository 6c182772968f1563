package org.qbi.core.image.io;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Values stored uncompressed in one or more files, an equal share in each (see {@link ByteStore#files}). */
final class FileParts implements ByteStore {

    /** At most this many bytes per read call (ByteBuffers hold less than 2 GB). */
    private static final int MAX_READ = 1 << 30;

    private final Path named;
    private final List<Path> files;
    private final long offset;
    private final long bytesPerFile;
    private final FileChannel[] channels;
    private boolean closed;

    FileParts(Path named, List<Path> files, long offset, long bytesPerFile) throws IOException {
        if (files.isEmpty() || offset < 0 || bytesPerFile < 0) {
            throw new FormatException(named, "no data file, or a negative offset (" + offset + ") or size ("
                    + bytesPerFile + ")");
        }
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new FormatException(named, "its data file " + file + " does not exist");
            }
            long length = Files.size(file);
            if (offset > length || bytesPerFile > length - offset) {
                String where = file.equals(named) ? "the file" : "its data file " + file;
                throw new FormatException(named, where + " has " + length + " bytes, but the header places "
                        + bytesPerFile + " bytes of pixel data at offset " + offset
                        + ": the file is truncated or the header is wrong");
            }
        }
        this.named = named;
        this.files = List.copyOf(files);
        this.offset = offset;
        this.bytesPerFile = bytesPerFile;
        this.channels = new FileChannel[files.size()];
    }

    @Override
    public long size() {
        return bytesPerFile * files.size();
    }

    @Override
    public void read(long position, MemorySegment target) throws IOException {
        long done = 0;
        long length = target.byteSize();
        if (position < 0 || length > size() - position) {
            throw new IllegalArgumentException("Bytes " + position + ".." + (position + length) + " are outside the "
                    + size() + " bytes of " + named);
        }
        while (done < length) {
            long at = position + done;
            int part = (int) (at / bytesPerFile);
            long within = at % bytesPerFile;
            long n = Math.min(Math.min(length - done, bytesPerFile - within), MAX_READ);
            readFully(part, offset + within, target.asSlice(done, n).asByteBuffer());
            done += n;
        }
    }

    /**
     * Reads until {@code buffer} is full. A thread interrupted while reading closes a FileChannel for every
     * thread (ClosedByInterruptException); the channel is then reopened, so one cancelled task does not break
     * the image for the others.
     */
    private void readFully(int part, long filePosition, ByteBuffer buffer) throws IOException {
        long at = filePosition + buffer.position();
        for (int attempt = 1;; attempt++) {
            FileChannel channel = channel(part);
            try {
                while (buffer.hasRemaining()) {
                    int n = channel.read(buffer, at);
                    if (n < 0) {
                        throw new FormatException(named, files.get(part) + " ends at byte " + at + " (it shrank since"
                                + " it was opened?), before the pixel data the header describes");
                    }
                    at += n;
                }
                return;
            } catch (ClosedChannelException e) {
                forget(part, channel);
                if (e instanceof ClosedByInterruptException || attempt == 3) {
                    throw e;
                }
            }
        }
    }

    private synchronized FileChannel channel(int part) throws IOException {
        if (closed) {
            throw new IOException(named + " is closed");
        }
        if (channels[part] == null) {
            channels[part] = FileChannel.open(files.get(part), StandardOpenOption.READ);
        }
        return channels[part];
    }

    private synchronized void forget(int part, FileChannel channel) {
        if (channels[part] == channel) {
            channels[part] = null;
        }
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        IOException failure = null;
        for (int i = 0; i < channels.length; i++) {
            if (channels[i] != null) {
                try {
                    channels[i].close();
                } catch (IOException e) {
                    failure = e;
                }
                channels[i] = null;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }
}
