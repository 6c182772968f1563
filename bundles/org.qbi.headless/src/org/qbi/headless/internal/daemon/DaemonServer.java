package org.qbi.headless.internal.daemon;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The daemon's socket: runs one client's command at a time (a second client is told it is busy and runs the
 * command itself), answers status and stop requests, and ends after {@code idle} without a command. One daemon
 * per socket: it holds the socket's lock file for its life, so a second one started for the same socket ends at
 * once. The command itself is the {@link Runner}'s business (the platform's qbi commands in the product, a
 * stand-in in tests).
 */
public final class DaemonServer {

    /** Runs one command with the client's output streams and session; returns the exit code. */
    @FunctionalInterface
    public interface Runner {
        int run(List<String> args, PrintStream out, PrintStream err, RemoteSession session) throws Exception;
    }

    /** How long an abandoned command (its client left, it registered no interrupt action) may take to end. */
    static final Duration ABANDON_GRACE = Duration.ofSeconds(2);

    private final Path socket;
    private final Path directory;
    /** The served directory's identity when the daemon was made. */
    private final Object directoryKey;
    private final Duration idle;
    private final Runner runner;
    private final Runnable endProcess;
    /** The daemon's own log (its stderr when made): a command's System.err is its client's. */
    private final PrintStream log = System.err;
    private final Instant started = Instant.now();
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile String running = "";
    private volatile long lastActivity = System.nanoTime();
    private volatile boolean stopping;
    private volatile RemoteSession session;
    private volatile Thread commandThread;
    private long commands;
    private ServerSocketChannel server;

    /**
     * @param directory the directory it serves (its working directory): deleted, or deleted and made again, the
     *                  daemon ends, as no client can reach it any more
     */
    public DaemonServer(Path socket, Path directory, Duration idle, Runner runner) {
        this(socket, directory, idle, runner, () -> Runtime.getRuntime().halt(DaemonProtocol.INTERRUPTED));
    }

    /**
     * @param endProcess ends the daemon's process at once: what Ctrl-C does to a command in a process of its own
     *                   when the command neither listens for it nor stops when its thread is interrupted
     */
    DaemonServer(Path socket, Path directory, Duration idle, Runner runner, Runnable endProcess) {
        this.socket = socket;
        this.directory = directory.toAbsolutePath();
        this.directoryKey = directoryKey();
        this.idle = idle;
        this.runner = runner;
        this.endProcess = endProcess;
    }

    /**
     * Listens until idle or stopped. Returns false at once when another daemon holds this socket's lock.
     */
    public boolean serve() throws IOException {
        try (FileChannel lockFile = FileChannel.open(DaemonClient.lockOf(socket), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE); FileLock lock = tryLock(lockFile)) {
            if (lock == null) {
                return false;
            }
            Files.deleteIfExists(socket);
            try (ServerSocketChannel listening = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
                listening.bind(UnixDomainSocketAddress.of(socket));
                synchronized (this) {
                    server = listening;
                }
                Thread watchdog = Thread.ofPlatform().daemon().name("qbi-daemon-idle").start(this::closeWhenIdle);
                try {
                    acceptLoop(listening);
                } finally {
                    watchdog.interrupt();
                    Files.deleteIfExists(socket);
                }
            }
            waitForCommand();
            // a clean end leaves nothing behind (the lock file goes while still held, so no second daemon takes it)
            Files.deleteIfExists(DaemonClient.logOf(socket));
            Files.deleteIfExists(DaemonClient.lockOf(socket));
            return true;
        }
    }

