package org.qbi.core.table;

import java.util.Arrays;
import java.util.List;

/**
 * One named, typed column of a {@link Table}: numbers (with a unit) or text. Numbers are doubles (NaN for a
 * missing value), text is a String (null for a missing value). Immutable.
 *
 * @param name   column name: lower case, words joined by underscores ("volume", "mean_intensity")
 * @param unit   physical unit of the numbers ("mm^3", "HU", "1/mm"), empty when dimensionless or text
 * @param numbers the values of a numeric column, null for a text column
 * @param texts   the values of a text column, null for a numeric column
 * @since 0.1
 */
public record Column(String name, String unit, double[] numbers, String[] texts) {

    public Column {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A column needs a name");
        }
        if ((numbers == null) == (texts == null)) {
            throw new IllegalArgumentException("Column '" + name + "' must hold either numbers or texts");
        }
        unit = unit == null ? "" : unit;
        numbers = numbers == null ? null : numbers.clone();
        texts = texts == null ? null : texts.clone();
    }

    /** A numeric column. */
    public static Column of(String name, String unit, double... values) {
        return new Column(name, unit, values, null);
    }

    /** A text column. */
    public static Column ofTexts(String name, List<String> values) {
        return new Column(name, "", null, values.toArray(String[]::new));
    }

    public boolean isNumeric() {
        return numbers != null;
    }

    public int size() {
        return numbers != null ? numbers.length : texts.length;
    }

    /** Value {@code row} of a numeric column. */
    public double number(int row) {
        if (numbers == null) {
            throw new IllegalStateException("Column '" + name + "' holds text, not numbers");
        }
        return numbers[row];
    }

    /** Value {@code row} as text (numbers in their shortest exact form). */
    public String text(int row) {
        if (texts != null) {
            return texts[row];
        }
        double v = numbers[row];
        return Double.isNaN(v) ? "" : v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    @Override
    public double[] numbers() {
        return numbers == null ? null : numbers.clone();
    }

    @Override
    public String[] texts() {
        return texts == null ? null : texts.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Column c && name.equals(c.name) && unit.equals(c.unit)
                && Arrays.equals(numbers, c.numbers) && Arrays.equals(texts, c.texts);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(numbers) + Arrays.hashCode(texts);
    }

    @Override
    public String toString() {
        return name + (unit.isEmpty() ? "" : " [" + unit + "]") + " (" + size() + " rows)";
    }
}
