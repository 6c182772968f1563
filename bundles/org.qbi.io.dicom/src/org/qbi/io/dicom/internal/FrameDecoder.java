package org.qbi.io.dicom.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;

/**
 * Decodes one frame of a file's pixel data into QBI's stored layout (little-endian, x fastest; rgb8 interleaved;
 * three 16/32-bit samples as three channel planes). Native data is read in place; encapsulated frames are
 * assembled from their fragments (extended or basic offset table, one fragment per frame, or frame starts found
 * by their markers) and decoded by RLE, JPEG (12-bit extended by this bundle's own decoder), JPEG 2000 or JPEG-LS.
 * <p>
 * Values: when BitsStored is less than BitsAllocated the stored bits are taken from HighBit down, masked and, for
 * PixelRepresentation 1, sign-extended. MONOCHROME1 is kept as stored. YBR_FULL and YBR_FULL_422 become RGB with
 * pydicom's convert_color_space arithmetic (float, round half up, clipped); the JPEG 2000 decoder already undoes
 * YBR_RCT/YBR_ICT.
 */
final class FrameDecoder {

    private final DicomFile file;
    private final PixelModule px;
    private final int[][] frameFragments;

    FrameDecoder(DicomFile file, PixelModule px, ByteSource source) throws IOException {
        this.file = file;
        this.px = px;
        this.frameFragments = file.pixel().encapsulated() ? mapFrames(source) : null;
        if (file.syntax().codec() == TransferSyntax.Codec.UNSUPPORTED) {
            throw new FormatException(file.path(), "transfer syntax " + file.syntax().describe()
                    + " is not supported (QBI reads native, deflate, RLE, JPEG baseline, extended (8 and 12 bit) and lossless, JPEG-LS "
                    + "and JPEG 2000)");
        }
    }

    /** Bytes of one decoded frame in QBI's layout. */
    int outputBytes() {
        return Math.multiplyExact(Math.multiplyExact(px.rows(), px.columns()),
                px.pixelType().bytesPerPixel() * px.channels());
    }

    /** Decodes frame {@code frame} (0-based) into a new array of {@link #outputBytes()} bytes. */
    byte[] decode(int frame, ByteSource source) throws IOException {
        if (frame < 0 || frame >= px.frames()) {
            throw new IndexOutOfBoundsException("Frame " + frame + " of " + px.frames());
        }
        if (px.pixelType() == PixelType.FLOAT32 || px.pixelType() == PixelType.FLOAT64) {
            return floats(frame, source);
        }
        int[] samples;
        boolean colourDone = false;
        if (!file.pixel().encapsulated()) {
            samples = nativeSamples(frame, source);
        } else {
            byte[] stream = frameBytes(frame, source);
            TransferSyntax.Codec codec = file.syntax().codec();
            int[] declared = codec == TransferSyntax.Codec.RLE ? null : declaredSize(stream);
            if (declared != null && (declared[0] != px.columns() || declared[1] != px.rows())) {
                // Checked before decoding: a code stream claiming a huge image must not allocate it.
                throw new FormatException(file.path(), "frame " + (frame + 1) + "'s code stream declares "
                        + declared[0] + " x " + declared[1] + " pixels; the header says " + px.columns() + " x "
                        + px.rows());
            }
            ImageIoCodecs.Decoded decoded = switch (codec) {
                case RLE -> new ImageIoCodecs.Decoded(px.columns(), px.rows(), px.samples(), px.bitsAllocated(),
                        RleDecoder.decode(file.path(), stream, px.rows(), px.columns(), px.samples(),
                                px.bitsAllocated()));
                case JPEG_EXTENDED -> Jpeg12Codec.precision(stream) == 8
                        ? ImageIoCodecs.decodeJpeg(file.path(), stream)
                        : Jpeg12Codec.decode(file.path(), file.syntax().describe(), stream);
                case JPEG_BASELINE, JPEG_LOSSLESS -> ImageIoCodecs.decodeJpeg(file.path(), stream);
                case JPEG_2000 -> ImageIoCodecs.decodeJpeg2000(file.path(), stream);
                case JPEG_LS -> JpegLsCodec.decode(file.path(), file.syntax().describe(), stream);
                default -> throw new FormatException(file.path(), "transfer syntax " + file.syntax().describe()
                        + " is not supported");
            };
            if (decoded.width() != px.columns() || decoded.height() != px.rows()
                    || decoded.components() != px.samples()) {
                throw new FormatException(file.path(), "frame " + (frame + 1) + " decodes to " + decoded.width() + " x "
                        + decoded.height() + " x " + decoded.components() + " samples; the header says "
                        + px.columns() + " x " + px.rows() + " x " + px.samples());
            }
            samples = decoded.samples();
            colourDone = codec == TransferSyntax.Codec.JPEG_2000;
        }
        fixBits(samples);
        if (!colourDone && px.samples() == 3 && px.photometric().startsWith("YBR_FULL")) {
            ybrToRgb(samples);
        }
        return write(samples);
    }

