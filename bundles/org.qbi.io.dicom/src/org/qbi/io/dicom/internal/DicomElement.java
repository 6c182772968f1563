package org.qbi.io.dicom.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One data element: tag, VR, where its value is, and the value's bytes when small enough to keep
 * ({@link DicomParser#MAX_KEPT_VALUE}); a sequence holds its items.
 *
 * @param tag       group << 16 | element
 * @param vr        two-letter VR (from the file, or the dictionary for implicit VR)
 * @param offset    where the value starts in its source
 * @param length    value length in bytes (-1 for undefined length)
 * @param value     the value's bytes, or null when not kept (large binary values, sequences)
 * @param items     a sequence's items, or null
 * @param bigEndian byte order of numeric values
 */
record DicomElement(int tag, String vr, long offset, long length, byte[] value, List<DicomDataset> items,
        boolean bigEndian) {

    static final Set<String> TEXT_VRS = Set.of("AE", "AS", "CS", "DA", "DS", "DT", "IS", "LO", "LT", "PN", "SH", "ST",
            "TM", "UC", "UI", "UR", "UT");
    private static final Set<String> SINGLE_VALUE_TEXT = Set.of("LT", "ST", "UT", "UR");
    static final Set<String> BINARY_VRS = Set.of("OB", "OD", "OF", "OL", "OV", "OW", "UN");

    boolean isSequence() {
        return items != null;
    }

    /** The strings of a text element, trimmed (leading and trailing spaces, trailing NULs). */
    List<String> strings(Charset charset) {
        if (value == null) {
            return List.of();
        }
        String text = new String(value, "UI".equals(vr) ? java.nio.charset.StandardCharsets.US_ASCII : charset);
        List<String> values = new ArrayList<>();
        if (SINGLE_VALUE_TEXT.contains(vr)) {
            values.add(trim(text));
        } else {
            for (String part : text.split("\\\\", -1)) {
                values.add(trim(part));
            }
        }
        if (values.size() == 1 && values.getFirst().isEmpty()) {
            return List.of();
        }
        return values;
    }

    private static String trim(String s) {
        int end = s.length();
        while (end > 0 && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\0')) {
            end--;
        }
        int start = 0;
        while (start < end && s.charAt(start) == ' ') {
            start++;
        }
        return s.substring(start, end);
    }

    /** The numbers of a numeric element (binary US/SS/UL/SL/FL/FD/... or text DS/IS); empty when none parse. */
    double[] numbers(Charset charset) {
        if (value == null) {
            return new double[0];
        }
        if ("DS".equals(vr) || "IS".equals(vr)) {
            List<String> strings = strings(charset);
            double[] numbers = new double[strings.size()];
            int n = 0;
            for (String s : strings) {
                try {
                    numbers[n++] = Double.parseDouble(s);
                } catch (NumberFormatException e) {
                    return java.util.Arrays.copyOf(numbers, n - 1);
                }
            }
            return numbers;
        }
        ByteBuffer buffer = ByteBuffer.wrap(value).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
        int size = switch (vr) {
            case "US", "SS" -> 2;
            case "UL", "SL", "FL", "OF", "OL" -> 4;
            case "FD", "OD", "UV", "SV", "OV" -> 8;
            default -> 0;
        };
        if (size == 0) {
            return new double[0];
        }
        double[] numbers = new double[value.length / size];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = switch (vr) {
                case "US" -> Short.toUnsignedInt(buffer.getShort());
                case "SS" -> buffer.getShort();
                case "UL", "OL" -> Integer.toUnsignedLong(buffer.getInt());
                case "SL" -> buffer.getInt();
                case "FL", "OF" -> buffer.getFloat();
                case "FD", "OD" -> buffer.getDouble();
                case "SV", "UV", "OV" -> buffer.getLong();
                default -> 0;
            };
        }
        return numbers;
    }

    /** The value as metadata: String, Long, Double or a List of those; a sequence or binary value summarised. */
    Object metadataValue(Charset charset) {
        if (isSequence()) {
            return items.size() + (items.size() == 1 ? " item" : " items");
        }
        if (value == null) {
            return length < 0 ? "(encapsulated)" : "(" + length + " bytes)";
        }
        switch (vr) {
            case "US", "SS", "UL", "SL", "IS", "UV", "SV" -> {
                if ("IS".equals(vr) && !parses(charset)) {
                    return textValue(charset);
                }
                if ("UV".equals(vr) || "SV".equals(vr)) {
                    ByteBuffer b = ByteBuffer.wrap(value).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                    List<Object> longs = new ArrayList<>();
                    while (b.remaining() >= 8) {
                        long v = b.getLong();
                        longs.add("UV".equals(vr) && v < 0 ? (Object) Long.toUnsignedString(v) : (Object) v);
                    }
                    return single(longs);
                }
                List<Object> longs = new ArrayList<>();
                for (double d : numbers(charset)) {
                    longs.add((long) d);
                }
                return single(longs);
            }
            case "FL", "FD", "DS" -> {
                if ("DS".equals(vr) && !parses(charset)) {
                    return textValue(charset);
                }
                List<Object> doubles = new ArrayList<>();
                for (double d : numbers(charset)) {
                    doubles.add(d);
                }
                return single(doubles);
            }
            case "AT" -> {
                ByteBuffer b = ByteBuffer.wrap(value).order(bigEndian ? ByteOrder.BIG_ENDIAN : ByteOrder.LITTLE_ENDIAN);
                List<Object> tags = new ArrayList<>();
                while (b.remaining() >= 4) {
                    int group = Short.toUnsignedInt(b.getShort());
                    int element = Short.toUnsignedInt(b.getShort());
                    tags.add("(" + Tags.format(group << 16 | element) + ")");
                }
                return single(tags);
            }
            default -> {
                if (TEXT_VRS.contains(vr)) {
                    return textValue(charset);
                }
                return "(" + value.length + " bytes)";
            }
        }
    }

    private boolean parses(Charset charset) {
        return numbers(charset).length == strings(charset).size();
    }

    private Object textValue(Charset charset) {
        List<String> strings = strings(charset);
        return strings.isEmpty() ? "" : single(new ArrayList<>(strings));
    }

    private static Object single(List<Object> values) {
        if (values.isEmpty()) {
            return "";
        }
        return values.size() == 1 ? values.getFirst() : List.copyOf(values);
    }
}
