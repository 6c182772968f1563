package org.qbi.lab.neutron.fits.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.qbi.core.image.Axis;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.PixelType;
import org.qbi.core.image.Rescale;
import org.qbi.core.image.io.ImageWriter;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Writes a single-HDU FITS image (FITS standard 4.0): x, y, z, t as NAXIS1..4, big-endian, padded to 2880-byte
 * blocks. uint8, int16, int32, float32 and float64 are written as stored; uint16 and uint32 (and label32) as
 * BITPIX 16 / 32 with BZERO 32768 / 2147483648, int8 as BITPIX 8 with BZERO -128 (the FITS convention for
 * unsigned and signed types, section 5.3). An image's own rescale is written as BSCALE/BZERO where the type needs
 * no offset. Spacing in a length unit is written as CDELTi/CUNITi/CRPIXi/CRVALi. Multi-channel images are refused.
 */
public final class FitsWriter implements ImageWriter {

    private static final int BLOCK = 2880;
    private static final int CARD = 80;

    @Override
    public void write(Image image, Path target, ProgressMonitor monitor) throws IOException {
        ImageHeader header = image.header();
        if (header.pixelType().samplesPerPixel() != 1 || header.size(Axis.C) != 1) {
            throw new IllegalArgumentException("FITS images hold one value per pixel; this image has "
                    + header.pixelType().label() + " pixels and " + header.size(Axis.C) + " channel(s)");
        }
        byte[] cards = header(header);
        AtomicFiles.write(target, out -> {
            out.write(cards);
            long written = writeData(image, out, monitor);
            int pad = (int) ((BLOCK - written % BLOCK) % BLOCK);
            out.write(new byte[pad]);
            out.flush();
        });
    }

    /** The header cards, END, padded with blanks to a whole block. */
    static byte[] header(ImageHeader header) {
        PixelType type = header.pixelType();
        List<String> cards = new ArrayList<>();
        cards.add(card("SIMPLE", "T", "conforms to FITS standard 4.0"));
        cards.add(card("BITPIX", Integer.toString(bitpix(type)), "bits per value"));
        long[] dims = header.dimensions();
        long[] sizes = { dims[0], dims[1], dims[2], dims[4] };
        int naxis = sizes[3] > 1 ? 4 : sizes[2] > 1 ? 3 : 2;
        cards.add(card("NAXIS", Integer.toString(naxis), "number of axes"));
        for (int i = 0; i < naxis; i++) {
            cards.add(card("NAXIS" + (i + 1), Long.toString(sizes[i]), "xyzt".charAt(i) + " size"));
        }
        double offset = typeOffset(type);
        Rescale rescale = header.rescale();
        if (offset != 0) {
            cards.add(card("BSCALE", "1", "physical = BZERO + BSCALE * stored"));
            cards.add(card("BZERO", number(offset), type.label() + " values"));
        } else if (!rescale.isIdentity()) {
            cards.add(card("BSCALE", number(rescale.slope()), "physical = BZERO + BSCALE * stored"));
            cards.add(card("BZERO", number(rescale.intercept()), null));
        }
        if (offset == 0 && !rescale.unit().isBlank()) {
            cards.add(card("BUNIT", quoted(rescale.unit()), "unit of the values"));
        }
        Axis[] order = { Axis.X, Axis.Y, Axis.Z, Axis.T };
        for (int i = 0; i < naxis; i++) {
            AxisCalibration axis = header.axis(order[i]);
            if (axis.isCalibrated() && FitsImageHeader.LENGTH_UNITS.contains(axis.unit().toLowerCase(Locale.ROOT))) {
                cards.add(card("CDELT" + (i + 1), number(axis.spacing()), "pixel spacing"));
                cards.add(card("CUNIT" + (i + 1), quoted(axis.unit()), null));
                cards.add(card("CRPIX" + (i + 1), "1", "reference pixel"));
                cards.add(card("CRVAL" + (i + 1), number(axis.origin()), "position of the first pixel"));
            }
        }
        cards.add(card("ORIGIN", quoted("QBI Workbench"), "written by the neutron lab's FITS writer"));
        cards.add(String.format(Locale.ROOT, "%-80s", "END"));
        int length = cards.size() * CARD;
        byte[] bytes = new byte[(length + BLOCK - 1) / BLOCK * BLOCK];
        java.util.Arrays.fill(bytes, (byte) ' ');
        byte[] text = String.join("", cards).getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(text, 0, bytes, 0, text.length);
        return bytes;
    }

