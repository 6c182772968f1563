package org.qbi.core.table;

import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A table of results: named columns of equal length, in order. What measurements, comparisons and statistics
 * produce and what the results store keeps. Immutable; build one with {@link #builder(String)}.
 *
 * @since 0.1
 */
public final class Table {

    private final String name;
    private final List<Column> columns;
    private final Map<String, Column> byName = new LinkedHashMap<>();
    private final int rows;

    private Table(String name, List<Column> columns) {
        this.name = name;
        this.columns = List.copyOf(columns);
        int n = columns.isEmpty() ? 0 : columns.getFirst().size();
        for (Column column : columns) {
            if (column.size() != n) {
                throw new IllegalArgumentException("Table '" + name + "': column '" + column.name() + "' has "
                        + column.size() + " rows, column '" + columns.getFirst().name() + "' has " + n);
            }
            if (byName.put(column.name(), column) != null) {
                throw new IllegalArgumentException("Table '" + name + "' has two columns named '" + column.name() + "'");
            }
        }
        this.rows = n;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    /** A table of the given columns. */
    public static Table of(String name, List<Column> columns) {
        return new Table(name, columns);
    }

    /** The table's name ("regions", "comparison"); becomes the results store's table name. */
    public String name() {
        return name;
    }

    public List<Column> columns() {
        return columns;
    }

    public int rowCount() {
        return rows;
    }

    /**
     * The column called {@code columnName}.
     *
     * @throws IllegalArgumentException naming the column and the ones the table has
     */
    public Column column(String columnName) {
        Column column = byName.get(columnName);
        if (column == null) {
            throw new IllegalArgumentException("Table '" + name + "' has no column '" + columnName + "'; it has "
                    + String.join(", ", byName.keySet()));
        }
        return column;
    }

    public boolean hasColumn(String columnName) {
        return byName.containsKey(columnName);
    }

    /**
     * Reads a table that {@link #writeCsv} wrote (or any RFC 4180 CSV with a header row): a header "name [unit]"
     * gives the unit; a column whose every cell is a number (or empty: NaN) is numeric, any other is text.
     *
     * @throws IllegalArgumentException naming {@code source} and the line when rows have different lengths
     */
    public static Table readCsv(java.io.Reader in, String tableName, String source) throws IOException {
        return readCsvHead(in, tableName, source, Integer.MAX_VALUE).firstRows();
    }

    /** The first rows of a CSV table and how many rows it has in all: {@link #readCsvHead}. */
    public record Head(Table firstRows, long rowCount) {
    }

    /**
     * Reads the first {@code maxRows} rows of a table as {@link #readCsv} does (column types from those rows) and
     * counts the others without keeping them: a preview of a large table.
     */
    public static Head readCsvHead(java.io.Reader in, String tableName, String source, int maxRows) throws IOException {
        List<List<String>> rows = new ArrayList<>();
        long count = 0;
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVFormat.RFC4180.parse(in)) {
            for (org.apache.commons.csv.CSVRecord record : parser) {
                if (count++ <= maxRows) {
                    List<String> cells = new ArrayList<>(record.size());
                    record.forEach(cells::add);
                    rows.add(cells);
                }
            }
        }
        return new Head(fromRows(rows, tableName, source), Math.max(0, count - 1));
    }

    private static Table fromRows(List<List<String>> rows, String tableName, String source) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException(source + " is empty: a table needs at least a header row");
        }
        List<String> header = rows.getFirst();
        Builder builder = builder(tableName);
        for (int c = 0; c < header.size(); c++) {
            String title = header.get(c).strip();
            String unit = "";
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(.*?)\\s*\\[(.*)]").matcher(title);
            if (m.matches()) {
                title = m.group(1);
                unit = m.group(2);
            }
            double[] numbers = new double[rows.size() - 1];
            List<String> texts = new ArrayList<>();
            boolean numeric = true;
            for (int r = 1; r < rows.size(); r++) {
                List<String> row = rows.get(r);
                if (row.size() != header.size()) {
                    throw new IllegalArgumentException(source + ", line " + (r + 1) + ": " + row.size() + " cells, the "
                            + "header has " + header.size());
                }
                String cell = row.get(c);
                texts.add(cell);
                if (numeric) {
                    try {
                        numbers[r - 1] = cell.isEmpty() ? Double.NaN : Double.parseDouble(cell);
                    } catch (NumberFormatException e) {
                        numeric = false;
                    }
                }
            }
            builder.add(numeric ? Column.of(title, unit, numbers) : new Column(title, unit, null,
                    texts.toArray(String[]::new)));
        }
        return builder.build();
    }

    /** Writes the table as CSV (RFC 4180, header row with "name [unit]"). */
    public void writeCsv(Writer out) throws IOException {
        List<String> header = new ArrayList<>();
        for (Column c : columns) {
            header.add(c.unit().isEmpty() ? c.name() : c.name() + " [" + c.unit() + "]");
        }
        writeCsvRow(out, header);
        for (int r = 0; r < rows; r++) {
            List<String> cells = new ArrayList<>(columns.size());
            for (Column c : columns) {
                cells.add(c.text(r));
            }
            writeCsvRow(out, cells);
        }
    }

    private static void writeCsvRow(Writer out, List<String> cells) throws IOException {
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                out.write(',');
            }
            String cell = cells.get(i) == null ? "" : cells.get(i);
            if (cell.contains(",") || cell.contains("\"") || cell.contains("\n") || cell.contains("\r")) {
                out.write('"' + cell.replace("\"", "\"\"") + '"');
            } else {
                out.write(cell);
            }
        }
        out.write("\r\n");
    }

    @Override
    public String toString() {
        return "Table " + name + " (" + rows + " rows: " + String.join(", ", byName.keySet()) + ")";
    }

    /** Collects columns; {@link #build()} checks they have equal length. */
    public static final class Builder {
        private final String name;
        private final List<Column> columns = new ArrayList<>();

        private Builder(String name) {
            this.name = name;
        }

        public Builder add(Column column) {
            columns.add(column);
            return this;
        }

        public Builder numbers(String columnName, String unit, double... values) {
            return add(Column.of(columnName, unit, values));
        }

        public Builder texts(String columnName, List<String> values) {
            return add(Column.ofTexts(columnName, values));
        }

        public Table build() {
            return new Table(name, columns);
        }
    }
}
