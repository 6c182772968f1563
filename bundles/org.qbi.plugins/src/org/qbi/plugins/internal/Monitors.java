package org.qbi.plugins.internal;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.NullProgressMonitor;
import org.qbi.core.progress.ProgressMonitor;

/** Bridges the platform's {@link ProgressMonitor} to p2's {@link IProgressMonitor}, and p2's status trees to text. */
public final class Monitors {

    private Monitors() {
    }

    /** An Eclipse monitor reporting to {@code monitor}; cancelling either cancels both. */
    public static IProgressMonitor eclipse(ProgressMonitor monitor) {
        if (monitor == null || monitor == ProgressMonitor.NULL) {
            return new NullProgressMonitor();
        }
        return new IProgressMonitor() {
            private volatile boolean canceled;

            @Override
            public void beginTask(String name, int totalWork) {
                monitor.begin(name == null ? "" : name, totalWork == UNKNOWN ? -1 : totalWork);
            }

            @Override
            public void done() {
                monitor.done();
            }

            @Override
            public void internalWorked(double work) {
            }

            @Override
            public boolean isCanceled() {
                return canceled || monitor.isCanceled();
            }

            @Override
            public void setCanceled(boolean value) {
                canceled = value;
            }

            @Override
            public void setTaskName(String name) {
                monitor.subTask(name);
            }

            @Override
            public void subTask(String name) {
                monitor.subTask(name);
            }

            @Override
            public void worked(int work) {
                monitor.worked(work);
            }
        };
    }

    /** A status and its children as lines, most specific last, without repeating identical messages. */
    public static String describe(IStatus status) {
        List<String> lines = new ArrayList<>();
        collect(status, "", lines);
        return String.join("\n", lines);
    }

    private static void collect(IStatus status, String indent, List<String> lines) {
        String message = status.getMessage();
        if (message != null && !message.isBlank() && !lines.contains(indent + message.strip())) {
            lines.add(indent + message.strip());
        }
        if (status.getException() != null && status.getException().getMessage() != null
                && !status.getException().getMessage().equals(message)) {
            lines.add(indent + "  " + status.getException().getMessage());
        }
        for (IStatus child : status.getChildren()) {
            collect(child, indent + "  ", lines);
        }
    }
}
