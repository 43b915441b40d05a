package org.planregistry.query;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A minimal Server-Sent Events client over a real HTTP connection, as an integrating system would follow the
 * stream: it reads events on a thread of its own into a queue, and can reconnect with {@code Last-Event-ID}.
 */
final class SseClient implements AutoCloseable {

    /** One event as received: the {@code id}, {@code event} and {@code data} fields, or a comment. */
    record Received(String id, String event, String data, String comment) {

        long sequence() {
            return Long.parseLong(id);
        }
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final HttpURLConnection connection;
    private final Thread reader;
    private volatile boolean ended;

    private SseClient(HttpURLConnection connection) throws IOException {
        this.connection = connection;
        InputStream body = connection.getInputStream();
        this.reader = new Thread(() -> read(body), "sse-client");
        reader.setDaemon(true);
        reader.start();
    }

    /** Connects to {@code url} with the reader's sign-in, sending {@code lastEventId} when it is not null. */
    static SseClient connect(String url, String user, String password, String lastEventId) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setRequestProperty("Accept", "text/event-stream");
        if (user != null) { // without: the public's stream
            connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
        }
        if (lastEventId != null) {
            connection.setRequestProperty("Last-Event-ID", lastEventId);
        }
        connection.setReadTimeout(30_000);
        if (connection.getResponseCode() != 200) {
            throw new IOException("answered " + connection.getResponseCode());
        }
        return new SseClient(connection);
    }

    private void read(InputStream body) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String id = null;
            String event = null;
            StringBuilder data = null;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.isEmpty()) {
                    if (data != null) {
                        received.add(new Received(id, event, data.toString(), null));
                    }
                    id = null;
                    event = null;
                    data = null;
                } else if (line.startsWith(":")) {
                    received.add(new Received(null, null, null, line.substring(1).trim()));
                } else if (line.startsWith("id:")) {
                    id = value(line);
                } else if (line.startsWith("event:")) {
                    event = value(line);
                } else if (line.startsWith("data:")) {
                    data = data == null ? new StringBuilder(value(line)) : data.append('\n').append(value(line));
                }
            }
        } catch (IOException e) {
            // closed by the test, or by the server
        } finally {
            ended = true;
        }
    }

    private static String value(String line) {
        String value = line.substring(line.indexOf(':') + 1);
        return value.startsWith(" ") ? value.substring(1) : value;
    }

    /** The next event (not a comment), waiting at most {@code seconds}; null when none came. */
    Received nextEvent(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Received next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null || next.comment() == null) {
                return next;
            }
        }
    }

    /** The next comment, waiting at most {@code seconds}; null when none came. */
    Received nextComment(long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            Received next = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null || next.comment() != null) {
                return next;
            }
        }
    }

    /** The events received so far and not yet taken. */
    List<Received> drained() {
        List<Received> all = new ArrayList<>();
        received.drainTo(all);
        return all;
    }

    boolean ended() {
        return ended;
    }

    @Override
    public void close() {
        connection.disconnect();
        reader.interrupt();
    }
}
