package org.planregistry.eventstore;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A TCP proxy between the MongoDB driver and a server that can lose an answer after the server acted on the request:
 * what a failover or a cut cable does to a write, which the embedded server alone cannot show. It reads the wire
 * protocol's framing (a 16-byte header: length, request id, the id answered, operation code) and, for OP_MSG, the
 * command's name and target (its body's first element), so a test can say "drop the answer to the next insert into
 * events". The connection is then closed, as a broken network would leave it.
 */
public final class FaultyLink implements AutoCloseable {

    private static final int OP_MSG = 2013;

    private final ServerSocket listener;
    private final int serverPort;
    private final AtomicReference<String> dropAnswerTo = new AtomicReference<>();
    private final AtomicInteger answersDropped = new AtomicInteger();
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();

    private FaultyLink(int serverPort) throws IOException {
        this.serverPort = serverPort;
        this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "faulty-link");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A link to the server on {@code serverPort} of this machine. */
    public static FaultyLink to(int serverPort) throws IOException {
        return new FaultyLink(serverPort);
    }

    /** A connection string for {@code database} through this link. */
    public String uri(String database) {
        return "mongodb://127.0.0.1:" + listener.getLocalPort() + "/" + database + "?retryWrites=false";
    }

    /**
     * The next {@code command} into {@code collection} (e.g. "insert", "events") reaches the server and is carried
     * out, but its answer never reaches the driver: the connection breaks instead.
     */
    public void dropNextAnswerTo(String command, String collection) {
        dropAnswerTo.set(command + " " + collection);
    }

    /** How many answers were dropped so far. */
    public int answersDropped() {
        return answersDropped.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket client = listener.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), serverPort);
                sockets.add(client);
                sockets.add(server);
                AtomicInteger doomedRequest = new AtomicInteger(-1);
                start(() -> requests(client, server, doomedRequest));
                start(() -> answers(server, client, doomedRequest));
            } catch (IOException e) {
                return; // closed
            }
        }
    }

    private static void start(Runnable pump) {
        Thread thread = new Thread(pump, "faulty-link-pump");
        thread.setDaemon(true);
        thread.start();
    }

    private void requests(Socket client, Socket server, AtomicInteger doomedRequest) {
        try (InputStream in = client.getInputStream(); OutputStream out = server.getOutputStream()) {
            DataInputStream messages = new DataInputStream(in);
            while (true) {
                byte[] message = readMessage(messages);
                ByteBuffer header = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN);
                String target = header.getInt(12) == OP_MSG ? commandOf(message) : "";
                String armed = dropAnswerTo.get();
                if (armed != null && armed.equals(target) && dropAnswerTo.compareAndSet(armed, null)) {
                    doomedRequest.set(header.getInt(4));
                }
                out.write(message);
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(client, server);
        }
    }

    private void answers(Socket server, Socket client, AtomicInteger doomedRequest) {
        try (InputStream in = server.getInputStream(); OutputStream out = client.getOutputStream()) {
            DataInputStream messages = new DataInputStream(in);
            while (true) {
                byte[] message = readMessage(messages);
                int answersRequest = ByteBuffer.wrap(message).order(ByteOrder.LITTLE_ENDIAN).getInt(8);
                if (answersRequest == doomedRequest.get()) {
                    answersDropped.incrementAndGet();
                    closeQuietly(client, server); // the server acted; the driver never hears of it
                    return;
                }
                out.write(message);
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(client, server);
        }
    }

    private static byte[] readMessage(DataInputStream in) throws IOException {
        byte[] lengthBytes = new byte[4];
        in.readFully(lengthBytes);
        int length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getInt();
        byte[] message = new byte[length];
        System.arraycopy(lengthBytes, 0, message, 0, 4);
        in.readFully(message, 4, length - 4);
        return message;
    }

    /**
     * "insert events" for an OP_MSG whose body (section kind 0, right after the flags) starts with
     * {@code insert: "events"}; empty for anything else.
     */
    private static String commandOf(byte[] message) {
        int at = 16 + 4; // header, flag bits
        if (message.length <= at + 6 || message[at] != 0) {
            return "";
        }
        int element = at + 1 + 4; // section kind, document length
        byte type = message[element];
        int nameStart = element + 1;
        int nameEnd = nameStart;
        while (nameEnd < message.length && message[nameEnd] != 0) {
            nameEnd++;
        }
        String name = new String(message, nameStart, nameEnd - nameStart, StandardCharsets.UTF_8);
        if (type != 0x02) { // not a string: no collection to name
            return name;
        }
        int valueLength = ByteBuffer.wrap(message, nameEnd + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
        return name + " " + new String(message, nameEnd + 5, valueLength - 1, StandardCharsets.UTF_8);
    }

    private static void closeQuietly(Socket... sockets) {
        for (Socket socket : sockets) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // already broken
            }
        }
    }

    @Override
    public void close() throws IOException {
        listener.close();
        for (Socket socket : sockets) {
            closeQuietly(socket);
        }
    }
}