    private byte[] floats(int frame, ByteSource source) throws IOException {
        int bytes = Math.toIntExact(px.frameBytes());
        byte[] data = source.read(file.pixel().offset() + (long) frame * bytes, bytes);
        if (file.syntax().bigEndian()) {
            swap(data, px.bitsAllocated() / 8);
        }
        return data;
    }

    private int[] nativeSamples(int frame, ByteSource source) throws IOException {
        int pixels = px.rows() * px.columns();
        if (px.bitsAllocated() == 1) {
            long firstBit = (long) frame * px.frameBits();
            int bits = Math.toIntExact(px.frameBits());
            long firstByte = firstBit / 8;
            int byteCount = (int) ((firstBit + bits + 7) / 8 - firstByte);
            byte[] data = source.read(file.pixel().offset() + firstByte, byteCount);
            int[] samples = new int[bits];
            int shift = (int) (firstBit % 8);
            for (int i = 0; i < bits; i++) {
                int bit = i + shift;
                samples[i] = data[bit >>> 3] >> (bit & 7) & 1;
            }
            return samples;
        }
        int bytes = Math.toIntExact(px.frameBytes());
        byte[] data = source.read(file.pixel().offset() + (long) frame * bytes, bytes);
        int bytesPerSample = px.bitsAllocated() / 8;
        boolean bigEndian = file.syntax().bigEndian();
        if (bigEndian && bytesPerSample == 1 && "OW".equals(file.pixel().vr())) {
            swap(data, 2); // 8-bit samples in OW words, big endian: bytes are swapped in pairs
        }
        ByteBuffer buffer = ByteBuffer.wrap(data).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int count = data.length / bytesPerSample;
        int[] raw = new int[count];
        for (int i = 0; i < count; i++) {
            raw[i] = switch (bytesPerSample) {
                case 1 -> buffer.get() & 0xFF;
                case 2 -> buffer.getShort() & 0xFFFF;
                default -> buffer.getInt();
            };
        }
        if (px.samples() == 3 && "YBR_FULL_422".equals(px.photometric())) {
            int[] full = new int[pixels * 3];
            for (int p = 0, i = 0; p + 1 < pixels + 1 && i + 3 < raw.length; p += 2, i += 4) {
                full[3 * p] = raw[i];
                full[3 * p + 1] = raw[i + 2];
                full[3 * p + 2] = raw[i + 3];
                if (p + 1 < pixels) {
                    full[3 * p + 3] = raw[i + 1];
                    full[3 * p + 4] = raw[i + 2];
                    full[3 * p + 5] = raw[i + 3];
                }
            }
            return full;
        }
        if (px.samples() == 3 && px.planar() == 1) {
            int[] interleaved = new int[pixels * 3];
            for (int s = 0; s < 3; s++) {
                for (int p = 0; p < pixels; p++) {
                    interleaved[3 * p + s] = raw[s * pixels + p];
                }
            }
            return interleaved;
        }
        return raw;
    }

