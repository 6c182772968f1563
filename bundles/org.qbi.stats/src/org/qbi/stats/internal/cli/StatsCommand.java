package org.qbi.stats.internal.cli;

import java.io.IOException;
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
import org.qbi.project.ProjectLayout;
import org.qbi.project.results.ResultsStore;
import org.qbi.stats.Analyses;
import org.qbi.stats.Analysis;
import org.qbi.stats.Comparisons;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.MatchedValues;
import org.qbi.stats.internal.Tables;
import org.qbi.stats.study.StudyRows;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code qbi stats describe|compare|agreement|plot|analyses}: statistics over the project's result tables. */
@Command(name = "stats", description = "Descriptive statistics and group comparisons over a project's result tables.",
        subcommands = { StatsCommand.Describe.class, StatsCommand.Compare.class, StatsCommand.Agreement.class,
                PlotCommand.class, StatsCommand.ListAnalyses.class })
public final class StatsCommand implements QbiCommand {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(System.out);
        return 0;
    }

    /** The options describe and compare share. */
    abstract static class OverTable implements QbiCommand {

        @Option(names = "--table", paramLabel = "TABLE", required = true, description = "the result table, e.g. "
                + "regions ('qbi results list' shows them)")
        String table;

        @Option(names = "--value", paramLabel = "COLUMN", required = true, description = "the measurement column "
                + "(repeatable)")
        List<String> values;

        @Option(names = "--group", paramLabel = "COLUMN", defaultValue = "group", description = "the column that "
                + "forms the groups: group (from samples.csv, the default), sample_id, or any column")
        String group;

        @Option(names = "--run", paramLabel = "RUN-ID", description = "the run to analyse (default: the latest "
                + "complete run that wrote the table)")
        String run;

        @Option(names = "--per-sample", paramLabel = "mean|median", description = "reduce each sample's rows (its "
                + "objects) to their mean or median first, so each sample counts once")
        String perSample;

        @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the project folder "
                + "(default: the current folder)")
        Path project;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        /** The analysed rows' run id, set by {@link #data()}. */
        String runId;

        /** The grouped values of every --value. */
        List<GroupedValues> data() throws IOException {
            if (perSample != null && !perSample.equals("mean") && !perSample.equals("median")) {
                throw new CommandFailure("--per-sample takes mean or median, not '" + perSample + "'");
            }
            ProjectLayout layout;
            try {
                layout = ProjectLayout.open(project);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            Table rows;
            List<String> catalogOrder;
            try (ResultsStore store = ResultsStore.open(layout)) {
                catalogOrder = StudyRows.catalogOrder(layout, group);
                runId = StudyRows.run(store, table, run);
                List<String> wanted = new ArrayList<>(values);
                wanted.add(group);
                rows = StudyRows.rows(store, table, List.of(runId), wanted);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            try {
                if (perSample != null) {
                    rows = StudyRows.perSample(rows, StudyRows.Reduction.parse(perSample));
                } else if (!group.equals("sample_id") && StudyRows.severalRowsPerSample(rows)) {
                    System.err.println("note: some samples have several rows (objects); they are analysed as "
                            + "independent values. Add --per-sample mean to count each sample once.");
                }
                List<GroupedValues> data = new ArrayList<>();
                for (String value : values) {
                    GroupedValues grouped = StudyRows.ordered(GroupedValues.of(rows, value, group), catalogOrder);
                    if (grouped.missing() > 0) {
                        System.err.println("note: " + grouped.missing() + " rows without a value of '" + value
                                + "' or without a " + group + " are left out");
                    }
                    data.add(grouped);
                }
                return data;
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
        }

        void print(Table result, List<String> textColumns) {
            if (json) {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("table", table);
                out.put("run_id", runId);
                out.put("group_by", group);
                out.put("per_sample", perSample == null ? "" : perSample);
                out.put("columns", TableText.columns(result));
                out.put("rows", TableText.rows(result));
                JsonOutput.print(System.out, out);
                return;
            }
            System.out.println("table " + table + ", run " + runId + ", by " + group
                    + (perSample == null ? "" : ", per-sample " + perSample));
            Table.Builder view = Table.builder(result.name());
            for (String name : textColumns) {
                view.add(result.column(name));
            }
            TableText.print(System.out, view.build(), Integer.MAX_VALUE);
        }
    }

    /** {@code qbi stats describe}. */
    @Command(name = "describe", description = "n, mean, sd, sem, 95% CI of the mean, median, quartiles, IQR, CV, "
            + "min and max of each group (--group sample_id: of each sample).")
    public static final class Describe extends OverTable {

        @Override
        public Integer call() throws IOException {
            List<GroupedValues> data = data();
            Analysis<GroupedValues> describe = Analyses.installed().find(
                    org.qbi.stats.internal.Describe.ID, GroupedValues.class);
            List<Table> tables = new ArrayList<>();
            for (GroupedValues values : data) {
                tables.add(describe.run(values));
            }
            Table result = tables.size() == 1 ? tables.getFirst() : withoutUnits(tables);
            print(result, List.of("value", "group", "n", "mean", "sd", "sem", "median", "iqr", "cv", "min", "max"));
            return 0;
        }

        /** Tables of measurements with different units stack only without units (each row's value names it). */
        private static Table withoutUnits(List<Table> tables) {
            List<Table> plain = new ArrayList<>();
            for (Table table : tables) {
                Table.Builder builder = Table.builder(table.name());
                for (Column column : table.columns()) {
                    builder.add(column.isNumeric() ? Column.of(column.name(), "", column.numbers()) : column);
                }
                plain.add(builder.build());
            }
            return Tables.concat("describe", plain);
        }
    }

    /** {@code qbi stats compare}. */
    @Command(name = "compare", description = "Compare the groups: with two groups Welch's t, Mann-Whitney U and "
            + "Kolmogorov-Smirnov; with more, one-way ANOVA and Kruskal-Wallis and the two-group tests on every pair. "
            + "Effect sizes with 95% CIs; p-values adjusted by Holm and Benjamini-Hochberg within each test.")
    public static final class Compare extends OverTable {

        @Option(names = "--test", paramLabel = "ID", description = "run only these tests (repeatable; 'qbi stats "
                + "analyses' lists the ids)")
        List<String> tests;

        @Override
        public Integer call() throws IOException {
            List<GroupedValues> data = data();
            Analyses analyses = Analyses.installed();
            List<String> ids = tests != null ? tests : data.getFirst().names().size() == 2
                    ? List.of("welch-t", "mann-whitney", "ks")
                    : List.of("anova", "kruskal-wallis", "welch-t", "mann-whitney");
            Table result;
            try {
                List<Analysis<GroupedValues>> chosen = new ArrayList<>();
                for (String id : ids) {
                    Analysis<GroupedValues> analysis = analyses.find(id, GroupedValues.class);
                    if (analysis.id().equals(org.qbi.stats.internal.Describe.ID)) {
                        throw new IllegalArgumentException("'describe' is not a test; use 'qbi stats describe'");
                    }
                    chosen.add(analysis);
                }
                result = Comparisons.compare(data, chosen);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            print(result, List.of("value", "test", "group_a", "group_b", "n_a", "n_b", "statistic_name", "statistic",
                    "p_value", "p_holm", "p_bh", "effect_name", "effect", "effect_ci_low", "effect_ci_high"));
            return 0;
        }
    }

    /** {@code qbi stats agreement}. */
    @Command(name = "agreement", description = "Reproducibility of repeated measurements of the same samples: CV of "
            + "repeats, ICC(2,1) and ICC(3,1), and Bland-Altman when there are two repeats. --repeat names what "
            + "repeats: run_id (the same samples analysed by several runs, e.g. at two thresholds), or a column of "
            + "samples.csv (e.g. --subject specimen --repeat scan when each scan is a sample of its own).")
    public static final class Agreement implements QbiCommand {

        @Option(names = "--table", paramLabel = "TABLE", required = true, description = "the result table")
        String table;

        @Option(names = "--value", paramLabel = "COLUMN", required = true, description = "the measurement column")
        String value;

        @Option(names = "--repeat", paramLabel = "COLUMN", required = true, description = "the column naming the "
                + "repeat: run_id or a column of samples.csv")
        String repeat;

        @Option(names = "--subject", paramLabel = "COLUMN", defaultValue = "sample_id", description = "the column "
                + "naming what is measured repeatedly (default sample_id)")
        String subject;

        @Option(names = "--run", paramLabel = "RUN-ID", description = "with --repeat other than run_id: the run "
                + "(default: the latest complete run that wrote the table)")
        String run;

        @Option(names = "--analysis", paramLabel = "ID", description = "repeat-cv, icc, bland-altman (repeatable; "
                + "default: all that apply)")
        List<String> analyses;

        @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the project folder "
                + "(default: the current folder)")
        Path project;

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Override
        public Integer call() throws IOException {
            ProjectLayout layout;
            try {
                layout = ProjectLayout.open(project);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            MatchedValues data;
            List<String> runs;
            try (ResultsStore store = ResultsStore.open(layout)) {
                if (repeat.equals("run_id")) {
                    if (run != null) {
                        throw new CommandFailure("--run picks one run, but --repeat run_id compares runs; leave --run out");
                    }
                    runs = StudyRows.completeRuns(store, table);
                } else {
                    runs = List.of(StudyRows.run(store, table, run));
                }
                Table rows = StudyRows.rows(store, table, runs, List.of(value, subject, repeat));
                data = MatchedValues.of(rows, value, subject, repeat);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            if (data.dropped() > 0) {
                System.err.println("note: " + data.dropped() + " subjects lack a repeat and are left out");
            }
            Analyses installed = Analyses.installed();
            List<String> ids = analyses != null ? analyses : data.repeats().size() == 2
                    ? List.of("repeat-cv", "icc", "bland-altman") : List.of("repeat-cv", "icc");
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("table", table);
            out.put("value", value);
            out.put("subjects", data.subjects());
            out.put("repeats", data.repeats());
            try {
                for (String id : ids) {
                    Table result = installed.find(id, MatchedValues.class).run(data);
                    if (json) {
                        out.put(id, Map.of("columns", TableText.columns(result), "rows", TableText.rows(result)));
                    } else {
                        System.out.println(installed.find(id, MatchedValues.class).label() + " of " + value + " ("
                                + data.subjects().size() + " subjects x repeats " + data.repeats() + "):");
                        TableText.print(System.out, result, Integer.MAX_VALUE);
                        System.out.println();
                    }
                }
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            if (json) {
                JsonOutput.print(System.out, out);
            }
            return 0;
        }
    }

    /** {@code qbi stats analyses}. */
    @Command(name = "analyses", description = "List the installed statistical analyses (extension point "
            + "org.qbi.statistics).")
    public static final class ListAnalyses implements QbiCommand {

        @Option(names = "--json", description = "print JSON instead of text")
        boolean json;

        @Override
        public Integer call() {
            Analyses analyses = Analyses.installed();
            List<Map<String, String>> list = new ArrayList<>();
            for (Analysis<?> analysis : analyses.all()) {
                Map<String, String> entry = new LinkedHashMap<>();
                entry.put("id", analysis.id());
                entry.put("label", analysis.label());
                entry.put("data", analysis.dataType().getSimpleName());
                entry.put("description", analysis.description());
                list.add(entry);
            }
            if (json) {
                JsonOutput.print(System.out, list);
            } else {
                for (Map<String, String> entry : list) {
                    System.out.printf("%-16s %-38s %s%n", entry.get("id"), entry.get("label"), entry.get("data"));
                }
            }
            analyses.problems().forEach(p -> System.err.println("warning: " + p));
            return 0;
        }
    }
}
