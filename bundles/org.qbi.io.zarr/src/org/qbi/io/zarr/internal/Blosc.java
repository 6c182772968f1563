package org.qbi.io.zarr.internal;

import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

import net.jpountz.lz4.LZ4Compressor;
import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;
import net.jpountz.lz4.LZ4SafeDecompressor;

/**
 * Blosc 1 frames, the chunk format of numcodecs' Blosc codec (Python zarr's default compressor), decoded and
 * encoded here by hand because Maven Central has no pure-Java Blosc. The frame layout follows c-blosc 1.x:
 * <pre>
 * 16-byte header: version (2), codec version, flags, typesize, nbytes, blocksize, cbytes (little-endian int32)
 * flags: 0x01 byte shuffle, 0x02 stored uncompressed (memcpy), 0x04 bit shuffle, 0x10 blocks not split,
 *        bits 5-7 the codec: 0 BloscLZ, 1 LZ4 (and LZ4HC), 2 Snappy, 3 zlib, 4 Zstandard
 * then (unless memcpy) one int32 start offset per block; each block (blocksize bytes, the last one possibly
 * shorter) is one stream, or typesize streams when split (a full block without flag 0x10), each stream an int32
 * compressed size and that many bytes (a size equal to the stream's length means stored as is).
 * </pre>
 * Shuffles work per block: byte shuffle stores all first bytes of the block's values, then all second bytes;
 * bit shuffle (blocks of a multiple of 8 values, others stored unshuffled) stores bit-planes. The streams are
 * decoded with lz4-java (its pure-Java safe decompressor), zstd-jni (JNI, bundled natives), the JDK's zlib and
 * {@link BloscLz}; Snappy is not supported. Every size is checked against the frame and the expected chunk
 * size before anything is allocated or written.
 * <p>
 * The encoder writes LZ4 with byte shuffle, the way c-blosc does (blocks split into typesize streams when they
 * hold at least 128 values of at most 16 bytes, flag 0x10 otherwise), so any Blosc 1 or 2 reader decodes it.
 */
final class Blosc {

    static final int HEADER = 16;
    static final int FLAG_SHUFFLE = 0x01;
    static final int FLAG_MEMCPY = 0x02;
    static final int FLAG_BITSHUFFLE = 0x04;
    static final int FLAG_DONT_SPLIT = 0x10;
    static final int CODEC_BLOSCLZ = 0;
    static final int CODEC_LZ4 = 1;
    static final int CODEC_SNAPPY = 2;
    static final int CODEC_ZLIB = 3;
    static final int CODEC_ZSTD = 4;

    /** Block size of the encoder: 256 KiB, a multiple of every type size. */
    static final int ENCODER_BLOCK = 1 << 18;
    private static final int MAX_SPLITS = 16;
    private static final int MIN_BUFFERSIZE = 128;

    private static final LZ4Factory LZ4 = LZ4Factory.safeInstance();

    private Blosc() {
    }

    /** The name of a Blosc codec number, as numcodecs' cname. */
    static String codecName(int codec) {
        return switch (codec) {
            case CODEC_BLOSCLZ -> "blosclz";
            case CODEC_LZ4 -> "lz4";
            case CODEC_SNAPPY -> "snappy";
            case CODEC_ZLIB -> "zlib";
            case CODEC_ZSTD -> "zstd";
            default -> "codec " + codec;
        };
    }

