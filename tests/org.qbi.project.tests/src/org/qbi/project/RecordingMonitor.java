package org.qbi.project;

import java.util.ArrayList;
import java.util.List;

import org.qbi.core.progress.ProgressMonitor;

/** Records what a task reports; can cancel after a given number of {@link #worked} calls. */
final class RecordingMonitor implements ProgressMonitor {

    final List<String> tasks = new ArrayList<>();
    final List<String> subTasks = new ArrayList<>();
    long totalWork = Long.MIN_VALUE;
    long worked;
    int workedCalls;
    int doneCalls;
    private final int cancelAfterWorkedCalls;

    /** A monitor that is never cancelled. */
    RecordingMonitor() {
        this(Integer.MAX_VALUE);
    }

    /** A monitor that is cancelled once {@code worked} has been called {@code cancelAfterWorkedCalls} times. */
    RecordingMonitor(int cancelAfterWorkedCalls) {
        this.cancelAfterWorkedCalls = cancelAfterWorkedCalls;
    }

    @Override
    public void begin(String task, long total) {
        tasks.add(task);
        totalWork = total;
    }

    @Override
    public void worked(long work) {
        worked += work;
        workedCalls++;
    }

    @Override
    public void subTask(String name) {
        subTasks.add(name);
    }

    @Override
    public boolean isCanceled() {
        return workedCalls >= cancelAfterWorkedCalls;
    }

    @Override
    public void done() {
        doneCalls++;
    }
}
