package org.qbi.io.tiff.internal;

import java.awt.image.Raster;
import java.io.EOFException;
import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import javax.imageio.ImageReadParam;

import org.qbi.core.image.ChunkGrid;
import org.qbi.core.image.ChunkSource;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;

/**
 * The pages of one TIFF series as chunks: one chunk per page (x, y, 1 plane, its channels, 1 frame), decoded when
 * asked by TwelveMonkeys' {@code TIFFImageReader} with {@code readRaster} (the stored samples: no colour conversion,
 * MinIsWhite not inverted, palette indices kept, signed and floating-point samples as stored).
 * <p>
 * Thread-safe: each decode opens its own channel and stream and its own reader instance (the SPI is instantiated
 * directly: OSGi has no ImageIO service registry, and the reader needs none). The decoder fills exactly one page
 * raster, so a Deflate or LZW strip cannot expand beyond the page's size (no zip bombs); a strip that ends early is
 * an error, never a partly filled page.
 */
final class TiffSource implements ChunkSource {

    private static final javax.imageio.spi.ImageReaderSpi SPI = new TIFFImageReaderSpi();
    private static final int PACKBITS = 32773;
    /** Larger PackBits strips (or a file lying about their size) go to the decoder, which checks the heap. */
    private static final long MAX_PACKBITS_STRIP = 64L << 20;

    private final TiffFile file;
    private final TiffSeries series;
    private final ImageHeader header;
    private final ChunkGrid grid;
    private final AtomicLong decodedPages = new AtomicLong();
    /** For the fast path's positional reads (thread-safe); reopened if an interrupt closed it. */
    private FileChannel shared;

    TiffSource(TiffFile file, TiffSeries series, ImageHeader header) {
        this.file = file;
        this.series = series;
        this.header = header;
        long[] d = series.dims;
        this.grid = new ChunkGrid(d, new long[] { d[0], d[1], 1, series.chunkC, 1 });
    }

    @Override
    public ImageHeader header() {
        return header;
    }

    @Override
    public ChunkGrid grid() {
        return grid;
    }

    /** Pages decoded so far (for tests: opening decodes none). */
    long decodedPages() {
        return decodedPages.get();
    }

