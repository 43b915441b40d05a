package org.planregistry.embeddedstore;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;

/**
 * {@link EmbeddedMongo#main(String[])} in a separate JVM, so a test can kill it with SIGKILL the way an operator or
 * the OOM killer would, freeze it (SIGSTOP: it holds its connections and answers nothing), and start it again on the
 * same data directory and port; and so a benchmark can give it a heap of its own and weigh it.
 */
public final class EmbeddedMongoProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    /** Enough for the stores the tests write; a benchmark's large store asks for more. */
    private static final String DEFAULT_HEAP = "256m";

    private final Process process;
    private final int port;
    private final Path log;

    private EmbeddedMongoProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** Starts the server on a free port with {@code dataDir}; returns once it answers {@code ping}. */
    public static EmbeddedMongoProcess start(Path dataDir, Path workDir, String name) throws IOException {
        return start(dataDir, workDir, name, freePort());
    }

    /** Starts the server on {@code port} with {@code dataDir}; returns once it answers {@code ping}. */
    public static EmbeddedMongoProcess start(Path dataDir, Path workDir, String name, int port) throws IOException {
        return launch(List.of("--data", dataDir.toString()), workDir, name, port, DEFAULT_HEAP, List.of());
    }

    /**
     * Starts the durable server on a free port with {@code dataDir} and a heap of at most {@code maxHeap} (as
     * {@code -Xmx} takes it: {@code 2g}); returns once it answers {@code ping}.
     */
    public static EmbeddedMongoProcess start(Path dataDir, Path workDir, String name, String maxHeap)
            throws IOException {
        return launch(List.of("--data", dataDir.toString()), workDir, name, freePort(), maxHeap, List.of());
    }

    /**
     * Starts the server keeping everything in memory, on a free port, with a heap of at most {@code maxHeap}: the
     * whole store lives in that heap, so a large one needs gigabytes.
     */
    public static EmbeddedMongoProcess startInMemory(Path workDir, String name, String maxHeap) throws IOException {
        // The whole store lives in the heap: a stop-the-world collection of gigabytes (G1 at a million events) stalled
        // every client past its time limit, where ZGC collects beside the server's work.
        return launch(List.of("--memory"), workDir, name, freePort(), maxHeap, List.of("-XX:+UseZGC"));
    }

    private static EmbeddedMongoProcess launch(List<String> storage, Path workDir, String name, int port,
                                               String maxHeap, List<String> jvmOptions) throws IOException {
        Path log = workDir.resolve(name + ".log");
        // Without a configuration logback logs at DEBUG; the child would spend its time writing log lines.
        Path logback = workDir.resolve("logback-child.xml");
        if (!Files.exists(logback)) {
            Files.writeString(logback, """
                    <configuration>
                      <appender name="OUT" class="ch.qos.logback.core.ConsoleAppender">
                        <encoder><pattern>%d{HH:mm:ss.SSS} %-5level [%thread] %logger{20} - %msg%n</pattern></encoder>
                      </appender>
                      <root level="INFO"><appender-ref ref="OUT"/></root>
                    </configuration>
                    """, StandardCharsets.UTF_8);
        }
        List<String> args = new ArrayList<>(List.of("--port", Integer.toString(port)));
        args.addAll(storage);
        List<String> options = new ArrayList<>(jvmOptions);
        options.add("-Dlogback.configurationFile=" + logback);
        List<String> command = ChildJvm.command(maxHeap, options, EmbeddedMongo.class.getName(), args);
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        EmbeddedMongoProcess server = new EmbeddedMongoProcess(process, port, log);
        try {
            server.awaitReady();
        } catch (RuntimeException | Error e) {
            server.kill();
            throw e;
        }
        return server;
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        // Polls the port first: a driver pointed at a closed port logs a stack trace per attempt.
        while (!accepts()) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Server exited with " + process.exitValue() + ":\n" + log());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Server not listening after " + READY_TIMEOUT + ":\n" + log());
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for the server", e);
            }
        }
        try (MongoClient client = client(Duration.ofSeconds(10))) {
            client.getDatabase("admin").runCommand(new Document("ping", 1));
        }
    }

    private boolean accepts() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    /** A client that gives up quickly, so a write to a dead server fails instead of waiting 30 s. */
    MongoClient client(Duration serverSelectionTimeout) {
        MongoClientSettings settings = MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString()))
                // One attempt per write: a retried insert would blur which writes were acknowledged.
                .retryWrites(false)
                .retryReads(false)
                .applyToClusterSettings(cluster -> cluster.serverSelectionTimeout(
                        serverSelectionTimeout.toMillis(), TimeUnit.MILLISECONDS))
                .applyToSocketSettings(socket -> socket.connectTimeout(1, TimeUnit.SECONDS)
                        .readTimeout(10, TimeUnit.SECONDS))
                .build();
        return MongoClients.create(settings);
    }

    public String connectionString() {
        return "mongodb://127.0.0.1:" + port;
    }

    /** SIGKILL: no shutdown hook, no final commit, no compaction. */
    public void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM: the shutdown hook closes the store cleanly. Returns the exit code. */
    public int stop() {
        return stop(EXIT_TIMEOUT);
    }

    /**
     * SIGTERM, waiting up to {@code timeout} for the clean close: the durable store rewrites its file compactly as
     * it closes, which takes a while for a large one.
     */
    public int stop(Duration timeout) {
        process.destroy();
        return awaitExit(timeout);
    }

    /** The server's process id, for tools that look into the JVM ({@code jcmd}). */
    public long pid() {
        return process.pid();
    }

    private int awaitExit() {
        return awaitExit(EXIT_TIMEOUT);
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("Server did not exit within " + timeout + ":\n" + log());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new IllegalStateException("Interrupted while waiting for the server to exit", e);
        }
    }

    public int port() {
        return port;
    }

    /** SIGSTOP: the process stays, with its connections open, and answers nothing until {@link #thaw()}. */
    public void freeze() {
        signal("STOP");
    }

    /** SIGCONT: the frozen process goes on where it stopped. */
    public void thaw() {
        signal("CONT");
    }

    private void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while signalling the server", e);
        }
    }

    public String log() {
        try {
            return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "(no log)";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
