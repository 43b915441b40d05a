package org.planregistry.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.planregistry.api.PlanCommand;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 2: raw driver inserts, commands through the command gateway, and a replay of the resulting store into the
 * query side's views, all against one server in one run.
 */
final class WriteBench {

    /** What one backend measured. */
    record Result(BenchStore.Backend backend, int events, int rawDocBytes, double eventDocBytes,
                  List<Rate> raw, List<Rate> commands, long replayedEvents, double coldStartSeconds,
                  List<Double> replaySeconds, List<String> processors, long bytesOnDisk) {

        double rawRate(int threads) {
            return raw.stream().filter(r -> r.threads() == threads).mapToDouble(Rate::perSecond).findFirst()
                    .orElse(Double.NaN);
        }

        /** The median of the replay runs, in events per second. */
        double replayRate() {
            List<Double> sorted = replaySeconds.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            return replayedEvents / median;
        }
    }

    record Rate(int threads, int count, double seconds) {
        double perSecond() {
            return count / seconds;
        }
    }

    private static final String PAYLOAD = "x".repeat(380);

    private final BenchOptions options;
    private final Report report;

    WriteBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    Result run(BenchStore.Backend backend) throws Exception {
        int events = backend == BenchStore.Backend.H2 ? options.h2Events() : options.events();
        report.progress("[%s] write benchmark: %,d events per run, threads %s", backend.label, events,
                options.threads());
        try (BenchStore store = BenchStore.start(backend);
             MongoClient client = MongoClients.create(store.uri("raw"))) {
            // 1. Raw driver inserts on the same server: the ceiling every other figure is compared with.
            MongoCollection<Document> warm = client.getDatabase("raw").getCollection("warmup");
            for (int i = 0; i < options.warmupCommands(); i++) {
                warm.insertOne(rawDoc(i));
            }
            List<Rate> raw = new ArrayList<>();
            for (int threads : options.threads()) {
                MongoCollection<Document> collection = client.getDatabase("raw").getCollection("raw_t" + threads);
                Report.Stage stage = report.stage(backend.label + ": raw insertOne, " + threads + " thread(s)");
                raw.add(timed(threads, events, (thread, i) -> collection.insertOne(rawDoc((long) i))));
                stage.end();
                report.progress("[%s] raw insertOne, %d thread(s): %,.0f docs/s", backend.label, threads,
                        raw.get(raw.size() - 1).perSecond());
            }

            // 2. Commands through the gateway, plan by plan round robin; aggregate cache and snapshots as shipped.
            ConfigurableApplicationContext commandSide = BenchApps.commandSide(store.uri("bench"));
            ConfigurableApplicationContext querySide = null;
            try {
                PlanCommandGateway gateway = commandSide.getBean(PlanCommandGateway.class);
                MongoEventStorageEngine engine = commandSide.getBean(MongoEventStorageEngine.class);
                for (PlanCommand command : Scenario.roundRobin("WARM", 20, options.warmupCommands())) {
                    gateway.send(command, null, null);
                }
                List<Rate> commands = new ArrayList<>();
                for (int threads : options.threads()) {
                    List<List<PlanCommand>> work = Scenario.byThread(
                            Scenario.roundRobin("CMD" + threads, options.plans(), events), threads);
                    long before = engine.lastAllocatedSequence();
                    Report.Stage stage = report.stage(backend.label + ": commands, " + threads + " thread(s)");
                    Rate rate = timed(threads, events, work, gateway);
                    stage.end();
                    long written = engine.lastAllocatedSequence() - before;
                    if (written != events) {
                        throw new IllegalStateException(events + " commands wrote " + written + " events");
                    }
                    commands.add(rate);
                    report.progress("[%s] commands, %d thread(s): %,.0f events/s", backend.label, threads,
                            rate.perSecond());
                }
                long head = engine.lastAllocatedSequence();
                double eventBytes = averageEventBytes(client.getDatabase("bench").getCollection("events",
                        RawBsonDocument.class));

                // 3. Replay: the query side starts on a full store, then its processors are reset and replay again.
                long start = System.nanoTime();
                querySide = BenchApps.querySide(store.uri("bench"));
                Processors processors = new Processors(querySide);
                double cold = (processors.awaitPosition(head, Duration.ofMinutes(20)) - start) / 1e9;
                report.progress("[%s] query side started and caught up with %,d events in %.1f s", backend.label,
                        head, cold);
                List<Double> replays = new ArrayList<>();
                for (int run = 0; run < options.replayRuns(); run++) {
                    Report.Stage stage = report.stage(backend.label + ": replay " + (run + 1));
                    long t0 = System.nanoTime();
                    processors.resetAndStart();
                    double seconds = (processors.awaitPosition(head, Duration.ofMinutes(20)) - t0) / 1e9;
                    stage.end();
                    replays.add(seconds);
                    report.progress("[%s] replay %d of %,d events: %.2f s, %,.0f events/s", backend.label, run + 1,
                            head, seconds, head / seconds);
                }
                return new Result(backend, events, rawDocBytes(), eventBytes, raw, commands, head, cold, replays,
                        processors.names(), store.bytesOnDisk());
            } finally {
                if (querySide != null) {
                    querySide.close();
                }
                commandSide.close();
            }
        }
    }

    /** A document of about 500 bytes, shaped like a stored event (key, type, timestamp, payload). */
    static Document rawDoc(long id) {
        return new Document("_id", id).append("aggregateKey", "RAW-" + (id % 100) + "/" + id)
                .append("aggregateIdentifier", "RAW-" + (id % 100)).append("sequenceNumber", id / 100)
                .append("type", "Raw").append("timestamp", "2025-01-01T00:00:00.000Z").append("payload", PAYLOAD);
    }

    static int rawDocBytes() {
        return new RawBsonDocument(rawDoc(1_000_000L), MongoClientSettings.getDefaultCodecRegistry()
                .get(Document.class)).getByteBuffer().remaining();
    }

    private static double averageEventBytes(MongoCollection<RawBsonDocument> events) {
        long bytes = 0;
        int n = 0;
        for (RawBsonDocument doc : events.find().limit(2000)) {
            bytes += doc.getByteBuffer().remaining();
            n++;
        }
        return n == 0 ? 0 : (double) bytes / n;
    }

    private interface Insert {
        void insert(int thread, int index) throws Exception;
    }

    /** Runs {@code count} inserts spread over {@code threads} threads, distinct indexes each. */
    private static Rate timed(int threads, int count, Insert insert) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    for (int i = thread; i < count; i += threads) {
                        insert.insert(thread, i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return new Rate(threads, count, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }

    private static Rate timed(int threads, int count, List<List<PlanCommand>> work, PlanCommandGateway gateway)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            long start = System.nanoTime();
            List<Future<?>> done = new ArrayList<>();
            for (List<PlanCommand> commands : work) {
                done.add(pool.submit(() -> {
                    for (PlanCommand command : commands) {
                        gateway.send(command, null, null);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
            return new Rate(threads, count, (System.nanoTime() - start) / 1e9);
        } finally {
            pool.shutdown();
        }
    }
}
