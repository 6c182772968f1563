package org.qbi.ui.stats.internal;

import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.jfree.chart.JFreeChart;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.stats.charts.Chart;
import org.qbi.stats.charts.GroupCharts;
import org.qbi.stats.study.StudyRows.Reduction;

/**
 * The Statistics perspective's Results view: a result table's measurement column of the selected project, by
 * group or by sample, as per-group descriptive statistics, the group comparison (tests with effect sizes and
 * Holm / Benjamini-Hochberg adjusted p-values) and a chart (box plot, violin plot, histogram, CDF, scatter plot
 * of two columns coloured by group), exportable as PNG, SVG and the chart's data as CSV. The store is read and
 * the statistics computed in a job; each read opens the store and closes it (DuckDB locks the file).
 */
public final class ResultsView extends StudyView {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.ui.views.statisticsResults";

    private static final List<String> DESCRIBE_COLUMNS = List.of("group", "n", "mean", "sd", "sem", "ci_low",
            "ci_high", "median", "q1", "q3", "iqr", "cv", "min", "max");
    private static final List<String> COMPARISON_COLUMNS = List.of("test", "group_a", "group_b", "p_value",
            "p_holm", "p_bh", "effect_name", "effect", "effect_ci_low", "effect_ci_high", "statistic_name",
            "statistic", "df", "difference_name", "difference", "difference_ci_low", "difference_ci_high",
            "p_method");

    /** Columns holding names, left-aligned; numbers are right-aligned. */
    private static final List<String> TEXT_COLUMNS = List.of("group", "test", "group_a", "group_b", "effect_name",
            "statistic_name", "difference_name", "p_method");

    private Combo tableCombo;
    private Combo columnCombo;
    private Combo groupCombo;
    private Combo perSampleCombo;
    private Combo chartCombo;
    private Combo yCombo;
    private org.eclipse.swt.widgets.Table describeTable;
    private org.eclipse.swt.widgets.Table comparisonTable;
    private SashForm sash;

    private StudyTable.Contents contents;
    private GroupStatistics statistics;

    @Override
    void createChoices(Composite parent) {
        tableCombo = combo(parent, "Table");
        columnCombo = combo(parent, "Column");
        groupCombo = combo(parent, "By");
        groupCombo.setItems(StudyTable.GROUPINGS.toArray(String[]::new));
        groupCombo.select(0);
        perSampleCombo = combo(parent, "Per sample");
        for (Reduction how : Reduction.values()) {
            perSampleCombo.add(how.label());
        }
        perSampleCombo.select(0);
        perSampleCombo.setToolTipText("objects: every row as a value; sample mean / median: each sample's rows "
                + "reduced to one value first, so each sample counts once");
        chartCombo = combo(parent, "Chart");
        for (GroupCharts.Kind kind : GroupCharts.Kind.values()) {
            chartCombo.add(kind.label());
        }
        chartCombo.select(0);
        yCombo = combo(parent, "Scatter y");
        tableCombo.addListener(SWT.Selection, e -> tableChosen());
        columnCombo.addListener(SWT.Selection, e -> compute());
        groupCombo.addListener(SWT.Selection, e -> compute());
        yCombo.addListener(SWT.Selection, e -> compute());
        perSampleCombo.addListener(SWT.Selection, e -> compute());
        chartCombo.addListener(SWT.Selection, e -> showChart());
    }

    /** The tables of statistics left of the chart. */
    @Override
    Composite createBody(Composite parent) {
        sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        SashForm tables = new SashForm(sash, SWT.VERTICAL);
        describeTable = table(tables, DESCRIBE_COLUMNS);
        comparisonTable = table(tables, COMPARISON_COLUMNS);
        return sash;
    }

    @Override
    void bodyCreated() {
        sash.setWeights(50, 50);
    }

