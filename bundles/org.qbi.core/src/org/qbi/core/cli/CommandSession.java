package org.qbi.core.cli;

import java.util.Objects;

/**
 * The terminal a running {@code qbi} command talks to: whether its stderr is a terminal (a progress bar is
 * redrawn in place) and where an interrupt (Ctrl-C) comes from. A command started by the {@code qbi} script in
 * a process of its own has this process's console and SIGINT; a command run by the background {@code qbi}
 * process (the daemon) has the console of the client that asked for it, and the client's Ctrl-C arrives as a
 * message. Commands use it through {@link ConsoleProgress#onStderr} and {@link ConsoleProgress#cancelOnInterrupt}.
 *
 * @since 0.1
 */
public abstract class CommandSession {

    private static final CommandSession PROCESS = new ProcessSession();
    private static volatile CommandSession current = PROCESS;

    /** The session of the command running now: this process's own unless a daemon installed a client's. */
    public static CommandSession current() {
        return current;
    }

    /**
     * Makes {@code session} the current one until the returned handle is closed (the daemon runs one command
     * at a time, so one session is current at a time).
     */
    public static Installed install(CommandSession session) {
        CommandSession previous = current;
        current = Objects.requireNonNull(session, "session");
        return () -> current = previous;
    }

    /** Restores the previous session when closed. */
    public interface Installed extends AutoCloseable {
        @Override
        void close();
    }

    /** True when the command's stderr is a terminal (redraw a bar in place), false for a file or a pipe. */
    public abstract boolean stderrIsTerminal();

    /**
     * Runs {@code action} when the user interrupts the command (Ctrl-C) instead of ending it at once, until the
     * returned handle is closed; a second interrupt while the command winds down is ignored.
     */
    public abstract ConsoleProgress.InterruptHandling onInterrupt(Runnable action);

    /**
     * Starts {@code builder}'s process with the command's terminal: this process's own (inherited), or, in the
     * daemon, its output copied to the command's System.out and System.err and an interrupt ending it.
     */
    public abstract Process startWithConsole(ProcessBuilder builder) throws java.io.IOException;

    /** This process's console and SIGINT. */
    private static final class ProcessSession extends CommandSession {
        @Override
        public boolean stderrIsTerminal() {
            java.io.Console console = System.console();
            return console != null && console.isTerminal();
        }

        @Override
        public ConsoleProgress.InterruptHandling onInterrupt(Runnable action) {
            sun.misc.Signal interrupt = new sun.misc.Signal("INT");
            sun.misc.SignalHandler previous = sun.misc.Signal.handle(interrupt, signal -> action.run());
            return () -> sun.misc.Signal.handle(interrupt, previous);
        }

        @Override
        public Process startWithConsole(ProcessBuilder builder) throws java.io.IOException {
            // the child is in the terminal's process group: Ctrl-C reaches it directly
            return builder.inheritIO().start();
        }
    }
}
