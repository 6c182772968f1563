package org.qbi.headless.internal.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The daemon's socket protocol with stand-in commands: output, exit codes, busy, Ctrl-C, a vanished client, idle. */
class DaemonServerTest {

    @TempDir
    Path tmp;

    private DaemonServer server;
    private Thread serving;
    private final AtomicReference<Object> served = new AtomicReference<>();
    /** Set instead of halting the test JVM when the daemon would end its process. */
    private final AtomicBoolean ended = new AtomicBoolean();

    @AfterEach
    void stopServer() throws InterruptedException {
        if (server != null) {
            server.stop();
            serving.join(10_000);
        }
    }

    private Path start(Duration idle, DaemonServer.Runner runner) throws Exception {
        Path socket = tmp.resolve("d.sock");
        server = new DaemonServer(socket, tmp, idle, runner, () -> ended.set(true));
        serving = Thread.ofPlatform().start(() -> {
            try {
                served.set(server.serve());
            } catch (IOException e) {
                served.set(e);
            }
        });
        SocketChannel probe = DaemonClient.connect(socket, ProcessHandle.current().pid(), 10);
        assertNotNull(probe, "the daemon listens");
        probe.close();
        return socket;
    }

    /** What a client saw: exit code, stdout, stderr. */
    private record Seen(int code, String out, String err) {
    }

    private static Seen run(Path socket, List<String> args, java.util.function.Consumer<Runnable> onAccepted)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        try (SocketChannel channel = DaemonClient.connect(socket, -1, 0)) {
            assertNotNull(channel);
            int code = DaemonClient.runCommand(channel, args, false, new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), DaemonClient.logOf(socket), onAccepted);
            return new Seen(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void aCommandsOutputAndExitCodeReachTheClient() throws Exception {
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            out.println("args " + args);
            err.println("ünïcode on stderr");
            out.print("no newline");
            return 3;
        });

        Seen seen = run(socket, List.of("run", "a b", "--x"), cancel -> { });

