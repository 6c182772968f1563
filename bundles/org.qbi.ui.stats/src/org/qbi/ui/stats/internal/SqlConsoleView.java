package org.qbi.ui.stats.internal;

import java.io.IOException;
import java.nio.file.Path;

import org.eclipse.core.resources.IProject;
import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.SashForm;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.part.ViewPart;
import org.qbi.core.table.Column;
import org.qbi.core.table.Table;
import org.qbi.project.ProjectLayout;
import org.qbi.project.results.ResultsStore;
import org.qbi.project.workspace.QbiProjects;

/**
 * The SQL console of the Statistics perspective: the user's own queries (DuckDB's SQL) on the selected project's
 * results store, the result as a table (virtual: a million rows scroll as fast as ten), exported as CSV or
 * Parquet with its provenance. Each query opens the store and closes it again, in a job, so a pipeline may write
 * between two queries.
 */
public final class SqlConsoleView extends ViewPart {

    /** The view id (plugin.xml). */
    public static final String ID = "org.qbi.ui.views.sqlConsole";

    /** The first query offered: the runs, newest first, and what each stored. */
    static final String EXAMPLE = "SELECT run_id, status, started, ended FROM runs ORDER BY started DESC";

    private ProjectChooser projectChooser;
    private Text query;
    private Label status;
    private org.eclipse.swt.widgets.Table results;
    private Table shown;
    private Job job;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite top = new Composite(parent, SWT.NONE);
        top.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        top.setLayout(new GridLayout(5, false));
        projectChooser = new ProjectChooser(top, this, this::projectOpened);
        Button run = button(top, "Run (Ctrl+Enter)", this::runQuery);
        run.setToolTipText("Run the query on the project's results store");
        button(top, "Export...", this::export).setToolTipText("Write the query's whole result as CSV or Parquet");
        SashForm sash = new SashForm(parent, SWT.VERTICAL);
        sash.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        query = new Text(sash, SWT.MULTI | SWT.BORDER | SWT.WRAP | SWT.V_SCROLL);
        query.setText(EXAMPLE);
        query.setFont(org.eclipse.jface.resource.JFaceResources.getTextFont());
        query.addListener(SWT.KeyDown, e -> {
            if (e.character == SWT.CR && (e.stateMask & SWT.MOD1) != 0) {
                e.doit = false;
                runQuery();
            }
        });
        Composite bottom = new Composite(sash, SWT.NONE);
        bottom.setLayout(new GridLayout(1, false));
        status = new Label(bottom, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        results = new org.eclipse.swt.widgets.Table(bottom, SWT.VIRTUAL | SWT.BORDER | SWT.FULL_SELECTION | SWT.MULTI);
        results.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        results.setHeaderVisible(true);
        results.setLinesVisible(true);
        results.addListener(SWT.SetData, e -> fillRow((TableItem) e.item, results.indexOf((TableItem) e.item)));
        sash.setWeights(25, 75);
        status.setText("Tables: the result tables of the project's pipeline runs, runs, samples, result_columns; "
                + "schema grouped joins the sample catalog in (SELECT \"group\", avg(volume) FROM grouped.pores "
                + "GROUP BY 1).");
        projectChooser.start(getSite());
    }

    private static Button button(Composite parent, String text, Runnable action) {
        Button button = new Button(parent, SWT.PUSH);
        button.setText(text);
        button.addListener(SWT.Selection, e -> action.run());
        return button;
    }

    private void projectOpened(IProject project) {
        setContentDescription(project.getName() + ": " + ResultsStore.DATABASE_FILE);
    }

