package org.qbi.ui.viewer.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;

/**
 * The strip beside the image showing the LUT over the window: the window's high end on top (its value
 * written above), the low end at the bottom (written below), in rescaled units when the image has a rescale.
 * Hidden for colour and label slices.
 */
final class ColourBar {

    private static final int STRIP = 14;

    private final Canvas canvas;
    private int[] colours;
    private String top = "";
    private String bottom = "";

    ColourBar(Composite parent) {
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        GridData data = new GridData(SWT.RIGHT, SWT.FILL, false, true);
        data.exclude = true;
        canvas.setLayoutData(data);
        canvas.setVisible(false);
        canvas.addListener(SWT.Paint, e -> paint(e.gc));
    }

    /** Shows {@code levels} (the 256 colours, low to high) with the values of the window's ends. */
    void show(int[] levels, String high, String low) {
        colours = levels.clone();
        top = high;
        bottom = low;
        GridData data = (GridData) canvas.getLayoutData();
        GC gc = new GC(canvas);
        int text;
        try {
            text = Math.max(gc.textExtent(top).x, gc.textExtent(bottom).x);
        } finally {
            gc.dispose();
        }
        int width = Math.max(STRIP, text) + 8;
        boolean relayout = data.exclude || data.widthHint != width;
        data.exclude = false;
        data.widthHint = width;
        canvas.setVisible(true);
        if (relayout) {
            canvas.getParent().layout(true);
        }
        canvas.redraw();
    }

    /** The LUT of a picture over its window, ends in rescaled units; hidden for colour pictures and labels. */
    void show(org.qbi.ui.viewer.internal.render.RenderedSlice rendered,
            org.qbi.ui.viewer.internal.render.SliceRenderer.Look look, org.qbi.core.image.ImageHeader header) {
        org.qbi.ui.viewer.internal.render.DisplayWindow window = rendered.window();
        if (window == null || look.categorical()) {
            hide();
            return;
        }
        int[] colours = org.qbi.ui.viewer.internal.render.Luts.levels(look.lut() == null
                ? org.qbi.ui.viewer.internal.render.Luts.gray() : look.lut());
        double a = header.rescale().apply(window.low());
        double b = header.rescale().apply(window.high());
        String unit = header.rescale().unit().isEmpty() ? "" : " " + header.rescale().unit();
        show(colours, org.qbi.ui.viewer.internal.render.ImageTexts.number(Math.max(a, b)) + unit,
                org.qbi.ui.viewer.internal.render.ImageTexts.number(Math.min(a, b)) + unit);
    }

    void hide() {
        colours = null;
        GridData data = (GridData) canvas.getLayoutData();
        if (!data.exclude) {
            data.exclude = true;
            canvas.setVisible(false);
            canvas.getParent().layout(true);
        }
    }

    boolean visible() {
        return colours != null;
    }

    /** The colours shown, low to high (null when hidden). */
    int[] colours() {
        return colours == null ? null : colours.clone();
    }

    /** The value written at the top (the window's high end). */
    String top() {
        return top;
    }

    /** The value written at the bottom (the window's low end). */
    String bottom() {
        return bottom;
    }

    Canvas control() {
        return canvas;
    }

    private void paint(GC gc) {
        if (colours == null) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        Point high = gc.textExtent(top);
        Point low = gc.textExtent(bottom);
        int y0 = high.y + 4;
        int y1 = area.height - low.y - 4;
        int x = (area.width - STRIP) / 2;
        gc.drawText(top, (area.width - high.x) / 2, 2, true);
        gc.drawText(bottom, (area.width - low.x) / 2, area.height - low.y - 2, true);
        int h = y1 - y0;
        if (h <= 0) {
            return;
        }
        for (int row = 0; row < h; row++) {
            int level = (int) Math.round(255.0 * (h - 1 - row) / Math.max(1, h - 1));
            int rgb = colours[level];
            Color colour = new Color(rgb >> 16 & 255, rgb >> 8 & 255, rgb & 255);
            gc.setForeground(colour);
            gc.drawLine(x, y0 + row, x + STRIP - 1, y0 + row);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_NORMAL_SHADOW));
        gc.drawRectangle(x - 1, y0 - 1, STRIP + 1, h + 1);
    }
}
