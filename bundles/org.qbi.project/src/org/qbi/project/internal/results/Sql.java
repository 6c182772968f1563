package org.qbi.project.internal.results;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import org.qbi.project.results.ResultsStore;

/** SQL text helpers of the results store: quoting, the names it allows, and one-line statements. */
final class Sql {

    /** Result table names: they become SQL table names and file names, so keep them plain. */
    private static final Pattern TABLE_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");

    /** Names of the store's own tables, which a result table may not take. */
    static final Set<String> RESERVED_TABLES = Set.of("runs", "samples", "result_columns");

    private Sql() {
    }

    /** {@code name} as a quoted SQL identifier. */
    static String id(String name) {
        return '"' + name.replace("\"", "\"\"") + '"';
    }

    /** {@code text} as a SQL string literal. */
    static String literal(String text) {
        return '\'' + text.replace("'", "''") + '\'';
    }

    /** Why {@code name} cannot name a result table, or null when it can. */
    static String tableNameProblem(String name) {
        if (name == null || !TABLE_NAME.matcher(name).matches()) {
            return "Result table name '" + name + "' is not allowed: use lower-case letters, digits and '_', starting "
                    + "with a letter, at most 63 characters (e.g. regions)";
        }
        if (RESERVED_TABLES.contains(name)) {
            return "Result table name '" + name + "' is taken by the results store itself (" + RESERVED_TABLES
                    + "); choose another name";
        }
        return null;
    }

    /** Why {@code name} cannot name a measurement column, or null when it can. */
    static String columnNameProblem(String table, String name) {
        if (ResultsStore.KEY_COLUMNS.contains(name.toLowerCase(Locale.ROOT))) {
            return "Table '" + table + "': column '" + name + "' has the name of a key column of the results store "
                    + ResultsStore.KEY_COLUMNS + "; rename it";
        }
        for (int i = 0; i < name.length(); i++) {
            if (Character.isISOControl(name.charAt(i))) {
                return "Table '" + table + "': column name '" + name.replaceAll("\\p{Cntrl}", "?")
                        + "' contains a control character";
            }
        }
        return null;
    }

    static void execute(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    /** Runs an update with positional string/number parameters. */
    static int update(Connection connection, String sql, List<?> parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                statement.setObject(i + 1, parameters.get(i));
            }
            return statement.executeUpdate();
        }
    }
}
