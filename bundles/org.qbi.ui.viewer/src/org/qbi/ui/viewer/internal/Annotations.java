package org.qbi.ui.viewer.internal;

import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.qbi.core.image.AxisCalibration;
import org.qbi.core.image.ImageHeader;
import org.qbi.ui.viewer.internal.render.OrientationLabels;
import org.qbi.ui.viewer.internal.render.ScaleBar;
import org.qbi.ui.viewer.internal.render.SlicePlane;
import org.qbi.ui.viewer.internal.render.ViewTransform;

/**
 * What the canvas writes over a plane: the scale bar in physical units (bottom left, a fifth of the canvas at
 * most) and, where the header has an orientation, the anatomical directions at the four edges.
 */
final class Annotations implements ImageCanvas.Decoration {

    /**
     * The header and plane shown (null: nothing to annotate, e.g. a montage); {@code flipped}: the plane is drawn
     * with its vertical axis growing upwards (the orientation letters of top and bottom swap).
     */
    record Shown(ImageHeader header, SlicePlane plane, boolean flipped) {

        Shown(ImageHeader header, SlicePlane plane) {
            this(header, plane, false);
        }
    }

    private final Supplier<Shown> shown;
    private boolean scaleBar = true;

    Annotations(Supplier<Shown> shown) {
        this.shown = shown;
    }

    void setScaleBar(boolean on) {
        scaleBar = on;
    }

    boolean scaleBar() {
        return scaleBar;
    }

    /** The scale bar for a view of this plane at this zoom, or null when the axis is uncalibrated. */
    static ScaleBar scaleBarFor(ImageHeader header, SlicePlane plane, ViewTransform transform, int canvasWidth) {
        AxisCalibration h = header.axis(plane.horizontal());
        return ScaleBar.choose(h.spacing() / transform.scale(), h.unit(), Math.max(20, canvasWidth / 5));
    }

    @Override
    public void paint(GC gc, ViewTransform transform, Rectangle area) {
        Shown s = shown.get();
        if (s == null) {
            return;
        }
        gc.setForeground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        if (scaleBar) {
            ScaleBar bar = scaleBarFor(s.header(), s.plane(), transform, area.width);
            if (bar != null) {
                String label = bar.label();
                Point extent = gc.textExtent(label);
                int x = 12;
                int y = area.height - 12 - 4;
                gc.fillRectangle(x, y, bar.pixels(), 4);
                gc.drawText(label, x + Math.max(0, (bar.pixels() - extent.x) / 2), y - extent.y - 2, true);
            }
        }
        s.header().orientation().ifPresent(orientation -> {
            OrientationLabels labels = s.flipped() ? OrientationLabels.of(orientation, s.plane()).flipped()
                    : OrientationLabels.of(orientation, s.plane());
            Point extent = gc.textExtent("M");
            gc.drawText(labels.left(), 6, (area.height - extent.y) / 2, true);
            gc.drawText(labels.right(), area.width - 6 - gc.textExtent(labels.right()).x, (area.height - extent.y) / 2,
                    true);
            gc.drawText(labels.top(), (area.width - gc.textExtent(labels.top()).x) / 2, 4, true);
            gc.drawText(labels.bottom(), (area.width - gc.textExtent(labels.bottom()).x) / 2,
                    area.height - extent.y - 4, true);
        });
    }
}
