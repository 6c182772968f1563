package org.qbi.ui.viewer.internal;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;

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
import org.qbi.ui.viewer.ChartPainter;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.Curves;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Roi;
import org.qbi.ui.viewer.internal.render.ViewRequest;

/**
 * The spectrum (values along the channel axis) or the time curve (along t) of the active Image editor: at the
 * voxel under the mouse, or averaged over the area ROI when there is one; against the axis's calibration
 * (wavelengths, wavenumbers, seconds). Read in a job (the latest request wins); drawn with JFreeChart.
 */
public final class CurveView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = ImageViewer.CURVE_VIEW_ID;

    private Label summary;
    private Canvas canvas;
    private JFreeChart chart;
    private ActiveImageEditor followed;
    private ImageEditor editor;
    private volatile Curves.Curve curve;
    private final ReadJob job = new ReadJob();

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
        followed = new ActiveImageEditor(getSite().getPage(), new ActiveImageEditor.Listener() {
            @Override
            public void editorChanged(ImageEditor newEditor) {
                editor = newEditor;
                request();
            }

            @Override
            public void propertyChanged(int property) {
                if (property == ImageEditor.PROP_CURSOR || property == ImageEditor.PROP_ROI
                        || property == ImageEditor.PROP_IMAGE) {
                    request();
                }
            }
        });
        followed.start();
    }

    /** What to read: the editor's ROI mean, else the voxel under the mouse. */
    private record Request(ImageEditor editor, Image image, Axis along, Roi roi, ViewRequest plane, long[] voxel) {
    }

    private volatile Request requested;

    private void request() {
        if (summary.isDisposed()) {
            return;
        }
        ImageHeader header = editor == null ? null : editor.header();
        Axis along = header == null ? null : Curves.axisOf(header);
        if (along == null) {
            curve = null;
            chart = null;
            summary.setText(header == null ? "No image" : "The image has one channel and one time point: no curve");
            canvas.redraw();
            return;
        }
        Roi roi = editor.rois() == null ? null : editor.rois().roi();
        ImageEditor.Slice slice = editor.slice();
        ViewRequest shown = slice == null ? null : slice.picture().request();
        boolean area = roi != null && !(roi instanceof Roi.Line) && shown != null
                && shown.mode() == ViewRequest.Mode.PLANE;
        long[] voxel = editor.hovered();
        if (!area && voxel == null) {
            return; // keep the last curve until the mouse is over the image again
        }
        requested = new Request(editor, editor.image(), along, area ? roi : null, shown, voxel);
        job.setRule(editor.readRule());
        job.schedule();
    }

    /** Reads the requested curve. */
    private final class ReadJob extends Job {

        ReadJob() {
            super("Reading the curve");
            setSystem(true);
        }

        @Override
        protected IStatus run(IProgressMonitor monitor) {
            Request r = requested;
            if (r == null || r.image() == null) {
                return Status.OK_STATUS;
            }
            String where;
            Curves.Curve read;
            try {
                if (r.roi() != null) {
                    read = Curves.overRoi(r.image(), r.along(), r.plane().plane(), r.plane().index(), r.roi(),
                            r.plane().c(), r.plane().t());
                    where = "mean over the " + r.roi().kind().toLowerCase(java.util.Locale.ROOT);
                } else {
                    long[] v = r.voxel();
                    read = Curves.atVoxel(r.image(), r.along(), v[0], v[1], v[2], v[3], v[4]);
                    where = "at x " + v[0] + "  y " + v[1] + "  z " + v[2];
                }
            } catch (IOException | RuntimeException e) {
                Display.getDefault().asyncExec(() -> {
                    if (!summary.isDisposed()) {
                        summary.setText("The curve could not be read: " + e.getMessage());
                    }
                });
                return Status.OK_STATUS;
            }
            Curves.Curve done = read;
            Display.getDefault().asyncExec(() -> show(done, where));
            return Status.OK_STATUS;
        }
    }

    private void show(Curves.Curve newCurve, String where) {
        if (summary.isDisposed() || editor == null || editor.header() == null) {
            return;
        }
        curve = newCurve;
        String unit = editor.header().rescale().unit().isEmpty() ? "" : " (" + editor.header().rescale().unit() + ")";
        XYSeries series = new XYSeries(where, false, true);
        for (int i = 0; i < newCurve.values().length; i++) {
            double v = newCurve.values()[i];
            series.add(newCurve.positions()[i], Double.isFinite(v) ? v : null);
        }
        String axisName = newCurve.along() == Axis.C ? "Channel" : "Time";
        NumberAxis x = new NumberAxis(axisName + " (" + newCurve.unit() + ")");
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis((editor.header().rescale().isIdentity() ? "Stored value" : "Value") + unit);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, newCurve.values().length <= 64);
        line.setSeriesPaint(0, new Color(70, 110, 170));
        line.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        summary.setText((newCurve.along() == Axis.C ? "Spectrum " : "Time curve ") + where + ": "
                + newCurve.values().length + " samples from " + ImageTexts.number(newCurve.positions()[0]) + " to "
                + ImageTexts.number(newCurve.positions()[newCurve.positions().length - 1]) + " " + newCurve.unit());
        summary.getParent().layout();
        canvas.redraw();
    }

    void paint(org.eclipse.swt.graphics.GC gc, org.eclipse.swt.graphics.Rectangle area) {
        ChartPainter.paint(gc, area, chart);
    }

    Curves.Curve curve() {
        return curve;
    }

    JFreeChart chart() {
        return chart;
    }

    Label summary() {
        return summary;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        job.cancel();
        if (followed != null) {
            followed.dispose();
        }
        super.dispose();
    }
}
