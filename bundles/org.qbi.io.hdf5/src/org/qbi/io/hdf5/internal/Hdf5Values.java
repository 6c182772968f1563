package org.qbi.io.hdf5.internal;

import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

import io.jhdf.api.Attribute;

/** HDF5 attribute values as QBI metadata values (String, Long, Double, Boolean, List) and as numbers. */
final class Hdf5Values {

    /** Attributes with more values than this are summarised, not read. */
    static final long MAX_VALUES = 4096;
    /** Lists longer than this are cut, with a note of how many values there are. */
    static final int MAX_LIST = 64;

    private Hdf5Values() {
    }

    /** The attribute's value for the metadata, or a short note when it cannot be read. */
    static Object metadataValue(Attribute attribute) {
        try {
            long size = attribute.getSize();
            if (size > MAX_VALUES) {
                return "[" + size + " values of " + attribute.getJavaType().getSimpleName() + "]";
            }
            Object data = attribute.getData();
            Object value = convert(data);
            if (value instanceof List<?> list && list.size() > MAX_LIST) {
                List<Object> cut = new ArrayList<>(list.subList(0, MAX_LIST));
                cut.add("... (" + list.size() + " values)");
                return cut;
            }
            return value;
        } catch (RuntimeException e) {
            return "[unreadable: " + e.getMessage() + "]";
        }
    }

    /** Numeric values of the attribute, flattened; null when it is not numeric or cannot be read. */
    static double[] numbers(Attribute attribute) {
        if (attribute == null) {
            return null;
        }
        try {
            if (attribute.getSize() > MAX_VALUES) {
                return null;
            }
            List<Object> flat = new ArrayList<>();
            flatten(attribute.getData(), flat);
            double[] values = new double[flat.size()];
            for (int i = 0; i < values.length; i++) {
                Object v = convert(flat.get(i));
                if (!(v instanceof Number number)) {
                    return null;
                }
                values[i] = number.doubleValue();
            }
            return values.length == 0 ? null : values;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** String values of the attribute (one for a scalar string), or null when it holds no text. */
    static List<String> strings(Attribute attribute) {
        if (attribute == null) {
            return null;
        }
        try {
            if (attribute.getSize() > MAX_VALUES) {
                return null;
            }
            List<Object> flat = new ArrayList<>();
            flatten(attribute.getData(), flat);
            List<String> texts = new ArrayList<>();
            for (Object o : flat) {
                if (!(o instanceof String s)) {
                    return null;
                }
                texts.add(s);
            }
            return texts.isEmpty() ? null : texts;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The first string of the attribute, or null. */
    static String string(Attribute attribute) {
        List<String> texts = strings(attribute);
        return texts == null ? null : texts.getFirst();
    }

    static Object convert(Object data) {
        if (data == null) {
            return null;
        }
        if (data.getClass().isArray()) {
            List<Object> flat = new ArrayList<>();
            flatten(data, flat);
            List<Object> values = new ArrayList<>(flat.size());
            for (Object o : flat) {
                values.add(scalar(o));
            }
            return values.size() == 1 ? values.getFirst() : values;
        }
        return scalar(data);
    }

    private static Object scalar(Object o) {
        return switch (o) {
            case null -> "";
            case Byte b -> (long) b;
            case Short s -> (long) s;
            case Integer i -> (long) i;
            case Long l -> l;
            case BigInteger big -> big.bitLength() < 64 ? (Object) big.longValue() : big.toString();
            case Float f -> (double) f;
            case Double d -> d;
            case Boolean b -> b;
            case String s -> s;
            case Character c -> String.valueOf(c);
            default -> String.valueOf(o);
        };
    }

    private static void flatten(Object data, List<Object> out) {
        if (data != null && data.getClass().isArray()) {
            int length = Array.getLength(data);
            for (int i = 0; i < length; i++) {
                flatten(Array.get(data, i), out);
            }
        } else {
            out.add(data);
        }
    }
}