    private void fixBits(int[] samples) {
        int stored = px.bitsStored();
        int allocated = px.bitsAllocated();
        if (allocated == 1 || stored >= allocated) {
            return; // the write truncates to the allocated width: two's complement as stored
        }
        int shift = Math.max(0, px.highBit() + 1 - stored);
        int mask = (1 << stored) - 1;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = samples[i] >>> shift & mask;
        }
        if (px.signed()) {
            signExtend(samples, stored);
        }
    }

    private static void signExtend(int[] samples, int bits) {
        if (bits >= 32) {
            return;
        }
        int shift = 32 - bits;
        for (int i = 0; i < samples.length; i++) {
            samples[i] = samples[i] << shift >> shift;
        }
    }

    /** pydicom's _convert_YBR_FULL_to_RGB: float32 matrix product, floor(x + 0.5), clipped to 0..255. */
    private static void ybrToRgb(int[] s) {
        final float gCb = (float) (-0.114 * 1.772 / 0.587);
        final float gCr = (float) (-0.299 * 1.402 / 0.587);
        final float rCr = 1.402f;
        final float bCb = 1.772f;
        for (int i = 0; i + 2 < s.length; i += 3) {
            float y = s[i];
            float cb = s[i + 1] - 128f;
            float cr = s[i + 2] - 128f;
            float r = y + 0f * cb + rCr * cr;
            float g = y + gCb * cb + gCr * cr;
            float b = y + bCb * cb + 0f * cr;
            s[i] = clip(r);
            s[i + 1] = clip(g);
            s[i + 2] = clip(b);
        }
    }

    private static int clip(float v) {
        int rounded = (int) Math.floor(v + 0.5f);
        return Math.max(0, Math.min(255, rounded));
    }

    private byte[] write(int[] samples) {
        int pixels = px.rows() * px.columns();
        byte[] out = new byte[outputBytes()];
        PixelType type = px.pixelType();
        if (type == PixelType.RGB8 || type.bytesPerSample() == 1) {
            for (int i = 0; i < samples.length && i < out.length; i++) {
                out[i] = (byte) samples[i];
            }
            return out;
        }
        int bytes = type.bytesPerSample();
        ByteBuffer buffer = ByteBuffer.wrap(out).order(ByteOrder.LITTLE_ENDIAN);
        int channels = px.channels();
        for (int c = 0; c < channels; c++) {
            for (int p = 0; p < pixels; p++) {
                int v = samples[p * channels + c];
                if (bytes == 2) {
                    buffer.putShort((short) v);
                } else {
                    buffer.putInt(v);
                }
            }
        }
        return out;
    }

    private static void swap(byte[] data, int size) {
        for (int i = 0; i + size <= data.length; i += size) {
            for (int a = i, b = i + size - 1; a < b; a++, b--) {
                byte t = data[a];
                data[a] = data[b];
                data[b] = t;
            }
        }
    }

    /** The bytes of frame {@code frame}: its fragments concatenated. */
    private byte[] frameBytes(int frame, ByteSource source) throws IOException {
        int[] indices = frameFragments[frame];
        long total = 0;
        for (int i : indices) {
            total += file.fragments().get(i).length();
        }
        if (total > Integer.MAX_VALUE - 16) {
            throw new FormatException(file.path(), "frame " + (frame + 1) + " has " + total
                    + " compressed bytes, more than 2 GiB");
        }
        byte[] bytes = new byte[(int) total];
        int at = 0;
        for (int i : indices) {
            DicomFile.Fragment fragment = file.fragments().get(i);
            source.read(fragment.offset(), bytes, at, (int) fragment.length());
            at += (int) fragment.length();
        }
        return bytes;
    }

    /** Which fragments make up each frame. */
    private int[][] mapFrames(ByteSource source) throws IOException {
        List<DicomFile.Fragment> fragments = file.fragments();
        int frames = px.frames();
        int n = fragments.size();
        long[] itemStart = new long[n];
        for (int i = 0; i < n; i++) {
            itemStart[i] = fragments.get(i).offset() - 8 - (fragments.getFirst().offset() - 8);
        }
        long[] table = extendedOffsetTable();
        if (table == null && file.offsetTable().length > 0) {
            table = file.offsetTable();
        }
        if (table != null) {
            if (table.length != frames) {
                throw new FormatException(file.path(), "the offset table has " + table.length + " entries for "
                        + frames + " frames");
            }
            int[][] map = new int[frames][];
            for (int f = 0; f < frames; f++) {
                long from = table[f];
                long to = f + 1 < frames ? table[f + 1] : Long.MAX_VALUE;
                List<Integer> members = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    if (itemStart[i] >= from && itemStart[i] < to) {
                        members.add(i);
                    }
                }
                if (members.isEmpty() || itemStart[members.getFirst()] != from) {
                    throw new FormatException(file.path(), "offset table entry " + from + " of frame " + (f + 1)
                            + " does not point at a fragment");
                }
                map[f] = members.stream().mapToInt(Integer::intValue).toArray();
            }
            return map;
        }
        if (frames == 1) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) {
                all[i] = i;
            }
            return new int[][] { all };
        }
        if (n == frames) {
            int[][] map = new int[frames][];
            for (int f = 0; f < frames; f++) {
                map[f] = new int[] { f };
            }
            return map;
        }
        if (n < frames) {
            throw new FormatException(file.path(), "the Pixel Data has " + n + " fragments for " + frames
                    + " frames (NumberOfFrames too large, or the data is truncated)");
        }
        // More fragments than frames and no offset table: a frame starts where a code stream starts.
        List<Integer> starts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            DicomFile.Fragment fragment = fragments.get(i);
            if (fragment.length() >= 4) {
                byte[] head = source.read(fragment.offset(), 4);
                boolean jpeg = (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0xD8;
                boolean j2k = (head[0] & 0xFF) == 0xFF && (head[1] & 0xFF) == 0x4F;
                boolean jp2 = head[0] == 0 && head[1] == 0 && head[2] == 0 && head[3] == 0x0C;
                if (jpeg || j2k || jp2) {
                    starts.add(i);
                }
            }
        }
        if (starts.size() != frames || starts.getFirst() != 0) {
            throw new FormatException(file.path(), "cannot tell the " + frames + " frames apart among " + n
                    + " fragments: no offset table and " + starts.size() + " code stream starts");
        }
        int[][] map = new int[frames][];
        for (int f = 0; f < frames; f++) {
            int from = starts.get(f);
            int to = f + 1 < frames ? starts.get(f + 1) : n;
            map[f] = java.util.stream.IntStream.range(from, to).toArray();
        }
        return map;
    }

    private long[] extendedOffsetTable() {
        DicomElement element = file.dataset().get(Tags.EXTENDED_OFFSET_TABLE);
        if (element == null || element.value() == null || element.value().length < 8) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(element.value())
                .order(element.bigEndian() ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        long[] offsets = new long[element.value().length / 8];
        for (int i = 0; i < offsets.length; i++) {
            offsets[i] = buffer.getLong();
        }
        return offsets;
    }

    /**
     * Width and height a JPEG / JPEG-LS (SOFn) or JPEG 2000 (SIZ) code stream declares, or null when its header
     * does not say within the stream.
     */
    static int[] declaredSize(byte[] s) {
        if (s.length > 4 && (s[0] & 0xFF) == 0xFF && (s[1] & 0xFF) == 0xD8) {
            int i = 2;
            while (i + 4 <= s.length) {
                if ((s[i] & 0xFF) != 0xFF) {
                    return null;
                }
                int marker = s[i + 1] & 0xFF;
                if (marker == 0xFF) {
                    i++;
                    continue;
                }
                if (marker == 0x01 || marker >= 0xD0 && marker <= 0xD8) {
                    i += 2;
                    continue;
                }
                boolean sof = marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC
                        || marker == 0xF7;
                if (sof) {
                    return i + 9 <= s.length ? new int[] { u16(s, i + 7), u16(s, i + 5) } : null;
                }
                if (marker == 0xDA || marker == 0xD9) {
                    return null;
                }
                i += 2 + u16(s, i + 2);
            }
            return null;
        }
        int limit = Math.min(s.length - 24, 1 << 16);
        for (int i = 0; i < limit; i++) {
            if ((s[i] & 0xFF) == 0xFF && (s[i + 1] & 0xFF) == 0x4F && (s[i + 2] & 0xFF) == 0xFF
                    && (s[i + 3] & 0xFF) == 0x51) {
                long width = u32(s, i + 8) - u32(s, i + 16);
                long height = u32(s, i + 12) - u32(s, i + 20);
                return new int[] { (int) Math.min(Integer.MAX_VALUE, width), (int) Math.min(Integer.MAX_VALUE, height) };
            }
        }
        return null;
    }

    private static int u16(byte[] b, int i) {
        return (b[i] & 0xFF) << 8 | b[i + 1] & 0xFF;
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) << 24 | (b[i + 1] & 0xFFL) << 16 | (b[i + 2] & 0xFFL) << 8 | b[i + 3] & 0xFFL;
    }
}
