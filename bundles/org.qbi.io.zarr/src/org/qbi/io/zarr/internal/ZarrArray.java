package org.qbi.io.zarr.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One Zarr v2 array: its .zarray (shape, chunks, dtype, compressor, fill_value, order, dimension_separator)
 * validated, and its chunk files. Zarr v2 spec: https://zarr-specs.readthedocs.io/en/latest/v2/v2.0.html
 */
final class ZarrArray {

    static final String ZARRAY = ".zarray";
    static final String ZGROUP = ".zgroup";
    static final String ZATTRS = ".zattrs";
    /** Metadata files larger than this are refused (they are a few hundred bytes). */
    static final long MAX_METADATA_BYTES = 16L << 20;

    static final ObjectMapper JSON = new ObjectMapper();

    final Path root;
    final Path dir;
    final String name;
    final long[] shape;
    final long[] chunks;
    final DType dtype;
    final Codecs.Compressor compressor;
    final boolean fortran;
    final String separator;
    final byte[] fill;
    final int chunkBytes;
    final JsonNode zarray;

    private ZarrArray(Path root, Path dir, String name, long[] shape, long[] chunks, DType dtype,
            Codecs.Compressor compressor, boolean fortran, String separator, byte[] fill, int chunkBytes,
            JsonNode zarray) {
        this.root = root;
        this.dir = dir;
        this.name = name;
        this.shape = shape;
        this.chunks = chunks;
        this.dtype = dtype;
        this.compressor = compressor;
        this.fortran = fortran;
        this.separator = separator;
        this.fill = fill;
        this.chunkBytes = chunkBytes;
        this.zarray = zarray;
    }

    /**
     * Reads and validates the array in {@code dir}.
     *
     * @param root the store the user opened (named in messages)
     * @param name the array's path inside the store ("" for the store itself)
     */
    static ZarrArray read(Path root, Path dir, String name) throws IOException {
        String where = name.isEmpty() ? "its " + ZARRAY : "array '" + name + "': its " + ZARRAY;
        JsonNode zarray = json(root, dir.resolve(ZARRAY));
        if (zarray == null || !zarray.isObject()) {
            throw new FormatException(root, where + " is not a JSON object");
        }
        int format = zarray.path("zarr_format").asInt(-1);
        if (format != 2) {
            throw new FormatException(root, where + " has zarr_format " + zarray.path("zarr_format")
                    + "; QBI reads Zarr v2");
        }
        long[] shape = longs(root, where, zarray.get("shape"), "shape");
        for (long size : shape) {
            if (size < 0) {
                throw new FormatException(root, where + " has shape " + Arrays.toString(shape)
                        + " with a negative size");
            }
            if (size == 0) {
                throw new FormatException(root, where + " has shape " + Arrays.toString(shape) + ": the array is empty");
            }
        }
        long[] chunks = longs(root, where, zarray.get("chunks"), "chunks");
        if (chunks.length != shape.length) {
            throw new FormatException(root, where + " has chunks " + Arrays.toString(chunks) + " for shape "
                    + Arrays.toString(shape));
        }
        DType dtype;
        Codecs.Compressor compressor;
        byte[] fill;
        try {
            dtype = DType.parse(zarray.path("dtype").isTextual() ? zarray.get("dtype").asText() : String.valueOf(zarray.get("dtype")));
            compressor = Codecs.of(zarray.get("compressor"));
            fill = fill(zarray.get("fill_value"), dtype);
        } catch (IllegalArgumentException e) {
            throw new FormatException(root, where + ": " + e.getMessage());
        }
        long chunkBytes = dtype.itemBytes();
        for (long c : chunks) {
            if (c < 1) {
                throw new FormatException(root, where + " has chunks " + Arrays.toString(chunks)
                        + "; chunk sizes are at least 1");
            }
            chunkBytes = c > Integer.MAX_VALUE ? Long.MAX_VALUE : chunkBytes * c;
            if (chunkBytes > Integer.MAX_VALUE - 1024) {
                throw new FormatException(root, where + " has chunks " + Arrays.toString(chunks) + " of more than "
                        + "2 GB; QBI reads chunks of up to 2 GB");
            }
        }
        String order = zarray.path("order").asText("C");
        if (!order.equals("C") && !order.equals("F")) {
            throw new FormatException(root, where + " has order '" + order + "'; Zarr orders are C and F");
        }
        JsonNode filters = zarray.get("filters");
        if (filters != null && !filters.isNull() && !(filters.isArray() && filters.isEmpty())) {
            throw new FormatException(root, where + " has filters " + filters + "; QBI reads arrays without filters");
        }
        String separator = zarray.path("dimension_separator").asText(".");
        if (!separator.equals(".") && !separator.equals("/")) {
            throw new FormatException(root, where + " has dimension_separator '" + separator + "'; Zarr uses '.' or '/'");
        }
        return new ZarrArray(root, dir, name, shape, chunks, dtype, compressor, order.equals("F"), separator, fill,
                (int) chunkBytes, zarray);
    }