    /**
     * Decodes a Blosc frame that must hold exactly {@code expected} bytes.
     *
     * @throws CorruptChunkException naming what is wrong
     */
    static byte[] decode(byte[] src, int expected) throws CorruptChunkException {
        if (src.length < HEADER) {
            throw new CorruptChunkException("it has " + src.length + " bytes, fewer than a Blosc header's 16");
        }
        int version = src[0] & 0xff;
        int flags = src[2] & 0xff;
        int typesize = src[3] & 0xff;
        int nbytes = int32(src, 4);
        int blocksize = int32(src, 8);
        int cbytes = int32(src, 12);
        if (version < 1 || version > 2) {
            throw new CorruptChunkException("its Blosc format version is " + version + "; QBI reads Blosc 1 frames "
                    + "(versions 1 and 2)");
        }
        if (nbytes != expected) {
            throw new CorruptChunkException("its Blosc header says it holds " + Integer.toUnsignedString(nbytes)
                    + " bytes, a chunk holds " + expected);
        }
        if (cbytes < HEADER || cbytes > src.length) {
            throw new CorruptChunkException("its Blosc header says it has " + Integer.toUnsignedString(cbytes)
                    + " bytes, the chunk has " + src.length + (cbytes > src.length ? " (truncated)" : ""));
        }
        byte[] out = new byte[expected];
        if ((flags & FLAG_MEMCPY) != 0) {
            if (cbytes < HEADER + nbytes) {
                throw new CorruptChunkException("its uncompressed Blosc frame has " + (cbytes - HEADER)
                        + " bytes for " + nbytes);
            }
            System.arraycopy(src, HEADER, out, 0, nbytes);
            return out;
        }
        if (nbytes == 0) {
            return out;
        }
        if (typesize < 1 || blocksize <= 0) {
            throw new CorruptChunkException("its Blosc header has typesize " + typesize + " and block size "
                    + blocksize);
        }
        int codec = flags >>> 5;
        int nblocks = nbytes / blocksize + (nbytes % blocksize == 0 ? 0 : 1);
        int leftover = nbytes % blocksize;
        if ((long) HEADER + 4L * nblocks > cbytes) {
            throw new CorruptChunkException("its " + nblocks + " Blosc block offsets do not fit its " + cbytes + " bytes");
        }
        boolean byteShuffle = (flags & FLAG_SHUFFLE) != 0 && typesize > 1;
        boolean bitShuffle = (flags & FLAG_BITSHUFFLE) != 0;
        byte[] block = new byte[Math.min(blocksize, nbytes)];
        for (int j = 0; j < nblocks; j++) {
            boolean last = j == nblocks - 1 && leftover > 0;
            int bsize = last ? leftover : blocksize;
            int start = int32(src, HEADER + 4 * j);
            if (start < HEADER + 4 * nblocks || start >= cbytes) {
                throw new CorruptChunkException("its Blosc block " + j + " starts at byte " + start
                        + ", outside the frame's " + cbytes + " bytes");
            }
            boolean split = (flags & FLAG_DONT_SPLIT) == 0 && !last;
            int streams = split ? typesize : 1;
            if (bsize % streams != 0) {
                throw new CorruptChunkException("its Blosc block of " + bsize + " bytes cannot be split into "
                        + streams + " streams");
            }
            int neblock = bsize / streams;
            boolean shuffled = byteShuffle || bitShuffle;
            byte[] target = shuffled ? block : out;
            int targetBase = shuffled ? 0 : j * blocksize;
            int pos = start;
            for (int s = 0; s < streams; s++) {
                if (pos + 4 > cbytes) {
                    throw new CorruptChunkException("its Blosc block " + j + " ends early (truncated)");
                }
                int size = int32(src, pos);
                pos += 4;
                if (size < 0 || size > cbytes - pos) {
                    throw new CorruptChunkException("its Blosc block " + j + " has a stream of "
                            + Integer.toUnsignedString(size) + " bytes beyond the frame's end");
                }
                int dst = targetBase + s * neblock;
                if (size == neblock) {
                    System.arraycopy(src, pos, target, dst, neblock);
                } else {
                    int decoded = decompress(codec, src, pos, size, target, dst, neblock);
                    if (decoded != neblock) {
                        throw new CorruptChunkException("its Blosc block " + j + " decodes to " + decoded
                                + " bytes, not " + neblock);
                    }
                }
                pos += size;
            }
            if (byteShuffle) {
                unshuffle(block, bsize, typesize, out, j * blocksize);
            } else if (bitShuffle) {
                bitUnshuffle(block, bsize, typesize, out, j * blocksize);
            }
        }
        return out;
    }

