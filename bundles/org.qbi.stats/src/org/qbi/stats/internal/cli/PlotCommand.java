package org.qbi.stats.internal.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.qbi.core.cli.CommandFailure;
import org.qbi.core.cli.QbiCommand;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.results.ResultsStore;
import org.qbi.stats.Analyses;
import org.qbi.stats.GroupedValues;
import org.qbi.stats.KernelDensity;
import org.qbi.stats.MatchedValues;
import org.qbi.stats.SensitivityStudy;
import org.qbi.stats.charts.BlandAltmanChart;
import org.qbi.stats.charts.Chart;
import org.qbi.stats.charts.ChartExport;
import org.qbi.stats.charts.GroupCharts;
import org.qbi.stats.charts.SensitivityChart;
import org.qbi.stats.charts.ViolinChart;
import org.qbi.stats.study.StudyRows;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code qbi stats plot KIND}: the Statistics perspective's charts written headless (Java2D draws without a
 * display) as PNG, SVG and the chart's data as CSV, from the same rows and the same drawing code as the views.
 */
@Command(name = "plot", description = "Draw a chart of a result table without a display: box, violin, histogram, "
        + "cdf, scatter (by group), bland-altman (two repeats) or sensitivity (a swept parameter). Each --out is "
        + "written as its extension says: .png, .svg, or .csv (the chart's data).")
public final class PlotCommand implements QbiCommand {

    @Parameters(index = "0", paramLabel = "KIND", description = "box, violin, histogram, cdf, scatter, "
            + "bland-altman or sensitivity")
    String kind;

    @Option(names = "--table", paramLabel = "TABLE", required = true, description = "the result table")
    String table;

    @Option(names = "--value", paramLabel = "COLUMN", required = true, description = "the measurement column "
            + "(sensitivity: repeatable, one panel per column)")
    List<String> values;

    /** The one --value of the charts that take one. */
    String value;

    @Option(names = "--out", paramLabel = "FILE", required = true, description = "a .png, .svg or .csv file to "
            + "write (repeatable)")
    List<Path> outs;

    @Option(names = "--group", paramLabel = "COLUMN", defaultValue = "group", description = "charts by group: the "
            + "column forming the groups (default group; sample_id for one per sample)")
    String group;

    @Option(names = "--y", paramLabel = "COLUMN", description = "scatter: the y column")
    String y;

    @Option(names = "--bandwidth", paramLabel = "scott|silverman", defaultValue = "scott", description = "violin: "
            + "the kernel density bandwidth rule (as scipy.stats.gaussian_kde; default scott)")
    String bandwidth;

    @Option(names = "--per-sample", paramLabel = "mean|median", description = "reduce each sample's rows (its "
            + "objects) to their mean or median first; bland-altman: per subject and repeat")
    String perSample;

    @Option(names = "--repeat", paramLabel = "COLUMN", defaultValue = "run_id", description = "bland-altman: what "
            + "repeats (run_id, the default, or a column of samples.csv)")
    String repeat;

    @Option(names = "--subject", paramLabel = "COLUMN", defaultValue = "sample_id", description = "bland-altman: "
            + "what is measured repeatedly (default sample_id)")
    String subject;

    @Option(names = "--pair", paramLabel = "A,B", split = ",", description = "bland-altman: the two repeats to "
            + "compare when there are more (default the first two)")
    List<String> pair;

    @Option(names = "--parameter", paramLabel = "COLUMN", description = "sensitivity: the swept parameter's column "
            + "(default the first the run swept, e.g. smooth_sigma)")
    String parameter;

    @Option(names = "--statistic", paramLabel = "count|mean|median|sum", defaultValue = "mean", description =
            "sensitivity: per sample and parameter value, the count of rows (objects) or the mean, median or sum of "
            + "the value (default mean)")
    String statistic;

    @Option(names = "--series", paramLabel = "COLUMN", defaultValue = "sample_id", description = "sensitivity: a "
            + "line per sample_id (default) or per group (the mean of its samples, -+ sd)")
    String series;

    @Option(names = "--run", paramLabel = "RUN-ID", description = "the run (default: the latest complete run that "
            + "wrote the table; bland-altman with --repeat run_id compares all runs)")
    String run;

    @Option(names = "--size", paramLabel = "WxH", defaultValue = "900x600", description = "picture size in pixels "
            + "(default 900x600)")
    String size;

    @Option(names = "--project", paramLabel = "DIR", defaultValue = ".", description = "the project folder "
            + "(default: the current folder)")
    Path project;

