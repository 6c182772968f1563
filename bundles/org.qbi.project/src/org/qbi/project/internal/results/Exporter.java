package org.qbi.project.internal.results;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.qbi.core.cli.JsonOutput;
import org.qbi.core.io.AtomicFiles;
import org.qbi.core.platform.PlatformInfo;
import org.qbi.project.results.ExportResult;
import org.qbi.project.results.RunRecord;

/**
 * Export of a query's rows through DuckDB's {@code COPY}: into a temporary file next to the target, renamed
 * into place when complete, then the provenance sidecar.
 */
final class Exporter {

    /** Suffix of the provenance sidecar, appended to the exported file's name. */
    static final String SIDECAR_SUFFIX = ".provenance.json";

    private final DuckDbResultsStore store;

    Exporter(DuckDbResultsStore store) {
        this.store = store;
    }

    /**
     * @param source what was exported, for the sidecar ("table" or "query", ...)
     * @param units  units of the exported columns by name, when known
     */
    ExportResult export(String select, Map<String, String> source, Map<String, String> units, Path out)
            throws IOException {
        String format = format(out);
        Path target = out.toAbsolutePath().normalize();
        if (target.getParent() != null) {
            Files.createDirectories(target.getParent());
        }
        Path temp = target.resolveSibling("." + target.getFileName() + ".part");
        List<String> columns;
        long rows;
        List<String> runIds = new ArrayList<>();
        try {
            columns = columns(select);
            String options = format.equals("csv") ? "(FORMAT csv, HEADER true)" : "(FORMAT parquet)";
            try (Statement statement = store.jdbc().createStatement()) {
                statement.execute("COPY (" + select + ") TO " + Sql.literal(temp.toString()) + " " + options);
            }
            rows = count(select);
            if (columns.contains("run_id")) {
                try (Statement statement = store.jdbc().createStatement();
                        ResultSet result = statement.executeQuery("SELECT DISTINCT run_id FROM (" + select
                                + ") WHERE run_id IS NOT NULL ORDER BY 1")) {
                    while (result.next()) {
                        runIds.add(result.getString(1));
                    }
                }
            }
            AtomicFiles.moveIntoPlace(temp, target);
        } catch (SQLException e) {
            Files.deleteIfExists(temp);
            throw DuckDbResultsStore.queryProblem(select, e);
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(temp);
            throw e;
        }
        Path sidecar = target.resolveSibling(target.getFileName() + SIDECAR_SUFFIX);
        AtomicFiles.writeString(sidecar, provenance(format, source, columns, units, rows, runIds) + "\n");
        return new ExportResult(target, sidecar, rows, runIds);
    }

    private static String format(Path out) {
        String name = out.getFileName() == null ? "" : out.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".csv")) {
            return "csv";
        }
        if (name.endsWith(".parquet")) {
            return "parquet";
        }
        throw new IllegalArgumentException("Cannot tell the export format of '" + out + "': name the file .csv or "
                + ".parquet");
    }

    private List<String> columns(String select) throws SQLException {
        List<String> names = new ArrayList<>();
        try (Statement statement = store.jdbc().createStatement();
                ResultSet result = statement.executeQuery("SELECT * FROM (" + select + ") LIMIT 0")) {
            ResultSetMetaData meta = result.getMetaData();
            for (int c = 1; c <= meta.getColumnCount(); c++) {
                names.add(meta.getColumnLabel(c));
            }
        }
        return names;
    }

    private long count(String select) throws SQLException {
        try (Statement statement = store.jdbc().createStatement();
                ResultSet result = statement.executeQuery("SELECT count(*) FROM (" + select + ")")) {
            result.next();
            return result.getLong(1);
        }
    }

    private String provenance(String format, Map<String, String> source, List<String> columns,
            Map<String, String> units, long rows, List<String> runIds) throws IOException {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("format", format);
        json.put("source", source);
        json.put("database", store.file().toString());
        json.put("rows", rows);
        List<Map<String, String>> columnList = new ArrayList<>();
        for (String column : columns) {
            columnList.add(Map.of("name", column, "unit", units.getOrDefault(column, "")));
        }
        json.put("columns", columnList);
        List<Map<String, String>> runs = new ArrayList<>();
        try {
            for (RunRecord run : store.runs(runIds)) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("run_id", run.runId());
                entry.put("pipeline_hash", run.pipelineHash());
                entry.put("started", run.started().toString());
                entry.put("ended", run.ended().toString());
                entry.put("status", run.status());
                runs.add(entry);
            }
        } catch (SQLException e) {
            throw new IOException(store.file() + ": reading runs: " + e.getMessage(), e);
        }
        json.put("runs", runs);
        if (!columns.contains("run_id")) {
            json.put("runs_note", "the exported rows have no run_id column, so the runs they draw on are not known");
        }
        json.put("exported", Instant.now().toString());
        json.put("qbi_version", PlatformInfo.platformVersion());
        return JsonOutput.toJson(json);
    }
}
