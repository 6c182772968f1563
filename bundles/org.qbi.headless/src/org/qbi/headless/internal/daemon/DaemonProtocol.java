package org.qbi.headless.internal.daemon;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/**
 * What the {@code qbi} client and the daemon say to each other over the daemon's Unix domain socket (JDK only:
 * the client runs without the platform).
 * <pre>
 * client:  MAGIC VERSION kind(RUN|STATUS|STOP) [RUN: stderrIsTerminal argc arg...]   then CANCEL bytes
 * daemon:  ACCEPTED|BUSY, then frames: STDOUT len bytes | STDERR len bytes | EXIT code
 *          (STATUS: ACCEPTED text busy idleMillis; STOP: ACCEPTED, the connection closes when the daemon has ended;
 *          STOP_IF_IDLE: ACCEPTED and the daemon ends, or BUSY)
 * </pre>
 * A client that disconnects during a run counts as an interrupt (Ctrl-C), so a killed client does not leave its
 * batch running.
 */
final class DaemonProtocol {

    static final int MAGIC = 0x51424944; // "QBID"
    static final int VERSION = 1;

    static final byte RUN = 'R';
    static final byte STATUS = 'S';
    static final byte STOP = 'Q';
    /** Stop unless a command runs (taking the daemon as if for a command, so none arrives meanwhile). */
    static final byte STOP_IF_IDLE = 'I';

    static final byte ACCEPTED = 'A';
    static final byte BUSY = 'B';

    static final byte STDOUT = 'O';
    static final byte STDERR = 'E';
    static final byte EXIT = 'X';

    static final byte CANCEL = 'C';

    /** The client's exit code when the daemon is busy or absent: the start script then runs the command itself. */
    static final int RUN_IN_PROCESS = 75;

    /** Exit code of a command whose client was interrupted before the command could wind down (as for SIGINT). */
    static final int INTERRUPTED = 130;

    private DaemonProtocol() {
    }

    /** A run request. */
    record Request(byte kind, boolean stderrIsTerminal, List<String> args) {
    }

    static void writeRequest(DataOutputStream out, Request request) throws IOException {
        out.writeInt(MAGIC);
        out.writeInt(VERSION);
        out.writeByte(request.kind());
        if (request.kind() == RUN) {
            out.writeBoolean(request.stderrIsTerminal());
            out.writeInt(request.args().size());
            for (String arg : request.args()) {
                out.writeUTF(arg);
            }
        }
        out.flush();
    }

    /** Reads a request; throws naming what is wrong when the peer is not a qbi client of this version. */
    static Request readRequest(DataInputStream in) throws IOException {
        int magic = in.readInt();
        int version = in.readInt();
        if (magic != MAGIC || version != VERSION) {
            throw new IOException("not a qbi client of protocol version " + VERSION + " (magic " + Integer.toHexString(magic)
                    + ", version " + version + ")");
        }
        byte kind = in.readByte();
        if (kind != RUN) {
            if (kind != STATUS && kind != STOP && kind != STOP_IF_IDLE) {
                throw new IOException("unknown request kind " + kind);
            }
            return new Request(kind, false, List.of());
        }
        boolean terminal = in.readBoolean();
        int count = in.readInt();
        if (count < 0 || count > 100_000) {
            throw new IOException("implausible argument count " + count);
        }
        List<String> args = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            args.add(in.readUTF());
        }
        return new Request(kind, terminal, List.copyOf(args));
    }

    /**
     * Reads a blocking channel without holding its blocking lock (as Channels.newInputStream may), so one thread
     * can wait for the peer's bytes while another writes.
     */
    static InputStream input(SocketChannel channel) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                int n = read(one, 0, 1);
                return n < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (len == 0) {
                    return 0;
                }
                return channel.read(ByteBuffer.wrap(b, off, len));
            }
        };
    }

    /** Writes a blocking channel to the end of each buffer. */
    static OutputStream output(SocketChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] { (byte) b }, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                ByteBuffer buffer = ByteBuffer.wrap(b, off, len);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
            }
        };
    }
}
