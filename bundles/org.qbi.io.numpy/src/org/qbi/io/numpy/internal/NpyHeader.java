package org.qbi.io.numpy.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.qbi.core.image.Axis;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.FormatException;
import org.qbi.core.image.io.RawLayout;

/**
 * The header of a .npy file (NumPy's format, versions 1.0, 2.0 and 3.0; numpy/lib/format.py): the magic
 * "\x93NUMPY", the version, the header length and a Python dict literal with descr, fortran_order and shape.
 * Parsed by hand (the dict literal is small and fixed); no maintained Java reader of .npy exists on Maven
 * Central.
 * <p>
 * How NumPy axes become QBI axes, the shape listed slowest first as NumPy does: 1-D (x); 2-D (y, x); 3-D
 * (z, y, x); 4-D (t, z, y, x); 5-D (t, c, z, y, x), the OME-Zarr order; more dimensions only when the extra
 * leading ones have size 1. A uint8 array of 3 or 4 dimensions whose last axis has 3 or 4 entries is an RGB
 * or RGBA image (rows, cols, samples), as scikit-image and imageio return colour images; so (y, x, 3) is an
 * RGB picture and (z, y, x, 3) an RGB volume. In C order the last axis is the fastest, in Fortran order the
 * first; both orders give the same image.
 */
final class NpyHeader {

    static final byte[] MAGIC = { (byte) 0x93, 'N', 'U', 'M', 'P', 'Y' };
    /** NumPy itself refuses headers over 10000 bytes unless told otherwise; this is generous. */
    static final int MAX_HEADER = 1 << 20;

    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private static final Map<String, PixelType> TYPES = Map.ofEntries(Map.entry("u1", PixelType.UINT8),
            Map.entry("b1", PixelType.UINT8), Map.entry("i1", PixelType.INT8), Map.entry("u2", PixelType.UINT16),
            Map.entry("i2", PixelType.INT16), Map.entry("u4", PixelType.UINT32), Map.entry("i4", PixelType.INT32),
            Map.entry("f4", PixelType.FLOAT32), Map.entry("f8", PixelType.FLOAT64),
            Map.entry("c8", PixelType.COMPLEX_FLOAT32));

    final int major;
    final String descr;
    final boolean fortranOrder;
    final long[] shape;
    /** Bytes before the data: magic, version, length and dict. */
    final long dataOffset;
    final ByteOrder order;
    final PixelType type;
    /** QBI sizes x, y, z, c, t. */
    final long[] sizes;
    final RawLayout layout;

    /**
     * The bytes before the data (magic, version, length, dict) that a file starting with {@code first}
     * (its first 12 bytes) has; 12 when they are not a .npy start, so that {@link #parse} reports what is wrong.
     */
    static long headerBytes(byte[] first) {
        if (!isNpy(first) || first.length < 12) {
            return 12;
        }
        ByteBuffer b = ByteBuffer.wrap(first).order(ByteOrder.LITTLE_ENDIAN);
        long length = first[6] == 1 ? 10 + Short.toUnsignedInt(b.getShort(8)) : 12 + Integer.toUnsignedLong(b.getInt(8));
        return Math.min(length, 12 + MAX_HEADER + 1L);
    }

