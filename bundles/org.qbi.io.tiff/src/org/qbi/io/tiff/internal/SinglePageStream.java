package org.qbi.io.tiff.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

import javax.imageio.stream.ImageInputStreamImpl;

/**
 * A TIFF file seen as if it held one page: the header's first-IFD offset is replaced by the offset of the wanted
 * page's IFD, and that IFD's next-IFD offset reads as 0. TwelveMonkeys' reader, given this stream, parses exactly one
 * IFD (it parses the whole IFD chain of whatever stream it gets), so decoding page n costs one IFD, not n.
 * <p>
 * Reads are positional on a {@link FileChannel} (no shared position), with a small read-ahead buffer for the many
 * small reads of IFD parsing. One stream serves one decode on one thread; the channel belongs to the caller.
 */
final class SinglePageStream extends ImageInputStreamImpl {

    private static final int BUFFER_BYTES = 16 * 1024;

    private final FileChannel channel;
    private final long length;
    private final long[] patchAt;
    private final byte[][] patches;
    private final byte[] buffer = new byte[BUFFER_BYTES];
    private long bufferStart = -1;
    private int bufferLength;

    /**
     * @param file the TIFF structure (byte order, offset size)
     * @param ifd  the page to present as the only one
     */
    SinglePageStream(FileChannel channel, TiffFile file, TiffFile.Ifd ifd) throws IOException {
        this.channel = channel;
        this.length = file.length();
        int size = file.pointerSize();
        ByteBuffer first = ByteBuffer.allocate(size).order(file.order());
        if (size == 8) {
            first.putLong(ifd.offset());
        } else {
            first.putInt((int) ifd.offset());
        }
        this.patchAt = new long[] { file.firstIfdPointerPosition(), file.nextIfdPointerPosition(ifd) };
        this.patches = new byte[][] { first.array(), new byte[size] };
    }

    @Override
    public long length() {
        return length;
    }

    @Override
    public int read() throws IOException {
        checkClosed();
        bitOffset = 0;
        if (streamPos >= length) {
            return -1;
        }
        if (!buffered(streamPos)) {
            fill(streamPos);
        }
        return buffer[(int) (streamPos++ - bufferStart)] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        checkClosed();
        bitOffset = 0;
        if (off < 0 || len < 0 || off + len > b.length) {
            throw new IndexOutOfBoundsException("off " + off + ", len " + len + ", array " + b.length);
        }
        if (len == 0) {
            return 0;
        }
        if (streamPos >= length) {
            return -1;
        }
        int n = (int) Math.min(len, length - streamPos);
        if (buffered(streamPos)) {
            n = (int) Math.min(n, bufferStart + bufferLength - streamPos);
            System.arraycopy(buffer, (int) (streamPos - bufferStart), b, off, n);
        } else if (n >= BUFFER_BYTES) {
            readFully(streamPos, b, off, n);
            patch(streamPos, b, off, n);
        } else {
            fill(streamPos);
            n = Math.min(n, bufferLength);
            System.arraycopy(buffer, 0, b, off, n);
        }
        streamPos += n;
        return n;
    }

    private boolean buffered(long position) {
        return bufferStart >= 0 && position >= bufferStart && position < bufferStart + bufferLength;
    }

    private void fill(long position) throws IOException {
        int n = (int) Math.min(BUFFER_BYTES, length - position);
        readFully(position, buffer, 0, n);
        patch(position, buffer, 0, n);
        bufferStart = position;
        bufferLength = n;
    }

    private void readFully(long position, byte[] b, int off, int n) throws IOException {
        ByteBuffer target = ByteBuffer.wrap(b, off, n);
        while (target.hasRemaining()) {
            int read = channel.read(target, position + (target.position() - off));
            if (read < 0) {
                throw new EOFException("The file ended at " + (position + target.position() - off) + " bytes");
            }
        }
    }

    /** Overwrites the parts of {@code b} (file bytes from {@code position}) that the patches cover. */
    private void patch(long position, byte[] b, int off, int n) {
        for (int p = 0; p < patchAt.length; p++) {
            byte[] bytes = patches[p];
            for (int i = 0; i < bytes.length; i++) {
                long at = patchAt[p] + i;
                if (at >= position && at < position + n) {
                    b[off + (int) (at - position)] = bytes[i];
                }
            }
        }
    }
}