    /**
     * The lock, or null when another daemon (another process, or another server in this JVM) holds it. Tried for
     * a second: a client checking whether a socket is stale holds the lock for a moment.
     */
    private static FileLock tryLock(FileChannel file) throws IOException {
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                FileLock lock = file.tryLock();
                if (lock != null) {
                    return lock;
                }
            } catch (java.nio.channels.OverlappingFileLockException heldHere) {
                return null;
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private void acceptLoop(ServerSocketChannel listening) throws IOException {
        while (!stopping) {
            SocketChannel client;
            try {
                client = listening.accept();
            } catch (java.nio.channels.ClosedChannelException closed) {
                // closed by stop(), while waiting (asynchronously) or just before
                return;
            }
            if (stopping) {
                // accepted while the listening socket was closing (a blocked accept keeps it open for a moment):
                // a daemon that was asked to end serves nobody new
                client.close();
                return;
            }
            Thread.ofPlatform().name("qbi-daemon-client").start(() -> handle(client));
        }
    }

    private void handle(SocketChannel client) {
        try (client) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(DaemonProtocol.input(client)));
            OutputStream raw = DaemonProtocol.output(client);
            DaemonProtocol.Request request = DaemonProtocol.readRequest(in);
            if (request.kind() == DaemonProtocol.STATUS) {
                DataOutputStream out = new DataOutputStream(raw);
                out.writeByte(DaemonProtocol.ACCEPTED);
                out.writeUTF(status());
                out.writeBoolean(busy.get());
                out.writeLong(Duration.ofNanos(System.nanoTime() - lastActivity).toMillis());
                out.flush();
                return;
            }
            if (request.kind() == DaemonProtocol.STOP) {
                raw.write(DaemonProtocol.ACCEPTED);
                stop();
                waitForCommand();
                return;
            }
            if (request.kind() == DaemonProtocol.STOP_IF_IDLE) {
                // taking "busy" first: a command that arrives meanwhile finds the daemon busy, none is cancelled
                if (stopping || !busy.compareAndSet(false, true)) {
                    raw.write(DaemonProtocol.BUSY);
                    return;
                }
                raw.write(DaemonProtocol.ACCEPTED);
                stop();
                return;
            }
            if (stopping || !busy.compareAndSet(false, true)) {
                raw.write(DaemonProtocol.BUSY);
                return;
            }
            try {
                raw.write(DaemonProtocol.ACCEPTED);
                run(request, in, raw);
            } finally {
                lastActivity = System.nanoTime();
                busy.set(false);
            }
        } catch (java.io.EOFException e) {
            // a client that connected and left (a probe, or killed before it asked)
        } catch (IOException | RuntimeException e) {
            log.println("qbi daemon: a client connection failed: " + e);
        } catch (Error e) {
            // after an OutOfMemoryError or a class that failed to initialise this JVM is not to be trusted again
            log.println("qbi daemon: ending after " + e);
            stop();
        }
    }

    private void run(DaemonProtocol.Request request, DataInputStream in, OutputStream raw) throws IOException {
        Frames frames = new Frames(raw);
        Thread command = Thread.currentThread();
        RemoteSession remote = new RemoteSession(request.stderrIsTerminal(), () -> abandon(frames, command));
        PrintStream out = new PrintStream(new BufferedOutputStream(frames.stream(DaemonProtocol.STDOUT), 8192), true,
                StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(new BufferedOutputStream(frames.stream(DaemonProtocol.STDERR), 8192), true,
                StandardCharsets.UTF_8);
        synchronized (this) {
            commands++;
            running = String.join(" ", request.args());
            session = remote;
            commandThread = Thread.currentThread();
        }
        // the client's Ctrl-C, or the client gone (killed, closed terminal), interrupts the command
        Thread listener = Thread.ofPlatform().daemon().name("qbi-daemon-cancel").start(() -> {
            try {
                int b;
                while ((b = in.read()) >= 0) {
                    if (b == DaemonProtocol.CANCEL) {
                        remote.interrupt();
                    }
                }
            } catch (IOException gone) {
                // as below
            }
            frames.detach();
            remote.interrupt();
        });
        int code;
        Error fatal = null;
        try {
            code = runner.run(request.args(), out, err, remote);
        } catch (Exception e) {
            err.println("qbi: unexpected " + e.getClass().getName() + ": " + e.getMessage());
            e.printStackTrace(err);
            code = 1;
        } catch (Error e) {
            err.println("qbi: " + e.getClass().getName() + ": " + e.getMessage() + " (the background qbi process ends; "
                    + "the next command starts a new one)");
            code = 1;
            fatal = e;
        } finally {
            remote.ended();
            try {
                remote.awaitChildOutput(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.flush();
            err.flush();
            synchronized (this) {
                running = "";
                session = null;
                commandThread = null;
            }
        }
        // the listener ends when handle() closes the connection
        frames.exit(code);
        Thread.interrupted(); // an abandoned command's interrupt is not the connection's business
        if (fatal != null) {
            stop();
        }
    }

    /**
     * The client left (Ctrl-C, killed) and the command registered no interrupt action: the client gets 130 at once,
     * the command's thread is interrupted, and if it has not ended after {@link #ABANDON_GRACE} the daemon's process
     * ends, as the command's own process would have on SIGINT, so it never runs on unseen.
     */
    private void abandon(Frames frames, Thread command) {
        frames.exit(DaemonProtocol.INTERRUPTED);
        command.interrupt();
        Thread.ofPlatform().daemon().name("qbi-daemon-abandon").start(() -> {
            try {
                if (!command.join(ABANDON_GRACE)) {
                    log.println("qbi daemon: an interrupted command did not stop; ending");
                    endProcess.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    /** Stops accepting clients; a running command is asked to stop as on Ctrl-C. */
    public void stop() {
        stopping = true;
        RemoteSession current = session;
        if (current != null) {
            current.interrupt();
        }
        synchronized (this) {
            if (server != null) {
                try {
                    server.close();
                } catch (IOException e) {
                    // closing a listening socket does not fail in ways that matter here
                }
            }
        }
    }

    private void waitForCommand() {
        Thread thread = commandThread;
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void closeWhenIdle() {
        while (!stopping) {
            long idleNanos = System.nanoTime() - lastActivity;
            // a daemon serves one directory: deleted (or deleted and made again: another inode), it has no clients
            if (!busy.get() && (idleNanos >= idle.toNanos() || !Objects.equals(directoryKey, directoryKey()))) {
                stop();
                return;
            }
            try {
                Thread.sleep(Math.max(10, Math.min(1000, (idle.toNanos() - idleNanos) / 1_000_000)));
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The served directory's identity (device and inode), or null when it is gone. */
    private Object directoryKey() {
        try {
            return Files.readAttributes(directory, java.nio.file.attribute.BasicFileAttributes.class).fileKey();
        } catch (IOException gone) {
            return null;
        }
    }

    private synchronized String status() {
        return "qbi daemon pid " + ProcessHandle.current().pid() + " in " + directory
                + ": started " + started + ", " + commands + " command" + (commands == 1 ? "" : "s") + " run, "
                + (running.isEmpty() ? "idle for " + Duration.ofNanos(System.nanoTime() - lastActivity).toSeconds()
                        + " s (ends after " + idle.toMinutes() + " min idle)" : "running: qbi " + running);
    }

    /** Output frames to one client; after the client has gone or the exit code was sent, output is dropped. */
    private static final class Frames {
        private final DataOutputStream out;
        private boolean closed;

        Frames(OutputStream raw) {
            this.out = new DataOutputStream(raw);
        }

        synchronized void write(byte type, byte[] b, int off, int len) {
            if (closed || len == 0) {
                return;
            }
            try {
                out.writeByte(type);
                out.writeInt(len);
                out.write(b, off, len);
            } catch (IOException gone) {
                closed = true;
            }
        }

        synchronized void exit(int code) {
            if (closed) {
                return;
            }
            try {
                out.writeByte(DaemonProtocol.EXIT);
                out.writeInt(code);
            } catch (IOException gone) {
                // nobody is listening any more
            }
            closed = true;
        }

        synchronized void detach() {
            closed = true;
        }

        OutputStream stream(byte type) {
            return new OutputStream() {
                @Override
                public void write(int b) {
                    write(new byte[] { (byte) b }, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    Frames.this.write(type, b, off, len);
                }
            };
        }
    }
}
