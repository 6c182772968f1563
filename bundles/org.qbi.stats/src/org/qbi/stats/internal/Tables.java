package org.qbi.stats.internal;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/** Stacking tables of the same layout. */
public final class Tables {

    private Tables() {
    }

    /**
     * The rows of {@code tables} one after the other, under {@code name}.
     *
     * @throws IllegalArgumentException when the tables differ in column names, kinds or units
     */
    public static Table concat(String name, List<Table> tables) {
        if (tables.isEmpty()) {
            return Table.builder(name).build();
        }
        List<Column> first = tables.getFirst().columns();
        Table.Builder result = Table.builder(name);
        for (int c = 0; c < first.size(); c++) {
            Column template = first.get(c);
            List<String> texts = new ArrayList<>();
            double[] numbers = new double[0];
            for (Table table : tables) {
                Column column = table.columns().size() > c ? table.columns().get(c) : null;
                if (column == null || !column.name().equals(template.name())
                        || column.isNumeric() != template.isNumeric() || !column.unit().equals(template.unit())) {
                    throw new IllegalArgumentException("Table '" + table.name() + "' does not have the layout of '"
                            + tables.getFirst().name() + "' at column " + (c + 1) + " (" + template + ")");
                }
                if (template.isNumeric()) {
                    double[] more = column.numbers();
                    int old = numbers.length;
                    numbers = Arrays.copyOf(numbers, old + more.length);
                    System.arraycopy(more, 0, numbers, old, more.length);
                } else {
                    texts.addAll(Arrays.asList(column.texts()));
                }
            }
            result.add(template.isNumeric() ? Column.of(template.name(), template.unit(), numbers)
                    : Column.ofTexts(template.name(), texts));
        }
        return result.build();
    }
}
