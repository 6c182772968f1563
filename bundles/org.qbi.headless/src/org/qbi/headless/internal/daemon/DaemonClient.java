package org.qbi.headless.internal.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.SocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The client side of {@code qbi} when a daemon runs the commands: sends the command line to the daemon of this
 * directory and environment, prints what the command prints, forwards Ctrl-C, and exits with the command's exit
 * code. Runs in a plain JVM without the platform (JDK classes only), so it starts in a fraction of the platform's
 * time. When the daemon took the command, the {@code --outcome} file says "ran" and the exit code is the
 * command's; otherwise exit code {@value #NO_DAEMON} says that no daemon listens there, any other that the start
 * script must run the command itself (the daemon is busy with another command or did not come up).
 * <pre>
 * DaemonClient --socket PATH [--outcome FILE] [--daemon-pid PID --wait-seconds S [--max-daemons N]] -- ARGS...
 * DaemonClient --status DIR | --stop DIR
 * </pre>
 */
public final class DaemonClient {

    /** Exit code when no daemon listens on the socket (none started, or a stale socket of one that died). */
    static final int NO_DAEMON = 76;

    private DaemonClient() {
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    static int run(String[] args) {
        try {
            if (args.length == 2 && args[0].equals("--status")) {
                return status(Path.of(args[1]), System.out);
            }
            if (args.length == 2 && args[0].equals("--stop")) {
                return stop(Path.of(args[1]), System.out);
            }
            Path socket = null;
            long daemonPid = -1;
            int waitSeconds = 0;
            int maxDaemons = 0;
            Path outcome = null;
            int i = 0;
            for (; i < args.length && !args[i].equals("--"); i++) {
                switch (args[i]) {
                    case "--socket" -> socket = Path.of(args[++i]);
                    case "--daemon-pid" -> daemonPid = Long.parseLong(args[++i]);
                    case "--wait-seconds" -> waitSeconds = Integer.parseInt(args[++i]);
                    case "--max-daemons" -> maxDaemons = Integer.parseInt(args[++i]);
                    case "--outcome" -> outcome = Path.of(args[++i]);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (socket == null || i == args.length) {
                throw new IllegalArgumentException("usage: DaemonClient --socket PATH [--outcome FILE] [--daemon-pid PID "
                        + "--wait-seconds S [--max-daemons N]] -- ARGS... | --status DIR | --stop DIR");
            }
            List<String> command = List.of(Arrays.copyOfRange(args, i + 1, args.length));
            if (daemonPid >= 0 && maxDaemons > 0) {
                trim(socket.getParent(), socket, maxDaemons);
            }
            SocketChannel channel = connect(socket, daemonPid, waitSeconds);
            if (channel == null) {
                return daemonPid < 0 ? NO_DAEMON : DaemonProtocol.RUN_IN_PROCESS;
            }
            java.io.Console console = System.console();
            Path ran = outcome;
            try (channel) {
                // Ctrl-C asks the command to stop (it cleans up and reports); the daemon answers with its exit code.
                // Once the daemon has taken the command, the outcome file says so: the exit code is then the
                // command's, whatever its value (the start script must not run it again)
                return runCommand(channel, command, console != null && console.isTerminal(), System.out, System.err,
                        logOf(socket), cancel -> {
                            markRan(ran);
                            sun.misc.Signal.handle(new sun.misc.Signal("INT"), signal -> cancel.run());
                        });
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("qbi: the background qbi process could not be used (" + e.getMessage()
                    + "); running the command in this process");
            return DaemonProtocol.RUN_IN_PROCESS;
        }
    }

    private static void markRan(Path outcome) {
        if (outcome != null) {
            try {
                Files.writeString(outcome, "ran\n");
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write " + outcome, e);
            }
        }
    }

    /**
     * Connects to the daemon; with a daemon just started ({@code daemonPid} >= 0) waits up to {@code waitSeconds}
     * for it to listen. Null when no daemon listens: a stale socket (its daemon holds no lock) is removed.
     */
    static SocketChannel connect(Path socket, long daemonPid, int waitSeconds) throws IOException {
        long deadline = System.nanoTime() + waitSeconds * 1_000_000_000L;
        while (true) {
            try {
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                try {
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    return channel;
                } catch (IOException e) {
                    channel.close();
                    throw e;
                }
            } catch (IOException notYet) {
                if (daemonPid < 0) {
                    removeIfStale(socket);
                    return null;
                }
                boolean alive = ProcessHandle.of(daemonPid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive || System.nanoTime() > deadline) {
                    System.err.println("qbi: the background qbi process " + (alive ? "did not start within "
                            + waitSeconds + " s" : "ended while starting") + " (its log: " + logOf(socket)
                            + "); running the command in this process");
                    return null;
                }
                sleep(20);
            }
        }
    }

    /**
     * Sends {@code command} and copies its output to {@code out} and {@code err} until its exit code arrives;
     * {@code onAccepted} receives the way to interrupt it (Ctrl-C). {@value DaemonProtocol#RUN_IN_PROCESS} when
     * the daemon is busy.
     */
    static int runCommand(SocketChannel channel, List<String> command, boolean stderrIsTerminal, PrintStream out,
            PrintStream err, Path log, java.util.function.Consumer<Runnable> onAccepted) throws IOException {
        DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(DaemonProtocol.input(channel)));
        OutputStream raw = DaemonProtocol.output(channel);
        DaemonProtocol.writeRequest(new DataOutputStream(new java.io.BufferedOutputStream(raw)),
                new DaemonProtocol.Request(DaemonProtocol.RUN, stderrIsTerminal, command));
        byte answer = in.readByte();
        if (answer == DaemonProtocol.BUSY) {
            return DaemonProtocol.RUN_IN_PROCESS;
        }
        onAccepted.accept(() -> {
            try {
                synchronized (raw) {
                    raw.write(DaemonProtocol.CANCEL);
                }
            } catch (IOException gone) {
                // the daemon has gone: the read below reports it
            }
        });
        byte[] buffer = new byte[65536];
        try {
            while (true) {
                byte type = in.readByte();
                int value = in.readInt();
                if (type == DaemonProtocol.EXIT) {
                    out.flush();
                    err.flush();
                    return value;
                }
                PrintStream target = type == DaemonProtocol.STDERR ? err : out;
                for (int left = value; left > 0;) {
                    int n = in.read(buffer, 0, Math.min(left, buffer.length));
                    if (n < 0) {
                        throw new java.io.EOFException();
                    }
                    target.write(buffer, 0, n);
                    left -= n;
                }
                target.flush();
            }
        } catch (java.io.EOFException e) {
            out.flush();
            err.println("qbi: the background qbi process ended during the command (its log: " + log + ")");
            return 1;
        }
    }

    /** What a daemon said about itself. */
    record Status(Path socket, String text, boolean busy, long idleMillis) {
    }

    /** Prints what each daemon of {@code dir} is doing. */
    static int status(Path dir, PrintStream out) throws IOException {
        List<Status> all = statuses(dir);
        all.forEach(s -> out.println(s.text()));
        if (all.isEmpty()) {
            out.println("No qbi daemon is running.");
        }
        return 0;
    }

    /** Stops every daemon of {@code dir}, each after its running command (asked to stop) has ended. */
    static int stop(Path dir, PrintStream out) throws IOException {
        int stopped = 0;
        for (Path socket : sockets(dir)) {
            if (stop(socket)) {
                stopped++;
            }
        }
        out.println(stopped == 0 ? "No qbi daemon is running." : "Stopped " + stopped + " qbi daemon"
                + (stopped == 1 ? "." : "s."));
        return 0;
    }

    /**
     * Stops the longest idle daemons of {@code dir} other than {@code keep} until at most {@code max} remain with
     * it (busy ones are left alone): a script running qbi in many directories does not pile up processes.
     */
    static void trim(Path dir, Path keep, int max) throws IOException {
        List<Status> idle = new ArrayList<>();
        int others = 0;
        // not asking the daemon being started: it may not listen yet, and nothing may touch its lock meanwhile
        for (Status s : statuses(dir, keep)) {
            others++;
            if (!s.busy()) {
                idle.add(s);
            }
        }
        idle.sort(java.util.Comparator.comparingLong(Status::idleMillis).reversed());
        for (int i = 0; i < idle.size() && others > max - 1; i++) {
            // ends only if still idle: a command that reached it meanwhile is not cancelled
            try (SocketChannel stopped = ask(idle.get(i).socket(), DaemonProtocol.STOP_IF_IDLE)) {
                if (stopped != null) {
                    others--;
                }
            }
        }
    }

    static List<Status> statuses(Path dir) throws IOException {
        return statuses(dir, null);
    }

    private static List<Status> statuses(Path dir, Path skip) throws IOException {
        List<Status> all = new ArrayList<>();
        for (Path socket : sockets(dir)) {
            if (socket.equals(skip)) {
                continue;
            }
            try (SocketChannel channel = ask(socket, DaemonProtocol.STATUS)) {
                if (channel != null) {
                    DataInputStream in = new DataInputStream(DaemonProtocol.input(channel));
                    all.add(new Status(socket, in.readUTF(), in.readBoolean(), in.readLong()));
                }
            } catch (java.io.EOFException gone) {
                // ended meanwhile
            }
        }
        return all;
    }

    /**
     * Asks the daemon of {@code socket} to end (a running command is interrupted); true when it was asked. Waits up
     * to half a minute for it to end (it closes the connection then): a command that does not listen for
     * interrupts is not waited for longer.
     */
    private static boolean stop(Path socket) throws IOException {
        SocketChannel channel = ask(socket, DaemonProtocol.STOP);
        if (channel == null) {
            return false;
        }
        Thread waiting = Thread.ofPlatform().daemon().start(() -> {
            try (channel) {
                java.io.InputStream in = DaemonProtocol.input(channel);
                while (in.read() >= 0) {
                    // until the daemon has ended
                }
            } catch (IOException ended) {
                // as ended
            }
        });
        try {
            waiting.join(java.time.Duration.ofSeconds(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    /** Sends a STATUS or STOP request; the connection after the daemon's ACCEPTED, or null if none listens. */
    private static SocketChannel ask(Path socket, byte kind) throws IOException {
        SocketChannel channel = connect(socket, -1, 0);
        if (channel == null) {
            return null;
        }
        try {
            DaemonProtocol.writeRequest(new DataOutputStream(DaemonProtocol.output(channel)),
                    new DaemonProtocol.Request(kind, false, List.of()));
            int answer = DaemonProtocol.input(channel).read();
            if (answer == DaemonProtocol.ACCEPTED) {
                return channel;
            }
        } catch (IOException gone) {
            // ended meanwhile
        }
        channel.close();
        return null;
    }

    private static List<Path> sockets(Path dir) throws IOException {
        List<Path> sockets = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return sockets;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, "*.sock")) {
            entries.forEach(sockets::add);
        }
        sockets.sort(null);
        return sockets;
    }

    /** Removes a socket file nobody listens on, unless a daemon still holds its lock (it is starting up). */
    private static void removeIfStale(Path socket) throws IOException {
        if (!Files.exists(socket)) {
            return;
        }
        Path lock = lockOf(socket);
        try (FileChannel file = FileChannel.open(lock, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock held = file.tryLock()) {
            if (held != null) {
                Files.deleteIfExists(socket);
            }
        } catch (java.nio.channels.OverlappingFileLockException e) {
            // this JVM holds it (tests): not stale
        }
    }

    static Path lockOf(Path socket) {
        return sibling(socket, ".lock");
    }

    static Path logOf(Path socket) {
        return sibling(socket, ".log");
    }

    private static Path sibling(Path socket, String suffix) {
        String name = socket.getFileName().toString();
        return socket.resolveSibling((name.endsWith(".sock") ? name.substring(0, name.length() - 5) : name) + suffix);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
