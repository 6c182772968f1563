package org.qbi.project.internal.cli;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.JsonOutput;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.core.table.TableText;
import org.qbi.project.results.ExportResult;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.results.RunRecord;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code qbi results list|query|export}: the project's results database from the command line. */
@Command(name = "results", description = "List, query and export the result tables of a project's runs "
        + "(results/results.duckdb).", subcommands = { ResultsCommand.ListTables.class, ResultsCommand.Query.class,
                ResultsCommand.Export.class })
public final class ResultsCommand implements QbiCommand {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** Opens the project's store; what is wrong becomes the one-line reason. */
    static ResultsStore open(Path project) throws IOException {
        try {
            return ResultsStore.open(CliProjects.open(project));
        } catch (IllegalArgumentException | IOException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
    }

    /** {@code qbi results list}. */
    @Command(name = "list", description = "List the result tables (rows, columns with units) and the runs.")
    public static final class ListTables implements QbiCommand {

        @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the project folder "
                + "(default: the current folder)")
        Path project;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (ResultsStore store = open(project)) {
                List<Map<String, Object>> tables = new ArrayList<>();
                for (String name : store.tables()) {
                    Map<String, Object> entry = new LinkedHashMap<>();
                    entry.put("name", name);
                    entry.put("rows", store.rowCount(name));
                    List<String> columns = new ArrayList<>();
                    for (Column column : store.columns(name)) {
                        columns.add(column.unit().isEmpty() ? column.name() : column.name() + " [" + column.unit() + "]");
                    }
                    entry.put("columns", columns);
                    tables.add(entry);
                }
                List<RunRecord> runs = store.runs();
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("database", store.databaseFile().toString());
                    out.put("tables", tables);
                    out.put("runs", runs.stream().map(ResultsCommand::runJson).toList());
                    JsonOutput.print(System.out, out);
                    return 0;
                }
                System.out.println("database " + store.databaseFile());
                System.out.println(tables.isEmpty() ? "no result tables yet" : "tables (each also as grouped.<name>, "
                        + "joined with samples.csv):");
                for (Map<String, Object> table : tables) {
                    System.out.printf("  %-20s %10d rows  %s%n", table.get("name"), (Long) table.get("rows"),
                            String.join(", ", castList(table.get("columns"))));
                }
                System.out.println(runs.isEmpty() ? "no runs yet" : "runs:");
                for (RunRecord run : runs) {
                    System.out.printf("  %-24s %-9s %s  %s%s%n", run.runId(), run.status(), run.started(),
                            run.pipelineHash().isEmpty() ? "-" : run.pipelineHash(),
                            run.message().isEmpty() ? "" : "  (" + run.message() + ")");
                }
            }
            return 0;
        }

        @SuppressWarnings("unchecked")
        private static List<String> castList(Object list) {
            return (List<String>) list;
        }
    }

    static Map<String, Object> runJson(RunRecord run) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("run_id", run.runId());
        entry.put("pipeline_hash", run.pipelineHash());
        entry.put("started", run.started().toString());
        entry.put("ended", run.ended().toString());
        entry.put("status", run.status());
        entry.put("message", run.message());
        return entry;
    }

    /** {@code qbi results query SQL}. */
    @Command(name = "query", description = "Run a SQL query (DuckDB dialect) on the results database, e.g. "
            + "'SELECT \"group\", avg(volume) FROM grouped.regions GROUP BY 1'.")
    public static final class Query implements QbiCommand {

        @Parameters(paramLabel = "SQL", description = "the query")
        String sql;

        @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the project folder "
                + "(default: the current folder)")
        Path project;

        @Option(names = "--limit", paramLabel = "N", defaultValue = "100", description = "print at most N rows as "
                + "text (default 100; --csv and --json print all)")
        int limit;

        @Option(names = "--json", description = "print JSON (columns and rows) instead of text")
        boolean json;

        @Option(names = "--csv", description = "print CSV instead of text")
        boolean csv;

        @Override
        public Integer call() throws IOException {
            try (ResultsStore store = open(project)) {
                Table result;
                try {
                    result = store.query(sql);
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure(e.getMessage(), e);
                }
                if (json) {
                    Map<String, Object> out = new LinkedHashMap<>();
                    out.put("columns", TableText.columns(result));
                    out.put("rows", TableText.rows(result));
                    JsonOutput.print(System.out, out);
                } else if (csv) {
                    Writer writer = new OutputStreamWriter(System.out, StandardCharsets.UTF_8);
                    result.writeCsv(writer);
                    writer.flush();
                } else {
                    TableText.print(System.out, result, limit);
                }
            }
            return 0;
        }
    }

    /** {@code qbi results export TABLE --out FILE} or {@code --sql SQL --out FILE}. */
    @Command(name = "export", description = "Export a result table or a query's rows to CSV or Parquet (by the "
            + "file's extension), with a provenance sidecar FILE.provenance.json (runs, pipeline hashes, units).")
    public static final class Export implements QbiCommand {

        static final class Source {
            @Parameters(paramLabel = "TABLE", description = "the result table to export") String table;

            @Option(names = "--sql", paramLabel = "SQL", description = "export this query's rows instead of a table")
            String sql;
        }

        @ArgGroup(exclusive = true, multiplicity = "1")
        Source source;

        @Option(names = "--out", paramLabel = "FILE", required = true, description = "the file to write: .csv or "
                + ".parquet")
        Path out;

        @Option(names = "--run", paramLabel = "RUN-ID", description = "only this run's rows (tables only)")
        String run;

        @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the project folder "
                + "(default: the current folder)")
        Path project;

        @Option(names = "--json", description = "print what was written as JSON")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (ResultsStore store = open(project)) {
                ExportResult result;
                try {
                    if (source.sql != null && run != null) {
                        throw new IllegalArgumentException("--run filters a table; put the condition into the --sql "
                                + "query instead (WHERE run_id = '...')");
                    }
                    result = source.sql != null ? store.exportQuery(source.sql, out)
                            : store.exportTable(source.table, run, out);
                } catch (IllegalArgumentException e) {
                    throw new CommandFailure(e.getMessage(), e);
                }
                if (json) {
                    JsonOutput.print(System.out, result);
                } else {
                    System.out.println("wrote " + result.rows() + " rows to " + result.file() + " (provenance: "
                            + result.provenance().getFileName() + ")");
                }
            }
            return 0;
        }
    }
}