    static int bitpix(PixelType type) {
        return switch (type) {
            case UINT8, INT8 -> 8;
            case INT16, UINT16 -> 16;
            case INT32, UINT32, LABEL32 -> 32;
            case FLOAT32 -> -32;
            case FLOAT64 -> -64;
            default -> throw new IllegalArgumentException("FITS has no BITPIX for " + type.label() + " pixels");
        };
    }

    /** What BZERO makes the stored signed values of FITS into the type's values. */
    private static double typeOffset(PixelType type) {
        return switch (type) {
            case INT8 -> -128;
            case UINT16 -> 32768;
            case UINT32, LABEL32 -> 2147483648.0;
            default -> 0;
        };
    }

    private static long writeData(Image image, OutputStream out, ProgressMonitor monitor) throws IOException {
        ImageHeader header = image.header();
        long[] dims = header.dimensions();
        PixelType type = header.pixelType();
        int bytes = type.bytesPerSample();
        byte[] buffer = new byte[(int) Math.min(1 << 20, Math.max(bytes, dims[0] * bytes))];
        long written = 0;
        monitor.begin("Writing FITS", dims[2] * dims[4]);
        for (long t = 0; t < dims[4]; t++) {
            for (long z = 0; z < dims[2]; z++) {
                monitor.checkCanceled("writing FITS");
                try (Arena arena = Arena.ofConfined()) {
                    MemorySegment plane = image.readPlane(z, 0, t, arena);
                    long n = plane.byteSize() / bytes;
                    int fill = 0;
                    for (long i = 0; i < n; i++) {
                        fill = put(type, plane, i, buffer, fill);
                        if (fill == buffer.length) {
                            out.write(buffer, 0, fill);
                            fill = 0;
                        }
                    }
                    out.write(buffer, 0, fill);
                    written += plane.byteSize();
                }
                monitor.worked(1);
            }
        }
        monitor.done();
        return written;
    }

    /** Puts value {@code i} big-endian at {@code at}, with the FITS offset of unsigned/signed-byte types. */
    private static int put(PixelType type, MemorySegment plane, long i, byte[] buffer, int at) {
        switch (type) {
            case UINT8 -> buffer[at++] = plane.get(ValueLayout.JAVA_BYTE, i);
            case INT8 -> buffer[at++] = (byte) (plane.get(ValueLayout.JAVA_BYTE, i) ^ 0x80);
            case INT16 -> at = putShort(buffer, at, plane.get(ValueLayout.JAVA_SHORT_UNALIGNED, i * 2));
            case UINT16 -> at = putShort(buffer, at, (short) (plane.get(ValueLayout.JAVA_SHORT_UNALIGNED, i * 2) ^ 0x8000));
            case INT32, FLOAT32 -> at = putInt(buffer, at, plane.get(ValueLayout.JAVA_INT_UNALIGNED, i * 4));
            case UINT32, LABEL32 -> at = putInt(buffer, at, plane.get(ValueLayout.JAVA_INT_UNALIGNED, i * 4) ^ 0x80000000);
            case FLOAT64 -> {
                long v = plane.get(ValueLayout.JAVA_LONG_UNALIGNED, i * 8);
                at = putInt(buffer, at, (int) (v >>> 32));
                at = putInt(buffer, at, (int) v);
            }
            default -> throw new IllegalArgumentException("FITS has no BITPIX for " + type.label() + " pixels");
        }
        return at;
    }

    private static int putShort(byte[] b, int at, short v) {
        b[at] = (byte) (v >> 8);
        b[at + 1] = (byte) v;
        return at + 2;
    }

    private static int putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >> 24);
        b[at + 1] = (byte) (v >> 16);
        b[at + 2] = (byte) (v >> 8);
        b[at + 3] = (byte) v;
        return at + 4;
    }

    /** A fixed-format card: keyword in columns 1-8, "= ", the value right-aligned to column 30, "/ comment". */
    private static String card(String key, String value, String comment) {
        String v = value.startsWith("'") ? String.format(Locale.ROOT, "%-20s", value) : String.format(Locale.ROOT, "%20s", value);
        String text = String.format(Locale.ROOT, "%-8s= %s", key, v);
        if (comment != null && text.length() + 3 < CARD) {
            text = text + " / " + comment;
        }
        if (text.length() > CARD) {
            text = text.substring(0, CARD);
        }
        return String.format(Locale.ROOT, "%-80s", text);
    }

    private static String quoted(String text) {
        String ascii = text.replace("µ", "u").replaceAll("[^\\x20-\\x7e]", "?").replace("'", "''");
        return "'" + String.format(Locale.ROOT, "%-8s", ascii) + "'";
    }

    private static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value).replace('e', 'E');
    }
}
