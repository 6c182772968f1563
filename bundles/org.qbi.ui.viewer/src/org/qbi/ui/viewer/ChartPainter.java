package org.qbi.ui.viewer;

import java.awt.Rectangle;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.jfree.chart.JFreeChart;
import org.jfree.swt.SWTGraphics2D;

/**
 * Draws a JFreeChart on an SWT canvas through SWTGraphics2D: what every chart view of the workbench (and a lab's)
 * does in its paint listener.
 *
 * @since 0.1
 */
public final class ChartPainter {

    private ChartPainter() {
    }

    /** Fills {@code area} of {@code gc} white and draws {@code chart} into it (nothing more when null or tiny). */
    public static void paint(GC gc, org.eclipse.swt.graphics.Rectangle area, JFreeChart chart) {
        gc.setBackground(gc.getDevice().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        if (chart != null && area.width > 10 && area.height > 10) {
            SWTGraphics2D g2 = new SWTGraphics2D(gc);
            try {
                chart.draw(g2, new Rectangle(area.x, area.y, area.width, area.height));
            } finally {
                g2.dispose(); // frees its pooled colours and fonts; the GC is the caller's
            }
        }
    }
}
