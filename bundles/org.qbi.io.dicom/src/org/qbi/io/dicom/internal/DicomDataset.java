package org.qbi.io.dicom.internal;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The elements of a dataset (or of a sequence item) in file order, with typed accessors. */
final class DicomDataset {

    private final Map<Integer, DicomElement> elements = new LinkedHashMap<>();
    private Charset charset = StandardCharsets.ISO_8859_1;

    void put(DicomElement element) {
        elements.put(element.tag(), element);
    }

    DicomElement get(int tag) {
        return elements.get(tag);
    }

    boolean contains(int tag) {
        return elements.containsKey(tag);
    }

    Collection<DicomElement> elements() {
        return elements.values();
    }

    Charset charset() {
        return charset;
    }

    void charset(Charset newCharset) {
        this.charset = newCharset;
    }

    /** The first value of a text element, trimmed; null when absent or empty. */
    String string(int tag) {
        DicomElement element = elements.get(tag);
        if (element == null) {
            return null;
        }
        List<String> strings = element.strings(charset);
        return strings.isEmpty() || strings.getFirst().isEmpty() ? null : strings.getFirst();
    }

    /** The numbers of a numeric element; null when absent or empty. */
    double[] numbers(int tag) {
        DicomElement element = elements.get(tag);
        if (element == null) {
            return null;
        }
        double[] numbers = element.numbers(charset);
        return numbers.length == 0 ? null : numbers;
    }

    /** The first number of an element, or {@code fallback}. */
    double number(int tag, double fallback) {
        double[] numbers = numbers(tag);
        return numbers == null ? fallback : numbers[0];
    }

    /** The first number as an int, or {@code fallback}. */
    int integer(int tag, int fallback) {
        double[] numbers = numbers(tag);
        return numbers == null || !Double.isFinite(numbers[0]) ? fallback : (int) numbers[0];
    }

    /** The items of a sequence (empty when absent). */
    List<DicomDataset> items(int tag) {
        DicomElement element = elements.get(tag);
        return element == null || element.items() == null ? List.of() : element.items();
    }

    /** The first item of a sequence, or null. */
    DicomDataset item(int tag) {
        List<DicomDataset> items = items(tag);
        return items.isEmpty() ? null : items.getFirst();
    }
}
