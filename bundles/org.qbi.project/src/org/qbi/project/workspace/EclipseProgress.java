package org.qbi.project.workspace;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.SubMonitor;
import org.qbi.core.progress.ProgressMonitor;

/**
 * Lets QBI tasks report to an Eclipse progress monitor (a Job's, a wizard's), so their progress bar and
 * Cancel button work. Work in units beyond int range (bytes of large volumes) is scaled to per-mille.
 *
 * @since 0.1
 */
public final class EclipseProgress implements ProgressMonitor {

    private static final int TICKS = 1000;

    private final IProgressMonitor eclipse;
    private SubMonitor sub;
    private long total;
    private long done;
    private int ticksReported;

    private EclipseProgress(IProgressMonitor eclipse) {
        this.eclipse = eclipse;
    }

    /** A QBI monitor reporting to {@code monitor} (null means nowhere). */
    public static ProgressMonitor of(IProgressMonitor monitor) {
        return new EclipseProgress(monitor);
    }

    @Override
    public void begin(String task, long totalWork) {
        total = totalWork;
        done = 0;
        ticksReported = 0;
        sub = SubMonitor.convert(eclipse, task, totalWork > 0 ? TICKS : IProgressMonitor.UNKNOWN);
    }

    @Override
    public void worked(long work) {
        done += work;
        if (total > 0 && sub != null) {
            int ticks = (int) Math.min(TICKS, TICKS * done / total);
            if (ticks > ticksReported) {
                sub.worked(ticks - ticksReported);
                ticksReported = ticks;
            }
        }
    }

    @Override
    public void subTask(String name) {
        if (sub != null) {
            sub.subTask(name);
        }
    }

    @Override
    public boolean isCanceled() {
        return eclipse != null && eclipse.isCanceled();
    }

    @Override
    public void done() {
        if (sub != null) {
            sub.done();
        }
    }
}
