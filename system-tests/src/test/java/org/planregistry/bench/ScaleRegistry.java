package org.planregistry.bench;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.axonframework.eventhandling.DomainEventMessage;
import org.planregistry.api.PlanCommand;
import org.planregistry.embeddedstore.EmbeddedMongoProcess;
import org.planregistry.system.AppProcess;

/**
 * The registry as part scale runs it: the store's server, the command side and the query side each in a JVM of its
 * own, so that each side's heap can be weighed alone, and the benchmark's own connection to the store
 * ({@link StoreClient}), through which it appends the growth. The query side can be stopped and started again.
 */
final class ScaleRegistry implements AutoCloseable {

    static final String DATABASE = "planregistry";
    // The apps' own logging does not change what is measured; at INFO the query side logs each second of a replay.
    private static final Map<String, String> QUIET = Map.of("logging.level.root", "WARN");

    private final EmbeddedMongoProcess store;
    private final Path work;
    private final ScaleOptions options;
    private final StoreClient client;
    private final AppProcess commandSide;
    private AppProcess querySide;
    private int querySides;

    private ScaleRegistry(EmbeddedMongoProcess store, Path work, ScaleOptions options, StoreClient client,
                          AppProcess commandSide) {
        this.store = store;
        this.work = work;
        this.options = options;
        this.client = client;
        this.commandSide = commandSide;
    }

    /** Connects to {@code store} and starts a command side on it; the query side is started when asked for. */
    static ScaleRegistry start(EmbeddedMongoProcess store, Path work, ScaleOptions options) throws IOException {
        StoreClient client = new StoreClient(store.connectionString(), DATABASE);
        try {
            return new ScaleRegistry(store, work, options, client, AppProcess.start("command", uri(store), work,
                    "command-side", QUIET, options.commandHeap()));
        } catch (IOException | RuntimeException e) {
            client.close();
            throw e;
        }
    }

    private static String uri(EmbeddedMongoProcess store) {
        return store.connectionString() + "/" + DATABASE;
    }

    StoreClient client() {
        return client;
    }

    EmbeddedMongoProcess store() {
        return store;
    }

    AppProcess commandSide() {
        return commandSide;
    }

    /** The running query side; null while it is stopped. */
    AppProcess querySide() {
        return querySide;
    }

    /**
     * The Shenzhen plan as the as-of benchmark builds it: the shipped document imported over HTTP, then
     * {@code history} adjustment commands over HTTP. Returns the plan's events as stored.
     */
    List<DomainEventMessage<?>> importShenzhen(int history) throws IOException, InterruptedException {
        new AsOfClient().importShippedPlan(commandSide.baseUrl());
        CommandsOverHttp commands = new CommandsOverHttp(commandSide.baseUrl());
        for (PlanCommand command : Scenario.shenzhenHistory(Scenario.shippedIndicators(), history)) {
            commands.send(command);
        }
        List<DomainEventMessage<?>> events = new ArrayList<>();
        client.engine().readEvents(Scenario.SHENZHEN).forEachRemaining(events::add);
        return events;
    }

    /** Starts a query side (its views and tokens are in the store: it goes on from where the last one stopped). */
    AppProcess startQuerySide() throws IOException {
        if (querySide != null) {
            throw new IllegalStateException("a query side is running");
        }
        querySide = AppProcess.start("query", uri(store), work, "query-side-" + ++querySides, QUIET,
                options.queryHeap());
        return querySide;
    }

    /** Stops the query side cleanly, so that the next one claims its segments at once. */
    void stopQuerySide() {
        if (querySide != null) {
            querySide.stop();
            querySide = null;
        }
    }

    /** Stops both applications and closes the connection; the store is its owner's to close. */
    @Override
    public void close() {
        try {
            stopQuerySide();
        } finally {
            try {
                commandSide.stop();
            } finally {
                client.close();
            }
        }
    }
}
