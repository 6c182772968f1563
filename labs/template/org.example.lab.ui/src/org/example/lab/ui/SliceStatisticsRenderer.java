package org.example.lab.ui;

import java.io.IOException;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.example.lab.SliceStatistics;
import org.qbi.core.progress.CancelledException;
import org.qbi.project.workspace.EclipseProgress;
import org.qbi.ui.viewer.ImageRenderer;
import org.qbi.ui.viewer.ImageRendererSite;

/**
 * The example viewer of docs/EXTENDING.md: the mean (line) and mean +- sd (band) of every slice of the stack,
 * with the current slice marked; a click on the plot moves the editor's shared cursor to that slice.
 * <p>
 * What every renderer does: create its control once, compute in a Job that holds the site's read rule (never on
 * the UI thread), come back with asyncExec, and redraw on {@link #refresh()}.
 */
public final class SliceStatisticsRenderer implements ImageRenderer {

    private static final int MARGIN = 40;

    private Canvas canvas;
    private ImageRendererSite site;
    private volatile SliceStatistics statistics;
    private long computedFor = -1;

    @Override
    public Control createControl(Composite parent, ImageRendererSite rendererSite) {
        this.site = rendererSite;
        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea()));
        canvas.addListener(SWT.MouseDown, e -> {
            SliceStatistics shown = statistics;
            Rectangle area = canvas.getClientArea();
            if (shown != null && shown.mean().length > 0 && area.width > 2 * MARGIN) {
                long[] position = site.position().clone();
                double fraction = (e.x - MARGIN) / (double) (area.width - 2 * MARGIN);
                position[2] = Math.clamp(Math.round(fraction * (shown.mean().length - 1)), 0, shown.mean().length - 1);
                site.setPosition(position);
            }
        });
        return canvas;
    }

    @Override
    public void refresh() {
        long[] position = site.position();
        long key = position[3] * 1_000_003L + position[4];
        if (key != computedFor) {
            computedFor = key;
            compute(position[3], position[4]);
        }
        canvas.redraw();
    }

    /** The values shown (tests read them). */
    public SliceStatistics statistics() {
        return statistics;
    }

    private void compute(long channel, long timePoint) {
        Job job = Job.create("Slice statistics", (IProgressMonitor monitor) -> {
            try {
                SliceStatistics result = SliceStatistics.of(site.image(), channel, timePoint, EclipseProgress.of(monitor));
                statistics = result;
                canvas.getDisplay().asyncExec(() -> {
                    if (!canvas.isDisposed()) {
                        canvas.redraw();
                    }
                });
                return Status.OK_STATUS;
            } catch (CancelledException e) {
                return Status.CANCEL_STATUS;
            } catch (IOException e) {
                return Status.error("Could not read " + site.path() + ": " + e.getMessage(), e);
            }
        });
        job.setRule(site.readRule());
        job.schedule();
    }

    private void paint(GC gc, Rectangle area) {
        SliceStatistics shown = statistics;
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        if (shown == null || shown.mean().length == 0) {
            gc.drawText("Computing slice statistics...", MARGIN, MARGIN);
            return;
        }
        double[] mean = shown.mean();
        double[] sd = shown.sd();
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (int z = 0; z < mean.length; z++) {
            low = Math.min(low, mean[z] - sd[z]);
            high = Math.max(high, mean[z] + sd[z]);
        }
        if (!(high > low)) {
            high = low + 1;
        }
        int width = area.width - 2 * MARGIN;
        int height = area.height - 2 * MARGIN;
        int[] band = new int[4 * mean.length];
        int[] line = new int[2 * mean.length];
        for (int z = 0; z < mean.length; z++) {
            int x = MARGIN + (mean.length == 1 ? width / 2 : (int) Math.round(z * (double) width / (mean.length - 1)));
            band[2 * z] = x;
            band[2 * z + 1] = y(mean[z] + sd[z], low, high, height);
            band[band.length - 2 * z - 2] = x;
            band[band.length - 2 * z - 1] = y(mean[z] - sd[z], low, high, height);
            line[2 * z] = x;
            line[2 * z + 1] = y(mean[z], low, high, height);
        }
        gc.setAntialias(SWT.ON);
        gc.setBackground(canvas.getDisplay().getSystemColor(SWT.COLOR_GRAY));
        gc.fillPolygon(band);
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_DARK_BLUE));
        gc.setLineWidth(2);
        gc.drawPolyline(line);
        long current = site.position()[2];
        if (current < mean.length) {
            gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_RED));
            gc.drawLine(line[(int) (2 * current)], MARGIN, line[(int) (2 * current)], MARGIN + height);
        }
        gc.setForeground(canvas.getDisplay().getSystemColor(SWT.COLOR_BLACK));
        gc.drawText(String.format("%.4g", high), 2, MARGIN - 16, true);
        gc.drawText(String.format("%.4g", low), 2, MARGIN + height, true);
        gc.drawText("slice (z): mean and mean +- sd", MARGIN, MARGIN + height + 16, true);
    }

    private static int y(double value, double low, double high, int height) {
        return MARGIN + (int) Math.round((high - value) / (high - low) * height);
    }
}
