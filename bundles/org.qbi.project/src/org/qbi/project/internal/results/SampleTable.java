package org.qbi.project.internal.results;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.qbi.project.Sample;
import org.qbi.project.SampleCatalog;

/**
 * The {@code samples} table: a copy of the sample catalog ({@code samples.csv} stays the one source of truth),
 * all columns text, files joined by ';' as in the CSV.
 */
final class SampleTable {

    private SampleTable() {
    }

    /** Replaces the samples table with {@code catalog} (drops the {@code grouped} views, which read it). */
    static void write(DuckDBConnection connection, SampleCatalog catalog) throws SQLException {
        Sql.execute(connection, "DROP SCHEMA IF EXISTS grouped CASCADE");
        Sql.execute(connection, "CREATE SCHEMA grouped");
        Sql.execute(connection, "DROP TABLE IF EXISTS samples");
        List<String> columns = columnNames(catalog);
        StringBuilder create = new StringBuilder("CREATE TABLE samples (");
        for (int i = 0; i < columns.size(); i++) {
            create.append(i == 0 ? "" : ", ").append(Sql.id(columns.get(i))).append(" VARCHAR");
        }
        Sql.execute(connection, create.append(')').toString());
        try (DuckDBAppender appender = connection.createAppender("main", "samples")) {
            for (Sample sample : catalog.samples()) {
                appender.beginRow().append(sample.id()).append(sample.group()).append(sample.notes())
                        .append(String.join(";", sample.files()));
                for (String extra : catalog.extraColumns()) {
                    appender.append(sample.fields().getOrDefault(extra, ""));
                }
                appender.endRow();
            }
        }
    }

    /**
     * The catalog's columns as SQL column names: DuckDB's names ignore case, so a lab column that differs from an
     * earlier one only in case gets a suffix ("Age", "age_2").
     */
    static List<String> columnNames(SampleCatalog catalog) {
        List<String> names = new ArrayList<>();
        Set<String> taken = new HashSet<>();
        List<String> all = new ArrayList<>(SampleCatalog.REQUIRED_COLUMNS);
        all.addAll(catalog.extraColumns());
        for (String column : all) {
            String name = column;
            for (int i = 2; !taken.add(name.toLowerCase(Locale.ROOT)); i++) {
                name = column + "_" + i;
            }
            names.add(name);
        }
        return names;
    }
}
