package org.qbi.project.internal.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.qbi.project.results.ResultsStore;

/**
 * A measurement column of a stored result table, with the unit recorded in {@code result_columns}.
 *
 * @param numeric true for DOUBLE, false for VARCHAR
 */
record StoredColumn(String name, String unit, boolean numeric) {

    /** The measurement columns (not the key) of {@code table}, in table order; empty when there is no such table. */
    static List<StoredColumn> of(Connection connection, String table) throws SQLException {
        List<StoredColumn> columns = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT c.column_name, coalesce(r.unit, ''), "
                + "c.data_type FROM information_schema.columns c LEFT JOIN result_columns r ON r.table_name = "
                + "c.table_name AND r.column_name = c.column_name WHERE c.table_schema = 'main' AND c.table_name = ? "
                + "ORDER BY c.ordinal_position")) {
            statement.setString(1, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    if (!ResultsStore.KEY_COLUMNS.contains(rows.getString(1))) {
                        columns.add(new StoredColumn(rows.getString(1), rows.getString(2),
                                "DOUBLE".equalsIgnoreCase(rows.getString(3))));
                    }
                }
            }
        }
        return columns;
    }

    /** Names of all columns of {@code schema.table}, key included, in table order. */
    static List<String> allNames(Connection connection, String schema, String table) throws SQLException {
        List<String> names = new ArrayList<>();
        try (PreparedStatement statement = connection.prepareStatement("SELECT column_name FROM "
                + "information_schema.columns WHERE table_schema = ? AND table_name = ? ORDER BY ordinal_position")) {
            statement.setString(1, schema);
            statement.setString(2, table);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
        }
        return names;
    }
}
