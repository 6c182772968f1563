package org.qbi.io.tiff.internal;

import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.Deflater;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes images as ImageJ-compatible TIFF stacks: one page per (z, c, t) plane in ImageJ's order (channel fastest,
 * then slice, then frame), little-endian, with ImageJ's ImageDescription (images, channels, slices, frames,
 * hyperstack, unit, spacing, finterval, tunit, origins) and XResolution/YResolution in pixels per unit, so that
 * ImageJ/Fiji and tifffile read shape and calibration back.
 * <p>
 * Pixel types: uint8, int8, uint16, int16, uint32, int32, float32, float64 (SampleFormat says which), rgb8 and rgba8
 * (RGB with unassociated alpha); label32 is written as uint32. complex64 is refused: TIFF readers do not agree on
 * complex samples. ImageJ itself opens 8-, 16- (also signed) and 32-bit float and RGB; int32, uint32 and float64 it
 * converts to 32-bit float, int8 it shows as unsigned.
 * <p>
 * Compression: Deflate (Adobe, code 8, with horizontal differencing for 8- and 16-bit integers), which ImageJ, Fiji,
 * tifffile, libtiff and TwelveMonkeys read; {@link #uncompressed()} gives plain strips. Files over 4 GB are written
 * as BigTIFF (tifffile and Fiji's Bio-Formats read them; ImageJ 1.x alone does not).
 * <p>
 * Written by hand rather than with TwelveMonkeys' TIFFImageWriter: that writer takes java.awt images and decides
 * SampleFormat, photometric and the fields from their colour models, one image per call with no control over the
 * first page's description and the field layout ImageJ's reader needs. The file format here is a handful of fields
 * per page.
 */
public final class TiffWriter implements ImageWriter {

    /** Software field written into every page. */
    static final String SOFTWARE = "QBI Workbench";

    private static final long CLASSIC_LIMIT = 0xFFFF_FFFFL - (64L << 20);
    private static final int STRIP_BYTES = 256 * 1024;

    /** Deflate level of compressed strips (see {@link #encode}). */
    static final int DEFLATE_LEVEL = 3;

    private final boolean compress;
    /** The provenance record (JSON, ASCII) for the first page's {@link TiffTags#QBI_PROVENANCE} field, or null. */
    private final String provenance;

    /** A Deflate-compressing writer (what the extension point instantiates). */
    public TiffWriter() {
        this(true, null);
    }

    private TiffWriter(boolean compress, String provenance) {
        this.compress = compress;
        this.provenance = provenance == null ? null : asciiJson(provenance);
    }

    /** A writer of uncompressed strips (largest files, readable by anything that reads TIFF). */
    public static TiffWriter uncompressed() {
        return new TiffWriter(false, null);
    }

    @Override
    public boolean keepsProvenance() {
        return true;
    }

    /**
     * JSON with every character beyond ASCII as a \\u escape (TIFF's ASCII fields are 7-bit; in valid JSON such
     * characters occur only inside strings, where the escape means the same character).
     */
    static String asciiJson(String json) {
        StringBuilder ascii = new StringBuilder(json.length());
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c == 0) {
                throw new IllegalArgumentException("A provenance record cannot hold a NUL character");
            }
            if (c < 128) {
                ascii.append(c);
            } else {
                ascii.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
            }
        }
        return ascii.toString();
    }

    /**
     * Writes with option {@code compression}: {@code deflate} (the default) or {@code none}.
     */
    @Override
    public void write(Image image, Path target, java.util.Map<String, String> options, ProgressMonitor monitor)
            throws IOException {
        for (var option : options.entrySet()) {
            if (!option.getKey().equals("compression") && !option.getKey().equals(PROVENANCE_OPTION)) {
                throw new IllegalArgumentException("The TIFF writer takes the options compression=deflate|none and "
                        + PROVENANCE_OPTION + "=JSON, not '" + option.getKey() + "'");
            }
        }
        String compression = options.getOrDefault("compression", compress ? "deflate" : "none");
        String record = options.getOrDefault(PROVENANCE_OPTION, provenance);
        switch (compression) {
            case "deflate" -> new TiffWriter(true, record).write(image, target, monitor);
            case "none" -> new TiffWriter(false, record).write(image, target, monitor);
            default -> throw new IllegalArgumentException("TIFF compression '" + compression
                    + "' is not written; use deflate or none");
        }
    }

    @Override
    public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        if (type == PixelType.COMPLEX_FLOAT32) {
            throw new IllegalArgumentException("TIFF cannot hold complex64 pixels (readers do not agree on complex "
                    + "samples); save complex images as NumPy .npy or split them into real and imaginary parts");
        }
        long[] d = header.dimensions();
        long planeBytes = d[0] * d[1] * type.bytesPerPixel();
        if (d[0] > 0xFFFF_FFFFL || d[1] > 0xFFFF_FFFFL || planeBytes > Integer.MAX_VALUE - 64) {
            throw new IllegalArgumentException("A TIFF plane of " + d[0] + " x " + d[1] + " " + type.label()
                    + " pixels is larger than 2 GiB, which this writer does not write");
        }
        long planes = d[2] * d[3] * d[4];
        long estimate = planes * (planeBytes + planeBytes / 500 + 4096) + 65536;
        boolean big = estimate > CLASSIC_LIMIT;
        String description = imageJDescription(header);
        AtomicFiles.write(target, out -> {
            OutputStream buffered = new BufferedOutputStream(out, 1 << 20);
            writeTo(image, buffered, big, description, monitor);
            buffered.flush();
        });
    }

    private void writeTo(Image image, OutputStream out, boolean big, String description, ProgressMonitor monitor)
            throws IOException {
        ImageHeader header = image.header();
        PixelType type = header.pixelType();
        long[] d = header.dimensions();
        long planes = d[2] * d[3] * d[4];
        ByteBuffer head = ByteBuffer.allocate(big ? 16 : 8).order(ByteOrder.LITTLE_ENDIAN);
        head.put((byte) 'I').put((byte) 'I');
        if (big) {
            head.putShort((short) 43).putShort((short) 8).putShort((short) 0).putLong(16);
        } else {
            head.putShort((short) 42).putInt(8);
        }
        out.write(head.array());
        long position = head.capacity();
        monitor.begin("Writing " + planes + " TIFF page" + (planes == 1 ? "" : "s"), planes);
        try (Arena arena = Arena.ofConfined()) {
            long page = 0;
            for (long t = 0; t < d[4]; t++) {
                for (long z = 0; z < d[2]; z++) {
                    for (long c = 0; c < d[3]; c++) {
                        monitor.checkCanceled("writing TIFF");
                        MemorySegment plane = image.readPlane(z, c, t, arena);
                        List<byte[]> strips = new ArrayList<>();
                        int rowsPerStrip = stripRows(d[0], type);
                        encode(plane.toArray(ValueLayout.JAVA_BYTE), (int) d[0], (int) d[1], type, rowsPerStrip, strips);
                        Ifd ifd = ifd(header, type, (int) d[0], (int) d[1], rowsPerStrip, page == 0 ? description : null, big);
                        long dataSize = strips.stream().mapToLong(s -> s.length).sum();
                        long padded = dataSize + (dataSize & 1); // IFDs start on a word boundary
                        byte[] block = ifd.encode(position, strips, page == planes - 1, padded);
                        out.write(block);
                        for (byte[] strip : strips) {
                            out.write(strip);
                        }
                        if (padded != dataSize) {
                            out.write(0);
                        }
                        position += block.length + padded;
                        if (!big && position > 0xFFFF_FFFFL) {
                            throw new IOException("The TIFF grew past 4 GB although its estimate did not: " + position);
                        }
                        page++;
                        monitor.worked(1);
                    }
                }
            }
        } finally {
            monitor.done();
        }
    }

    /** Rows per strip: about 256 KB of samples per strip. */
    private static int stripRows(long width, PixelType type) {
        long rowBytes = Math.max(1, width * type.bytesPerPixel());
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, STRIP_BYTES / rowBytes));
    }

    /** Encodes one plane (little-endian samples) into strips: plain, or Deflate after horizontal differencing. */
    private void encode(byte[] plane, int width, int height, PixelType type, int rowsPerStrip, List<byte[]> strips) {
        int rowBytes = width * type.bytesPerPixel();
        boolean predict = compress && predictor(type) == 2;
        // Level 3, zlib's fastest-but-one family: on a 512x512 label image 2.6x faster than zlib's default 6, for a
        // file 1.7x larger (still 40x smaller than plain); batch pipelines write an image per sample
        Deflater deflater = compress ? new Deflater(DEFLATE_LEVEL) : null;
        try {
            for (int y0 = 0; y0 < height; y0 += rowsPerStrip) {
                int rows = Math.min(rowsPerStrip, height - y0);
                byte[] raw = new byte[rows * rowBytes];
                System.arraycopy(plane, y0 * rowBytes, raw, 0, raw.length);
                if (!compress) {
                    strips.add(raw);
                    continue;
                }
                if (predict) {
                    difference(raw, rows, width, type);
                }
                deflater.reset();
                deflater.setInput(raw);
                deflater.finish();
                ByteArrayOutputStream compressed = new ByteArrayOutputStream(raw.length / 2 + 64);
                byte[] buffer = new byte[64 * 1024];
                while (!deflater.finished()) {
                    int n = deflater.deflate(buffer);
                    compressed.write(buffer, 0, n);
                }
                strips.add(compressed.toByteArray());
            }
        } finally {
            if (deflater != null) {
                deflater.end();
            }
        }
    }

    /** TIFF Predictor 2 for little-endian 8- and 16-bit integer samples, in place, row by row, per sample. */
    private static void difference(byte[] raw, int rows, int width, PixelType type) {
        int samples = type.samplesPerPixel();
        int rowBytes = width * type.bytesPerPixel();
        if (type.bytesPerSample() == 1) {
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int i = rowBytes - 1; i >= samples; i--) {
                    raw[base + i] -= raw[base + i - samples];
                }
            }
        } else {
            ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
            for (int r = 0; r < rows; r++) {
                int base = r * rowBytes;
                for (int x = width - 1; x >= 1; x--) {
                    int at = base + 2 * x;
                    b.putShort(at, (short) (b.getShort(at) - b.getShort(at - 2)));
                }
            }
        }
    }

    private int predictor(PixelType type) {
        return compress && type.isInteger() && type.bytesPerSample() <= 2 ? 2 : 1;
    }

    /** The fields of one page. */
    private Ifd ifd(ImageHeader header, PixelType type, int width, int height, int rowsPerStrip, String description,
            boolean big) {
        Ifd ifd = new Ifd(big);
        int samples = type.samplesPerPixel();
        int bits = 8 * type.bytesPerSample();
        int format = switch (type) {
            case INT8, INT16, INT32 -> 2;
            case FLOAT32, FLOAT64 -> 3;
            default -> 1;
        };
        ifd.add(254, TiffFile.LONG, 0);
        ifd.add(256, TiffFile.LONG, width);
        ifd.add(257, TiffFile.LONG, height);
        ifd.addShorts(258, repeat(bits, samples));
        ifd.add(259, TiffFile.SHORT, compress ? 8 : 1);
        ifd.add(262, TiffFile.SHORT, samples >= 3 ? 2 : 1);
        if (description != null) {
            ifd.addAscii(270, description);
        }
        ifd.addStrips();
        ifd.add(277, TiffFile.SHORT, samples);
        ifd.add(278, TiffFile.LONG, rowsPerStrip);
        AxisCalibration x = header.axis(Axis.X);
        AxisCalibration y = header.axis(Axis.Y);
        if (x.isCalibrated() || y.isCalibrated()) {
            ifd.addRational(282, 1 / x.spacing());
            ifd.addRational(283, 1 / y.spacing());
        }
        ifd.add(284, TiffFile.SHORT, 1);
        if (x.isCalibrated() || y.isCalibrated()) {
            ifd.add(296, TiffFile.SHORT, 1); // none: the unit is the description's (ImageJ's convention)
        }
        ifd.addAscii(305, SOFTWARE);
        if (predictor(type) != 1) {
            ifd.add(317, TiffFile.SHORT, predictor(type));
        }
        if (type == PixelType.RGBA8) {
            ifd.add(338, TiffFile.SHORT, 2);
        }
        ifd.addShorts(339, repeat(format, samples));
        if (description != null && provenance != null) {
            ifd.addAscii(TiffTags.QBI_PROVENANCE, provenance); // first page only, as the description
        }
        return ifd;
    }

    private static int[] repeat(int value, int n) {
        int[] a = new int[n];
        java.util.Arrays.fill(a, value);
        return a;
    }

    /**
     * ImageJ's description: the hyperstack shape, the x/y unit, z spacing, frame interval and origins (in pixels);
     * tifffile and ImageJ both read it.
     */
    static String imageJDescription(ImageHeader header) {
        long[] d = header.dimensions();
        long images = d[2] * d[3] * d[4];
        StringBuilder s = new StringBuilder("ImageJ=1.54f\n");
        if (images > 1) {
            s.append("images=").append(images).append('\n');
        }
        if (d[3] > 1) {
            s.append("channels=").append(d[3]).append('\n');
        }
        if (d[2] > 1) {
            s.append("slices=").append(d[2]).append('\n');
        }
        if (d[4] > 1) {
            s.append("frames=").append(d[4]).append('\n');
        }
        if (d[3] > 1 || d[4] > 1) {
            s.append("hyperstack=true\n");
        }
        if (d[3] > 1) {
            s.append("mode=").append(d[3] <= 7 ? "composite" : "grayscale").append('\n');
        }
        AxisCalibration x = header.axis(Axis.X);
        AxisCalibration z = header.axis(Axis.Z);
        AxisCalibration t = header.axis(Axis.T);
        String unit = x.isCalibrated() ? x.unit() : AxisCalibration.PIXEL_UNIT;
        if (x.isCalibrated()) {
            s.append("unit=").append(Units.imageJLength(unit)).append('\n');
        }
        double zSpacing = z.spacing();
        if (z.isCalibrated() && x.isCalibrated() && !z.unit().equals(unit)) {
            double f = Units.factor(z.unit(), unit);
            zSpacing = Double.isFinite(f) ? zSpacing * f : Double.NaN;
        }
        if (Double.isFinite(zSpacing) && (d[2] > 1 || zSpacing != 1) && (z.isCalibrated() || zSpacing != 1)) {
            s.append("spacing=").append(number(zSpacing)).append('\n');
        }
        if (t.isCalibrated()) {
            s.append("finterval=").append(number(t.spacing())).append('\n');
            s.append("tunit=").append(Units.imageJTime(t.unit())).append('\n');
        }
        appendOrigin(s, "xorigin", header.axis(Axis.X));
        appendOrigin(s, "yorigin", header.axis(Axis.Y));
        appendOrigin(s, "zorigin", z);
        s.append("loop=false\n");
        return s.toString();
    }

    private static void appendOrigin(StringBuilder s, String key, AxisCalibration axis) {
        if (axis.origin() != 0) {
            s.append(key).append('=').append(number(-axis.origin() / axis.spacing())).append('\n');
        }
    }

    private static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.format(Locale.ROOT, "%.1f", v) : Double.toString(v);
    }

    /** Fields of one IFD, encoded with their out-of-line values right after the entries. */
    private static final class Ifd {
        private record Entry(int tag, int type, long count, byte[] value) {
        }

        private final boolean big;
        private final List<Entry> entries = new ArrayList<>();

        Ifd(boolean big) {
            this.big = big;
        }

        void add(int tag, int type, long value) {
            ByteBuffer b = ByteBuffer.allocate(type == TiffFile.SHORT ? 2 : 4).order(ByteOrder.LITTLE_ENDIAN);
            if (type == TiffFile.SHORT) {
                b.putShort((short) value);
            } else {
                b.putInt((int) value);
            }
            entries.add(new Entry(tag, type, 1, b.array()));
        }

        void addShorts(int tag, int[] values) {
            ByteBuffer b = ByteBuffer.allocate(2 * values.length).order(ByteOrder.LITTLE_ENDIAN);
            for (int v : values) {
                b.putShort((short) v);
            }
            entries.add(new Entry(tag, TiffFile.SHORT, values.length, b.array()));
        }

        void addAscii(int tag, String text) {
            byte[] bytes = (text + "\0").getBytes(StandardCharsets.UTF_8);
            entries.add(new Entry(tag, TiffFile.ASCII, bytes.length, bytes));
        }

        /** A positive value as the closest rational with a 32-bit numerator and denominator. */
        void addRational(int tag, double value) {
            long numerator;
            long denominator;
            if (value >= 1) {
                denominator = Math.max(1, (long) Math.floor(0xFFFF_FFFFL / Math.ceil(value)));
                numerator = Math.min(0xFFFF_FFFFL, Math.round(value * denominator));
            } else {
                numerator = 0xFFFF_FFFFL;
                denominator = Math.round(numerator / value);
                if (denominator > 0xFFFF_FFFFL || denominator <= 0) {
                    denominator = 0xFFFF_FFFFL;
                    numerator = Math.max(1, Math.round(value * denominator));
                }
            }
            ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            b.putInt((int) numerator).putInt((int) denominator);
            entries.add(new Entry(tag, TiffFile.RATIONAL, 1, b.array()));
        }

        /** Placeholders for StripOffsets (273) and StripByteCounts (279), filled by {@link #encode}. */
        void addStrips() {
            entries.add(new Entry(273, big ? TiffFile.LONG8 : TiffFile.LONG, -1, null));
            entries.add(new Entry(279, big ? TiffFile.LONG8 : TiffFile.LONG, -1, null));
        }

        /**
         * The IFD at {@code position} followed by its out-of-line values; the strips follow it, then the next IFD
         * (none after the last page).
         */
        byte[] encode(long position, List<byte[]> strips, boolean last, long dataSize) {
            int n = strips.size();
            List<Entry> all = new ArrayList<>();
            for (Entry e : entries) {
                if (e.value == null) {
                    all.add(new Entry(e.tag, e.type, n, new byte[(big ? 8 : 4) * n]));
                } else {
                    all.add(e);
                }
            }
            all.sort((a, b) -> Integer.compare(a.tag, b.tag));
            int entrySize = big ? 20 : 12;
            int inline = big ? 8 : 4;
            int countSize = big ? 8 : 2;
            long entriesEnd = countSize + (long) all.size() * entrySize + inline;
            long extra = 0;
            for (Entry e : all) {
                if (e.value.length > inline) {
                    extra += e.value.length + (e.value.length & 1);
                }
            }
            long blockSize = entriesEnd + extra;
            // strip offsets now that the block's size is known
            long offset = position + blockSize;
            for (int i = 0; i < all.size(); i++) {
                Entry e = all.get(i);
                if (e.tag == 273 || e.tag == 279) {
                    ByteBuffer v = ByteBuffer.wrap(e.value).order(ByteOrder.LITTLE_ENDIAN);
                    long o = offset;
                    for (byte[] strip : strips) {
                        long value = e.tag == 273 ? o : strip.length;
                        if (big) {
                            v.putLong(value);
                        } else {
                            v.putInt((int) value);
                        }
                        o += strip.length;
                    }
                }
            }
            ByteBuffer out = ByteBuffer.allocate((int) blockSize).order(ByteOrder.LITTLE_ENDIAN);
            if (big) {
                out.putLong(all.size());
            } else {
                out.putShort((short) all.size());
            }
            long valuePosition = position + entriesEnd;
            List<byte[]> values = new ArrayList<>();
            for (Entry e : all) {
                out.putShort((short) e.tag).putShort((short) e.type);
                if (big) {
                    out.putLong(e.count);
                } else {
                    out.putInt((int) e.count);
                }
                if (e.value.length <= inline) {
                    byte[] padded = java.util.Arrays.copyOf(e.value, inline);
                    out.put(padded);
                } else {
                    if (big) {
                        out.putLong(valuePosition);
                    } else {
                        out.putInt((int) valuePosition);
                    }
                    values.add(e.value);
                    valuePosition += e.value.length + (e.value.length & 1);
                }
            }
            long next = last ? 0 : position + blockSize + dataSize;
            if (big) {
                out.putLong(next);
            } else {
                out.putInt((int) next);
            }
            for (byte[] v : values) {
                out.put(v);
                if ((v.length & 1) == 1) {
                    out.put((byte) 0);
                }
            }
            return out.array();
        }
    }
}