    /** True when {@code head} starts with the .npy magic. */
    static boolean isNpy(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /**
     * The header at the start of {@code head} (at least its first 12 bytes and the dict).
     *
     * @param file    names the file in messages
     * @param subject what the messages are about: "" for a .npy file, "array 'name' " in an archive
     */
    static NpyHeader parse(Path file, String subject, byte[] head) throws FormatException {
        if (!isNpy(head) || head.length < 10) {
            throw new FormatException(file, subject + (head.length < 10 && isNpy(head)
                    ? "has " + head.length + " bytes, too few for a .npy header"
                    : "does not start with the .npy magic \\x93NUMPY"));
        }
        int major = head[6];
        ByteBuffer b = ByteBuffer.wrap(head).order(ByteOrder.LITTLE_ENDIAN);
        long length;
        int start;
        if (major == 1) {
            length = Short.toUnsignedInt(b.getShort(8));
            start = 10;
        } else if (major == 2 || major == 3) {
            if (head.length < 12) {
                throw new FormatException(file, subject + "ends inside its .npy header");
            }
            length = Integer.toUnsignedLong(b.getInt(8));
            start = 12;
        } else {
            throw new FormatException(file, subject + "is .npy version " + major + "." + head[7] + "; QBI reads 1.0, 2.0 and 3.0");
        }
        if (length > MAX_HEADER) {
            throw new FormatException(file, subject + "has a .npy header of " + length + " bytes; at most " + MAX_HEADER);
        }
        if (start + length > head.length) {
            throw new FormatException(file, subject + "ends inside its .npy header (" + (start + length) + " bytes needed, "
                    + head.length + " there): the file is truncated");
        }
        String dict = new String(head, start, (int) length,
                major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return new NpyHeader(file, subject, major, dict, start + length);
    }

    private NpyHeader(Path file, String subject, int major, String dict, long dataOffset) throws FormatException {
        this.major = major;
        this.dataOffset = dataOffset;
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new FormatException(file, subject + "has the .npy header " + abbreviate(dict.strip())
                    + ", without a plain 'descr' string, 'fortran_order' and 'shape' (structured arrays are not images)");
        }
        descr = d.group(1);
        fortranOrder = f.group(1).equals("True");
        shape = shape(file, subject, s.group(1));
        if (descr.length() < 3) {
            throw new FormatException(file, subject + "has the dtype '" + descr + "'");
        }
        char byteOrder = descr.charAt(0);
        order = byteOrder == '>' ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN;
        PixelType base = TYPES.get(descr.substring(1));
        if (base == null || "<>|=".indexOf(byteOrder) < 0) {
            throw new FormatException(file, subject + "holds the NumPy dtype '" + descr + "', which QBI has no pixel type for"
                    + " (it reads bool, int8 to int32, uint8 to uint32, float32, float64 and complex64; convert with"
                    + " .astype(), e.g. int64 to int32 or float16 to float32)");
        }
        int ndim = shape.length;
        boolean rgb = base == PixelType.UINT8 && (ndim == 3 || ndim == 4) && (shape[ndim - 1] == 3 || shape[ndim - 1] == 4);
        type = rgb ? (shape[ndim - 1] == 3 ? PixelType.RGB8 : PixelType.RGBA8) : base;
        long[] spatial = rgb ? Arrays.copyOf(shape, ndim - 1) : shape;
        int drop = 0;
        while (spatial.length - drop > 5 && spatial[drop] == 1) {
            drop++;
        }
        if (spatial.length - drop > 5) {
            throw new FormatException(file, subject + "has shape " + Arrays.toString(shape) + "; QBI reads up to 5 dimensions (t, c,"
                    + " z, y, x)");
        }
        spatial = Arrays.copyOfRange(spatial, drop, spatial.length);
        Axis[] axes = axes(spatial.length);
        sizes = new long[Axis.COUNT];
        Arrays.fill(sizes, 1);
        for (int i = 0; i < spatial.length; i++) {
            sizes[axes[i].ordinal()] = spatial[i];
        }
        // File order, fastest first: C order reverses NumPy's axes, Fortran order keeps them.
        List<Axis> order = new ArrayList<>();
        for (int i = 0; i < spatial.length; i++) {
            order.add(axes[fortranOrder ? i : spatial.length - 1 - i]);
        }
        for (Axis axis : Axis.values()) {
            if (!order.contains(axis)) {
                order.add(axis);
            }
        }
        // The sample axis is NumPy's last: fastest in C order, after the others in Fortran order.
        layout = new RawLayout(order, rgb && fortranOrder ? spatial.length : 0);
    }

    /** QBI's axes for NumPy's, slowest first. */
    static Axis[] axes(int ndim) {
        return switch (ndim) {
            case 0 -> new Axis[0];
            case 1 -> new Axis[] { Axis.X };
            case 2 -> new Axis[] { Axis.Y, Axis.X };
            case 3 -> new Axis[] { Axis.Z, Axis.Y, Axis.X };
            case 4 -> new Axis[] { Axis.T, Axis.Z, Axis.Y, Axis.X };
            default -> new Axis[] { Axis.T, Axis.C, Axis.Z, Axis.Y, Axis.X };
        };
    }

    private static long[] shape(Path file, String subject, String text) throws FormatException {
        List<Long> sizes = new ArrayList<>();
        for (String token : text.split(",")) {
            String t = token.strip();
            if (t.endsWith("L")) {
                t = t.substring(0, t.length() - 1); // Python 2 long literals
            }
            if (t.isEmpty()) {
                continue;
            }
            try {
                long size = Long.parseLong(t);
                if (size < 1) {
                    throw new FormatException(file, subject + "has shape (" + text + "); " + (size == 0 ? "an empty array"
                            : "a negative size") + " is not an image");
                }
                sizes.add(size);
            } catch (NumberFormatException e) {
                throw new FormatException(file, subject + "has the shape (" + text + "), which is not a tuple of sizes");
            }
        }
        return sizes.stream().mapToLong(Long::longValue).toArray();
    }

    /** Bytes of the values; a FormatException when they exceed 2^63. */
    long byteCount(Path file, String subject) throws FormatException {
        try {
            long count = type.bytesPerPixel();
            for (long size : sizes) {
                count = Math.multiplyExact(count, size);
            }
            return count;
        } catch (ArithmeticException e) {
            throw new FormatException(file, subject + "has shape " + Arrays.toString(shape)
                    + " whose byte count exceeds 2^63");
        }
    }

    private static String abbreviate(String text) {
        return text.length() > 100 ? text.substring(0, 97) + "..." : text;
    }
}
