package org.qbi.io.dicom.internal;

import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Bytes read by position: a file (thread-safe positional reads, never locked) or an inflated array. */
abstract class ByteSource implements Closeable {

    abstract long length();

    /** Reads exactly {@code length} bytes at {@code position}; EOFException when the source ends first. */
    abstract void read(long position, byte[] target, int offset, int length) throws IOException;

    byte[] read(long position, int length) throws IOException {
        byte[] bytes = new byte[length];
        read(position, bytes, 0, length);
        return bytes;
    }

    @Override
    public void close() throws IOException {
    }

    static ByteSource open(Path file) throws IOException {
        return new FileSource(FileChannel.open(file, StandardOpenOption.READ));
    }

    static ByteSource of(byte[] bytes) {
        return new ArraySource(bytes);
    }

    private static final class FileSource extends ByteSource {
        private final FileChannel channel;
        private final long length;

        FileSource(FileChannel channel) throws IOException {
            this.channel = channel;
            this.length = channel.size();
        }

        @Override
        long length() {
            return length;
        }

        @Override
        void read(long position, byte[] target, int offset, int count) throws IOException {
            ByteBuffer buffer = ByteBuffer.wrap(target, offset, count);
            long at = position;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    throw new EOFException("the file ends at byte " + length + ", before byte " + (position + count));
                }
                at += n;
            }
        }

        @Override
        public void close() throws IOException {
            channel.close();
        }
    }

    private static final class ArraySource extends ByteSource {
        private final byte[] bytes;

        ArraySource(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        long length() {
            return bytes.length;
        }

        @Override
        void read(long position, byte[] target, int offset, int count) throws IOException {
            if (position < 0 || position + count > bytes.length) {
                throw new EOFException("the data ends at byte " + bytes.length + ", before byte " + (position + count));
            }
            System.arraycopy(bytes, (int) position, target, offset, count);
        }
    }
}
