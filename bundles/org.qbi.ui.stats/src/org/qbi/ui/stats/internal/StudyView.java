package org.qbi.ui.stats.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.ISchedulingRule;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.qbi.project.ProjectLayout;
import org.qbi.project.workspace.QbiProjects;
import org.qbi.stats.charts.Chart;
import org.qbi.stats.charts.ChartExport;
import org.qbi.ui.viewer.ChartPainter;

/**
 * What the Statistics perspective's chart views share: the project chooser that follows the Project Explorer's
 * selection, a row of choices, a status line, a chart canvas (JFreeChart through SWTGraphics2D) with PNG, SVG and
 * CSV export, and jobs that read the results store one at a time and hand their result to the UI thread unless a
 * newer request superseded them. A view supplies its choices ({@link #createChoices}) and what to read and draw
 * ({@link #compute}).
 */
abstract class StudyView extends ViewPart {

    /**
     * One read of a results store at a time, across the views: DuckDB refuses a second open of a file this
     * process holds, so a job superseded but still reading would make the next one fail.
     */
    static final ISchedulingRule STORE_READS = new ISchedulingRule() {
        @Override
        public boolean contains(ISchedulingRule rule) {
            return rule == this;
        }

        @Override
        public boolean isConflicting(ISchedulingRule rule) {
            return rule == this;
        }
    };

    /** Work done in a job. */
    interface Work<T> {
        T call() throws IOException;
    }

    private ProjectChooser projectChooser;
    private Label status;
    private Canvas canvas;
    private Chart chart;
    private Job job;
    private int generation;
    private int settled;

    /** Adds the view's choices (label + control pairs) to {@code parent}, a grid of {@code columns} columns. */
    abstract void createChoices(Composite parent);

    /** Reads and draws the chart of the current choices (through {@link #run}); nothing when they are incomplete. */
    abstract void compute();

    /** The project's tables were (re)read: offer them. Called on the UI thread. */
    abstract void projectOpened(ProjectLayout layout);

    /**
     * The composite the chart canvas goes into (filling the rest of the view by default); a view showing more than
     * the chart builds it here, and lays it out in {@link #bodyCreated}.
     */
    Composite createBody(Composite parent) {
        return parent;
    }

    /** Called once the canvas is in the body. */
    void bodyCreated() {
    }

    /** A read or computation failed (its message is in the status line): clear what was shown. */
    void failed() {
        show(null);
    }

    @Override
    public final void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite choices = new Composite(parent, SWT.NONE);
        choices.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        choices.setLayout(new GridLayout(8, false));
        projectChooser = new ProjectChooser(choices, this, p -> projectOpened(QbiProjects.layout(p)));
        createChoices(choices);
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new Canvas(createBody(parent), SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        bodyCreated();
        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        toolBar.add(action("Refresh", "Read the project's results store again", () -> {
            if (projectChooser.project() != null) {
                openProject(projectChooser.project());
            }
        }));
        toolBar.add(action("PNG", "Export the chart as a PNG image", () -> export("png")));
        toolBar.add(action("SVG", "Export the chart as an SVG drawing", () -> export("svg")));
        toolBar.add(action("CSV", "Export the chart's data as a CSV table", () -> export("csv")));
        getViewSite().getActionBars().updateActionBars();
        projectChooser.start(getSite());
        if (projectChooser.project() == null) {
            status("Select a QBI project in the Project Explorer: its results store is analysed here.");
        }
    }

    /** A label and a read-only combo in {@code parent}. */
    static Combo combo(Composite parent, String label) {
        new Label(parent, SWT.NONE).setText(label + ":");
        Combo combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        GridData data = new GridData(SWT.FILL, SWT.CENTER, false, false);
        data.widthHint = 120;
        combo.setLayoutData(data);
        return combo;
    }