    private static org.eclipse.swt.widgets.Table table(Composite parent, List<String> columns) {
        org.eclipse.swt.widgets.Table table = new org.eclipse.swt.widgets.Table(parent,
                SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        for (String name : columns) {
            boolean text = TEXT_COLUMNS.contains(name);
            TableColumn column = new TableColumn(table, text ? SWT.LEFT : SWT.RIGHT);
            column.setText(name);
            column.setWidth(text ? 104 : Math.max(64, name.length() * 8 + 16));
        }
        return table;
    }

    @Override
    void projectOpened(ProjectLayout layout) {
        String name = layout.root().getFileName().toString();
        status("Reading the results of " + name + " \u2026");
        run("Reading the results of " + name, () -> StudyTable.contents(layout), read -> {
            contents = read;
            String previous = tableCombo.getText();
            tableCombo.setItems(read.numericColumns().keySet().toArray(String[]::new));
            if (read.numericColumns().isEmpty()) {
                status(name + " has no result tables yet: run a pipeline that measures.");
                failed();
                return;
            }
            tableCombo.select(Math.max(0, tableCombo.indexOf(previous)));
            tableChosen();
        });
    }

    private void tableChosen() {
        List<String> columns = contents == null ? List.of()
                : contents.numericColumns().getOrDefault(tableCombo.getText(), List.of());
        String previousY = yCombo.getText();
        offer(columnCombo, columns, 0);
        yCombo.setItems(columns.toArray(String[]::new));
        if (columns.isEmpty()) {
            status("Table " + tableCombo.getText() + " has no numeric measurement columns.");
            failed();
            return;
        }
        yCombo.select(columns.contains(previousY) ? columns.indexOf(previousY) : Math.min(1, columns.size() - 1));
        compute();
    }

    /**
     * Chooses table, column and grouping (as the user would in the combos) and computes; for tests and for a
     * caller that opens the view on a given measurement.
     *
     * @throws IllegalArgumentException naming the choices there are when one is not offered
     */
    public void choose(String table, String column, String groupBy, String yColumn) {
        select(tableCombo, table, "table");
        tableChosen();
        select(columnCombo, column, "column");
        select(groupCombo, groupBy, "grouping");
        if (yColumn != null) {
            select(yCombo, yColumn, "scatter y column");
        }
        compute();
    }

    /** Reduces each sample's rows as {@code how} says and computes again. */
    public void perSample(Reduction how) {
        perSampleCombo.select(how.ordinal());
        compute();
    }

    /** Shows chart {@code kind}. */
    public void showChart(GroupCharts.Kind kind) {
        chartCombo.select(kind.ordinal());
        showChart();
    }

    @Override
    void compute() {
        ProjectLayout layout = layout();
        if (layout == null || tableCombo.getText().isEmpty() || columnCombo.getText().isEmpty()) {
            return;
        }
        String table = tableCombo.getText();
        String column = columnCombo.getText();
        String groupBy = groupCombo.getText();
        String y = yCombo.getText();
        Reduction perSample = Reduction.values()[Math.max(0, perSampleCombo.getSelectionIndex())];
        status("Computing the statistics of " + column + " by " + groupBy + " \u2026");
        run("Statistics of " + table + "." + column + " by " + groupBy, () -> {
            List<String> wanted = y.isEmpty() ? List.of(column) : List.of(column, y);
            StudyTable.Rows rows = StudyTable.read(layout, table, wanted, groupBy);
            return GroupStatistics.of(rows, column, groupBy, perSample);
        }, computed -> {
            statistics = computed;
            fill(describeTable, computed.describe(), DESCRIBE_COLUMNS);
            fill(comparisonTable, computed.comparison(), COMPARISON_COLUMNS);
            StringBuilder sizes = new StringBuilder();
            computed.values().groups().forEach((g, v) -> sizes.append(sizes.isEmpty() ? "" : ", ").append(g)
                    .append(" (n=").append(v.length).append(')'));
            status(table + "." + column + (computed.values().unit().isEmpty() ? ""
                    : " (" + computed.values().unit() + ")") + " by " + groupBy + ": " + sizes + "; run "
                    + computed.runId() + (computed.values().missing() > 0 ? "; "
                    + computed.values().missing() + " rows without a value or " + groupBy + " left out" : "")
                    + (computed.comparison() == null ? "; one group: nothing to compare" : "")
                    + (computed.severalRowsPerSample() && !groupBy.equals("sample_id")
                            ? ". Note: samples have several rows (objects), analysed as independent values" : ""));
            showChart();
        });
    }

    @Override
    void failed() {
        statistics = null;
        describeTable.removeAll();
        comparisonTable.removeAll();
        show(null);
    }

    private static void fill(org.eclipse.swt.widgets.Table widget, Table table, List<String> columns) {
        widget.removeAll();
        if (table == null) {
            return;
        }
        for (int r = 0; r < table.rowCount(); r++) {
            TableItem item = new TableItem(widget, SWT.NONE);
            for (int c = 0; c < columns.size(); c++) {
                if (table.hasColumn(columns.get(c))) {
                    Column column = table.column(columns.get(c));
                    item.setText(c, column.isNumeric() ? format(column.number(r)) : column.text(r));
                }
            }
        }
    }

    /** Four significant digits; p-values below 1e-4 in scientific notation. */
    static String format(double value) {
        if (Double.isNaN(value)) {
            return "";
        }
        if (value == Math.rint(value) && Math.abs(value) < 1e9) {
            return Long.toString((long) value);
        }
        double magnitude = Math.abs(value);
        return magnitude != 0 && (magnitude < 1e-4 || magnitude >= 1e6) ? String.format("%.3e", value)
                : String.format("%.4g", value);
    }

    /**
     * Draws the chosen chart in a job (a violin plot's kernel densities over a large table take a while), keeping
     * the statistics when the chart cannot be drawn (e.g. a scatter plot without a second column).
     */
    private void showChart() {
        if (statistics == null) {
            return;
        }
        GroupStatistics shown = statistics;
        GroupCharts.Kind kind = GroupCharts.Kind.values()[Math.max(0, chartCombo.getSelectionIndex())];
        String y = yCombo.getText();
        run(kind.label() + " of " + shown.values().valueName(), () -> {
            try {
                return new Drawn(GroupCharts.of(kind, shown.values(), shown.describe(), shown.pairs(), y), null);
            } catch (IllegalArgumentException e) {
                return new Drawn(null, e.getMessage());
            }
        }, drawn -> {
            show(drawn.chart());
            if (drawn.problem() != null) {
                status(drawn.problem());
            }
        });
    }

    /** A chart, or why there is none. */
    private record Drawn(Chart chart, String problem) {
    }

    /** The statistics shown, or null (for tests). */
    public GroupStatistics statistics() {
        return statistics;
    }

    /** The chart's JFreeChart (for tests reading its dataset). */
    JFreeChart jfreeChart() {
        return chart() == null ? null : chart().chart();
    }

    /** The rows of the tables shown (for tests): table name to the first column's texts. */
    Map<String, Integer> shownRows() {
        return Map.of("describe", describeTable.getItemCount(), "comparison", comparisonTable.getItemCount());
    }
}
