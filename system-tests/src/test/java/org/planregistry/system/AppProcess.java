package org.planregistry.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.planregistry.command.CommandSideApplication;
import org.planregistry.embeddedstore.ChildJvm;
import org.planregistry.query.QuerySideApplication;

/**
 * One of the applications in a JVM of its own, configured as {@link RegistryApps} configures it in process, so that
 * a test can kill it with SIGKILL the way the OOM killer or a power cut would, and a benchmark can weigh its heap.
 */
public final class AppProcess implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    /** Enough for what the tests write; a benchmark that weighs the heap gives room for it to grow. */
    private static final String DEFAULT_HEAP = "512m";

    private final Process process;
    private final int port;
    private final Path log;

    private AppProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /** In the child: {@code command|query MONGO_URI PORT [key=value ...]}. */
    public static void main(String[] args) {
        Class<?> application = args[0].equals("command") ? CommandSideApplication.class
                : QuerySideApplication.class;
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("server.port", args[2]);
        for (int i = 3; i < args.length; i++) {
            int eq = args[i].indexOf('=');
            settings.put(args[i].substring(0, eq), args[i].substring(eq + 1));
        }
        RegistryApps.start(application, args[1], args[0] + "-side", settings);
    }

    /** Starts {@code side} ("command" or "query") and returns once it answers its liveness probe. */
    public static AppProcess start(String side, String mongoUri, Path workDir, String name,
                                   Map<String, String> settings) throws IOException {
        return start(side, mongoUri, workDir, name, settings, DEFAULT_HEAP);
    }

    /** The same with a heap of at most {@code maxHeap}, as {@code -Xmx} takes it ({@code 2g}). */
    public static AppProcess start(String side, String mongoUri, Path workDir, String name,
                                   Map<String, String> settings, String maxHeap) throws IOException {
        int port = freePort();
        Path log = workDir.resolve(name + ".log");
        List<String> args = new ArrayList<>(List.of(side, mongoUri, Integer.toString(port)));
        settings.forEach((key, value) -> args.add(key + "=" + value));
        List<String> command = ChildJvm.command(maxHeap, List.of(), AppProcess.class.getName(), args);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        AppProcess app = new AppProcess(process, port, log);
        try {
            app.awaitLive();
        } catch (RuntimeException | Error e) {
            app.kill();
            throw e;
        }
        return app;
    }

    /** The process id: Axon's token store names a claim's owner {@code pid@host}; {@code jcmd} takes it. */
    public long pid() {
        return process.pid();
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    private void awaitLive() {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The application exited with " + process.exitValue() + ":\n"
                        + log());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(baseUrl()
                        + "/actuator/health/liveness")).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The application was not live after " + READY_TIMEOUT + ":\n"
                        + log());
            }
            sleep(200);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful end of requests in flight. */
    public void kill() {
        process.destroyForcibly();
        awaitExit("die");
    }

    /**
     * SIGTERM: Spring closes the application, and the query side's processors release their segments and withdraw
     * the instance, so that another one can claim them at once instead of after the claim timeout.
     */
    public void stop() {
        process.destroy();
        awaitExit("stop");
    }

    private void awaitExit(String what) {
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("The application did not " + what + " within " + EXIT_TIMEOUT);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
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

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
