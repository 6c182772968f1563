package org.qbi.workflow.internal;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** Prints the first rows and columns of a CSV table aligned, for a terminal. */
final class TablePrinter {

    private TablePrinter() {
    }

    static void print(List<String> lines, int maxRows, PrintStream out) {
        List<List<String>> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(String.join("\n", lines.subList(0, Math.min(lines.size(), maxRows + 1))),
                CSVFormat.RFC4180)) {
            for (CSVRecord record : parser) {
                List<String> cells = new ArrayList<>();
                for (int i = 0; i < Math.min(record.size(), 8); i++) {
                    cells.add(shorten(record.get(i)));
                }
                rows.add(cells);
            }
        } catch (java.io.IOException e) {
            return;
        }
        int columns = rows.stream().mapToInt(List::size).max().orElse(0);
        int[] width = new int[columns];
        for (List<String> row : rows) {
            for (int c = 0; c < row.size(); c++) {
                width[c] = Math.max(width[c], row.get(c).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int c = 0; c < row.size(); c++) {
                line.append(String.format("%-" + (width[c] + 2) + "s", row.get(c)));
            }
            out.println(line.toString().stripTrailing());
        }
        if (lines.size() - 1 > maxRows) {
            out.println("  ... " + (lines.size() - 1 - maxRows) + " more rows");
        }
    }

    /** Numbers to 6 significant digits; long texts cut. */
    private static String shorten(String cell) {
        try {
            double v = Double.parseDouble(cell);
            if (cell.contains(".") || cell.contains("E")) {
                return String.format(java.util.Locale.ROOT, "%.6g", v).replaceAll("\\.?0+(e|$)", "$1");
            }
        } catch (NumberFormatException e) {
            // text
        }
        return cell.length() > 24 ? cell.substring(0, 23) + "~" : cell;
    }
}
