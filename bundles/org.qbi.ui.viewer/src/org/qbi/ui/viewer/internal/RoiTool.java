package org.qbi.ui.viewer.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.internal.render.ImageTexts;
import org.qbi.ui.viewer.internal.render.Picture;
import org.qbi.ui.viewer.internal.render.PlaneValues;
import org.qbi.ui.viewer.internal.render.Roi;
import org.qbi.ui.viewer.internal.render.RoiMeasure;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewRequest;
import org.qbi.ui.viewer.internal.render.ViewTransform;

/**
 * Drawing one ROI on the Image editor's canvas (rectangle, ellipse, polygon or line: left drag, polygon by
 * clicks closed with a double-click) and measuring it on the picture shown: statistics of an area ROI, the
 * profile of a line. The editor fires {@link ImageEditor#PROP_ROI} when the ROI or its measurement changes.
 */
final class RoiTool implements ImageCanvas.Decoration {

    /** The shape the left mouse button draws (NONE: it pans). */
    enum Tool {
        NONE("None (Pan)"), RECTANGLE("Rectangle"), ELLIPSE("Ellipse"), POLYGON("Polygon"), LINE("Line");

        final String label;

        Tool(String label) {
            this.label = label;
        }
    }

    private final ImageEditor editor;
    private final ImageCanvas canvas;
    private final Color colour;
    private Tool tool = Tool.NONE;
    private Roi roi;
    private double[] dragFrom;
    private final List<double[]> polygon = new ArrayList<>();
    private RoiMeasure.Statistics statistics;
    private RoiMeasure.Profile profile;

    RoiTool(ImageEditor editor, ImageCanvas canvas) {
        this.editor = editor;
        this.canvas = canvas;
        colour = new Color(255, 230, 0);
        canvas.control().addListener(SWT.Dispose, e -> colour.dispose());
        canvas.addDecoration(this);
        canvas.control().addListener(SWT.MouseDown, this::down);
        canvas.control().addListener(SWT.MouseMove, this::move);
        canvas.control().addListener(SWT.MouseUp, this::up);
        canvas.control().addListener(SWT.MouseDoubleClick, this::doubleClick);
    }

    /** The ROI cascade of the context menu. */
    void menu(Menu menu) {
        MenuItem cascade = new MenuItem(menu, SWT.CASCADE);
        cascade.setText("ROI");
        Menu sub = new Menu(cascade);
        cascade.setMenu(sub);
        for (Tool t : Tool.values()) {
            MenuItem item = new MenuItem(sub, SWT.RADIO);
            item.setText(t.label);
            item.addListener(SWT.Selection, e -> {
                if (item.getSelection()) {
                    setTool(t);
                }
            });
            sub.addListener(SWT.Show, e -> item.setSelection(tool == t));
        }
        new MenuItem(sub, SWT.SEPARATOR);
        MenuItem clear = new MenuItem(sub, SWT.PUSH);
        clear.setText("Clear ROI");
        clear.addListener(SWT.Selection, e -> setRoi(null));
        MenuItem export = new MenuItem(sub, SWT.PUSH);
        export.setText("Export ROI Pixels as CSV...");
        export.addListener(SWT.Selection, e -> RoiExport.export(editor, roi));
        MenuItem profileView = new MenuItem(sub, SWT.PUSH);
        profileView.setText("Show Line Profile");
        profileView.addListener(SWT.Selection, e -> LineProfileView.open());
        MenuItem curveView = new MenuItem(sub, SWT.PUSH);
        curveView.setText("Show Spectrum / Time Curve");
        curveView.addListener(SWT.Selection, e -> LineProfileView.open(CurveView.ID));
        sub.addListener(SWT.Show, e -> {
            clear.setEnabled(roi != null);
            export.setEnabled(roi != null && !(roi instanceof Roi.Line) && planeShown());
            profileView.setEnabled(roi instanceof Roi.Line);
            curveView.setEnabled(editor.header() != null
                    && org.qbi.ui.viewer.internal.render.Curves.axisOf(editor.header()) != null);
        });
    }

    void setTool(Tool t) {
        tool = t;
        polygon.clear();
        canvas.setLeftDragPans(t == Tool.NONE);
    }

    Tool tool() {
        return tool;
    }

    /** Sets the ROI (image coordinates of the picture shown; null: none) and measures it. */
    void setRoi(Roi newRoi) {
        roi = newRoi;
        polygon.clear();
        measure();
        canvas.redraw();
    }

    Roi roi() {
        return roi;
    }

    RoiMeasure.Statistics statistics() {
        return statistics;
    }

    RoiMeasure.Profile profile() {
        return profile;
    }

    /** A new picture is shown (another slice, channel, contrast): measure the ROI on it. */
    void pictureChanged() {
        if (roi != null) {
            measure();
        }
    }

    /** True when the picture shown is a plane of the image (not a projection or montage). */
    private boolean planeShown() {
        ImageEditor.Slice slice = editor.slice();
        return slice != null && slice.picture().request().mode() == ViewRequest.Mode.PLANE;
    }