    /** Decodes one stream; returns the bytes decoded, or throws when the codec fails. */
    private static int decompress(int codec, byte[] src, int offset, int length, byte[] dst, int dstOffset, int expected)
            throws CorruptChunkException {
        switch (codec) {
            case CODEC_LZ4 -> {
                try {
                    LZ4SafeDecompressor decompressor = LZ4.safeDecompressor();
                    return decompressor.decompress(src, offset, length, dst, dstOffset, expected);
                } catch (LZ4Exception e) {
                    throw new CorruptChunkException("its LZ4 stream is corrupt (" + e.getMessage() + ")");
                }
            }
            case CODEC_ZLIB -> {
                Inflater inflater = new Inflater();
                try {
                    inflater.setInput(src, offset, length);
                    int n = 0;
                    while (n < expected && !inflater.finished()) {
                        int read = inflater.inflate(dst, dstOffset + n, expected - n);
                        if (read == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                            break;
                        }
                        n += read;
                    }
                    if (!inflater.finished()) {
                        throw new CorruptChunkException("its zlib stream " + (n == expected
                                ? "decodes to more than " + expected + " bytes" : "ends early"));
                    }
                    return n;
                } catch (DataFormatException e) {
                    throw new CorruptChunkException("its zlib stream is corrupt (" + e.getMessage() + ")");
                } finally {
                    inflater.end();
                }
            }
            case CODEC_ZSTD -> {
                return Codecs.zstd(src, offset, length, dst, dstOffset, expected);
            }
            case CODEC_BLOSCLZ -> {
                int n = BloscLz.decompress(src, offset, length, dst, dstOffset, expected);
                if (n < 0) {
                    throw new CorruptChunkException("its BloscLZ stream is corrupt");
                }
                return n;
            }
            default -> throw new CorruptChunkException("it is compressed with Blosc's " + codecName(codec)
                    + ", which QBI does not read (it reads blosclz, lz4, lz4hc, zlib and zstd)");
        }
    }

    /** Undoes the byte shuffle of one block of {@code size} bytes. */
    static void unshuffle(byte[] src, int size, int typesize, byte[] dst, int dstOffset) {
        int elements = size / typesize;
        for (int j = 0; j < typesize; j++) {
            int base = j * elements;
            for (int i = 0; i < elements; i++) {
                dst[dstOffset + i * typesize + j] = src[base + i];
            }
        }
        int done = elements * typesize;
        System.arraycopy(src, done, dst, dstOffset + done, size - done);
    }

    /** Byte-shuffles one block of {@code size} bytes (the encoder's side of {@link #unshuffle}). */
    static void shuffle(byte[] src, int srcOffset, int size, int typesize, byte[] dst) {
        int elements = size / typesize;
        for (int j = 0; j < typesize; j++) {
            int base = j * elements;
            for (int i = 0; i < elements; i++) {
                dst[base + i] = src[srcOffset + i * typesize + j];
            }
        }
        int done = elements * typesize;
        System.arraycopy(src, srcOffset + done, dst, done, size - done);
    }

    /**
     * Undoes c-blosc 1's bit shuffle of one block: bit-plane {@code 8 j + k} (a row of elements / 8 bytes) holds
     * bit {@code k} of byte {@code j} of every value, value {@code 8 m + t} at bit {@code t} of byte {@code m}.
     * Blocks whose value count is not a multiple of 8 are stored unshuffled.
     */
    static void bitUnshuffle(byte[] src, int size, int typesize, byte[] dst, int dstOffset) {
        int elements = size / typesize;
        if (elements % 8 != 0) {
            System.arraycopy(src, 0, dst, dstOffset, size);
            return;
        }
        java.util.Arrays.fill(dst, dstOffset, dstOffset + elements * typesize, (byte) 0);
        int rowBytes = elements / 8;
        for (int j = 0; j < typesize; j++) {
            for (int k = 0; k < 8; k++) {
                int row = (j * 8 + k) * rowBytes;
                int bit = 1 << k;
                for (int m = 0; m < rowBytes; m++) {
                    int b = src[row + m] & 0xff;
                    if (b == 0) {
                        continue;
                    }
                    for (int t = 0; t < 8; t++) {
                        if ((b & (1 << t)) != 0) {
                            int at = dstOffset + (8 * m + t) * typesize + j;
                            dst[at] = (byte) (dst[at] | bit);
                        }
                    }
                }
            }
        }
        int done = elements * typesize;
        System.arraycopy(src, done, dst, dstOffset + done, size - done);
    }