    /** Runs the query shown on the chosen project's store, in a job. */
    public void runQuery() {
        ProjectLayout layout = layout();
        String sql = query.getText().strip();
        if (layout == null || sql.isEmpty()) {
            status(layout == null ? "Select a QBI project in the Project Explorer first." : "Write a query first.");
            return;
        }
        if (job != null) {
            job.cancel();
        }
        status("Running ...");
        Job started = Job.create("SQL on the results of " + layout.root().getFileName(), (IProgressMonitor m) -> {
            long start = System.nanoTime();
            try (ResultsStore store = ResultsStore.open(layout)) {
                Table table = store.query(sql);
                long millis = (System.nanoTime() - start) / 1_000_000;
                asyncShow(table, table.rowCount() + " rows, " + table.columns().size() + " columns (" + millis
                        + " ms)");
            } catch (IOException | RuntimeException e) {
                asyncShow(null, e.getMessage() == null ? e.toString() : e.getMessage());
            }
            return Status.OK_STATUS; // a wrong query is shown in the view, not as an error dialog
        });
        started.setRule(StudyView.STORE_READS);
        job = started;
        started.schedule();
    }

    private void asyncShow(Table table, String message) {
        results.getDisplay().asyncExec(() -> {
            if (!results.isDisposed()) {
                show(table);
                status(message);
            }
        });
    }

    private void show(Table table) {
        shown = table;
        results.setRedraw(false);
        try {
            results.setItemCount(0);
            for (TableColumn column : results.getColumns()) {
                column.dispose();
            }
            if (table != null) {
                for (Column column : table.columns()) {
                    TableColumn header = new TableColumn(results, column.isNumeric() ? SWT.RIGHT : SWT.LEFT);
                    header.setText(column.name());
                    header.setWidth(Math.max(72, Math.min(260, column.name().length() * 9 + 24)));
                }
                results.setItemCount(table.rowCount());
            }
        } finally {
            results.setRedraw(true);
        }
    }

    private void fillRow(TableItem item, int row) {
        if (shown == null || row < 0 || row >= shown.rowCount()) {
            return;
        }
        for (int c = 0; c < shown.columns().size(); c++) {
            Column column = shown.columns().get(c);
            item.setText(c, column.isNumeric() ? ResultsView.format(column.number(row)) : column.text(row));
        }
    }

    private void export() {
        ProjectLayout layout = layout();
        if (layout == null || query.getText().isBlank()) {
            status("Nothing to export: choose a project and write a query first.");
            return;
        }
        FileDialog dialog = new FileDialog(results.getShell(), SWT.SAVE);
        dialog.setOverwrite(true);
        dialog.setFilterExtensions(new String[] { "*.csv", "*.parquet" });
        dialog.setFileName("query.csv");
        dialog.setFilterPath(layout.reports().toString());
        String file = dialog.open();
        if (file != null) {
            try {
                status("Wrote " + exportTo(Path.of(file)));
            } catch (IOException | RuntimeException e) {
                status("Could not write " + file + ": " + e.getMessage());
            }
        }
    }

    /** Writes the whole result of the query shown to {@code out} (.csv or .parquet) with its provenance sidecar. */
    public Path exportTo(Path out) throws IOException {
        try (ResultsStore store = ResultsStore.open(layout())) {
            store.exportQuery(query.getText().strip(), out);
        }
        return out;
    }

    private ProjectLayout layout() {
        return projectChooser.project() == null ? null : QbiProjects.layout(projectChooser.project());
    }

    private void status(String text) {
        status.setText(text);
        status.getParent().layout(true);
    }

    /** Sets the query text (tests, and the user's own). */
    public void setQuery(String sql) {
        query.setText(sql);
    }

    /** Chooses {@code project}, as the user would. */
    public void openProject(IProject project) {
        projectChooser.open(project);
    }

    /** The result shown, or null (tests). */
    public Table shown() {
        return shown;
    }

    /** The status line (tests). */
    public String statusText() {
        return status.getText();
    }

    /** Whether a query is running (tests). */
    public boolean isBusy() {
        return job != null && job.getState() != Job.NONE;
    }

    @Override
    public void setFocus() {
        query.setFocus();
    }

    @Override
    public void dispose() {
        projectChooser.dispose(getSite());
        if (job != null) {
            job.cancel();
        }
        super.dispose();
    }
}
