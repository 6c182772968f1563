package org.qbi.io.nifti.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.image.Metadata;

/**
 * Reads the fields of a binary header at fixed offsets and records each as a metadata entry
 * {@code "nifti:<field>"} in group "NIfTI", so that every field a file has is searchable, in file order.
 */
final class HeaderFields {

    static final String GROUP = "NIfTI";

    private final ByteBuffer bytes;
    private final Metadata.Builder metadata = Metadata.builder();

    HeaderFields(byte[] header, ByteOrder order) {
        this.bytes = ByteBuffer.wrap(header).order(order);
    }

    Metadata.Builder metadata() {
        return metadata;
    }

    long int8u(int offset, String field, String name) {
        return put(field, name, (long) Byte.toUnsignedInt(bytes.get(offset)));
    }

    long int16(int offset, String field, String name) {
        return put(field, name, (long) bytes.getShort(offset));
    }

    long int32(int offset, String field, String name) {
        return put(field, name, (long) bytes.getInt(offset));
    }

    long int64(int offset, String field, String name) {
        return put(field, name, bytes.getLong(offset));
    }

    double float32(int offset, String field, String name) {
        return put(field, name, (double) bytes.getFloat(offset));
    }

    double float64(int offset, String field, String name) {
        return put(field, name, bytes.getDouble(offset));
    }

    /** {@code count} values of {@code width} bytes (2 or 8 integers, 4 or 8 floats). */
    long[] integers(int offset, int count, int width, String field, String name) {
        long[] values = new long[count];
        List<Long> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values[i] = width == 2 ? bytes.getShort(offset + 2 * i) : bytes.getLong(offset + 8 * i);
            list.add(values[i]);
        }
        metadata.put(key(field), name, GROUP, list);
        return values;
    }

    double[] reals(int offset, int count, int width, String field, String name) {
        double[] values = new double[count];
        List<Double> list = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            values[i] = width == 4 ? bytes.getFloat(offset + 4 * i) : bytes.getDouble(offset + 8 * i);
            list.add(values[i]);
        }
        metadata.put(key(field), name, GROUP, list);
        return values;
    }

    /** A NUL-terminated text field of {@code length} bytes (ISO-8859-1; trailing blanks removed). */
    String text(int offset, int length, String field, String name) {
        String value = string(offset, length);
        metadata.put(key(field), name, GROUP, value);
        return value;
    }

    String string(int offset, int length) {
        int end = offset;
        while (end < offset + length && bytes.get(end) != 0) {
            end++;
        }
        return new String(bytes.array(), offset, end - offset, StandardCharsets.ISO_8859_1).strip();
    }

    void put(String field, String name, String value) {
        metadata.put(key(field), name, GROUP, value);
    }

    private <T> T put(String field, String name, T value) {
        metadata.put(key(field), name, GROUP, value);
        return value;
    }

    static String key(String field) {
        return "nifti:" + field;
    }
}