        assertEquals(new Seen(3, "args [run, a b, --x]\nno newline", "ünïcode on stderr\n"), seen);
        String status = status(socket);
        assertTrue(status.contains("1 command run, idle for"), status);
    }

    @Test
    void aSecondClientIsToldTheDaemonIsBusy() throws Exception {
        CountDownLatch running = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            running.countDown();
            release.await(10, TimeUnit.SECONDS);
            return 0;
        });
        Thread first = Thread.ofPlatform().start(() -> {
            try {
                run(socket, List.of("first"), cancel -> { });
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        assertTrue(running.await(10, TimeUnit.SECONDS));

        Seen second = run(socket, List.of("second"), cancel -> { });
        String status = status(socket);
        release.countDown();
        first.join(10_000);

        assertEquals(DaemonProtocol.RUN_IN_PROCESS, second.code());
        assertTrue(status.contains("running: qbi first"), status);
        assertEquals(0, run(socket, List.of("third"), cancel -> { }).code(), "free again after the first ended");
    }

    @Test
    void ctrlCRunsTheCommandsInterruptActionAndTheClientGetsItsExitCode() throws Exception {
        CountDownLatch listening = new CountDownLatch(1);
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            CountDownLatch interrupted = new CountDownLatch(1);
            try (var handling = session.onInterrupt(interrupted::countDown)) {
                out.println("working");
                listening.countDown();
                assertTrue(interrupted.await(10, TimeUnit.SECONDS), "interrupted");
            }
            out.println("cleaned up");
            return 5;
        });

        Seen seen = run(socket, List.of("run"), cancel -> afterwards(listening, cancel));

        assertEquals(new Seen(5, "working\ncleaned up\n", ""), seen);
    }

    @Test
    void aCommandInterruptedBeforeItListensStopsAtItsFirstCheck() throws Exception {
        CountDownLatch interruptSent = new CountDownLatch(1);
        AtomicBoolean stopped = new AtomicBoolean();
        CountDownLatch ended = new CountDownLatch(1);
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            try {
                interruptSent.await(10, TimeUnit.SECONDS);
                for (int i = 0; i < 1000 && !session.isInterrupted(); i++) {
                    Thread.sleep(10);
                }
            } catch (InterruptedException expected) {
                // the abandoned command's thread is interrupted too
            }
            try (var handling = session.onInterrupt(() -> stopped.set(true))) {
                ended.countDown();
                return 0;
            }
        });

        Seen seen = run(socket, List.of("run"), cancel -> {
            cancel.run();
            interruptSent.countDown();
        });

        assertEquals(DaemonProtocol.INTERRUPTED, seen.code(), "the client left at once");
        assertTrue(ended.await(10, TimeUnit.SECONDS));
        assertTrue(stopped.get(), "the action registered after the interrupt ran at once");
        assertFalse(this.ended.get(), "it stopped, so the daemon did not end");
    }

    /** Runs {@code action} on another thread once {@code ready} is counted down. */
    private static void afterwards(CountDownLatch ready, Runnable action) {
        Thread.ofPlatform().start(() -> {
            try {
                if (ready.await(10, TimeUnit.SECONDS)) {
                    action.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
    }

    @Test
    void ctrlCOnACommandWithoutInterruptActionEndsTheClientWith130AndInterruptsTheCommand() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            if (args.equals(List.of("next"))) {
                return 0;
            }
            try {
                Thread.sleep(10_000);
            } catch (InterruptedException e) {
                interrupted.countDown();
            }
            out.println("nobody reads this");
            return 0;
        });

        Seen seen = run(socket, List.of("run"), cancel -> cancel.run());

        assertEquals(new Seen(DaemonProtocol.INTERRUPTED, "", ""), seen);
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the command's thread was interrupted");
        Thread.sleep(DaemonServer.ABANDON_GRACE.toMillis() + 300);
        assertFalse(ended.get(), "a command that stopped does not end the daemon");
        assertEquals(0, run(socket, List.of("next"), cancel -> { }).code(), "the daemon serves the next command");
    }

    @Test
    void anAbandonedCommandThatDoesNotStopEndsTheDaemonAsSigintWould() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            long until = System.nanoTime() + 10_000_000_000L;
            while (!stop.get() && System.nanoTime() < until) {
                Thread.onSpinWait(); // deaf to interrupts
            }
            return 0;
        });

        long start = System.nanoTime();
        Seen seen = run(socket, List.of("run"), cancel -> cancel.run());
        for (int i = 0; i < 1000 && !ended.get(); i++) {
            Thread.sleep(10);
        }
        stop.set(true);

        assertEquals(DaemonProtocol.INTERRUPTED, seen.code());
        assertTrue(ended.get(), "the daemon's process was ended");
        assertTrue(System.nanoTime() - start >= DaemonServer.ABANDON_GRACE.toNanos(), "after the grace period");
    }

    @Test
    void anErrorInACommandEndsTheDaemonAfterItsExitCode() throws Exception {
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            throw new ExceptionInInitializerError("a class failed to initialise");
        });

        Seen seen = run(socket, List.of("run"), cancel -> { });
        serving.join(10_000);

        assertEquals(1, seen.code());
        assertTrue(seen.err().contains("ExceptionInInitializerError"), seen.err());
        assertFalse(serving.isAlive(), "the daemon ended");
    }

    @Test
    void aClientThatGoesAwayInterruptsItsCommand() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        CountDownLatch accepted = new CountDownLatch(1);
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            try (var handling = session.onInterrupt(interrupted::countDown)) {
                accepted.countDown();
                interrupted.await(10, TimeUnit.SECONDS);
            }
            return 0;
        });

        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            DaemonProtocol.writeRequest(new DataOutputStream(DaemonProtocol.output(channel)),
                    new DaemonProtocol.Request(DaemonProtocol.RUN, false, List.of("run")));
            assertEquals(DaemonProtocol.ACCEPTED, new DataInputStream(DaemonProtocol.input(channel)).readByte());
            assertTrue(accepted.await(10, TimeUnit.SECONDS));
        } // the client is killed: its connection closes

        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the command was interrupted");
    }

    @Test
    void aChildProcessGetsTheClientsConsoleAndEndsOnCtrlC() throws Exception {
        CountDownLatch childStarted = new CountDownLatch(1);
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> {
            PrintStream previous = System.out;
            System.setOut(out);
            try {
                Path started = tmp.resolve("child-started");
                Process child = session.startWithConsole(new ProcessBuilder("sh", "-c",
                        "echo child started; touch '" + started + "'; exec sleep 30"));
                for (int i = 0; i < 1000 && !Files.exists(started); i++) {
                    Thread.sleep(10);
                }
                childStarted.countDown();
                return child.waitFor();
            } finally {
                System.setOut(previous);
            }
        });

        Seen seen = run(socket, List.of("spark"), cancel -> afterwards(childStarted, cancel));

        assertEquals(143, seen.code(), "sleep ended by SIGTERM: " + seen);
        assertEquals("child started\n", seen.out());
    }

    @Test
    void theDaemonEndsWhenIdleAndRemovesItsSocket() throws Exception {
        Path socket = start(Duration.ofMillis(300), (args, out, err, session) -> 0);
        assertEquals(0, run(socket, List.of("version"), cancel -> { }).code());

        serving.join(10_000);

        assertFalse(serving.isAlive(), "ended after 300 ms idle");
        assertEquals(Boolean.TRUE, served.get());
        assertFalse(Files.exists(socket));
        assertFalse(Files.exists(DaemonClient.lockOf(socket)), "a clean end leaves no lock file");
        assertNull(DaemonClient.connect(socket, -1, 0), "nobody listens");
    }

    @Test
    void theDaemonEndsWhenItsDirectoryIsDeletedOrMadeAgain() throws Exception {
        for (boolean madeAgain : new boolean[] { false, true }) {
            Path directory = Files.createDirectories(tmp.resolve("served-" + madeAgain));
            Path socket = tmp.resolve("served-" + madeAgain + ".sock");
            DaemonServer daemon = new DaemonServer(socket, directory, Duration.ofMinutes(1), (a, o, e, s) -> 0);
            Thread thread = Thread.ofPlatform().start(() -> {
                try {
                    daemon.serve();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            DaemonClient.connect(socket, ProcessHandle.current().pid(), 10).close();

            // a daemon's working directory stays referenced, so one made again gets another inode: an open
            // directory stream holds it here as the process's working directory would
            try (var held = Files.newDirectoryStream(directory)) {
                Files.delete(directory);
                if (madeAgain) {
                    Files.createDirectory(directory);
                }
                thread.join(10_000);
            }

            assertFalse(thread.isAlive(), "ended (made again: " + madeAgain + ")");
            assertFalse(Files.exists(socket));
        }
    }

    @Test
    void startingADaemonEndsTheLongestIdleOthersBeyondTheLimitButNoBusyOne() throws Exception {
        List<DaemonServer> daemons = new java.util.ArrayList<>();
        List<Thread> threads = new java.util.ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch running = new CountDownLatch(1);
        Thread busyClient = null;
        try {
            for (int i = 0; i < 4; i++) {
                Path socket = tmp.resolve("t" + i + ".sock");
                DaemonServer daemon = new DaemonServer(socket, tmp, Duration.ofMinutes(1), (a, o, e, s) -> {
                    running.countDown();
                    release.await(10, TimeUnit.SECONDS);
                    return 0;
                });
                daemons.add(daemon);
                threads.add(Thread.ofPlatform().start(() -> {
                    try {
                        daemon.serve();
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }));
                DaemonClient.connect(socket, ProcessHandle.current().pid(), 10).close();
                Thread.sleep(50); // t0 has been idle longest, t3 shortest
            }
            Path first = tmp.resolve("t0.sock");
            busyClient = Thread.ofPlatform().start(() -> {
                try {
                    run(first, List.of("busy"), cancel -> { });
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
            assertTrue(running.await(10, TimeUnit.SECONDS));

            DaemonClient.trim(tmp, tmp.resolve("new.sock"), 3);

            List<String> left = DaemonClient.statuses(tmp).stream().map(s -> s.socket().getFileName().toString()).toList();
            assertEquals(List.of("t0.sock", "t3.sock"), left, "two others and the new one make three; busy t0 stays");
        } finally {
            release.countDown();
            if (busyClient != null) {
                busyClient.join(10_000);
            }
            daemons.forEach(DaemonServer::stop);
            for (Thread thread : threads) {
                thread.join(10_000);
            }
        }
    }

    @Test
    void aSecondDaemonForTheSameSocketEndsAtOnce() throws Exception {
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> 0);

        assertFalse(new DaemonServer(socket, tmp, Duration.ofMinutes(1), (a, o, e, s) -> 0).serve());
        assertEquals(0, run(socket, List.of("version"), cancel -> { }).code(), "the first still serves");
    }

    @Test
    void stopEndsTheDaemon() throws Exception {
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> 0);
        ByteArrayOutputStream said = new ByteArrayOutputStream();

        DaemonClient.stop(tmp, new PrintStream(said, true, StandardCharsets.UTF_8));
        serving.join(10_000);

        assertEquals("Stopped 1 qbi daemon.\n", said.toString(StandardCharsets.UTF_8));
        assertFalse(serving.isAlive());
        assertFalse(Files.exists(socket));
    }

    @Test
    void aSocketNobodyListensOnIsRemovedAndMeansNoDaemon() throws Exception {
        Path socket = tmp.resolve("stale.sock");
        try (ServerSocketChannel dead = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            dead.bind(UnixDomainSocketAddress.of(socket));
        } // a daemon killed with SIGKILL leaves its socket file behind
        assertTrue(Files.exists(socket));

        assertNull(DaemonClient.connect(socket, -1, 0));
        assertFalse(Files.exists(socket), "the stale socket was removed");
        assertEquals(DaemonClient.NO_DAEMON, DaemonClient.run(new String[] { "--socket", socket.toString(), "--", "version" }));
    }

    @Test
    void aNonClientIsRefusedWithoutHarmingTheDaemon() throws Exception {
        Path socket = start(Duration.ofMinutes(1), (args, out, err, session) -> 0);
        try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            channel.connect(UnixDomainSocketAddress.of(socket));
            DaemonProtocol.output(channel).write("GET / HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, DaemonProtocol.input(channel).read(), "the daemon hangs up");
        }

        assertEquals(0, run(socket, List.of("version"), cancel -> { }).code());
    }

    private static String status(Path socket) throws IOException {
        ByteArrayOutputStream said = new ByteArrayOutputStream();
        DaemonClient.status(socket.getParent(), new PrintStream(said, true, StandardCharsets.UTF_8));
        return said.toString(StandardCharsets.UTF_8);
    }
}
