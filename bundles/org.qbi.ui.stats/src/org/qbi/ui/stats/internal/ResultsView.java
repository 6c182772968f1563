package org.qbi.ui.stats.internal;

import java.awt.Rectangle;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.resources.IResource;
import org.eclipse.core.resources.ResourcesPlugin;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.JFreeChart;
import org.jfree.swt.SWTGraphics2D;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.workspace.QbiNature;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.stats.charts.Chart;
import org.qbi.stats.charts.ChartExport;
import org.qbi.stats.charts.GroupCharts;
import org.qbi.stats.study.StudyRows.Reduction;

/**
 * The Statistics perspective's Results view: a result table's measurement column of the selected project, by
 * group or by sample, as per-group descriptive statistics, the group comparison (tests with effect sizes and
 * Holm / Benjamini-Hochberg adjusted p-values) and a chart (box plot, histogram, CDF, scatter plot of two
 * columns coloured by group, violin plot), exportable as PNG, SVG and the chart's data as CSV. The store is read and the
 * statistics computed in a job; each read opens the store and closes it (DuckDB locks the file).
 */
public final class ResultsView extends ViewPart {

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

    private Combo projectCombo;
    private Combo tableCombo;
    private Combo columnCombo;
    private Combo groupCombo;
    private Combo perSampleCombo;
    private Combo chartCombo;
    private Combo yCombo;
    private Label status;
    private org.eclipse.swt.widgets.Table describeTable;
    private org.eclipse.swt.widgets.Table comparisonTable;
    private Canvas canvas;

    private final List<IProject> projects = new ArrayList<>();
    private IProject project;
    private StudyTable.Contents contents;
    private GroupStatistics statistics;
    private Chart chart;
    private Job job;
    /** Counts requests, so the result of a superseded job is dropped. */
    private int generation;
    /** The request whose result (or error) the view shows. */
    private int settled;

    /**
     * One read of a results store at a time: DuckDB refuses a second open of a file this process holds, so a job
     * superseded but still reading would make the next one fail.
     */
    private static final ISchedulingRule STORE_READS = StudyView.STORE_READS;

