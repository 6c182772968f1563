package org.qbi.io.dicom.internal;

import java.nio.file.Path;

import org.qbi.core.image.io.FormatException;

/**
 * DICOM RLE Lossless (PS3.5 Annex G), written here because no library decodes it: a 64-byte header (segment
 * count and 15 offsets), then one PackBits-coded segment per byte plane, most significant byte first, sample by
 * sample. Output never exceeds the frame's size, whatever the data claims.
 */
final class RleDecoder {

    private RleDecoder() {
    }

    /**
     * Decodes one frame into interleaved samples (pixel-major, sample-minor), unsigned raw bits.
     */
    static int[] decode(Path file, byte[] data, int rows, int columns, int samples, int bitsAllocated)
            throws FormatException {
        if (data.length < 64) {
            throw new FormatException(file, "an RLE frame has " + data.length + " bytes, fewer than its 64-byte header");
        }
        int bytesPerSample = bitsAllocated / 8;
        int segments = (int) u32(data, 0);
        int expected = samples * bytesPerSample;
        if (segments != expected) {
            throw new FormatException(file, "an RLE frame has " + segments + " segments; " + samples + " samples of "
                    + bitsAllocated + " bits need " + expected);
        }
        int pixels = rows * columns;
        int[] out = new int[pixels * samples];
        byte[] plane = new byte[pixels];
        for (int s = 0; s < segments; s++) {
            long start = u32(data, 4 + 4 * s);
            long end = s + 1 < segments ? u32(data, 8 + 4 * s) : data.length;
            if (start < 64 || start > data.length || end < start || end > data.length) {
                throw new FormatException(file, "RLE segment " + (s + 1) + " has offsets " + start + ".." + end
                        + " outside the frame's " + data.length + " bytes");
            }
            unpack(file, data, (int) start, (int) end, plane, s + 1);
            int sample = s / bytesPerSample;
            int shift = 8 * (bytesPerSample - 1 - s % bytesPerSample);
            for (int p = 0, o = sample; p < pixels; p++, o += samples) {
                out[o] |= (plane[p] & 0xFF) << shift;
            }
        }
        return out;
    }

    private static void unpack(Path file, byte[] in, int from, int to, byte[] out, int segment) throws FormatException {
        int o = 0;
        int i = from;
        while (o < out.length && i < to) {
            int n = in[i++];
            if (n >= 0) {
                int count = n + 1;
                if (i + count > to || o + count > out.length) {
                    throw new FormatException(file, "RLE segment " + segment + " overruns its data or the frame");
                }
                System.arraycopy(in, i, out, o, count);
                i += count;
                o += count;
            } else if (n != -128) {
                int count = 1 - n;
                if (i >= to || o + count > out.length) {
                    throw new FormatException(file, "RLE segment " + segment + " overruns its data or the frame");
                }
                java.util.Arrays.fill(out, o, o + count, in[i++]);
                o += count;
            }
        }
        if (o < out.length) {
            throw new FormatException(file, "RLE segment " + segment + " decodes to " + o + " bytes; the frame needs "
                    + out.length);
        }
    }

    private static long u32(byte[] b, int i) {
        return (b[i] & 0xFFL) | (b[i + 1] & 0xFFL) << 8 | (b[i + 2] & 0xFFL) << 16 | (b[i + 3] & 0xFFL) << 24;
    }
}
