package org.qbi.core.progress;

/**
 * Thrown by a task that stopped because the user cancelled it. Tasks that throw it have left no partial
 * result behind (they write to a temporary place and move it into place only when complete).
 *
 * @since 0.1
 */
public final class CancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param task what was cancelled, as the user would name it */
    public CancelledException(String task) {
        super("Cancelled: " + task);
    }
}
