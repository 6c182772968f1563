package org.qbi.project.internal.results;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The views of schema {@code grouped}: each result table with the sample catalog joined in by
 * {@code sample_id}. A catalog column whose name the result table already uses comes in as
 * {@code sample_<name>}.
 */
final class GroupedViews {

    private GroupedViews() {
    }

    /** Creates or replaces {@code grouped.<table>}. */
    static void create(Connection connection, String table) throws SQLException {
        List<String> tableColumns = StoredColumn.allNames(connection, "main", table);
        Set<String> taken = new HashSet<>();
        tableColumns.forEach(c -> taken.add(c.toLowerCase(Locale.ROOT)));
        StringBuilder select = new StringBuilder("CREATE OR REPLACE VIEW grouped.").append(Sql.id(table))
                .append(" AS SELECT t.*");
        for (String column : StoredColumn.allNames(connection, "main", "samples")) {
            if (column.equals("sample_id")) {
                continue;
            }
            String as = column;
            for (int i = 2; !taken.add(as.toLowerCase(Locale.ROOT)); i++) {
                as = "sample_" + column + (i == 2 ? "" : "_" + i);
            }
            select.append(", s.").append(Sql.id(column)).append(" AS ").append(Sql.id(as));
        }
        select.append(" FROM main.").append(Sql.id(table)).append(" t LEFT JOIN main.samples s USING (sample_id)");
        Sql.execute(connection, select.toString());
    }
}