    @Override
    public void readChunk(long[] index, MemorySegment target) throws IOException {
        long bytes = grid.pixelCount(index) * header.pixelType().bytesPerPixel();
        if (target.byteSize() != bytes) {
            throw new IllegalArgumentException("Chunk " + java.util.Arrays.toString(index) + " has " + bytes
                    + " bytes, the target " + target.byteSize());
        }
        decodedPages.incrementAndGet();
        int page = series.page(index[2], index[3], index[4]);
        if (page >= 0 && readUncompressedStrips(sharedChannel(), page, target)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file.path(), StandardOpenOption.READ)) {
            if (channel.size() != file.length()) {
                throw new FormatException(file.path(), "the file changed since it was opened (" + file.length() + " bytes, now "
                        + channel.size() + ")");
            }
            if (page < 0) {
                readRaw(channel, series.rawOffset(index[2], index[3], index[4]), target);
            } else {
                decode(channel, page, target);
            }
        }
    }

    private synchronized FileChannel sharedChannel() throws IOException {
        if (shared == null || !shared.isOpen()) {
            shared = FileChannel.open(file.path(), StandardOpenOption.READ);
            if (shared.size() != file.length()) {
                throw new FormatException(file.path(), "the file changed since it was opened (" + file.length()
                        + " bytes, now " + shared.size() + ")");
            }
        }
        return shared;
    }

    @Override
    public synchronized void close() throws IOException {
        if (shared != null) {
            shared.close();
            shared = null;
        }
    }

    /**
     * The fast path for uncompressed and PackBits strips whose samples are stored exactly as the chunk holds them
     * (whole-byte samples, no predictor, interleaved, one chunk per page): positional reads straight into the chunk
     * (PackBits unpacked on the way), then a byte swap for big-endian files. Decoding through TwelveMonkeys would
     * copy every page through an ImageInputStream read byte by byte and a Raster, at a few percent of the file
     * system's speed. Returns false when the page needs the decoder.
     */
    private boolean readUncompressedStrips(FileChannel channel, int page, MemorySegment target) throws IOException {
        TiffPage p = TiffPage.of(file, file.ifds().get(page));
        PixelType type = header.pixelType();
        boolean packBits = p.compression() == PACKBITS;
        boolean plain = (p.compression() == 1 || packBits) && !p.tiled() && p.predictor() == 1 && series.chunkC == 1
                && p.samplesPerPixel() == type.samplesPerPixel() && (p.samplesPerPixel() == 1 || p.planar() == 1)
                && p.bitsPerSample() == 8 * type.bytesPerSample() && p.photometric() != 3;
        if (!plain) {
            return false;
        }
        long rowBytes = p.width() * type.bytesPerPixel();
        long rowsPerStrip = Math.max(1, Math.min(p.height(), p.ifd().longValue(TiffTags.ROWS_PER_STRIP, p.height())));
        if (packBits && (rowsPerStrip * rowBytes > MAX_PACKBITS_STRIP
                || java.util.Arrays.stream(p.byteCounts()).anyMatch(count -> count > MAX_PACKBITS_STRIP))) {
            return false;
        }
        byte[] packed = null;
        byte[] unpacked = null;
        long position = 0;
        for (int s = 0; s < p.offsets().length && position < target.byteSize(); s++) {
            long rows = Math.min(rowsPerStrip, p.height() - s * rowsPerStrip);
            long need = rows * rowBytes;
            if (packBits) {
                int count = (int) p.byteCounts()[s];
                packed = packed != null && packed.length >= count ? packed : new byte[count];
                unpacked = unpacked != null && unpacked.length >= need ? unpacked : new byte[(int) need];
                ByteBuffer buffer = ByteBuffer.wrap(packed, 0, count);
                readFully(channel, buffer, p.offsets()[s], s, page);
                int produced = unpackBits(packed, count, unpacked, (int) need);
                if (produced < need) {
                    throw new FormatException(file.path(), "strip " + s + " of page " + page + " unpacks (PackBits) to "
                            + produced + " bytes where its " + rows + " rows need " + need
                            + ": the data is corrupt or truncated");
                }
                MemorySegment.copy(unpacked, 0, target, java.lang.foreign.ValueLayout.JAVA_BYTE, position, (int) need);
            } else {
                if (p.byteCounts()[s] < need) {
                    throw new FormatException(file.path(), "strip " + s + " of page " + page + " holds "
                            + p.byteCounts()[s] + " bytes where its " + rows + " rows need " + need
                            + ": the page is truncated");
                }
                readFully(channel, target.asSlice(position, need).asByteBuffer(), p.offsets()[s], s, page);
            }
            position += need;
        }
        if (position != target.byteSize()) {
            throw new FormatException(file.path(), "page " + page + " has strips for " + position + " bytes, its size needs "
                    + target.byteSize());
        }
        if (file.order() == ByteOrder.BIG_ENDIAN && type.bytesPerSample() > 1) {
            swap(target, type.bytesPerSample());
        }
        return true;
    }

    private void readFully(FileChannel channel, ByteBuffer buffer, long offset, int strip, int page) throws IOException {
        int start = buffer.position();
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, offset + buffer.position() - start) < 0) {
                throw new FormatException(file.path(), "strip " + strip + " of page " + page
                        + " runs past the end of the file");
            }
        }
    }

    /**
     * Unpacks PackBits (Apple TN1023, TIFF 6.0 section 9): a header byte n in 0..127 copies the next n+1 bytes,
     * -127..-1 repeats the next byte 1-n times, -128 does nothing. Stops when {@code length} bytes are out or the
     * input ends; output beyond {@code length} is dropped (as libtiff does).
     *
     * @return the bytes produced (less than {@code length} when the input is short)
     */
    static int unpackBits(byte[] in, int inLength, byte[] out, int length) {
        int i = 0;
        int o = 0;
        while (i < inLength && o < length) {
            int n = in[i++];
            if (n >= 0) {
                int count = Math.min(n + 1, Math.min(inLength - i, length - o));
                System.arraycopy(in, i, out, o, count);
                i += n + 1;
                o += count;
            } else if (n != -128) {
                if (i >= inLength) {
                    break;
                }
                int count = Math.min(1 - n, length - o);
                java.util.Arrays.fill(out, o, o + count, in[i++]);
                o += count;
            }
        }
        return o;
    }

    private void decode(FileChannel channel, int page, MemorySegment target) throws IOException {
        TiffPage p = series.first;
        long heap = Runtime.getRuntime().maxMemory();
        if (p.decodedBytes() > heap / 2) {
            throw new FormatException(file.path(), "page " + page + " needs " + p.decodedBytes()
                    + " bytes to decode, more than half the Java heap (" + heap + " bytes); start QBI with more memory");
        }
        List<String> warnings = new ArrayList<>();
        javax.imageio.ImageReader reader = SPI.createReaderInstance();
        try (SinglePageStream in = new SinglePageStream(channel, file, file.ifds().get(page))) {
            reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
            reader.setInput(in, false, true);
            ImageReadParam param = reader.getDefaultReadParam();
            Raster raster = reader.readRaster(0, param);
            if (raster.getWidth() != p.width() || raster.getHeight() != p.height()) {
                throw new FormatException(file.path(), "page " + page + " decoded to " + raster.getWidth() + " x "
                        + raster.getHeight() + " pixels, its IFD says " + p.width() + " x " + p.height());
            }
            if (!warnings.isEmpty()) {
                throw new FormatException(file.path(), "page " + page + " is damaged: " + String.join("; ", warnings));
            }
            RasterCopy.copy(raster, header.pixelType(), series.chunkC, target);
        } catch (FormatException | java.nio.channels.ClosedByInterruptException e) {
            throw e;
        } catch (EOFException e) {
            throw new FormatException(file.path(), "page " + page + " ends early: its data is truncated", e);
        } catch (IOException | RuntimeException e) {
            // IIOException, ZipException, TwelveMonkeys' DecodeException, or a decoder failing on bad data
            throw new FormatException(file.path(), "page " + page + " has corrupt data and cannot be decoded: " + message(e), e);
        } finally {
            reader.dispose();
        }
    }

    private static String message(Throwable e) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = e; t != null && text.length() < 300; t = t.getCause()) {
            String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
            if (text.indexOf(m) < 0) {
                text.append(text.isEmpty() ? "" : ": ").append(m);
            }
        }
        return text.toString();
    }

    /**
     * One plane of an ImageJ stack stored contiguously after its only IFD: plain samples in the file's byte order,
     * read here because there is no IFD for TwelveMonkeys to decode.
     */
    private void readRaw(FileChannel channel, long offset, MemorySegment target) throws IOException {
        ByteBuffer buffer = target.asByteBuffer();
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, offset + buffer.position());
            if (n < 0) {
                throw new FormatException(file.path(), "a plane at offset " + offset + " runs past the end of the file");
            }
        }
        int size = header.pixelType().bytesPerSample();
        if (file.order() == ByteOrder.BIG_ENDIAN && size > 1) {
            swap(target, size);
        }
    }

    /** Reverses the bytes of every {@code size}-byte sample (big-endian file to little-endian chunk). */
    private static void swap(MemorySegment segment, int size) {
        long n = segment.byteSize() / size;
        switch (size) {
            case 2 -> {
                ValueLayout.OfShort be = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
                ValueLayout.OfShort le = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; i++) {
                    segment.set(le, 2 * i, segment.get(be, 2 * i));
                }
            }
            case 4 -> {
                ValueLayout.OfInt be = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
                ValueLayout.OfInt le = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; i++) {
                    segment.set(le, 4 * i, segment.get(be, 4 * i));
                }
            }
            case 8 -> {
                ValueLayout.OfLong be = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
                ValueLayout.OfLong le = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
                for (long i = 0; i < n; i++) {
                    segment.set(le, 8 * i, segment.get(be, 8 * i));
                }
            }
            default -> throw new IllegalStateException("sample size " + size);
        }
    }
}
