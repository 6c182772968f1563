package org.qbi.core.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.qbi.core.progress.ProgressMonitor;

/**
 * Shows progress on the terminal: a bar redrawn in place on stderr, or with {@code json} one JSON object per
 * line ({@code {"task":..., "done":..., "total":...}}, with {@code "current":...} once the task names its current
 * step, e.g. the sample being run) for programs that follow a run. Redraws at most ten
 * times a second. Cancellation comes from {@link #cancel()}, e.g. called by a shutdown hook on Ctrl-C.
 *
 * @since 0.1
 */
public final class ConsoleProgress implements ProgressMonitor {

    private static final int BAR_WIDTH = 30;
    private static final long REDRAW_NANOS = 100_000_000L;

    private final PrintStream err;
    private final boolean json;
    private final boolean redraw;
    private volatile boolean canceled;
    private String task = "";
    private String subTask = "";
    private long total = -1;
    private long done;
    private long lastDraw;

    /** Progress on {@code err}: a bar redrawn in place, or JSON lines. */
    public ConsoleProgress(PrintStream err, boolean json) {
        this(err, json, true);
    }

    /**
     * @param redraw false for text output that is not a terminal (a log file, CI): no bar and no escape codes,
     *               one line per task when it ends
     */
    public ConsoleProgress(PrintStream err, boolean json, boolean redraw) {
        this.err = err;
        this.json = json;
        this.redraw = redraw;
    }

    /**
     * Progress on System.err: a redrawn bar on a terminal, one line per task when redirected (the terminal of the
     * {@link CommandSession}: this process's, or the client's when the daemon runs the command).
     */
    public static ConsoleProgress onStderr(boolean json) {
        return new ConsoleProgress(System.err, json, CommandSession.current().stderrIsTerminal());
    }

    @Override
    public void begin(String task, long totalWork) {
        this.task = task;
        this.total = totalWork;
        this.done = 0;
        this.lastDraw = 0;
        draw(true);
    }

    @Override
    public void worked(long work) {
        done += work;
        draw(false);
    }

    @Override
    public void subTask(String name) {
        subTask = name == null ? "" : name;
        if (!json) {
            // a JSON line carries it with the next count, so a program sees each count with the step it belongs to
            draw(false);
        }
    }

    @Override
    public boolean isCanceled() {
        return canceled;
    }

    /** The Ctrl-C handling installed by {@link #cancelOnInterrupt()}; closing it restores the previous one. */
    public interface InterruptHandling extends AutoCloseable {
        @Override
        void close();
    }

    /** Asks the running task to stop at its next check. */
    public void cancel() {
        canceled = true;
    }

    /**
     * Makes Ctrl-C (SIGINT) cancel the task instead of ending the JVM at once, so the task can remove what it
     * started (a staging folder, a temporary file) and the command can report the cancel; a second Ctrl-C
     * while the task winds down is ignored. Close the returned handle when the task is over to restore the
     * previous handler.
     */
    public InterruptHandling cancelOnInterrupt() {
        return CommandSession.current().onInterrupt(this::cancel);
    }

    @Override
    public void done() {
        if (total >= 0 && !canceled) {
            done = total;
        }
        if (!json && !redraw) {
            err.println(task + (total > 0 ? String.format(Locale.ROOT, " %d%%", 100 * done / total) : "")
                    + (canceled ? " (cancelled)" : ""));
            err.flush();
            return;
        }
        draw(true);
        if (!json) {
            err.println();
        }
        err.flush();
    }

    private void draw(boolean force) {
        if (!json && !redraw) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_NANOS) {
            return;
        }
        lastDraw = now;
        if (json) {
            err.printf(Locale.ROOT, "{\"task\":%s,\"done\":%d,\"total\":%d%s}%n", JsonOutput.quote(task), done, total,
                    subTask.isEmpty() ? "" : ",\"current\":" + JsonOutput.quote(subTask));
            return;
        }
        StringBuilder line = new StringBuilder("\r").append(task);
        if (total > 0) {
            int filled = (int) Math.min(BAR_WIDTH, BAR_WIDTH * done / total);
            line.append(" [").append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", 100 * done / total));
        }
        if (!subTask.isEmpty()) {
            line.append(' ').append(subTask.length() > 40 ? "..." + subTask.substring(subTask.length() - 37) : subTask);
        }
        err.print(line.append("\u001b[K"));
        err.flush();
    }
}