    private final ISelectionListener selectionListener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite choices = new Composite(parent, SWT.NONE);
        choices.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        choices.setLayout(new GridLayout(8, false)); // two rows: what to analyse, how and what to draw
        projectCombo = combo(choices, "Project");
        tableCombo = combo(choices, "Table");
        columnCombo = combo(choices, "Column");
        groupCombo = combo(choices, "By");
        groupCombo.setItems(StudyTable.GROUPINGS.toArray(String[]::new));
        groupCombo.select(0);
        perSampleCombo = combo(choices, "Per sample");
        for (Reduction how : Reduction.values()) {
            perSampleCombo.add(how.label());
        }
        perSampleCombo.select(0);
        perSampleCombo.setToolTipText("objects: every row as a value; sample mean / median: each sample's rows "
                + "reduced to one value first, so each sample counts once");
        chartCombo = combo(choices, "Chart");
        for (GroupCharts.Kind kind : GroupCharts.Kind.values()) {
            chartCombo.add(kind.label());
        }
        chartCombo.select(0);
        yCombo = combo(choices, "Scatter y");
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));

        SashForm sash = new SashForm(parent, SWT.HORIZONTAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        SashForm tables = new SashForm(sash, SWT.VERTICAL);
        describeTable = table(tables, DESCRIBE_COLUMNS);
        comparisonTable = table(tables, COMPARISON_COLUMNS);
        canvas = new Canvas(sash, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        sash.setWeights(50, 50);

        projectCombo.addListener(SWT.Selection, e -> {
            int index = projectCombo.getSelectionIndex();
            if (index >= 0) {
                openProject(projects.get(index));
            }
        });
        tableCombo.addListener(SWT.Selection, e -> tableChosen());
        columnCombo.addListener(SWT.Selection, e -> compute());
        groupCombo.addListener(SWT.Selection, e -> compute());
        yCombo.addListener(SWT.Selection, e -> compute());
        perSampleCombo.addListener(SWT.Selection, e -> compute());
        chartCombo.addListener(SWT.Selection, e -> showChart());

        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        toolBar.add(action("Refresh", "Read the project's results store again", () -> {
            if (project != null) {
                openProject(project);
            }
        }));
        toolBar.add(action("PNG", "Export the chart as a PNG image", () -> export("png")));
        toolBar.add(action("SVG", "Export the chart as an SVG drawing", () -> export("svg")));
        toolBar.add(action("CSV", "Export the chart's data as a CSV table", () -> export("csv")));
        getViewSite().getActionBars().updateActionBars();

        listProjects();
        getSite().getPage().addPostSelectionListener(selectionListener);
        selectionChanged(null, getSite().getPage().getSelection());
        if (project == null && !projects.isEmpty()) {
            openProject(projects.getFirst());
        }
        if (project == null) {
            status.setText("Select a QBI project in the Project Explorer: its results store is analysed here.");
        }
    }

    private static Combo combo(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label + ":");
        Combo combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, false, false);
        data.widthHint = 120;
        combo.setLayoutData(data);
        return combo;
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

    private static Action action(String text, String tip, Runnable run) {
        Action action = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        action.setToolTipText(tip);
        return action;
    }

    @Override
    public void setFocus() {
        projectCombo.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getPage().removePostSelectionListener(selectionListener);
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }

    private void listProjects() {
        projects.clear();
        projectCombo.removeAll();
        for (IProject candidate : ResourcesPlugin.getWorkspace().getRoot().getProjects()) {
            if (QbiNature.isQbiProject(candidate)) {
                projects.add(candidate);
                projectCombo.add(candidate.getName());
            }
        }
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection structured) || structured.isEmpty()) {
            return;
        }
        IResource resource = Adapters.adapt(structured.getFirstElement(), IResource.class);
        if (resource != null && resource.getProject() != null && !resource.getProject().equals(project)
                && QbiNature.isQbiProject(resource.getProject())) {
            openProject(resource.getProject());
        }
    }

    /** Reads {@code newProject}'s result tables and their columns (in a job), then offers them. */
    public void openProject(IProject newProject) {
        project = newProject;
        if (!projects.contains(newProject)) {
            listProjects();
        }
        projectCombo.select(projects.indexOf(newProject));
        ProjectLayout layout = QbiProjects.layout(newProject);
        status.setText("Reading the results of " + newProject.getName() + " \u2026");
        run("Reading the results of " + newProject.getName(), () -> StudyTable.contents(layout), read -> {
            contents = read;
            String previous = tableCombo.getText();
            tableCombo.setItems(read.numericColumns().keySet().toArray(String[]::new));
            if (read.numericColumns().isEmpty()) {
                status.setText(newProject.getName() + " has no result tables yet: run a pipeline that measures.");
                clear();
                return;
            }
            int index = Math.max(0, tableCombo.indexOf(previous));
            tableCombo.select(index);
            tableChosen();
        });
    }

    private void tableChosen() {
        List<String> columns = contents == null ? List.of()
                : contents.numericColumns().getOrDefault(tableCombo.getText(), List.of());
        String previous = columnCombo.getText();
        String previousY = yCombo.getText();
        columnCombo.setItems(columns.toArray(String[]::new));
        yCombo.setItems(columns.toArray(String[]::new));
        if (columns.isEmpty()) {
            status.setText("Table " + tableCombo.getText() + " has no numeric measurement columns.");
            clear();
            return;
        }
        columnCombo.select(Math.max(0, columns.indexOf(previous)));
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

    private static void select(Combo combo, String item, String what) {
        int index = combo.indexOf(item);
        if (index < 0) {
            throw new IllegalArgumentException("No " + what + " '" + item + "'; there are "
                    + List.of(combo.getItems()));
        }
        combo.select(index);
    }

    private void compute() {
        if (project == null || tableCombo.getText().isEmpty() || columnCombo.getText().isEmpty()) {
            return;
        }
        ProjectLayout layout = QbiProjects.layout(project);
        String table = tableCombo.getText();
        String column = columnCombo.getText();
        String groupBy = groupCombo.getText();
        String y = yCombo.getText();
        Reduction perSample = Reduction.values()[Math.max(0,
                perSampleCombo.getSelectionIndex())];
        status.setText("Computing the statistics of " + column + " by " + groupBy + " \u2026");
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
            status.setText(table + "." + column + (computed.values().unit().isEmpty() ? ""
                    : " (" + computed.values().unit() + ")") + " by " + groupBy + ": " + sizes + "; run "
                    + computed.runId() + (computed.values().missing() > 0 ? "; "
                    + computed.values().missing() + " rows without a value or " + groupBy + " left out" : "")
                    + (computed.comparison() == null ? "; one group: nothing to compare" : "")
                    + (computed.severalRowsPerSample() && !groupBy.equals("sample_id")
                            ? ". Note: samples have several rows (objects), analysed as independent values" : ""));
            showChart();
        });
    }

    private interface Work<T> {
        T call() throws IOException;
    }

    /** Runs {@code work} in a job, then hands its result to {@code done} on the UI thread unless superseded. */
    private <T> void run(String name, Work<T> work, java.util.function.Consumer<T> done) {
        if (job != null) {
            job.cancel();
        }
        int request = ++generation;
        job = Job.create(name, (IProgressMonitor monitor) -> {
            try {
                T result = work.call();
                if (!monitor.isCanceled()) {
                    canvas.getDisplay().asyncExec(() -> {
                        if (request == generation && !canvas.isDisposed()) {
                            settled = request;
                            done.accept(result);
                        }
                    });
                }
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                canvas.getDisplay().asyncExec(() -> {
                    if (request == generation && !canvas.isDisposed()) {
                        settled = request;
                        status.setText(e.getMessage() == null ? e.toString() : e.getMessage());
                        clear();
                    }
                });
                return Status.OK_STATUS; // shown in the view, not as an error dialog
            }
        });
        job.setRule(STORE_READS);
        job.schedule();
    }

    /** Whether a read or computation is under way or its result not yet shown (for tests). */
    public boolean isBusy() {
        return settled != generation;
    }

    private void clear() {
        statistics = null;
        chart = null;
        describeTable.removeAll();
        comparisonTable.removeAll();
        canvas.redraw();
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

    private void showChart() {
        if (statistics == null) {
            return;
        }
        GroupCharts.Kind kind = GroupCharts.Kind.values()[Math.max(0, chartCombo.getSelectionIndex())];
        try {
            chart = GroupCharts.of(kind, statistics.values(), statistics.describe(), statistics.pairs(),
                    yCombo.getText());
        } catch (IllegalArgumentException e) {
            chart = null;
            status.setText(e.getMessage());
        }
        canvas.redraw();
    }

    private void paint(GC gc, org.eclipse.swt.graphics.Rectangle area) {
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        if (chart != null && area.width > 10 && area.height > 10) {
            SWTGraphics2D g2 = new SWTGraphics2D(gc);
            try {
                chart.chart().draw(g2, new Rectangle(area.x, area.y, area.width, area.height));
            } finally {
                g2.dispose();
            }
        }
    }

    private void export(String format) {
        if (chart == null) {
            status.setText("Nothing to export: choose a table and column first.");
            return;
        }
        FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { "*." + format });
        dialog.setFileName(chart.data().name() + "." + format);
        if (project != null) {
            dialog.setFilterPath(QbiProjects.layout(project).reports().toString());
        }
        String file = dialog.open();
        if (file != null) {
            try {
                Path written = exportTo(format, Path.of(file));
                status.setText("Wrote " + written);
            } catch (IOException | RuntimeException e) {
                status.setText("Could not write " + file + ": " + e.getMessage());
            }
        }
    }

    /** Writes the shown chart (png, svg; at the canvas' size) or its data (csv) to {@code out}. */
    public Path exportTo(String format, Path out) throws IOException {
        if (chart == null) {
            throw new IllegalStateException("No chart is shown");
        }
        org.eclipse.swt.graphics.Rectangle size = canvas.getClientArea();
        int width = Math.max(size.width, 400);
        int height = Math.max(size.height, 300);
        switch (format) {
            case "png" -> ChartExport.png(chart.chart(), width, height, out);
            case "svg" -> ChartExport.svg(chart.chart(), width, height, out);
            case "csv" -> ChartExport.csv(chart.data(), out);
            default -> throw new IllegalArgumentException("Export formats are png, svg and csv, not " + format);
        }
        return out;
    }

    /** The status line's text (for tests' messages). */
    String statusText() {
        return status.getText();
    }

    /** The statistics shown, or null (for tests). */
    public GroupStatistics statistics() {
        return statistics;
    }

    /** The chart shown, or null (for tests). */
    public Chart chart() {
        return chart;
    }

    /** The chart's JFreeChart (for tests reading its dataset). */
    JFreeChart jfreeChart() {
        return chart == null ? null : chart.chart();
    }

    /** The rows of the tables shown (for tests): table name to the first column's texts. */
    Map<String, Integer> shownRows() {
        return Map.of("describe", describeTable.getItemCount(), "comparison", comparisonTable.getItemCount());
    }
}
