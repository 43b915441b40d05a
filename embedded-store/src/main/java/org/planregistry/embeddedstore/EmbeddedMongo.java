package org.planregistry.embeddedstore;

import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A MongoDB-protocol server in a plain Java process, so the Plan Registry runs and is tested without installing
 * MongoDB: durable on a file ({@link DurableH2Backend}) or in memory.
 *
 * <p>Run it with {@link #main(String[])}, or start one from code with {@link #start(int, Path)} or
 * {@link #startInMemory(int)} and connect any MongoDB driver to {@link #connectionString()}. There is no oplog, so
 * no change streams: the registry does not use them. The server speaks only the part of MongoDB that mongo-java-server implements (no
 * transactions, no sessions; see docs/design.md).
 */
public final class EmbeddedMongo implements AutoCloseable {

    /** Port used by {@link #main(String[])} when none is given; not MongoDB's 27017, to avoid clashing with one. */
    public static final int DEFAULT_PORT = 27027;

    /** Data directory used by {@link #main(String[])} when none is given. */
    public static final String DEFAULT_DATA_DIR = "./data/mongo";

    private static final String DEFAULT_HOST = "127.0.0.1";
    private static final String USAGE = "usage: EmbeddedMongo [--port N] [--data DIR | --memory] [--host ADDRESS]"
            + " [--fsync]\n"
            + "  --port N        port to listen on (default " + DEFAULT_PORT + ", 0 picks a free one)\n"
            + "  --data DIR      directory of the durable store (default " + DEFAULT_DATA_DIR + ")\n"
            + "  --memory        keep everything in memory; nothing survives the process\n"
            + "  --host ADDRESS  address to bind (default " + DEFAULT_HOST + "; 0.0.0.0 inside a container)\n"
            + "  --fsync         also force each write to disk (survives power loss; slower)";

    private static final Logger log = LoggerFactory.getLogger(EmbeddedMongo.class);

    private final MongoServer server;
    private final DurableH2Backend durableBackend;
    private final String host;
    private final int port;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedMongo(MongoServer server, DurableH2Backend durableBackend, String host, int port) {
        this.server = server;
        this.durableBackend = durableBackend;
        this.host = host;
        this.port = port;
    }

    /**
     * Starts a server on 127.0.0.1 whose acknowledged writes are committed to a file in {@code dataDir} before the
     * reply, so they survive a killed process.
     *
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedMongo start(int port, Path dataDir) {
        return start(DEFAULT_HOST, port, DurableH2Backend.open(dataDir, false));
    }

    /**
     * Starts a server on 127.0.0.1 that keeps everything in memory, for tests and demos.
     *
     * @param port the port, or 0 for a free one
     */
    public static EmbeddedMongo startInMemory(int port) {
        return start(DEFAULT_HOST, port, null);
    }

    private static EmbeddedMongo start(String host, int port, DurableH2Backend durableBackend) {
        MongoBackend backend = durableBackend != null ? durableBackend : new MemoryBackend();
        MongoServer server = new MongoServer(backend);
        try {
            // No oplog: the registry reads by _id look-ups, not change streams, and the oplog would double every
            // write and never be trimmed.
            server.bind(new InetSocketAddress(host, port));
        } catch (Exception e) {
            // Netty rethrows a BindException undeclared, and MongoServer cleans up only after RuntimeExceptions:
            // stop the event loops and close (and compact) the store ourselves.
            try {
                server.shutdownNow();
            } catch (RuntimeException cleanupFailure) {
                e.addSuppressed(cleanupFailure);
            }
            backend.close();
            throw new IllegalStateException("Cannot start the embedded MongoDB server on " + host + ":" + port, e);
        }
        return new EmbeddedMongo(server, durableBackend, host, server.getLocalAddress().getPort());
    }

    /** Where a MongoDB driver connects, such as {@code mongodb://127.0.0.1:27027}. */
    public String connectionString() {
        String address = host.contains(":") ? "[" + host + "]" : host;
        return "mongodb://" + address + ":" + port;
    }

    /** The port the server listens on; the chosen one when started with port 0. */
    public int port() {
        return port;
    }

    /** The durable backend, or null in memory; tests look at its housekeeping. */
    DurableH2Backend durableBackend() {
        return durableBackend;
    }

    /**
     * Stops listening, closes client connections, lets running commands finish, then closes the store cleanly,
     * rewriting its file compactly. Safe to call more than once.
     */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            // Waits for the event loops to end before it closes the backend, so no command meets a closed store.
            server.shutdownNow();
        }
    }

    /**
     * Runs the server until the process is stopped; a shutdown hook closes it cleanly. Options: {@code --port N},
     * {@code --data DIR}, {@code --memory}, {@code --host ADDRESS}, {@code --fsync}; {@code --help} explains them.
     */
    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        if (options.help) {
            System.out.println(USAGE);
            return;
        }

        EmbeddedMongo mongo;
        try {
            DurableH2Backend backend = options.memory ? null : DurableH2Backend.open(Path.of(options.dataDir),
                    options.fsync);
            mongo = start(options.host, options.port, backend);
        } catch (RuntimeException e) {
            log.error("Embedded MongoDB-protocol server did not start", e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(mongo::close, "embedded-mongo-shutdown"));

        String storage = options.memory ? "in memory, nothing persisted"
                : "data: " + options.dataDir + ", durable commits" + (options.fsync ? ", fsync per write" : "");
        log.info("Embedded MongoDB-protocol server listening on {} ({})", mongo.connectionString(), storage);

        // The server runs on its own threads; park the main thread until the JVM exits through the shutdown hook.
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Command-line options of {@link #main(String[])}. */
    private static final class Options {
        private int port = DEFAULT_PORT;
        private String dataDir = DEFAULT_DATA_DIR;
        private String host = DEFAULT_HOST;
        private boolean memory;
        private boolean fsync;
        private boolean help;

        static Options parse(String[] args) {
            Options options = new Options();
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--port" -> options.port = parsePort(valueOf(args, ++i, "--port"));
                    case "--data" -> options.dataDir = valueOf(args, ++i, "--data");
                    case "--host" -> options.host = valueOf(args, ++i, "--host");
                    case "--memory" -> options.memory = true;
                    case "--fsync" -> options.fsync = true;
                    case "--help", "-h" -> options.help = true;
                    default -> throw new IllegalArgumentException("unknown option: " + args[i]);
                }
            }
            return options;
        }

        private static String valueOf(String[] args, int index, String option) {
            if (index >= args.length) {
                throw new IllegalArgumentException(option + " needs a value");
            }
            return args[index];
        }

        private static int parsePort(String value) {
            try {
                int port = Integer.parseInt(value);
                if (port < 0 || port > 65_535) {
                    throw new IllegalArgumentException("port out of range: " + value);
                }
                return port;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("not a port: " + value, e);
            }
        }
    }
}