    /** The file of chunk {@code index} (relative to the array, "2.0.1" or "2/0/1"). */
    String chunkKey(long[] index) {
        StringBuilder key = new StringBuilder();
        for (int i = 0; i < index.length; i++) {
            key.append(i == 0 ? "" : separator).append(index[i]);
        }
        return key.isEmpty() ? "0" : key.toString();
    }

    /**
     * The decoded values of chunk {@code index} (its full shape, the file's byte order), or null when its file
     * does not exist (the chunk holds the fill value).
     */
    byte[] readChunk(long[] index) throws IOException {
        String key = chunkKey(index);
        Path file = dir.resolve(key);
        String where = (name.isEmpty() ? "" : "array '" + name + "': ") + "chunk " + key;
        BasicFileAttributes attributes;
        try {
            attributes = Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return null;
        }
        if (!attributes.isRegularFile()) {
            throw new FormatException(root, where + " is not a file");
        }
        long limit = compressor == Codecs.NONE ? chunkBytes : (long) chunkBytes + chunkBytes / 8 + (1 << 16);
        if (attributes.size() > limit) {
            throw new FormatException(root, where + " has " + attributes.size() + " bytes, more than a chunk of "
                    + chunkBytes + " bytes can be stored in");
        }
        byte[] stored = Files.readAllBytes(file);
        try {
            return compressor.decode(stored, chunkBytes);
        } catch (CorruptChunkException e) {
            throw new FormatException(root, where + ": " + e.getMessage());
        }
    }

    /** Element count. */
    long size() {
        long n = 1;
        for (long s : shape) {
            n = n > Long.MAX_VALUE / Math.max(1, s) ? Long.MAX_VALUE : n * s;
        }
        return n;
    }

    /** Reads a metadata file, or null when it does not exist. */
    static JsonNode json(Path root, Path file) throws IOException {
        try {
            long size = Files.size(file);
            if (size > MAX_METADATA_BYTES) {
                throw new FormatException(root, relative(root, file) + " has " + size
                        + " bytes; Zarr metadata files are small");
            }
            return JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return null;
        } catch (JsonProcessingException e) {
            throw new FormatException(root, relative(root, file) + " is not valid JSON: " + e.getOriginalMessage());
        }
    }

    private static String relative(Path root, Path file) {
        try {
            return root.toAbsolutePath().relativize(file.toAbsolutePath()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static long[] longs(Path root, String where, JsonNode node, String field) throws FormatException {
        if (node == null || !node.isArray()) {
            throw new FormatException(root, where + " has no " + field + " list");
        }
        List<Long> values = new ArrayList<>();
        for (JsonNode n : node) {
            if (!n.isIntegralNumber() || !n.canConvertToLong()) {
                throw new FormatException(root, where + " has " + field + " " + node + ", which are not all integers");
            }
            values.add(n.asLong());
        }
        return values.stream().mapToLong(Long::longValue).toArray();
    }

    /** The fill value as one stored value (the dtype's byte order); zeros when it is null. */
    static byte[] fill(JsonNode node, DType dtype) {
        ByteBuffer b = ByteBuffer.allocate(dtype.itemBytes()).order(dtype.order());
        if (node == null || node.isNull()) {
            return b.array();
        }
        PixelType type = dtype.type();
        switch (type) {
            case FLOAT32, FLOAT64 -> {
                double v = floating(node, dtype);
                if (type == PixelType.FLOAT32) {
                    b.putFloat((float) v);
                } else {
                    b.putDouble(v);
                }
            }
            case COMPLEX_FLOAT32 -> {
                if (node.isArray() && node.size() == 2) {
                    b.putFloat((float) floating(node.get(0), dtype)).putFloat((float) floating(node.get(1), dtype));
                } else {
                    b.putFloat((float) floating(node, dtype)).putFloat(0f);
                }
            }
            default -> {
                long v;
                if (node.isBoolean()) {
                    v = node.asBoolean() ? 1 : 0;
                } else if (node.isIntegralNumber() && node.canConvertToLong()) {
                    v = node.asLong();
                } else if (node.isNumber() && node.asDouble() == Math.rint(node.asDouble())) {
                    v = (long) node.asDouble();
                } else {
                    throw new IllegalArgumentException("fill_value " + node + " is not an integer for dtype '"
                            + dtype.text() + "'");
                }
                if (v < type.minValue() || v > type.maxValue()) {
                    throw new IllegalArgumentException("fill_value " + v + " does not fit dtype '" + dtype.text() + "'");
                }
                switch (dtype.itemBytes()) {
                    case 1 -> b.put((byte) v);
                    case 2 -> b.putShort((short) v);
                    default -> b.putInt((int) v);
                }
            }
        }
        return b.array();
    }

    private static double floating(JsonNode node, DType dtype) {
        if (node.isNumber()) {
            return node.asDouble();
        }
        return switch (node.asText()) {
            case "NaN" -> Double.NaN;
            case "Infinity" -> Double.POSITIVE_INFINITY;
            case "-Infinity" -> Double.NEGATIVE_INFINITY;
            default -> throw new IllegalArgumentException("fill_value " + node + " is not a number for dtype '"
                    + dtype.text() + "'");
        };
    }
}