    /** Offers {@code items} in {@code combo}, keeping the previous choice when it is still offered. */
    static void offer(Combo combo, List<String> items, int fallback) {
        String previous = combo.getText();
        combo.setItems(items.toArray(String[]::new));
        if (!items.isEmpty()) {
            combo.select(items.contains(previous) ? items.indexOf(previous) : Math.min(fallback, items.size() - 1));
        }
    }

    /**
     * Selects {@code item} in {@code combo}, as the user would.
     *
     * @throws IllegalArgumentException naming the items there are when it is not offered
     */
    static void select(Combo combo, String item, String what) {
        int index = combo.indexOf(item);
        if (index < 0) {
            throw new IllegalArgumentException("No " + what + " '" + item + "'; there are " + List.of(combo.getItems()));
        }
        combo.select(index);
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
        projectChooser.setFocus();
    }

    @Override
    public void dispose() {
        projectChooser.dispose(getSite());
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }

    /** Analyses {@code newProject}'s results store. */
    public void openProject(IProject newProject) {
        projectChooser.open(newProject);
    }

    /** The project analysed, or null. */
    ProjectLayout layout() {
        return projectChooser.project() == null ? null : QbiProjects.layout(projectChooser.project());
    }

    void status(String text) {
        status.setText(text);
        status.getParent().layout(true);
    }

    /** The status line's text (for tests' messages). */
    String statusText() {
        return status.getText();
    }

    /** Shows {@code newChart} (null: none). */
    void show(Chart newChart) {
        chart = newChart;
        canvas.redraw();
    }

    /** The chart canvas' size (for tests of the layout). */
    org.eclipse.swt.graphics.Point canvasSize() {
        return canvas.getSize();
    }

    /** The chart shown, or null (for tests). */
    public Chart chart() {
        return chart;
    }

    /**
     * Runs {@code work} in a job, then hands its result to {@code done} on the UI thread unless superseded; a
     * failure's message goes to the status line and the chart is cleared.
     */
    <T> void run(String name, Work<T> work, Consumer<T> done) {
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
            } catch (IOException | RuntimeException e) {
                canvas.getDisplay().asyncExec(() -> {
                    if (request == generation && !canvas.isDisposed()) {
                        settled = request;
                        status(e.getMessage() == null ? e.toString() : e.getMessage());
                        failed();
                    }
                });
            }
            return Status.OK_STATUS; // failures are shown in the view, not as an error dialog
        });
        job.setRule(STORE_READS);
        job.schedule();
    }

    /** Whether a read or computation is under way or its result not yet shown (for tests). */
    public boolean isBusy() {
        return settled != generation;
    }

    private void paint(GC gc, org.eclipse.swt.graphics.Rectangle area) {
        ChartPainter.paint(gc, area, chart == null ? null : chart.chart());
    }

    private void export(String format) {
        if (chart == null) {
            status("Nothing to export: choose what to plot first.");
            return;
        }
        FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { "*." + format });
        dialog.setFileName(chart.data().name() + "." + format);
        if (projectChooser.project() != null) {
            dialog.setFilterPath(layout().reports().toString());
        }
        String file = dialog.open();
        if (file != null) {
            try {
                status("Wrote " + exportTo(format, Path.of(file)));
            } catch (IOException | RuntimeException e) {
                status("Could not write " + file + ": " + e.getMessage());
            }
        }
    }

    /** Writes the shown chart (png, svg; at the canvas' size) or its data (csv) to {@code out}. */
    public Path exportTo(String format, Path out) throws IOException {
        if (chart == null) {
            throw new IllegalStateException("No chart is shown");
        }
        org.eclipse.swt.graphics.Rectangle size = canvas.getClientArea();
        switch (format) {
            case "png" -> ChartExport.png(chart.chart(), Math.max(size.width, 400), Math.max(size.height, 300), out);
            case "svg" -> ChartExport.svg(chart.chart(), Math.max(size.width, 400), Math.max(size.height, 300), out);
            case "csv" -> ChartExport.csv(chart.data(), out);
            default -> throw new IllegalArgumentException("Export formats are png, svg and csv, not " + format);
        }
        return out;
    }
}
