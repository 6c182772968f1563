package org.qbi.io.tiff.internal;

import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.qbi.core.image.io.FormatException;

/**
 * The structure of a TIFF or BigTIFF file: byte order and the chain of image file directories (IFDs) with their
 * fields, read from the headers only (no pixel data), each offset and length checked against the file's length.
 * <p>
 * Written here rather than taken from TwelveMonkeys' {@code TIFFReader}: that parser reads every IFD of the file
 * whenever a reader gets an input, which makes reading page by page quadratic in the number of pages, and it does
 * not expose where each IFD lies, which the page-by-page decoding needs (see {@link SinglePageStream}). It also
 * gives the messages QBI wants on hostile input (which field, which offset, how long the file is).
 */
final class TiffFile {

    /** Value sizes of the TIFF field types 1..18 (0 = unknown type). */
    private static final int[] TYPE_SIZES = { 0, 1, 1, 2, 4, 8, 1, 1, 2, 4, 8, 4, 8, 4, 0, 0, 8, 8, 8 };

    /** Field types. */
    static final int BYTE = 1, ASCII = 2, SHORT = 3, LONG = 4, RATIONAL = 5, SBYTE = 6, UNDEFINED = 7, SSHORT = 8,
            SLONG = 9, SRATIONAL = 10, FLOAT = 11, DOUBLE = 12, IFD = 13, LONG8 = 16, SLONG8 = 17, IFD8 = 18;

    /** The largest value a field may have (bytes): more is refused for the fields pixels depend on, skipped otherwise. */
    static final long MAX_FIELD_BYTES = 256L << 20;

    /** Fields the pixels depend on: a broken one makes the file unreadable; other broken fields are skipped. */
    private static final Set<Integer> ESSENTIAL = Set.of(TiffTags.IMAGE_WIDTH, TiffTags.IMAGE_LENGTH,
            TiffTags.BITS_PER_SAMPLE, TiffTags.COMPRESSION, TiffTags.PHOTOMETRIC, TiffTags.STRIP_OFFSETS,
            TiffTags.SAMPLES_PER_PIXEL, TiffTags.ROWS_PER_STRIP, TiffTags.STRIP_BYTE_COUNTS,
            TiffTags.PLANAR_CONFIGURATION, TiffTags.PREDICTOR, TiffTags.TILE_WIDTH, TiffTags.TILE_LENGTH,
            TiffTags.TILE_OFFSETS, TiffTags.TILE_BYTE_COUNTS, TiffTags.SAMPLE_FORMAT, TiffTags.EXTRA_SAMPLES);

    /** One field of an IFD with its raw value bytes (in the file's byte order). */
    record Field(int tag, int type, long count, byte[] value, ByteOrder order) {

        private ByteBuffer buffer() {
            return ByteBuffer.wrap(value).order(order);
        }

        /** Value {@code i} as an integer (unsigned for BYTE, SHORT, LONG; rationals rounded down). */
        long longAt(int i) {
            ByteBuffer b = buffer();
            return switch (type) {
                case BYTE, UNDEFINED, ASCII -> Byte.toUnsignedLong(b.get(i));
                case SBYTE -> b.get(i);
                case SHORT -> Short.toUnsignedLong(b.getShort(2 * i));
                case SSHORT -> b.getShort(2 * i);
                case LONG, IFD -> Integer.toUnsignedLong(b.getInt(4 * i));
                case SLONG -> b.getInt(4 * i);
                case LONG8, SLONG8, IFD8 -> b.getLong(8 * i);
                case RATIONAL, SRATIONAL, FLOAT, DOUBLE -> (long) doubleAt(i);
                default -> 0;
            };
        }

        /** Value {@code i} as a double (rationals divided out; a zero denominator gives NaN). */
        double doubleAt(int i) {
            ByteBuffer b = buffer();
            return switch (type) {
                case RATIONAL -> ratio(Integer.toUnsignedLong(b.getInt(8 * i)), Integer.toUnsignedLong(b.getInt(8 * i + 4)));
                case SRATIONAL -> ratio(b.getInt(8 * i), b.getInt(8 * i + 4));
                case FLOAT -> b.getFloat(4 * i);
                case DOUBLE -> b.getDouble(8 * i);
                case LONG8, SLONG8, IFD8 -> type == LONG8 || type == IFD8 ? unsigned(b.getLong(8 * i)) : b.getLong(8 * i);
                default -> longAt(i);
            };
        }

