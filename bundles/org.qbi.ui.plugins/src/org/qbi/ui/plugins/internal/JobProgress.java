package org.qbi.ui.plugins.internal;

import org.eclipse.core.runtime.IProgressMonitor;
import org.qbi.core.progress.ProgressMonitor;

/** A job's monitor as the platform's {@link ProgressMonitor}: the job's Cancel reaches the installer. */
record JobProgress(IProgressMonitor monitor) implements ProgressMonitor {

    @Override
    public void begin(String task, long totalWork) {
        monitor.beginTask(task, totalWork < 0 || totalWork > Integer.MAX_VALUE ? IProgressMonitor.UNKNOWN
                : (int) totalWork);
    }

    @Override
    public void worked(long work) {
        monitor.worked((int) Math.min(work, Integer.MAX_VALUE));
    }

    @Override
    public void subTask(String name) {
        monitor.subTask(name);
    }

    @Override
    public boolean isCanceled() {
        return monitor.isCanceled();
    }

    @Override
    public void done() {
        monitor.done();
    }
}
