package org.qbi.ui.viewer.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Event;
import org.qbi.ui.viewer.internal.render.ViewTransform;

/**
 * Draws one plane with its physical aspect: zoom to fit on open and on resize (until the user zooms), mouse
 * wheel zoom around the cursor, drag to pan, double-click to fit again. Reports the pixel under the cursor
 * (null when it leaves the plane). A message (loading, a slice that cannot be read) is drawn over the canvas.
 */
final class ImageCanvas {

    /** Zoom factor of one wheel notch. */
    static final double ZOOM_STEP = 1.25;

    private final Canvas canvas;
    private final Color background;
    private final Consumer<int[]> hover;
    private Image picture;
    private ImageData data;
    private ViewTransform transform;
    private String message;
    private Point dragFrom;
    private Point lastMouse;
    private boolean smooth;
    private boolean leftDragPans = true;
    private final java.util.List<Decoration> decorations = new java.util.ArrayList<>();

    /** Something drawn over the picture (scale bar, cursor lines, ROIs) in screen coordinates. */
    interface Decoration {
        void paint(GC gc, ViewTransform transform, Rectangle area);
    }

    ImageCanvas(Composite parent, Consumer<int[]> hover, Runnable previous, Runnable next) {
        this.hover = hover;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        background = new Color(32, 32, 32);
        canvas.addListener(SWT.Paint, this::paint);
        canvas.addListener(SWT.Resize, e -> {
            if (transform != null && transform.fitted()) {
                fit();
            }
        });
        canvas.addListener(SWT.MouseVerticalWheel, this::wheel);
        canvas.addListener(SWT.MouseDown, e -> {
            canvas.setFocus();
            if ((e.button == 1 && leftDragPans) || e.button == 2) {
                dragFrom = new Point(e.x, e.y);
            }
        });
        canvas.addListener(SWT.MouseUp, e -> dragFrom = null);
        canvas.addListener(SWT.MouseDoubleClick, e -> {
            if (leftDragPans) {
                fit();
            }
        });
        canvas.addListener(SWT.MouseMove, this::move);
        canvas.addListener(SWT.MouseExit, e -> {
            lastMouse = null;
            hover.accept(null);
        });
        canvas.addListener(SWT.KeyDown, e -> {
            switch (e.keyCode) {
                case SWT.PAGE_UP, SWT.ARROW_UP -> previous.run();
                case SWT.PAGE_DOWN, SWT.ARROW_DOWN -> next.run();
                default -> {
                    if (e.character == '0' || e.character == 'f') {
                        fit();
                    } else if (e.character == '1') {
                        oneToOne();
                    }
                }
            }
        });
        canvas.addListener(SWT.Dispose, e -> {
            if (picture != null) {
                picture.dispose();
            }
            background.dispose();
        });
    }

    Canvas control() {
        return canvas;
    }

    /** Shows new pixels; a plane of another size or aspect gets a new view, fitted to the canvas. */
    void show(ImageData newData, double aspect) {
        Image old = picture;
        picture = new Image(canvas.getDisplay(), newData);
        if (old != null) {
            old.dispose();
        }
        boolean sameGeometry = transform != null && data != null && data.width == newData.width
                && data.height == newData.height && transform.aspect() == new ViewTransform(1, 1, aspect).aspect();
        data = newData;
        if (!sameGeometry) {
            transform = new ViewTransform(newData.width, newData.height, aspect);
            fit();
        }
        canvas.redraw();
        if (lastMouse != null) {
            hover.accept(transform.pixelAt(lastMouse.x, lastMouse.y));
        }
    }

    /** Removes the picture (keeps the view's zoom and position). */
    void clear() {
        if (picture != null) {
            picture.dispose();
            picture = null;
        }
        canvas.redraw();
    }

    /** A message over the picture, or null for none. */
    void message(String text) {
        message = text;
        canvas.redraw();
    }

    String message() {
        return message;
    }

    ImageData data() {
        return data;
    }

    ViewTransform transform() {
        return transform;
    }

    /** Fits the plane into the canvas. */
    void fit() {
        if (transform != null) {
            Rectangle area = canvas.getClientArea();
            transform.fit(area.width, area.height);
            canvas.redraw();
        }
    }

    /**
     * Shows one image pixel per screen pixel along x (y follows the aspect), keeping the centre of the canvas on
     * the same point of the image.
     */
    void oneToOne() {
        if (transform != null) {
            Rectangle area = canvas.getClientArea();
            transform.scaleAt(area.width / 2.0, area.height / 2.0, 1);
            canvas.redraw();
        }
    }

    /** Smooth (bilinear) or nearest-neighbour drawing when zoomed in; nearest by default, as pixels are data. */
    void setSmooth(boolean on) {
        smooth = on;
        canvas.redraw();
    }

    boolean smooth() {
        return smooth;
    }

    /** Whether a left drag pans (true) or is left to a ROI tool (middle drag always pans). */
    void setLeftDragPans(boolean pans) {
        leftDragPans = pans;
    }

    /** Adds something drawn over the picture, in the order added. */
    void addDecoration(Decoration decoration) {
        decorations.add(decoration);
    }

    /** Redraws the canvas (after a decoration changed). */
    void redraw() {
        canvas.redraw();
    }

    private void wheel(Event e) {
        if (transform == null || e.count == 0) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        transform.zoomAt(e.x, e.y, e.count > 0 ? ZOOM_STEP : 1 / ZOOM_STEP, area.width, area.height);
        e.doit = false;
        canvas.redraw();
        hover.accept(transform.pixelAt(e.x, e.y));
    }

    private void move(Event e) {
        lastMouse = new Point(e.x, e.y);
        if (transform == null) {
            return;
        }
        if (dragFrom != null && (e.stateMask & ((leftDragPans ? SWT.BUTTON1 : 0) | SWT.BUTTON2)) != 0) {
            transform.pan(e.x - dragFrom.x, e.y - dragFrom.y);
            dragFrom = new Point(e.x, e.y);
            canvas.redraw();
        }
        hover.accept(transform.pixelAt(e.x, e.y));
    }

    private void paint(Event e) {
        GC gc = e.gc;
        Rectangle area = canvas.getClientArea();
        gc.setBackground(background);
        gc.fillRectangle(area);
        if (picture != null && transform != null) {
            int[][] visible = transform.visible(area.width, area.height);
            if (visible != null) {
                int[] src = visible[0];
                int[] dst = visible[1];
                gc.setInterpolation(smooth ? SWT.HIGH : transform.scale() >= 1 ? SWT.NONE : SWT.DEFAULT);
                gc.drawImage(picture, src[0], src[1], src[2], src[3], dst[0], dst[1], dst[2], dst[3]);
            }
        }
        if (picture != null && transform != null) {
            for (Decoration decoration : decorations) {
                decoration.paint(gc, transform, area);
            }
        }
        if (message != null && !message.isEmpty()) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
            Point extent = gc.textExtent(message, SWT.DRAW_DELIMITER);
            int x = Math.max(4, (area.width - extent.x) / 2);
            int y = Math.max(4, (area.height - extent.y) / 2);
            gc.setBackground(background);
            gc.fillRectangle(x - 6, y - 4, extent.x + 12, extent.y + 8);
            gc.drawText(message, x, y, SWT.DRAW_DELIMITER | SWT.DRAW_TRANSPARENT);
        }
    }
}
