package org.qbi.core.cli;

/**
 * A failure of a {@code qbi} subcommand that the user can act on: the message says what was received,
 * what was expected and how to fix it, and is printed as the one-line reason on stderr.
 *
 * @since 0.1
 */
public final class CommandFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** Exit code for a failure of the work itself (a missing file, a corrupt image). */
    public static final int FAILED = 1;

    private final int exitCode;

    /** A failure with exit code {@link #FAILED}. */
    public CommandFailure(String message) {
        this(message, FAILED, null);
    }

    /** A failure with exit code {@link #FAILED} caused by {@code cause}. */
    public CommandFailure(String message, Throwable cause) {
        this(message, FAILED, cause);
    }

    private CommandFailure(String message, int exitCode, Throwable cause) {
        super(message, cause);
        this.exitCode = exitCode;
    }

    /** The process exit code for this failure, never 0. */
    public int exitCode() {
        return exitCode;
    }
}