    @Override
    public Integer call() throws IOException {
        System.setProperty("java.awt.headless", System.getProperty("java.awt.headless", "true"));
        int[] pixels = size();
        ProjectLayout layout;
        try {
            layout = ProjectLayout.open(project);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        Chart chart;
        try {
            chart = chart(layout);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(e.getMessage(), e);
        }
        for (Path out : outs) {
            try {
                ChartExport.write(chart, pixels[0], pixels[1], out);
            } catch (IllegalArgumentException e) {
                throw new CommandFailure(e.getMessage(), e);
            }
            System.out.println("wrote " + out);
        }
        return 0;
    }

    private Chart chart(ProjectLayout layout) throws IOException {
        StudyRows.Reduction how = perSample == null ? StudyRows.Reduction.NONE : StudyRows.Reduction.parse(perSample);
        if (how == StudyRows.Reduction.NONE && perSample != null) {
            throw new IllegalArgumentException("--per-sample takes mean or median, not '" + perSample + "'");
        }
        value = values.getFirst();
        if (values.size() > 1 && !kind.equals("sensitivity")) {
            throw new IllegalArgumentException("A " + kind + " chart takes one --value; only sensitivity takes several");
        }
        switch (kind) {
            case "bland-altman" -> {
                MatchedValues data;
                try (ResultsStore store = ResultsStore.open(layout)) {
                    data = StudyRows.matched(store, table, value, subject, repeat, run, how);
                }
                if (data.dropped() > 0) {
                    System.err.println("note: " + data.dropped() + " subjects lack a repeat and are left out");
                }
                if (pair != null) {
                    if (pair.size() != 2) {
                        throw new IllegalArgumentException("--pair names two repeats A,B, not " + pair);
                    }
                    data = data.pair(pair.get(0), pair.get(1));
                } else if (data.repeats().size() > 2) {
                    System.err.println("note: " + data.repeats().size() + " repeats " + data.repeats()
                            + "; comparing the first two (--pair A,B chooses)");
                    data = data.pair(data.repeats().get(0), data.repeats().get(1));
                }
                return BlandAltmanChart.of(data);
            }
            case "sensitivity" -> {
                SensitivityStudy.Statistic perPoint = SensitivityStudy.Statistic.parse(statistic);
                List<Table> studies = new ArrayList<>();
                try (ResultsStore store = ResultsStore.open(layout)) {
                    for (String v : values) {
                        Table rows = StudyRows.sweepRows(store, table, v, parameter, series, run);
                        String swept = parameter != null ? parameter : rows.columns().get(1).name();
                        studies.add(SensitivityStudy.of(rows, swept, v, perPoint, series));
                    }
                }
                return SensitivityChart.of(studies);
            }
            default -> {
                GroupCharts.Kind chartKind = GroupCharts.Kind.parse(kind);
                Table rows;
                List<String> order;
                try (ResultsStore store = ResultsStore.open(layout)) {
                    String runId = StudyRows.run(store, table, run);
                    List<String> wanted = new ArrayList<>(List.of(value, group));
                    if (chartKind == GroupCharts.Kind.SCATTER) {
                        if (y == null) {
                            throw new IllegalArgumentException("A scatter plot needs --y COLUMN");
                        }
                        wanted.add(y);
                    }
                    rows = StudyRows.rows(store, table, List.of(runId), wanted);
                    order = StudyRows.catalogOrder(layout, group);
                }
                rows = StudyRows.perSample(rows, how);
                GroupedValues values = StudyRows.ordered(GroupedValues.of(rows, value, group), order);
                if (chartKind == GroupCharts.Kind.VIOLIN) {
                    return ViolinChart.of(values, KernelDensity.Bandwidth.valueOf(bandwidth.toUpperCase(
                            java.util.Locale.ROOT)));
                }
                Table describe = Analyses.installed().find(org.qbi.stats.internal.Describe.ID, GroupedValues.class)
                        .run(values);
                return GroupCharts.of(chartKind, values, describe, rows, y);
            }
        }
    }

    private int[] size() {
        String[] parts = size.toLowerCase(java.util.Locale.ROOT).split("x");
        try {
            int w = Integer.parseInt(parts[0].trim());
            int h = Integer.parseInt(parts[1].trim());
            if (parts.length == 2 && w >= 100 && h >= 100 && w <= 10000 && h <= 10000) {
                return new int[] { w, h };
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            // reported below
        }
        throw new CommandFailure("--size takes WIDTHxHEIGHT in pixels, each 100 to 10000, e.g. 900x600; not '" + size
                + "'");
    }
}
