package org.qbi.core.progress;

/**
 * Receives progress of one long task and tells it whether the user asked to stop.
 * <p>
 * Work is counted in task-defined units (bytes copied, slices decoded, blocks filtered). Implementations
 * must be safe to call from the worker thread that runs the task; they need not be safe for several
 * workers at once unless they say so.
 *
 * @since 0.1
 */
public interface ProgressMonitor {

    /** A monitor that reports nowhere and is never cancelled. */
    ProgressMonitor NULL = new ProgressMonitor() {
        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long work) {
        }

        @Override
        public boolean isCanceled() {
            return false;
        }

        @Override
        public void done() {
        }
    };

    /**
     * Starts the task.
     *
     * @param task      what the user sees, e.g. "Copying 3 files into raw/"
     * @param totalWork total units of work, or a negative number when unknown
     */
    void begin(String task, long totalWork);

    /** Reports {@code work} more units done (not a running total). */
    void worked(long work);

    /** Names the current step within the task, e.g. the file being copied. */
    default void subTask(String name) {
    }

    /** True once the user asked to stop; the task then throws {@link CancelledException} at its next check. */
    boolean isCanceled();

    /** Ends the task, whether it succeeded or not. */
    void done();

    /**
     * Throws {@link CancelledException} when the user asked to stop; call it between units of work.
     *
     * @param task names the task in the exception's message
     */
    default void checkCanceled(String task) {
        if (isCanceled()) {
            throw new CancelledException(task);
        }
    }
}
