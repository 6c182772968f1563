package org.qbi.io.tiff.internal;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Test helpers on TIFF bytes, independent of the reader: builds one-page classic TIFFs with any (also lying) fields,
 * and finds an entry of the first IFD of an existing file to patch it.
 */
final class TinyTiff {

    private TinyTiff() {
    }

    /** A one-page little-endian TIFF: the given LONG/SHORT fields and description, then {@code data} as one strip. */
    static byte[] build(TreeMap<Integer, Long> fields, String description, byte[] data) {
        TreeMap<Integer, byte[]> values = new TreeMap<>();
        fields.forEach((tag, v) -> values.put(tag, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(v.intValue()).array()));
        byte[] desc = description == null ? null : (description + "\0").getBytes(StandardCharsets.US_ASCII);
        int entries = values.size() + (desc != null ? 1 : 0) + 2;
        int ifdSize = 2 + 12 * entries + 4;
        int descOffset = 8 + ifdSize;
        int dataOffset = descOffset + (desc == null ? 0 : desc.length + (desc.length & 1));
        ByteBuffer b = ByteBuffer.allocate(dataOffset + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        List<Object[]> all = new ArrayList<>();
        values.forEach((tag, v) -> all.add(new Object[] { tag, 4, 1, ByteBuffer.wrap(v).order(ByteOrder.LITTLE_ENDIAN).getInt() }));
        if (desc != null) {
            all.add(new Object[] { 270, 2, desc.length, descOffset });
        }
        all.add(new Object[] { 273, 4, 1, dataOffset });
        all.add(new Object[] { 279, 4, 1, data.length });
        all.sort((x, y) -> Integer.compare((Integer) x[0], (Integer) y[0]));
        for (Object[] e : all) {
            b.putShort((short) (int) (Integer) e[0]).putShort((short) (int) (Integer) e[1]).putInt((Integer) e[2])
                    .putInt((Integer) e[3]);
        }
        b.putInt(0);
        if (desc != null) {
            b.put(desc);
            if ((desc.length & 1) == 1) {
                b.put((byte) 0);
            }
        }
        b.put(data);
        return b.array();
    }

    /** Fields for a grey page of {@code width} x {@code height} samples of {@code bits}, one strip. */
    static TreeMap<Integer, Long> grey(long width, long height, int bits, int compression) {
        TreeMap<Integer, Long> f = new TreeMap<>();
        f.put(256, width);
        f.put(257, height);
        f.put(258, (long) bits);
        f.put(259, (long) compression);
        f.put(262, 1L);
        f.put(277, 1L);
        f.put(278, height);
        return f;
    }

    /** Position of the 12-byte entry of {@code tag} in the first IFD of a classic TIFF, or -1. */
    static int entry(byte[] file, int tag) {
        ByteBuffer b = ByteBuffer.wrap(file).order(file[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
        int ifd = b.getInt(4);
        int n = Short.toUnsignedInt(b.getShort(ifd));
        for (int i = 0; i < n; i++) {
            int at = ifd + 2 + 12 * i;
            if (Short.toUnsignedInt(b.getShort(at)) == tag) {
                return at;
            }
        }
        return -1;
    }

    /** Writes a 32-bit value in the file's byte order at {@code position}. */
    static void putInt(byte[] file, int position, long value) {
        ByteBuffer.wrap(file).order(file[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).putInt(position, (int) value);
    }

    /** Writes a 16-bit value in the file's byte order at {@code position}. */
    static void putShort(byte[] file, int position, int value) {
        ByteBuffer.wrap(file).order(file[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN).putShort(position, (short) value);
    }

    /** Reads a 32-bit value in the file's byte order. */
    static long getInt(byte[] file, int position) {
        return Integer.toUnsignedLong(ByteBuffer.wrap(file).order(file[0] == 'I' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN)
                .getInt(position));
    }

    /** Deflate-compressed zeros: a strip that expands to {@code n} bytes. */
    static byte[] deflatedZeros(int n) {
        java.util.zip.Deflater d = new java.util.zip.Deflater();
        d.setInput(new byte[n]);
        d.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[4096];
        while (!d.finished()) {
            out.write(buf, 0, d.deflate(buf));
        }
        d.end();
        return out.toByteArray();
    }
}
