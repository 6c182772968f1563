package org.qbi.headless.internal;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.core.runtime.Platform;
import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.qbi.core.cli.CommandSession;
import org.qbi.core.image.ChunkCache;
import org.qbi.core.image.ZeroedMemory;
import org.qbi.headless.internal.daemon.DaemonServer;
import org.qbi.headless.internal.daemon.RemoteSession;

/**
 * The daemon behind the {@code qbi} start script: the platform started once, kept running in the directory and
 * environment it was started from, running the qbi commands its clients send, one at a time, with each client's
 * output, terminal and Ctrl-C. Its JIT-compiled code stays warm between commands; it ends after
 * {@code --idle-minutes} without a command, or when {@code qbi daemon stop} asks.
 * <p>
 * Arguments: {@code --socket PATH --idle-minutes N}.
 */
public final class DaemonApplication implements IApplication {

    /** System property with the number of commands this daemon ran before the current one (benchmarks print it). */
    public static final String EARLIER_COMMANDS = "qbi.daemon.earlierCommands";

    @Override
    public Object start(IApplicationContext context) throws Exception {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        Path socket = null;
        long idleMinutes = 10;
        for (int i = 0; args != null && i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--socket" -> socket = Path.of(args[i + 1]);
                case "--idle-minutes" -> idleMinutes = Long.parseLong(args[i + 1]);
                default -> throw new IllegalArgumentException("unknown daemon option " + args[i]);
            }
        }
        if (socket == null) {
            throw new IllegalArgumentException("the daemon needs --socket PATH");
        }
        AtomicLong earlier = new AtomicLong();
        DaemonServer server = new DaemonServer(socket, Path.of(""), Duration.ofMinutes(idleMinutes),
                (command, out, err, session) -> run(command, out, err, session, earlier.getAndIncrement()));
        System.out.println("qbi daemon pid " + ProcessHandle.current().pid() + " listening on " + socket);
        // images a command left unclosed return their memory to the pool when collected, after the command
        Thread.ofPlatform().daemon().name("qbi-daemon-memory").start(() -> {
            try {
                while (true) {
                    Thread.sleep(60_000);
                    ZeroedMemory.trim();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (!server.serve()) {
            System.out.println("another qbi daemon holds " + socket + ": this one ends");
        }
        return EXIT_OK;
    }

    private static int run(List<String> command, PrintStream out, PrintStream err, RemoteSession session,
            long earlierCommands) {
        PrintStream daemonOut = System.out;
        PrintStream daemonErr = System.err;
        System.setOut(out);
        System.setErr(err);
        System.setProperty(EARLIER_COMMANDS, Long.toString(earlierCommands));
        try (CommandSession.Installed installed = CommandSession.install(session)) {
            return QbiCli.execute(new CommandRegistry(Platform.getExtensionRegistry()), command.toArray(String[]::new));
        } finally {
            // the server flushes out and err when the command has ended
            System.setOut(daemonOut);
            System.setErr(daemonErr);
            // chunks and memory kept for the next image are given back while the daemon waits
            ChunkCache.shared().clear();
            ZeroedMemory.trim();
        }
    }

    @Override
    public void stop() {
        // the server ends on its own: idle, or asked by a client
    }
}
