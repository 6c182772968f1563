package org.qbi.ui.viewer.internal;

import java.awt.BasicStroke;
import java.awt.Color;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.part.ViewPart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.qbi.core.image.Rescale;
import org.qbi.ui.viewer.ChartPainter;
import org.qbi.ui.viewer.ImageViewer;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.RoiMeasure;

/**
 * The profile along the line ROI of the active Image editor: value (rescaled, e.g. HU) against the physical
 * distance from the line's start, drawn with JFreeChart on an SWT canvas through SWTGraphics2D. Follows the
 * active Image editor and its ROI.
 */
public final class LineProfileView extends ViewPart {

    /** The view id from plugin.xml. */
    public static final String ID = ImageViewer.LINE_PROFILE_VIEW_ID;

    private Label summary;
    private Canvas canvas;
    private JFreeChart chart;
    private ActiveImageEditor followed;
    private ImageEditor editor;
    private RoiMeasure.Profile profile;

    /** Opens (or shows) the view in the active page. */
    static void open() {
        open(ID);
    }

    /** Opens (or shows) the view {@code id} (this one, the Curve view) in the active page. */
    static void open(String id) {
        try {
            PlatformUI.getWorkbench().getActiveWorkbenchWindow().getActivePage().showView(id);
        } catch (PartInitException e) {
            org.eclipse.core.runtime.ILog.of(LineProfileView.class).error("Cannot open the view " + id, e);
        }
    }

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
                refresh();
            }

            @Override
            public void propertyChanged(int property) {
                if (property == ImageEditor.PROP_ROI || property == ImageEditor.PROP_IMAGE) {
                    refresh();
                }
            }
        });
        followed.start();
    }

    /** Shows the followed editor's line profile, or says how to get one. */
    void refresh() {
        if (summary.isDisposed()) {
            return;
        }
        profile = editor == null || editor.rois() == null ? null : editor.rois().profile();
        if (profile == null || profile.values().length == 0) {
            chart = null;
            summary.setText(editor == null ? "No image" : "Draw a line ROI (context menu ROI > Line) in the image");
            canvas.redraw();
            return;
        }
        Rescale rescale = editor.header().rescale();
        String unit = rescale.unit().isEmpty() ? "" : " (" + rescale.unit() + ")";
        XYSeries series = new XYSeries("Profile", false, true);
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < profile.values().length; i++) {
            double v = profile.values()[i];
            series.add(profile.distance()[i], Double.isFinite(v) ? v : null);
            if (Double.isFinite(v)) {
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
        }
        NumberAxis x = new NumberAxis("Distance (" + profile.unit() + ")");
        NumberAxis y = new NumberAxis((rescale.isIdentity() ? "Stored value" : "Value") + unit);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
        line.setSeriesPaint(0, new Color(70, 110, 170));
        line.setSeriesStroke(0, new BasicStroke(1.5f));
        XYPlot plot = new XYPlot(new XYSeriesCollection(series), x, y, line);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        chart = new JFreeChart(null, JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        summary.setText(profile.values().length + " samples over "
                + ImageTexts.number(profile.distance()[profile.distance().length - 1]) + " " + profile.unit()
                + ", min " + ImageTexts.number(min) + ", max " + ImageTexts.number(max));
        summary.getParent().layout();
        canvas.redraw();
    }

    /** Draws the chart (white when there is none) through SWTGraphics2D. */
    void paint(org.eclipse.swt.graphics.GC gc, org.eclipse.swt.graphics.Rectangle area) {
        ChartPainter.paint(gc, area, chart);
    }

    JFreeChart chart() {
        return chart;
    }

    RoiMeasure.Profile profile() {
        return profile;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        if (followed != null) {
            followed.dispose();
        }
        super.dispose();
    }
}