    private void measure() {
        statistics = null;
        profile = null;
        ImageEditor.Slice slice = editor.slice();
        ImageHeader header = editor.header();
        if (roi != null && slice != null && header != null && !PlaneValues.isColour(slice.picture().type())) {
            Picture picture = slice.picture();
            SlicePlane plane = picture.montage() != null ? SlicePlane.AXIAL : picture.request().plane();
            AxisCalibration h = header.axis(plane.horizontal());
            AxisCalibration v = header.axis(plane.vertical());
            String unit = h.unit().equals(v.unit()) ? h.unit() : AxisCalibration.PIXEL_UNIT;
            double sh = unit.equals(AxisCalibration.PIXEL_UNIT) ? 1 : h.spacing();
            double sv = unit.equals(AxisCalibration.PIXEL_UNIT) ? 1 : v.spacing();
            PlaneValues values = picture.planeValues();
            if (roi instanceof Roi.Line line) {
                profile = RoiMeasure.profile(line, values, picture.width(), picture.height(), header.rescale(), sh, sv,
                        unit);
            } else {
                statistics = RoiMeasure.statistics(roi, values, picture.width(), picture.height(), header.rescale(),
                        sh, sv, unit);
            }
        }
        editor.roiChanged(text());
    }

    /** "Rectangle: 120 pixels, mean 12.5 HU, std 3.2, min 4, max 20, area 30 mm^2", or the line's length. */
    String text() {
        if (roi == null) {
            return "";
        }
        if (statistics != null) {
            String unit = editor.header().rescale().unit().isEmpty() ? "" : " " + editor.header().rescale().unit();
            RoiMeasure.Statistics s = statistics;
            return roi.kind() + ": " + s.count() + " pixels, mean " + ImageTexts.number(s.mean()) + unit + ", std "
                    + ImageTexts.number(s.std()) + ", min " + ImageTexts.number(s.min()) + ", max "
                    + ImageTexts.number(s.max()) + ", area " + ImageTexts.number(s.area()) + " " + s.areaUnit();
        }
        if (profile != null && profile.distance().length > 0) {
            return String.format(Locale.ROOT, "Line: %d samples over %s %s", profile.values().length,
                    ImageTexts.number(profile.distance()[profile.distance().length - 1]), profile.unit());
        }
        return roi.kind();
    }

    private double[] imagePoint(Event e) {
        ViewTransform transform = canvas.transform();
        return transform == null ? null : new double[] { transform.imageX(e.x), transform.imageY(e.y) };
    }

    private void down(Event e) {
        if (tool == Tool.NONE || e.button != 1) {
            return;
        }
        double[] p = imagePoint(e);
        if (p == null) {
            return;
        }
        if (tool == Tool.POLYGON) {
            polygon.add(p);
            canvas.redraw();
        } else {
            dragFrom = p;
        }
    }

    private void move(Event e) {
        if (dragFrom == null || (e.stateMask & SWT.BUTTON1) == 0) {
            return;
        }
        double[] p = imagePoint(e);
        roi = shape(dragFrom, p);
        canvas.redraw();
    }

    private void up(Event e) {
        if (dragFrom == null || e.button != 1) {
            return;
        }
        double[] p = imagePoint(e);
        double[] from = dragFrom;
        dragFrom = null;
        if (p != null && (p[0] != from[0] || p[1] != from[1])) {
            setRoi(shape(from, p));
        }
    }

    private void doubleClick(Event e) {
        if (tool == Tool.POLYGON && polygon.size() >= 3) {
            List<double[]> points = new ArrayList<>(polygon);
            setRoi(new Roi.Polygon(points));
        }
    }

    private Roi shape(double[] a, double[] b) {
        return switch (tool) {
            case ELLIPSE -> new Roi.Ellipse(a[0], a[1], b[0], b[1]);
            case LINE -> new Roi.Line(a[0], a[1], b[0], b[1]);
            default -> new Roi.Rectangle(a[0], a[1], b[0], b[1]);
        };
    }

    @Override
    public void paint(GC gc, ViewTransform t, Rectangle area) {
        gc.setForeground(colour);
        gc.setLineWidth(1);
        if (!polygon.isEmpty()) {
            int[] points = new int[polygon.size() * 2];
            for (int i = 0; i < polygon.size(); i++) {
                points[2 * i] = (int) Math.round(t.screenX(polygon.get(i)[0]));
                points[2 * i + 1] = (int) Math.round(t.screenY(polygon.get(i)[1]));
            }
            gc.drawPolyline(points);
        }
        if (roi == null) {
            return;
        }
        switch (roi) {
            case Roi.Rectangle r -> {
                double[] b = r.bounds();
                gc.drawRectangle(sx(t, b[0]), sy(t, b[1]), sx(t, b[2]) - sx(t, b[0]), sy(t, b[3]) - sy(t, b[1]));
            }
            case Roi.Ellipse el -> {
                double[] b = el.bounds();
                gc.drawOval(sx(t, b[0]), sy(t, b[1]), sx(t, b[2]) - sx(t, b[0]), sy(t, b[3]) - sy(t, b[1]));
            }
            case Roi.Polygon p -> {
                int[] points = new int[p.points().size() * 2];
                for (int i = 0; i < p.points().size(); i++) {
                    points[2 * i] = sx(t, p.points().get(i)[0]);
                    points[2 * i + 1] = sy(t, p.points().get(i)[1]);
                }
                gc.drawPolygon(points);
            }
            case Roi.Line l -> gc.drawLine(sx(t, l.x0()), sy(t, l.y0()), sx(t, l.x1()), sy(t, l.y1()));
        }
    }

    private static int sx(ViewTransform t, double x) {
        return (int) Math.round(t.screenX(x));
    }

    private static int sy(ViewTransform t, double y) {
        return (int) Math.round(t.screenY(y));
    }
}
