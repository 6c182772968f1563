package org.qbi.ui.viewer.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qbi.core.image.Axis;
import org.qbi.core.image.Image;
import org.qbi.core.image.ImageHeader;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.ChartPainter;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.Histogram;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.PlaneValues;

/**
 * The histogram of the active Image editor's current slice (or, with "Whole image", of all its slices, computed
 * in a job): counts of the stored values in the bins {@link Histogram} chooses, the x axis in rescaled units
 * when the image has a rescale (e.g. HU), linear or log counts, the cumulative fraction on a second axis, and
 * count, mean, standard deviation, minimum and maximum above the chart. Drawn with JFreeChart on an SWT canvas
 * through SWTGraphics2D. Follows the active Image editor like the Metadata view.
 */
public final class HistogramView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = ImageViewer.HISTOGRAM_VIEW_ID;

    private static final Color BARS = new Color(70, 110, 170);
    private static final Color CDF = new Color(200, 80, 40);

    private Label summary;
    private Canvas canvas;
    private JFreeChart chart;
    private ActiveImageEditor followed;
    private Histogram.Result result;
    /** What the result counts: "slice z 0" or "whole image". */
    private String scope = "";
    private boolean logCounts;
    private Action logAction;
    private Action wholeAction;
    private WholeImageJob wholeJob;

    @Override
    public void createPartControl(Composite parent) {
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 2;
        parent.setLayout(layout);
        summary = new Label(parent, SWT.NONE);
        summary.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));

        logAction = new Action("Log counts", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                logCounts = isChecked();
                updateChart();
            }
        };
        logAction.setToolTipText("Counts on a log scale (log10 of 1 + count)");
        wholeAction = new Action("Whole image", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                if (isChecked()) {
                    startWholeImage();
                } else {
                    cancelWholeImage();
                    refresh();
                }
            }
        };
        wholeAction.setToolTipText("The histogram of all slices (computed in the background) instead of the current slice");
        IToolBarManager toolBar = getViewSite().getActionBars().getToolBarManager();
        toolBar.add(logAction);
        toolBar.add(wholeAction);
        getViewSite().getActionBars().updateActionBars();

        followed = new ActiveImageEditor(getSite().getPage(), new ActiveImageEditor.Listener() {
            @Override
            public void editorChanged(ImageEditor editor) {
                cancelWholeImage();
                if (wholeAction.isChecked() && editor != null) {
                    startWholeImage();
                } else {
                    refresh();
                }
            }

            @Override
            public void propertyChanged(int property) {
                if (property != ImageEditor.PROP_IMAGE && property != ImageEditor.PROP_SLICE) {
                    return;
                }
                if (property == ImageEditor.PROP_IMAGE && wholeAction.isChecked()) {
                    startWholeImage();
                } else if (!wholeAction.isChecked()) {
                    refresh();
                }
            }
        });
        followed.start();
    }

    /** Draws the chart (white when there is none) into {@code area} of {@code gc} through SWTGraphics2D. */
    void paint(org.eclipse.swt.graphics.GC gc, org.eclipse.swt.graphics.Rectangle area) {
        ChartPainter.paint(gc, area, chart);
    }

    /** Shows {@code editor}'s histogram (null: none). */
    void show(ImageEditor editor) {
        followed.show(editor);
    }

    /** The current slice's histogram. */
    private void refresh() {
        ImageEditor shown = shown();
        if (canvas.isDisposed()) {
            return;
        }
        ImageHeader header = shown == null ? null : shown.header();
        ImageEditor.Slice slice = shown == null ? null : shown.slice();
        result = null;
        if (shown == null) {
            message("Open an image to see its histogram.");
        } else if (header == null || slice == null) {
            message(shown.error() != null ? shown.path().getFileName() + " could not be read." : "Reading \u2026");
        } else if (PlaneValues.isColour(header.pixelType())) {
            message("Colour images (" + header.pixelType().label() + ") have no histogram of values here.");
        } else {
            int count = (int) (header.size(Axis.X) * header.size(Axis.Y));
            result = Histogram.of(new PlaneValues(header.pixelType(), slice.plane(), count));
            scope = "slice z " + slice.z() + (header.size(Axis.C) > 1 ? ", c " + slice.c() : "")
                    + (header.size(Axis.T) > 1 ? ", t " + slice.t() : "");
            updateChart();
        }
    }

    private void message(String text) {
        chart = null;
        summary.setText(text);
        canvas.redraw();
    }

    /** Rebuilds the chart from the result (rescaled x, linear or log counts, the CDF). */
    private void updateChart() {
        ImageEditor shown = shown();
        if (result == null || canvas.isDisposed()) {
            return;
        }
        Rescale rescale = shown.header().rescale();
        Histogram.Binning binning = result.binning();
        long[] counts = result.counts();
        double[] cdf = result.cdf();
        int n = counts.length;
        double[][] series = new double[6][n];
        XYSeries cumulative = new XYSeries("Cumulative fraction");
        for (int i = 0; i < n; i++) {
            double a = rescale.apply(binning.low() + binning.width() * i);
            double b = rescale.apply(binning.low() + binning.width() * (i + 1));
            double y = logCounts ? Math.log10(1 + counts[i]) : counts[i];
            series[0][i] = (a + b) / 2;
            series[1][i] = Math.min(a, b);
            series[2][i] = Math.max(a, b);
            series[3][i] = y;
            series[4][i] = 0;
            series[5][i] = y;
            cumulative.add(Math.max(a, b), cdf[i]);
        }
        DefaultIntervalXYDataset bars = new DefaultIntervalXYDataset();
        bars.addSeries("Count", series);
        String unit = rescale.unit().isEmpty() ? "" : " (" + rescale.unit() + ")";
        NumberAxis x = new NumberAxis((rescale.isIdentity() ? "Stored value" : "Value") + unit);
        x.setAutoRangeIncludesZero(false);
        x.setRange(Math.min(rescale.apply(binning.low()), rescale.apply(binning.high())),
                Math.max(rescale.apply(binning.low()), rescale.apply(binning.high())));
        NumberAxis y = new NumberAxis(logCounts ? "log10(1 + count)" : "Count");
        XYBarRenderer barRenderer = new XYBarRenderer();
        barRenderer.setBarPainter(new StandardXYBarPainter());
        barRenderer.setShadowVisible(false);
        barRenderer.setDrawBarOutline(false);
        barRenderer.setSeriesPaint(0, BARS);
        XYPlot plot = new XYPlot(bars, x, y, barRenderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        NumberAxis fraction = new NumberAxis("Cumulative fraction");
        fraction.setRange(0, 1);
        plot.setRangeAxis(1, fraction);
        plot.setDataset(1, new XYSeriesCollection(cumulative));
        plot.mapDatasetToRangeAxis(1, 1);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, CDF);
        line.setSeriesStroke(0, new BasicStroke(1.5f));
        plot.setRenderer(1, line);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        summary.setText(summaryText(result, rescale, scope));
        summary.getParent().layout();
        canvas.redraw();
    }

    /** "slice z 0: 3072 values, mean 1.2 HU, std ..., min ..., max ...; 256 bins of 1" (in rescaled units). */
    static String summaryText(Histogram.Result result, Rescale rescale, String scope) {
        Histogram.Stats s = result.stats();
        String unit = rescale.unit().isEmpty() ? "" : " " + rescale.unit();
        double lo = rescale.apply(s.min());
        double hi = rescale.apply(s.max());
        return scope + ": " + s.count() + " values, mean " + ImageTexts.number(rescale.apply(s.mean())) + unit
                + ", std " + ImageTexts.number(Math.abs(rescale.slope()) * s.std()) + unit
                + ", min " + ImageTexts.number(Math.min(lo, hi)) + unit
                + ", max " + ImageTexts.number(Math.max(lo, hi)) + unit
                + "; " + result.binning().bins() + " bins of " + ImageTexts.number(Math.abs(rescale.slope())
                        * result.binning().width()) + unit;
    }

    private void startWholeImage() {
        ImageEditor shown = shown();
        cancelWholeImage();
        Image image = shown == null ? null : shown.image();
        ImageHeader header = shown == null ? null : shown.header();
        if (image == null || header == null) {
            refresh();
            return;
        }
        if (PlaneValues.isColour(header.pixelType())) {
            refresh();
            return;
        }
        message("Computing the histogram of the whole image \u2026");
        wholeJob = new WholeImageJob(shown, image, header);
        wholeJob.schedule();
    }

    private void cancelWholeImage() {
        if (wholeJob != null) {
            wholeJob.cancel();
            wholeJob = null;
        }
    }

    private void wholeImageDone(WholeImageJob job, Histogram.Result computed) {
        ImageEditor shown = shown();
        if (canvas.isDisposed() || job != wholeJob || shown != job.editor) {
            return;
        }
        wholeJob = null;
        result = computed;
        scope = "whole image";
        updateChart();
    }

    private void wholeImageStopped(WholeImageJob job, String why) {
        if (canvas.isDisposed() || job != wholeJob) {
            return;
        }
        wholeJob = null;
        wholeAction.setChecked(false);
        refresh();
        if (why != null) {
            summary.setText(why + " " + summary.getText());
        }
    }

    /** Reads every plane twice: statistics and the IQR sample first, then the counts. Cancellable. */
    private final class WholeImageJob extends Job {

        final ImageEditor editor;
        private final Image image;
        private final ImageHeader header;
        private final Display display;

        WholeImageJob(ImageEditor editor, Image image, ImageHeader header) {
            super("Histogram of " + editor.path().getFileName());
            this.editor = editor;
            this.image = image;
            this.header = header;
            this.display = canvas.getDisplay();
            setRule(editor.readRule());
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            long planes = header.size(Axis.Z) * header.size(Axis.C) * header.size(Axis.T);
            int count = (int) (header.size(Axis.X) * header.size(Axis.Y));
            monitor.beginTask(getName(), (int) Math.min(Integer.MAX_VALUE, 2 * planes));
            try {
                Histogram.Accumulator accumulator = new Histogram.Accumulator(planes * count);
                if (!eachPlane(monitor, count, accumulator::add)) {
                    return stopped(null);
                }
                Histogram.Stats stats = accumulator.stats();
                Histogram.Counter counter = new Histogram.Counter(
                        Histogram.binning(header.pixelType().isInteger(), stats, accumulator.iqr()));
                if (!eachPlane(monitor, count, counter::add)) {
                    return stopped(null);
                }
                Histogram.Result computed = new Histogram.Result(counter.binning(), counter.counts(), stats);
                if (!display.isDisposed()) {
                    display.asyncExec(() -> wholeImageDone(this, computed));
                }
                return Status.OK_STATUS;
            } catch (IOException | RuntimeException e) {
                stopped("The whole image could not be read (" + e.getMessage() + ").");
                return Status.OK_STATUS;
            } finally {
                monitor.done();
            }
        }

        private IStatus stopped(String why) {
            if (!display.isDisposed()) {
                display.asyncExec(() -> wholeImageStopped(this, why));
            }
            return Status.CANCEL_STATUS;
        }

        private boolean eachPlane(IProgressMonitor monitor, int count, java.util.function.DoubleConsumer sink)
                throws IOException {
            for (long t = 0; t < header.size(Axis.T); t++) {
                for (long c = 0; c < header.size(Axis.C); c++) {
                    for (long z = 0; z < header.size(Axis.Z); z++) {
                        if (monitor.isCanceled()) {
                            return false;
                        }
                        monitor.subTask("z " + z + (header.size(Axis.C) > 1 ? ", c " + c : "")
                                + (header.size(Axis.T) > 1 ? ", t " + t : ""));
                        try (Arena arena = Arena.ofConfined()) {
                            MemorySegment plane = image.readPlane(z, c, t, arena);
                            PlaneValues values = new PlaneValues(header.pixelType(), plane, count);
                            for (int i = 0; i < count; i++) {
                                sink.accept(values.get(i));
                            }
                        }
                        monitor.worked(1);
                    }
                }
            }
            return true;
        }

        @Override
        public boolean belongsTo(Object family) {
            return family == HistogramView.this;
        }
    }

    // What the tests read.

    Histogram.Result result() {
        return result;
    }

    ImageEditor shown() {
        return followed == null ? null : followed.shown();
    }

    Label summary() {
        return summary;
    }

    JFreeChart chart() {
        return chart;
    }

    Action logAction() {
        return logAction;
    }

    Action wholeImageAction() {
        return wholeAction;
    }

    Job wholeImageJob() {
        return wholeJob;
    }

    @Override
    public void dispose() {
        cancelWholeImage();
        if (followed != null) {
            followed.dispose();
        }
        super.dispose();
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }
}