        private static double ratio(long numerator, long denominator) {
            return denominator == 0 ? Double.NaN : (double) numerator / denominator;
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : Math.scalb((double) (v >>> 1), 1);
        }

        /**
         * 1 / value {@code i}, a resolution turned into a pixel size; NaN when the value is not positive. For a
         * RATIONAL whose numerator is large (100000 or more, so that one unit of it is at most 1e-5 of the value), the
         * shortest decimal within that last unit: ImageJ writes 1/1.5 mm as 666666/1000000, which is 1.5 mm, not
         * 1.5000015. Small numerators (4/1) are exact and kept.
         */
        double inverseAt(int i) {
            double value = doubleAt(i);
            if (!(value > 0) || !Double.isFinite(value)) {
                return Double.NaN;
            }
            double exact = 1 / value;
            if (type != RATIONAL) {
                return exact;
            }
            ByteBuffer b = buffer();
            double numerator = Integer.toUnsignedLong(b.getInt(8 * i));
            double denominator = Integer.toUnsignedLong(b.getInt(8 * i + 4));
            if (numerator < 100_000) {
                return exact;
            }
            double low = denominator / (numerator + 1);
            double high = denominator / (numerator - 1);
            for (int digits = 1; digits <= 17; digits++) {
                double rounded = new java.math.BigDecimal(exact).round(new java.math.MathContext(digits)).doubleValue();
                if (rounded > low && rounded < high) {
                    return rounded;
                }
            }
            return exact;
        }

        /** All values as integers. */
        long[] longs() {
            long[] values = new long[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = longAt(i);
            }
            return values;
        }

        /** All values as doubles. */
        double[] doubles() {
            double[] values = new double[(int) count];
            for (int i = 0; i < values.length; i++) {
                values[i] = doubleAt(i);
            }
            return values;
        }

        /** An ASCII (or byte) value as text: UTF-8 (which ASCII is), trailing NULs dropped, inner NULs as "\\". */
        String text() {
            int end = value.length;
            while (end > 0 && value[end - 1] == 0) {
                end--;
            }
            return new String(value, 0, end, StandardCharsets.UTF_8).replace('\0', '\\');
        }

        boolean isNumeric() {
            return type != ASCII && type != UNDEFINED && type != BYTE && type != SBYTE;
        }
    }

    /** One image file directory: where it lies, how many entries it has, and its (readable) fields by tag. */
    record Ifd(int index, long offset, long entryCount, Map<Integer, Field> fields) {

        Field field(int tag) {
            return fields.get(tag);
        }

        boolean has(int tag) {
            return fields.containsKey(tag);
        }

        /** The first value of {@code tag}, or {@code fallback} when absent. */
        long longValue(int tag, long fallback) {
            Field f = fields.get(tag);
            return f == null || f.count() < 1 ? fallback : f.longAt(0);
        }

        double doubleValue(int tag, double fallback) {
            Field f = fields.get(tag);
            return f == null || f.count() < 1 ? fallback : f.doubleAt(0);
        }

        String text(int tag) {
            Field f = fields.get(tag);
            return f == null ? null : f.text();
        }
    }

    private final Path path;
    private final long length;
    private final ByteOrder order;
    private final boolean bigTiff;
    private final List<Ifd> ifds;
    private final List<String> warnings;

    private TiffFile(Path path, long length, ByteOrder order, boolean bigTiff, List<Ifd> ifds, List<String> warnings) {
        this.path = path;
        this.length = length;
        this.order = order;
        this.bigTiff = bigTiff;
        this.ifds = ifds;
        this.warnings = warnings;
    }

