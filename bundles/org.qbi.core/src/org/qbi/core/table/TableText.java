package org.qbi.core.table;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link Table} for people and for JSON: aligned text columns, and rows as maps in column order. What
 * {@code qbi} commands print.
 *
 * @since 0.1
 */
public final class TableText {

    private TableText() {
    }

    /**
     * Prints {@code table} as aligned columns, a header with units first ("volume [mm^3]"), numbers right-aligned
     * with up to 6 significant digits, missing text empty. Prints at most {@code maxRows} rows, then a line saying how many were left
     * out.
     */
    public static void print(PrintStream out, Table table, int maxRows) {
        print(out, table, maxRows, table.rowCount());
    }

    /**
     * As {@link #print(PrintStream, Table, int)} for the first rows of a larger table of {@code totalRows} rows
     * ({@link Table#readCsvHead}): the last line counts the rows left out of the whole.
     */
    public static void print(PrintStream out, Table table, int maxRows, long totalRows) {
        List<Column> columns = table.columns();
        int shown = Math.min(table.rowCount(), Math.max(0, maxRows));
        String[][] cells = new String[shown + 1][columns.size()];
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            Column column = columns.get(c);
            cells[0][c] = column.unit().isEmpty() ? column.name() : column.name() + " [" + column.unit() + "]";
            for (int r = 0; r < shown; r++) {
                cells[r + 1][c] = column.isNumeric() ? number(column.number(r))
                        : column.text(r) == null ? "" : column.text(r);
            }
            for (String[] row : cells) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        for (String[] row : cells) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                String cell = row[c];
                String pad = " ".repeat(widths[c] - cell.length());
                line.append(c == 0 ? "" : "  ").append(columns.get(c).isNumeric() ? pad + cell : cell + pad);
            }
            out.println(line.toString().stripTrailing());
        }
        if (shown < totalRows) {
            out.println("... " + (totalRows - shown) + " more rows (" + totalRows + " in all)");
        }
    }

    /** {@code value} with up to 6 significant digits; integers as integers; NaN as "NaN". */
    public static String number(double value) {
        if (Double.isNaN(value)) {
            return "NaN";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        String text = String.format(java.util.Locale.ROOT, "%.6g", value);
        if (text.contains("e")) {
            return text.replaceAll("\\.?0+e", "e");
        }
        return text.contains(".") ? text.replaceAll("0+$", "").replaceAll("\\.$", "") : text;
    }

    /**
     * The rows as maps from column name to value: a Double for numbers (null for NaN, which JSON cannot hold), a
     * String for text.
     */
    public static List<Map<String, Object>> rows(Table table) {
        List<Map<String, Object>> rows = new ArrayList<>(table.rowCount());
        for (int r = 0; r < table.rowCount(); r++) {
            Map<String, Object> row = new LinkedHashMap<>();
            for (Column column : table.columns()) {
                if (column.isNumeric()) {
                    double value = column.number(r);
                    row.put(column.name(), Double.isNaN(value) || Double.isInfinite(value) ? null : value);
                } else {
                    row.put(column.name(), column.text(r));
                }
            }
            rows.add(row);
        }
        return rows;
    }

    /** Name and unit of every column, for JSON output next to {@link #rows}. */
    public static List<Map<String, String>> columns(Table table) {
        List<Map<String, String>> columns = new ArrayList<>();
        for (Column column : table.columns()) {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("name", column.name());
            entry.put("unit", column.unit());
            entry.put("type", column.isNumeric() ? "number" : "text");
            columns.add(entry);
        }
        return columns;
    }
}
