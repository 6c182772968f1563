package org.qbi.headless.internal.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import org.qbi.core.cli.CommandSession;
import org.qbi.core.cli.ConsoleProgress;

/**
 * The session of a command the daemon runs for a client: the client's terminal (is its stderr one), its Ctrl-C
 * (a message, or the client disconnecting) and, for child processes, output copied to the command's streams.
 * The first interrupt runs the actions the command registered; a command that registered none is abandoned (its
 * client leaves with exit code 130 as after SIGINT, its thread is interrupted, and the daemon ends if it does not
 * stop), and an action it registers later runs at once, so a batch interrupted while it starts stops at its first
 * check instead of running on unseen.
 */
public final class RemoteSession extends CommandSession {

    private final boolean stderrIsTerminal;
    private final Runnable abandon;
    private final List<Runnable> actions = new CopyOnWriteArrayList<>();
    private final AtomicBoolean interrupted = new AtomicBoolean();
    private volatile boolean ended;
    private final List<Thread> copies = new CopyOnWriteArrayList<>();

    /**
     * @param abandon what an interrupt does when the command registered no action
     */
    public RemoteSession(boolean stderrIsTerminal, Runnable abandon) {
        this.stderrIsTerminal = stderrIsTerminal;
        this.abandon = abandon;
    }

    @Override
    public boolean stderrIsTerminal() {
        return stderrIsTerminal;
    }

    @Override
    public ConsoleProgress.InterruptHandling onInterrupt(Runnable action) {
        actions.add(action);
        if (interrupted.get()) {
            // interrupted before it could listen (its client has left with 130): it stops at its first check
            action.run();
        }
        return () -> actions.remove(action);
    }

    /** True once the client pressed Ctrl-C or went away. */
    public boolean isInterrupted() {
        return interrupted.get();
    }

    /**
     * Waits (at most {@code max}) until the output of the child processes started by the command has been copied,
     * so it reaches the client before the command's exit code.
     */
    public void awaitChildOutput(java.time.Duration max) throws InterruptedException {
        long deadline = System.nanoTime() + max.toNanos();
        for (Thread copy : copies) {
            copy.join(java.time.Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
        }
    }

    /**
     * The command has ended: an interrupt from now on (its client closing the connection after the exit code) is
     * no longer the command's.
     */
    void ended() {
        ended = true;
    }

    /** The client pressed Ctrl-C or went away: runs the registered actions once. */
    public void interrupt() {
        if (ended || !interrupted.compareAndSet(false, true)) {
            return;
        }
        if (actions.isEmpty()) {
            abandon.run();
            return;
        }
        actions.forEach(Runnable::run);
    }

    @Override
    public Process startWithConsole(ProcessBuilder builder) throws IOException {
        Process process = builder.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        copy(process.getInputStream(), System.out, "stdout");
        copy(process.getErrorStream(), System.err, "stderr");
        ConsoleProgress.InterruptHandling stop = onInterrupt(process::destroy);
        process.onExit().thenRun(stop::close);
        return process;
    }

    private void copy(InputStream from, PrintStream to, String name) {
        copies.add(Thread.ofPlatform().daemon().name("qbi-daemon-child-" + name).start(() -> {
            try (from) {
                byte[] buffer = new byte[8192];
                for (int n; (n = from.read(buffer)) >= 0;) {
                    to.write(buffer, 0, n);
                    to.flush();
                }
            } catch (IOException ended) {
                // the child closed its end
            }
        }));
    }
}
