package org.qbi.project.internal.results;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.qbi.core.table.Column;
import org.qbi.core.table.Table;

/** A JDBC result as a {@link Table}: numeric SQL types as numbers (NULL as NaN), the rest as text. */
final class ResultSetTables {

    private static final Set<String> NUMERIC_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER", "BIGINT", "HUGEINT",
            "UTINYINT", "USMALLINT", "UINTEGER", "UBIGINT", "UHUGEINT", "FLOAT", "DOUBLE", "REAL");

    private ResultSetTables() {
    }

    /**
     * Reads every row of {@code rows}.
     *
     * @param units unit per column name (lower case); columns not in it get none
     */
    static Table read(String name, ResultSet rows, Map<String, String> units) throws SQLException {
        ResultSetMetaData meta = rows.getMetaData();
        int n = meta.getColumnCount();
        boolean[] numeric = new boolean[n];
        String[] names = new String[n];
        Set<String> taken = new HashSet<>();
        for (int c = 0; c < n; c++) {
            String type = meta.getColumnTypeName(c + 1).toUpperCase(Locale.ROOT);
            numeric[c] = NUMERIC_TYPES.contains(type) || type.startsWith("DECIMAL");
            names[c] = uniqueName(meta.getColumnLabel(c + 1), taken);
        }
        double[][] numbers = new double[n][];
        List<List<String>> texts = new ArrayList<>();
        for (int c = 0; c < n; c++) {
            numbers[c] = numeric[c] ? new double[64] : null;
            texts.add(numeric[c] ? null : new ArrayList<>());
        }
        int count = 0;
        while (rows.next()) {
            for (int c = 0; c < n; c++) {
                if (numeric[c]) {
                    if (count == numbers[c].length) {
                        numbers[c] = Arrays.copyOf(numbers[c], count * 2);
                    }
                    double value = rows.getDouble(c + 1);
                    numbers[c][count] = rows.wasNull() ? Double.NaN : value;
                } else {
                    texts.get(c).add(rows.getString(c + 1));
                }
            }
            count++;
        }
        Table.Builder table = Table.builder(name);
        for (int c = 0; c < n; c++) {
            String unit = units.getOrDefault(names[c].toLowerCase(Locale.ROOT), "");
            table.add(numeric[c] ? Column.of(names[c], unit, Arrays.copyOf(numbers[c], count))
                    : Column.ofTexts(names[c], texts.get(c)));
        }
        return table.build();
    }

    /** {@code label}, or {@code label_2}, {@code label_3}... when a query repeats a column name. */
    private static String uniqueName(String label, Set<String> taken) {
        String base = label == null || label.isBlank() ? "column" : label;
        String candidate = base;
        for (int i = 2; !taken.add(candidate.toLowerCase(Locale.ROOT)); i++) {
            candidate = base + "_" + i;
        }
        return candidate;
    }
}
