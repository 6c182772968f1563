package org.qbi.io.dicom.internal;

import java.io.EOFException;
import java.io.IOException;

/** A buffered read position in a {@link ByteSource}, for the sequential header parse. */
final class Cursor {

    private static final int BUFFER = 64 * 1024;

    private final ByteSource source;
    private final byte[] buffer = new byte[BUFFER];
    private long bufferStart;
    private int bufferLength;
    private long position;

    Cursor(ByteSource source, long position) {
        this.source = source;
        this.position = position;
    }

    long position() {
        return position;
    }

    void seek(long newPosition) {
        position = newPosition;
    }

    long length() {
        return source.length();
    }

    long remaining() {
        return source.length() - position;
    }

    ByteSource source() {
        return source;
    }

    private void ensure(int count) throws IOException {
        if (position >= bufferStart && position + count <= bufferStart + bufferLength) {
            return;
        }
        if (position + count > source.length()) {
            throw new EOFException("the data ends at byte " + source.length() + ", before byte " + (position + count));
        }
        bufferStart = position;
        bufferLength = (int) Math.min(BUFFER, source.length() - position);
        source.read(bufferStart, buffer, 0, bufferLength);
    }

    int u8() throws IOException {
        ensure(1);
        return buffer[(int) (position++ - bufferStart)] & 0xFF;
    }

    int u16(boolean bigEndian) throws IOException {
        ensure(2);
        int i = (int) (position - bufferStart);
        position += 2;
        int a = buffer[i] & 0xFF;
        int b = buffer[i + 1] & 0xFF;
        return bigEndian ? a << 8 | b : b << 8 | a;
    }

    long u32(boolean bigEndian) throws IOException {
        ensure(4);
        int i = (int) (position - bufferStart);
        position += 4;
        long v;
        if (bigEndian) {
            v = (buffer[i] & 0xFFL) << 24 | (buffer[i + 1] & 0xFFL) << 16 | (buffer[i + 2] & 0xFFL) << 8
                    | buffer[i + 3] & 0xFFL;
        } else {
            v = (buffer[i + 3] & 0xFFL) << 24 | (buffer[i + 2] & 0xFFL) << 16 | (buffer[i + 1] & 0xFFL) << 8
                    | buffer[i] & 0xFFL;
        }
        return v;
    }

    /** Peeks at {@code count} bytes without moving. */
    byte[] peek(int count) throws IOException {
        ensure(count);
        byte[] bytes = new byte[count];
        System.arraycopy(buffer, (int) (position - bufferStart), bytes, 0, count);
        return bytes;
    }

    byte[] bytes(int count) throws IOException {
        byte[] bytes;
        if (count <= BUFFER) {
            bytes = peek(count);
        } else {
            bytes = source.read(position, count);
        }
        position += count;
        return bytes;
    }

    void skip(long count) throws IOException {
        if (position + count > source.length()) {
            throw new EOFException("the data ends at byte " + source.length() + ", before byte " + (position + count));
        }
        position += count;
    }
}
