package org.qbi.ui.ops.internal;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.eclipse.swt.graphics.RGB;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;

/**
 * Before and after, side by side: the shown square of the current slice and the operator's result on it, in the
 * grey scales {@link PreviewScale} chooses (one scale when the operator keeps the data's scale, After's own
 * otherwise: a mask is 0/1), with a line saying where the preview comes from and which scale After uses.
 */
final class PreviewPanel {

    /** The side of each picture on screen, in pixels. */
    static final int SIDE = 140;

    private final Group group;
    private final Canvas before;
    private final Canvas after;
    private final Label status;
    private Image beforeImage;
    private Image afterImage;
    private PreviewJob.Result shown;

    PreviewPanel(Composite parent) {
        group = new Group(parent, SWT.NONE);
        group.setText("Preview");
        group.setLayout(new GridLayout(2, true));
        before = picture();
        after = picture();
        before.addPaintListener(e -> paint(e.gc, before, beforeImage, "Before"));
        after.addPaintListener(e -> paint(e.gc, after, afterImage, "After"));
        status = new Label(group, SWT.WRAP);
        GridData statusData = new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1);
        statusData.widthHint = 2 * SIDE;
        status.setLayoutData(statusData);
        group.addDisposeListener(e -> disposeImages());
    }

    private Canvas picture() {
        Canvas canvas = new Canvas(group, SWT.DOUBLE_BUFFERED | SWT.BORDER);
        GridData data = new GridData(SWT.FILL, SWT.FILL, true, false);
        data.widthHint = SIDE;
        data.heightHint = SIDE;
        canvas.setLayoutData(data);
        return canvas;
    }

    Group control() {
        return group;
    }

    /** Shows a computed preview, or its problem. */
    void show(PreviewJob.Result result) {
        disposeImages();
        shown = result;
        if (result.problem() != null) {
            status.setText(result.problem());
        } else {
            PreviewScale scale = PreviewScale.of(result.before(), result.after());
            beforeImage = grey(result.before(), result.width(), result.height(), scale.beforeMin(), scale.beforeMax());
            afterImage = grey(result.after(), result.width(), result.height(), scale.afterMin(), scale.afterMax());
            long[] at = result.request().position();
            status.setText(result.request().shown().path().getFileName() + ": the middle " + result.width() + " x "
                    + result.height() + " pixels of slice z " + at[0] + (at[1] > 0 ? ", c " + at[1] : "")
                    + (at[2] > 0 ? ", t " + at[2] : "") + " (" + result.millis() + " ms); "
                    + (scale.shared() ? "one grey scale, " + number(scale.beforeMin()) + " to "
                            + number(scale.beforeMax())
                            : "After in its own grey scale, " + number(scale.afterMin()) + " to "
                                    + number(scale.afterMax())));
        }
        before.redraw();
        after.redraw();
        group.layout(true, true);
    }

    /** Shows no pictures, only {@code message} (no image open, invalid parameters, computing). */
    void message(String message, boolean keepPictures) {
        if (!keepPictures) {
            disposeImages();
            shown = null;
            before.redraw();
            after.redraw();
        }
        status.setText(message);
        group.layout(true, true);
    }

    /** The preview shown now, or null. */
    PreviewJob.Result shown() {
        return shown;
    }

    String status() {
        return status.getText();
    }

    private static String number(float value) {
        return value == Math.rint(value) && Math.abs(value) < 1e9 ? Long.toString((long) value)
                : String.format(java.util.Locale.ROOT, "%.4g", value);
    }

    /** The values in grey, {@code min} black and {@code max} white (clipped outside). */
    private Image grey(float[] values, int width, int height, float min, float max) {
        RGB[] greys = new RGB[256];
        for (int i = 0; i < 256; i++) {
            greys[i] = new RGB(i, i, i);
        }
        ImageData data = new ImageData(width, height, 8, new PaletteData(greys));
        float scale = max > min ? 255f / (max - min) : 0f;
        byte[] row = new byte[width];
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                float v = values[y * width + x];
                row[x] = (byte) (Float.isFinite(v) ? Math.round(Math.clamp((v - min) * scale, 0f, 255f)) : 0);
            }
            data.setPixels(0, y, width, row, 0);
        }
        return new Image(group.getDisplay(), data);
    }

    private static void paint(GC gc, Canvas canvas, Image image, String title) {
        Rectangle area = canvas.getClientArea();
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WIDGET_BACKGROUND));
        gc.fillRectangle(area);
        if (image == null) {
            gc.drawText(title, area.x + 4, area.y + 2, true);
            return;
        }
        Rectangle size = image.getBounds();
        double zoom = Math.min(area.width / (double) size.width, area.height / (double) size.height);
        int w = (int) (size.width * zoom);
        int h = (int) (size.height * zoom);
        gc.setInterpolation(SWT.NONE);
        gc.drawImage(image, 0, 0, size.width, size.height, area.x + (area.width - w) / 2, area.y + (area.height - h) / 2,
                w, h);
        // the title on a dark band over the picture's top left corner, readable on any image
        org.eclipse.swt.graphics.Point extent = gc.textExtent(title);
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area.x, area.y, extent.x + 8, extent.y + 4);
        gc.drawText(title, area.x + 4, area.y + 2, true);
    }

    private void disposeImages() {
        if (beforeImage != null) {
            beforeImage.dispose();
            beforeImage = null;
        }
        if (afterImage != null) {
            afterImage.dispose();
            afterImage = null;
        }
    }
}
