package org.qbi.ui.viewer.internal;

import java.util.function.Consumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Point;

/**
 * Tells a click on the canvas (left button pressed and released within {@link #SLOP} screen pixels: not a pan
 * or a ROI drag) from a drag, and reports the image pixel clicked.
 */
final class LabelPicker {

    /** Screen pixels the mouse may move between press and release for a click. */
    static final int SLOP = 2;

    private LabelPicker() {
    }

    static void attach(ImageCanvas canvas, Consumer<int[]> clicked) {
        Point[] down = { null };
        canvas.control().addListener(SWT.MouseDown, e -> down[0] = e.button == 1 ? new Point(e.x, e.y) : null);
        canvas.control().addListener(SWT.MouseUp, e -> {
            Point from = down[0];
            down[0] = null;
            if (from != null && e.button == 1 && Math.abs(e.x - from.x) <= SLOP && Math.abs(e.y - from.y) <= SLOP
                    && canvas.transform() != null) {
                clicked.accept(canvas.transform().pixelAt(e.x, e.y));
            }
        });
    }
}
