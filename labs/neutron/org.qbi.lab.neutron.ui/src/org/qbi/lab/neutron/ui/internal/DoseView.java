package org.qbi.lab.neutron.ui.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.nio.file.Path;
import java.util.Locale;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.ui.IPartListener2;
import org.eclipse.ui.IPropertyListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.IWorkbenchPartReference;
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.progress.CancelledException;
import org.qbi.core.progress.ProgressMonitor;
import org.qbi.io.ImageFormats;
import org.qbi.lab.neutron.ops.DoseProfile;
import org.qbi.lab.neutron.ops.Region;
import org.qbi.ui.viewer.ChartPainter;
import org.qbi.ui.viewer.ShownImage;

/**
 * The dose over the projections of the active Image editor's stack: the mean of a reference region (an area of
 * open beam the sample never covers) in each projection, plotted with JFreeChart. Fluctuations of the source or of
 * the exposure show as a dose that varies between projections; neutron.normalize corrects them with the same
 * region. The region is set with the spinners (pixels); by default the leftmost twentieth of the columns, all rows.
 * Read in a job (the latest request wins).
 */
public final class DoseView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = "org.qbi.lab.neutron.ui.views.dose";

    private Label summary;
    private Spinner[] region;
    private Canvas canvas;
    private JFreeChart chart;
    private ShownImage followed;
    private IWorkbenchPart followedPart;
    private Path shownPath;
    private volatile double[] dose;
    private final DoseJob job = new DoseJob();
    private final IPropertyListener editorListener = (source, property) -> {
        if (property == ShownImage.PROP_IMAGE) {
            follow(followedPart, true);
        }
    };
    private final IPartListener2 partListener = new IPartListener2() {
        @Override
        public void partActivated(IWorkbenchPartReference reference) {
            IWorkbenchPart part = reference.getPart(false);
            if (ShownImage.of(part) != null) {
                follow(part, false);
            }
        }

        @Override
        public void partClosed(IWorkbenchPartReference reference) {
            if (reference.getPart(false) == followedPart) {
                follow(null, false);
            }
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        Composite row = new Composite(parent, SWT.NONE);
        row.setLayout(new GridLayout(9, false));
        row.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        new Label(row, SWT.NONE).setText("Reference region (pixels):");
        region = new Spinner[4];
        String[] names = { "x", "y", "width", "height" };
        for (int i = 0; i < 4; i++) {
            new Label(row, SWT.NONE).setText(names[i]);
            region[i] = new Spinner(row, SWT.BORDER);
            region[i].setValues(0, 0, 100_000, 0, 1, 10);
            region[i].addModifyListener(e -> request());
        }
        summary = new Label(parent, SWT.WRAP);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        summary.setText("Open a projection stack in the Image editor to plot its dose.");
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        getSite().getPage().addPartListener(partListener);
        IWorkbenchPart active = getSite().getPage().getActiveEditor();
        if (ShownImage.of(active) != null) {
            follow(active, false);
        }
    }

    /** Follows {@code part} (an Image editor, or null); a new image gets the default region. */
    private void follow(IWorkbenchPart part, boolean imageChanged) {
        if (part != followedPart) {
            if (followedPart != null) {
                followedPart.removePropertyListener(editorListener);
            }
            followedPart = part;
            if (part != null) {
                part.addPropertyListener(editorListener);
            }
        }
        followed = ShownImage.of(part);
        ImageHeader header = followed == null ? null : followed.header();
        if (header != null && (imageChanged || !followed.path().equals(shownPath))) {
            shownPath = followed.path();
            int nx = (int) Math.min(100_000, header.size(Axis.X));
            int ny = (int) Math.min(100_000, header.size(Axis.Y));
            setRegion(new Region(0, 0, Math.max(1, nx / 20), ny));
            return;
        }
        request();
    }

    /** Sets the reference region (and plots it). UI thread. */
    public void setRegion(Region newRegion) {
        int[] values = { newRegion.x(), newRegion.y(), newRegion.width(), newRegion.height() };
        for (int i = 0; i < 4; i++) {
            region[i].setSelection(values[i]);
        }
        request();
    }

    private Region region() {
        return new Region(region[0].getSelection(), region[1].getSelection(), region[2].getSelection(),
                region[3].getSelection());
    }

    private record Request(Path path, String entry, Region region) {
    }

    private volatile Request requested;

    private void request() {
        if (summary == null || summary.isDisposed()) {
            return;
        }
        if (followed == null || followed.header() == null) {
            requested = null;
            dose = null;
            chart = null;
            summary.setText(followed == null ? "Open a projection stack in the Image editor to plot its dose."
                    : "Reading the image...");
            canvas.redraw();
            return;
        }
        requested = new Request(followed.path(), followed.entry(), region());
        job.cancel();
        job.schedule(50);
    }

    /** Reads the doses of the requested image. */
    private final class DoseJob extends Job {

        DoseJob() {
            super("Neutron dose");
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            Request r = requested;
            if (r == null) {
                return Status.OK_STATUS;
            }
            double[] values;
            String problem = null;
            try (Image image = ImageFormats.installed().open(r.path(), r.entry())) {
                values = DoseProfile.of(image, null, r.region(), cancelOnly(monitor));
            } catch (CancelledException e) {
                return Status.CANCEL_STATUS;
            } catch (Exception e) {
                values = null;
                problem = e.getMessage();
            }
            double[] done = values;
            String failed = problem;
            Display.getDefault().asyncExec(() -> {
                if (requested == r) {
                    show(r, done, failed);
                }
            });
            return Status.OK_STATUS;
        }
    }

    private static ProgressMonitor cancelOnly(IProgressMonitor monitor) {
        return new ProgressMonitor() {
            @Override
            public void begin(String task, long totalWork) {
                monitor.beginTask(task, (int) Math.min(Integer.MAX_VALUE, totalWork));
            }

            @Override
            public void worked(long work) {
                monitor.worked((int) work);
            }

            @Override
            public boolean isCanceled() {
                return monitor.isCanceled();
            }

            @Override
            public void done() {
                monitor.done();
            }
        };
    }

    private void show(Request r, double[] values, String problem) {
        if (summary.isDisposed()) {
            return;
        }
        dose = values;
        if (values == null) {
            chart = null;
            summary.setText("No dose: " + problem);
            summary.getParent().layout();
            canvas.redraw();
            return;
        }
        XYSeries series = new XYSeries("Dose", false, true);
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < values.length; i++) {
            series.add(i, values[i]);
            sum += values[i];
            min = Math.min(min, values[i]);
            max = Math.max(max, values[i]);
        }
        double mean = sum / values.length;
        double ss = 0;
        for (double v : values) {
            ss += (v - mean) * (v - mean);
        }
        double cv = values.length > 1 ? Math.sqrt(ss / (values.length - 1)) / mean : 0;
        NumberAxis x = new NumberAxis("Projection");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis("Dose (mean of the reference region)");
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, values.length <= 200);
        line.setSeriesPaint(0, new Color(70, 110, 170));
        line.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        summary.setText(String.format(Locale.ROOT, "%s: %d projections, region %s; dose mean %.6g, min %.6g, max %.6g, "
                + "variation %.2f %%", r.path().getFileName(), values.length, r.region(), mean, min, max, 100 * cv));
        summary.getParent().layout();
        canvas.redraw();
    }

    void paint(org.eclipse.swt.graphics.GC gc, org.eclipse.swt.graphics.Rectangle area) {
        ChartPainter.paint(gc, area, chart);
    }

    /** The plotted doses (one per projection), or null. */
    double[] dose() {
        return dose;
    }

    /** The chart, or null. */
    JFreeChart chart() {
        return chart;
    }

    /** The line above the chart. */
    String summary() {
        return summary.getText();
    }

    /** The job reading the doses (tests wait for it). */
    Job job() {
        return job;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        job.cancel();
        getSite().getPage().removePartListener(partListener);
        if (followedPart != null) {
            followedPart.removePropertyListener(editorListener);
        }
        super.dispose();
    }
}