    /**
     * Encodes {@code data} as a Blosc 1 frame: LZ4 with byte shuffle of {@code typesize}-byte values, blocks of
     * {@link #ENCODER_BLOCK} bytes; stored uncompressed (flag 0x02) when compression does not pay.
     */
    static byte[] encodeLz4(byte[] data, int typesize) {
        int nbytes = data.length;
        int blocksize = Math.min(ENCODER_BLOCK, Math.max(1, nbytes));
        int nblocks = nbytes == 0 ? 0 : nbytes / blocksize + (nbytes % blocksize == 0 ? 0 : 1);
        int leftover = nbytes % blocksize;
        boolean shuffle = typesize > 1;
        boolean splitRule = typesize <= MAX_SPLITS && blocksize / typesize >= MIN_BUFFERSIZE;
        LZ4Compressor compressor = LZ4.fastCompressor();
        // Worst case: every stream stored, plus its size field.
        byte[] out = new byte[HEADER + 4 * nblocks + nbytes + 4 * nblocks * Math.max(1, typesize) + 64];
        int pos = HEADER + 4 * nblocks;
        byte[] shuffled = new byte[blocksize];
        boolean compressible = true;
        for (int j = 0; j < nblocks && compressible; j++) {
            boolean last = j == nblocks - 1 && leftover > 0;
            int bsize = last ? leftover : blocksize;
            byte[] source;
            int sourceOffset;
            if (shuffle) {
                shuffle(data, j * blocksize, bsize, typesize, shuffled);
                source = shuffled;
                sourceOffset = 0;
            } else {
                source = data;
                sourceOffset = j * blocksize;
            }
            writeInt32(out, HEADER + 4 * j, pos);
            int streams = splitRule && !last ? typesize : 1;
            int neblock = bsize / streams;
            for (int s = 0; s < streams; s++) {
                int size;
                try {
                    size = compressor.compress(source, sourceOffset + s * neblock, neblock, out, pos + 4, neblock - 1);
                } catch (LZ4Exception e) {
                    size = -1;
                }
                if (size <= 0 || size >= neblock) {
                    System.arraycopy(source, sourceOffset + s * neblock, out, pos + 4, neblock);
                    size = neblock;
                }
                writeInt32(out, pos, size);
                pos += 4 + size;
            }
            if (pos > nbytes + HEADER) {
                compressible = false;
            }
        }
        int flags = (CODEC_LZ4 << 5) | (shuffle ? FLAG_SHUFFLE : 0) | (splitRule ? 0 : FLAG_DONT_SPLIT);
        if (!compressible || nbytes == 0) {
            out = new byte[HEADER + nbytes];
            System.arraycopy(data, 0, out, HEADER, nbytes);
            pos = out.length;
            flags = (CODEC_LZ4 << 5) | FLAG_MEMCPY | FLAG_DONT_SPLIT;
        }
        out[0] = 2;
        out[1] = 1;
        out[2] = (byte) flags;
        out[3] = (byte) Math.min(255, typesize);
        writeInt32(out, 4, nbytes);
        writeInt32(out, 8, blocksize);
        writeInt32(out, 12, pos);
        return java.util.Arrays.copyOf(out, pos);
    }

    static int int32(byte[] b, int at) {
        return (b[at] & 0xff) | (b[at + 1] & 0xff) << 8 | (b[at + 2] & 0xff) << 16 | (b[at + 3] & 0xff) << 24;
    }

    private static void writeInt32(byte[] b, int at, int value) {
        b[at] = (byte) value;
        b[at + 1] = (byte) (value >>> 8);
        b[at + 2] = (byte) (value >>> 16);
        b[at + 3] = (byte) (value >>> 24);
    }
}