    /** True when {@code head} starts like a TIFF or BigTIFF file. */
    static boolean isTiff(byte[] head) {
        if (head.length < 4) {
            return false;
        }
        boolean little = head[0] == 'I' && head[1] == 'I' && head[3] == 0 && (head[2] == 42 || head[2] == 43);
        boolean big = head[0] == 'M' && head[1] == 'M' && head[2] == 0 && (head[3] == 42 || head[3] == 43);
        return little || big;
    }

    /** Reads the header and every IFD of {@code path} (not the pixels). */
    static TiffFile read(Path path) throws IOException {
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            return new Parser(path, channel).parse();
        }
    }

    Path path() {
        return path;
    }

    long length() {
        return length;
    }

    ByteOrder order() {
        return order;
    }

    boolean bigTiff() {
        return bigTiff;
    }

    List<Ifd> ifds() {
        return ifds;
    }

    /** Problems that did not stop reading (skipped fields), for the metadata. */
    List<String> warnings() {
        return warnings;
    }

    /** Position of the header's first-IFD offset, and its size in bytes. */
    long firstIfdPointerPosition() {
        return bigTiff ? 8 : 4;
    }

    /** Position of {@code ifd}'s next-IFD offset (after its entries). */
    long nextIfdPointerPosition(Ifd ifd) {
        return ifd.offset() + (bigTiff ? 8 : 2) + ifd.entryCount() * (bigTiff ? 20L : 12L);
    }

    int pointerSize() {
        return bigTiff ? 8 : 4;
    }

    /** Reads the file's structure. */
    private static final class Parser {
        private final Path path;
        private final FileChannel channel;
        private final long length;
        private ByteOrder order;
        private boolean big;
        private final List<String> warnings = new ArrayList<>();

        Parser(Path path, FileChannel channel) throws IOException {
            this.path = path;
            this.channel = channel;
            this.length = channel.size();
        }

        TiffFile parse() throws IOException {
            if (length < 8) {
                throw new FormatException(path, "not a TIFF file: it has " + length + " bytes, a TIFF header has 8");
            }
            ByteBuffer head = read(0, (int) Math.min(16, length), "the header");
            byte b0 = head.get(0);
            byte b1 = head.get(1);
            if (b0 == 'I' && b1 == 'I') {
                order = ByteOrder.LITTLE_ENDIAN;
            } else if (b0 == 'M' && b1 == 'M') {
                order = ByteOrder.BIG_ENDIAN;
            } else {
                throw new FormatException(path, "not a TIFF file: it starts with neither II nor MM");
            }
            head.order(order);
            int version = Short.toUnsignedInt(head.getShort(2));
            long first;
            if (version == 42) {
                big = false;
                first = Integer.toUnsignedLong(head.getInt(4));
            } else if (version == 43) {
                if (length < 16) {
                    throw new FormatException(path, "truncated BigTIFF header: the file has " + length + " bytes, the header 16");
                }
                big = true;
                if (head.getShort(4) != 8 || head.getShort(6) != 0) {
                    throw new FormatException(path, "BigTIFF header with offset size " + head.getShort(4) + " (must be 8)");
                }
                first = head.getLong(8);
            } else {
                throw new FormatException(path, "not a TIFF file: version " + version + " (TIFF is 42, BigTIFF 43)");
            }
            List<Ifd> ifds = new ArrayList<>();
            Set<Long> seen = new HashSet<>();
            long offset = first;
            long headerSize = big ? 16 : 8;
            while (offset != 0) {
                String which = ifds.isEmpty() ? "the first IFD (image file directory)" : "IFD " + ifds.size();
                if (offset < headerSize || offset >= length || offset < 0) {
                    throw new FormatException(path, which + " is said to start at offset " + Long.toUnsignedString(offset)
                            + ", " + (offset >= length || offset < 0 ? "past the end of the file (" + length
                                    + " bytes): the file is truncated or corrupt" : "inside the header"));
                }
                if (!seen.add(offset)) {
                    throw new FormatException(path, "the chain of IFDs loops back to offset " + offset + " after "
                            + ifds.size() + " IFDs: the file is corrupt");
                }
                long[] next = new long[1];
                ifds.add(readIfd(ifds.size(), offset, next));
                offset = next[0];
            }
            if (ifds.isEmpty()) {
                throw new FormatException(path, "the TIFF file has no image (its first IFD offset is 0)");
            }
            return new TiffFile(path, length, order, big, List.copyOf(ifds), List.copyOf(warnings));
        }

        private Ifd readIfd(int index, long offset, long[] next) throws IOException {
            int countSize = big ? 8 : 2;
            int entrySize = big ? 20 : 12;
            int pointerSize = big ? 8 : 4;
            if (offset + countSize > length) {
                throw new FormatException(path, "IFD " + index + " at offset " + offset + " is cut off by the end of the file ("
                        + length + " bytes): the file is truncated");
            }
            ByteBuffer countBuffer = read(offset, countSize, "IFD " + index);
            long count = big ? countBuffer.getLong(0) : Short.toUnsignedLong(countBuffer.getShort(0));
            long end = offset + countSize + count * entrySize + pointerSize;
            if (count < 0 || count > (length / entrySize) || end > length) {
                throw new FormatException(path, "IFD " + index + " at offset " + offset + " claims " + Long.toUnsignedString(count)
                        + " entries (" + (count * entrySize) + " bytes), past the end of the file (" + length
                        + " bytes): the file is truncated or corrupt");
            }
            ByteBuffer entries = read(offset + countSize, (int) (count * entrySize + pointerSize), "IFD " + index);
            Map<Integer, Field> fields = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                int base = i * entrySize;
                int tag = Short.toUnsignedInt(entries.getShort(base));
                int type = Short.toUnsignedInt(entries.getShort(base + 2));
                long n = big ? entries.getLong(base + 4) : Integer.toUnsignedLong(entries.getInt(base + 4));
                String what = "IFD " + index + " field " + tag + " (" + TiffTags.name(tag) + ")";
                if (type >= TYPE_SIZES.length || TYPE_SIZES[type] == 0) {
                    skipOrFail(tag, what + " has unknown type " + type);
                    continue;
                }
                if (n < 0 || n > MAX_FIELD_BYTES / TYPE_SIZES[type]) {
                    skipOrFail(tag, what + " claims " + Long.toUnsignedString(n) + " values, more than a field may hold");
                    continue;
                }
                int bytes = (int) (n * TYPE_SIZES[type]);
                byte[] value = new byte[bytes];
                if (bytes <= pointerSize) {
                    entries.get(base + (big ? 12 : 8), value, 0, bytes);
                } else {
                    long at = big ? entries.getLong(base + 12) : Integer.toUnsignedLong(entries.getInt(base + 8));
                    if (at < 0 || at + bytes > length) {
                        skipOrFail(tag, what + ": " + n + " values (" + bytes + " bytes) at offset "
                                + Long.toUnsignedString(at) + " run past the end of the file (" + length
                                + " bytes): the file is truncated or corrupt");
                        continue;
                    }
                    if (bytes > 16L << 20 && !ESSENTIAL.contains(tag) && tag != TiffTags.IMAGE_DESCRIPTION) {
                        warnings.add(what + ": a " + bytes + "-byte value was not read");
                        continue;
                    }
                    read(at, bytes, what).get(0, value);
                }
                fields.put(tag, new Field(tag, type, n, value, order));
            }
            next[0] = big ? entries.getLong((int) (count * entrySize)) : Integer.toUnsignedLong(entries.getInt((int) (count * entrySize)));
            return new Ifd(index, offset, count, Collections.unmodifiableMap(fields));
        }

        private void skipOrFail(int tag, String problem) throws FormatException {
            if (ESSENTIAL.contains(tag)) {
                throw new FormatException(path, problem);
            }
            warnings.add(problem + "; the field was skipped");
        }

        /** Reads exactly {@code bytes} at {@code position} (already checked to lie within the file). */
        private ByteBuffer read(long position, int bytes, String what) throws IOException {
            ByteBuffer buffer = ByteBuffer.allocate(bytes);
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, position + buffer.position());
                if (n < 0) {
                    throw new FormatException(path, what + " is cut off by the end of the file (" + length + " bytes)",
                            new EOFException());
                }
            }
            return buffer.flip().order(order == null ? ByteOrder.BIG_ENDIAN : order);
        }
    }
}
