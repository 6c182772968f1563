package org.qbi.io.zarr.internal;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.luben.zstd.Zstd;

import net.jpountz.lz4.LZ4Exception;
import net.jpountz.lz4.LZ4Factory;

/**
 * The chunk compressors of Zarr v2 (numcodecs ids) QBI reads: none, "zlib", "gzip", "blosc" ({@link Blosc}),
 * "zstd" (zstd-jni) and "lz4" (numcodecs' LZ4: a 4-byte little-endian size, then an LZ4 block; lz4-java). Every
 * decoder produces exactly the chunk's size or fails: output is never allowed to grow past it.
 */
final class Codecs {

    /** Decodes the stored bytes of one chunk. */
    interface Compressor {
        /**
         * @param stored   the chunk file's bytes
         * @param expected the bytes a chunk holds (its full shape, also at the array's edges)
         */
        byte[] decode(byte[] stored, int expected) throws CorruptChunkException;

        /** The compressor as .zarray names it. */
        String id();
    }

    static final Compressor NONE = new Compressor() {
        @Override
        public byte[] decode(byte[] stored, int expected) throws CorruptChunkException {
            if (stored.length != expected) {
                throw new CorruptChunkException("it has " + stored.length + " bytes, an uncompressed chunk has " + expected);
            }
            return stored;
        }

        @Override
        public String id() {
            return "none";
        }
    };

    private Codecs() {
    }

    /**
     * The compressor a .zarray's "compressor" names.
     *
     * @throws IllegalArgumentException naming the compressor when QBI does not read it
     */
    static Compressor of(JsonNode compressor) {
        if (compressor == null || compressor.isNull()) {
            return NONE;
        }
        String id = compressor.path("id").asText("");
        return switch (id) {
            case "zlib" -> stream("zlib", in -> new InflaterInputStream(in));
            case "gzip" -> stream("gzip", in -> new GZIPInputStream(in));
            case "blosc" -> named("blosc", Blosc::decode);
            case "zstd" -> named("zstd", Codecs::zstdFrame);
            case "lz4" -> named("lz4", Codecs::lz4);
            default -> throw new IllegalArgumentException("compressor '" + id + "' is not one QBI reads (none, zlib, "
                    + "gzip, blosc, zstd, lz4)");
        };
    }

    @FunctionalInterface
    private interface Decoder {
        byte[] decode(byte[] stored, int expected) throws CorruptChunkException;
    }

    @FunctionalInterface
    private interface StreamFactory {
        InputStream open(InputStream in) throws IOException;
    }

    private static Compressor named(String id, Decoder decoder) {
        return new Compressor() {
            @Override
            public byte[] decode(byte[] stored, int expected) throws CorruptChunkException {
                return decoder.decode(stored, expected);
            }

            @Override
            public String id() {
                return id;
            }
        };
    }

    /** zlib and gzip through the JDK's streams, reading at most one byte past the chunk's size. */
    private static Compressor stream(String id, StreamFactory factory) {
        return named(id, (stored, expected) -> {
            try (InputStream in = factory.open(new ByteArrayInputStream(stored))) {
                byte[] out = in.readNBytes(expected);
                if (out.length < expected) {
                    throw new CorruptChunkException("its " + id + " data decompresses to " + out.length
                            + " bytes, a chunk holds " + expected);
                }
                if (in.read() >= 0) {
                    throw new CorruptChunkException("its " + id + " data decompresses to more than the " + expected
                            + " bytes a chunk holds");
                }
                return out;
            } catch (IOException e) {
                throw new CorruptChunkException("its " + id + " data is corrupt or truncated (" + e.getMessage() + ")");
            }
        });
    }

    private static byte[] zstdFrame(byte[] stored, int expected) throws CorruptChunkException {
        byte[] out = new byte[expected];
        int n = zstd(stored, 0, stored.length, out, 0, expected);
        if (n != expected) {
            throw new CorruptChunkException("its zstd data decompresses to " + n + " bytes, a chunk holds " + expected);
        }
        return out;
    }

    /** Decodes one Zstandard frame into at most {@code expected} bytes; returns the bytes decoded. */
    static int zstd(byte[] src, int offset, int length, byte[] dst, int dstOffset, int expected)
            throws CorruptChunkException {
        long result;
        try {
            result = Zstd.decompressByteArray(dst, dstOffset, expected, src, offset, length);
        } catch (LinkageError e) {
            throw new CorruptChunkException("it is compressed with zstd, whose native library (zstd-jni) cannot be "
                    + "loaded here: " + e);
        } catch (RuntimeException e) {
            throw new CorruptChunkException("its zstd data is corrupt (" + e.getMessage() + ")");
        }
        if (Zstd.isError(result)) {
            String error = Zstd.getErrorName(result);
            throw new CorruptChunkException("its zstd data " + (error.contains("too small")
                    ? "decompresses to more than the " + expected + " bytes a chunk holds" : "is corrupt (" + error + ")"));
        }
        return (int) result;
    }

    /** numcodecs' LZ4: a little-endian int32 of the decoded size, then one LZ4 block. */
    private static byte[] lz4(byte[] stored, int expected) throws CorruptChunkException {
        if (stored.length < 4) {
            throw new CorruptChunkException("it has " + stored.length + " bytes, too few for LZ4");
        }
        int size = Blosc.int32(stored, 0);
        if (size != expected) {
            throw new CorruptChunkException("its LZ4 header says it holds " + Integer.toUnsignedString(size)
                    + " bytes, a chunk holds " + expected);
        }
        byte[] out = new byte[expected];
        try {
            int n = LZ4Factory.safeInstance().safeDecompressor().decompress(stored, 4, stored.length - 4, out, 0, expected);
            if (n != expected) {
                throw new CorruptChunkException("its LZ4 data decompresses to " + n + " bytes, a chunk holds " + expected);
            }
        } catch (LZ4Exception e) {
            throw new CorruptChunkException("its LZ4 data is corrupt (" + e.getMessage() + ")");
        }
        return out;
    }
}
