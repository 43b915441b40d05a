package org.planregistry.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
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
                  List<Rate> rawBefore, List<Rate> rawAfter, List<Rate> commands, long replayedEvents,
                  double coldStartSeconds, List<Double> replaySeconds, Map<String, List<Double>> processorSeconds,
                  List<String> processors, long bytesOnDisk) {

        /**
         * Raw inserts per second with {@code threads} threads: the best round, before or after. The best is the
         * ceiling of the server; comparing with it makes every ratio conservative.
         */
        double rawRate(int threads) {
            return rounds(threads).stream().mapToDouble(Rate::perSecond).max().orElse(Double.NaN);
        }

        List<Rate> rounds(int threads) {
            return java.util.stream.Stream.concat(rawBefore.stream(), rawAfter.stream())
                    .filter(r -> r.threads() == threads).toList();
        }

        /** The median of the replay runs, in events per second. */
        double replayRate() {
            List<Double> sorted = replaySeconds.stream().sorted().toList();
            double median = sorted.size() % 2 == 1 ? sorted.get(sorted.size() / 2)
                    : (sorted.get(sorted.size() / 2 - 1) + sorted.get(sorted.size() / 2)) / 2;
            return replayedEvents / median;
        }
    }

    /** @param planLoads plans the command side read from the store (snapshot and events) during the run; -1: none */
    record Rate(int threads, int count, double seconds, long planLoads) {
        Rate(int threads, int count, double seconds) {
            this(threads, count, seconds, -1);
        }

        double perSecond() {
            return count / seconds;
        }
    }

    private static final String PAYLOAD = "x".repeat(380);
    private static final int RAW_WARMUP = 2_000;
    private static final int WARMUP_IN_STORE = 500;

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
            // 1. Raw driver inserts on the same server: the ceiling every other figure is compared with. Measured
            //    again after the replay, so that a change of load during the run shows instead of skewing ratios.
            //    Both this and the commands are warmed up first, so that neither is measured while the JIT is
            //    still compiling its code.
            MongoCollection<Document> warm = client.getDatabase("raw").getCollection("warmup");
            Warmup.Done rawWarmup = Warmup.run(RAW_WARMUP, options.warmupSeconds() / 4, options.warmupSeconds(),
                    i -> warm.insertOne(rawDoc(i)));
            report.progress("[%s] raw inserts warmed up: %s", backend.label, rawWarmup);
            List<Rate> raw = rawInserts(client, backend, events, "before");
            // 2. Commands through the gateway, plan by plan round robin; aggregate cache and snapshots as shipped.
            //    The command path needs a long warm-up (measured: ~1,300 events/s after 5,000 commands, ~2,300
            //    after 10 s), but warm-up events in the measured store would make the replay depend on the
            //    warm-up: so the JIT is warmed by a command side of its own on another database, until it settles.
            warmUpCommands(store, backend);
            ConfigurableApplicationContext commandSide = BenchApps.commandSide(store.uri("bench"));
            ConfigurableApplicationContext querySide = null;
            try {
                PlanCommandGateway gateway = commandSide.getBean(PlanCommandGateway.class);
                MongoEventStorageEngine engine = commandSide.getBean(MongoEventStorageEngine.class);
                // A few commands on this context's own objects (serializer caches, repositories), by count, so
                // that the measured store is the same in every run.
                for (PlanCommand command : Scenario.roundRobin("WARM", options.plans(), WARMUP_IN_STORE)) {
                    gateway.send(command, null, null);
                }
                List<Rate> commands = new ArrayList<>();
                for (int threads : options.threads()) {
                    List<List<PlanCommand>> work = Scenario.byThread(
                            Scenario.roundRobin("CMD" + threads, options.plans(), events), threads);
                    long before = engine.lastAllocatedSequence();
                    long loadsBefore = planLoads(commandSide);
                    Report.Stage stage = report.stage(backend.label + ": commands, " + threads + " thread(s)");
                    Rate timedRate = timed(threads, events, work, gateway);
                    stage.end();
                    Rate rate = new Rate(threads, events, timedRate.seconds(), planLoads(commandSide) - loadsBefore);
                    long written = engine.lastAllocatedSequence() - before;
                    if (written != events) {
                        throw new IllegalStateException(events + " commands wrote " + written + " events");
                    }
                    commands.add(rate);
                    report.progress("[%s] commands, %d thread(s): %,.0f events/s, %,d plan loads from the store",
                            backend.label, threads, rate.perSecond(), rate.planLoads());
                }
                long head = engine.lastAllocatedSequence();
                double eventBytes = averageEventBytes(client.getDatabase("bench").getCollection("events",
                        RawBsonDocument.class));

                // 3. Replay: the query side starts on a full store, then its processors are reset and replay again.
                int runs = backend == BenchStore.Backend.H2 ? options.h2ReplayRuns() : options.replayRuns();
                double cold = 0;
                List<Double> replays = new ArrayList<>();
                Map<String, List<Double>> perProcessor = new java.util.TreeMap<>();
                List<String> names = List.of();
                if (runs > 0) {
                    long start = System.nanoTime();
                    querySide = BenchApps.querySide(store.uri("bench"));
                    Processors processors = new Processors(querySide);
                    names = processors.names();
                    cold = (processors.awaitPosition(head, Duration.ofMinutes(20)) - start) / 1e9;
                    report.progress("[%s] query side started and caught up with %,d events in %.1f s",
                            backend.label, head, cold);
                    for (int run = 0; run < runs; run++) {
                        Report.Stage stage = report.stage(backend.label + ": replay " + (run + 1));
                        long t0 = System.nanoTime();
                        processors.resetAndStart();
                        Map<String, Long> reached = processors.awaitEach(head, Duration.ofMinutes(20));
                        stage.end();
                        double seconds = (reached.values().stream().mapToLong(Long::longValue).max()
                                .orElseThrow() - t0) / 1e9;
                        replays.add(seconds);
                        reached.forEach((name, at) -> perProcessor.computeIfAbsent(name, n -> new ArrayList<>())
                                .add((at - t0) / 1e9));
                        report.progress("[%s] replay %d of %,d events: %.2f s, %,.0f events/s (%s)", backend.label,
                                run + 1, head, seconds, head / seconds, perProcessor);
                    }
                    querySide.close();
                    querySide = null;
                }
                List<Rate> rawAfter = rawInserts(client, backend, events, "after");
                return new Result(backend, events, rawDocBytes(), eventBytes, raw, rawAfter, commands, head, cold,
                        replays, perProcessor, names, store.bytesOnDisk());
            } finally {
                if (querySide != null) {
                    querySide.close();
                }
                commandSide.close();
            }
        }
    }

    /** Commands for at least the warm-up time (and count) on a command side of their own, then closed. */
    private void warmUpCommands(BenchStore store, BenchStore.Backend backend) {
        ConfigurableApplicationContext warm = BenchApps.commandSide(store.uri("warmup"));
        try {
            PlanCommandGateway gateway = warm.getBean(PlanCommandGateway.class);
            int plans = options.plans();
            Warmup.Done done = Warmup.run(options.warmupCommands(), options.warmupSeconds() / 2,
                    options.warmupSeconds() * 3, i -> gateway.send(Scenario.benchCommand(
                            Scenario.planCode("WARM", i % plans), i / plans), null, null));
            report.progress("[%s] commands warmed up on a separate database: %s", backend.label, done);
        } finally {
            warm.close();
        }
    }

    /** Rounds of {@code events} raw inserts for each number of threads, each into a new collection. */
    private List<Rate> rawInserts(MongoClient client, BenchStore.Backend backend, int events, String when)
            throws Exception {
        int rounds = backend == BenchStore.Backend.H2 ? options.h2RawRounds() : options.rawRounds();
        List<Rate> raw = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            for (int threads : options.threads()) {
                MongoCollection<Document> collection = client.getDatabase("raw")
                        .getCollection("raw_" + when + round + "_t" + threads);
                Report.Stage stage = report.stage(String.format("%s: raw insertOne (%s, round %d), %d thread(s)",
                        backend.label, when, round, threads));
                raw.add(timed(threads, events, (thread, i) -> collection.insertOne(rawDoc((long) i))));
                stage.end();
                report.progress("[%s] raw insertOne (%s, round %d), %d thread(s): %,.0f docs/s", backend.label,
                        when, round, threads, raw.get(raw.size() - 1).perSecond());
            }
        }
        return raw;
    }

    /** A document of about 500 bytes, shaped like a stored event (key, type, timestamp, payload). */
    static Document rawDoc(long id) {
        return rawDoc(id, PAYLOAD);
    }

    /** The same shape with another payload, to match the size of other events. */
    static Document rawDoc(long id, String payload) {
        return new Document("_id", id).append("aggregateKey", "RAW-" + (id % 100) + "/" + id)
                .append("aggregateIdentifier", "RAW-" + (id % 100)).append("sequenceNumber", id / 100)
                .append("type", "Raw").append("timestamp", "2025-01-01T00:00:00.000Z").append("payload", payload);
    }

    static int rawDocBytes() {
        return bsonBytes(rawDoc(1_000_000L));
    }

    static int bsonBytes(Document doc) {
        return new RawBsonDocument(doc, MongoClientSettings.getDefaultCodecRegistry().get(Document.class))
                .getByteBuffer().remaining();
    }

    static double averageEventBytes(MongoCollection<RawBsonDocument> events) {
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

    /** Reads of a plan's events to load it, as the store's metrics count them (registry.store.read, aggregate). */
    private static long planLoads(ConfigurableApplicationContext commandSide) {
        Timer reads = commandSide.getBean(MeterRegistry.class).find("registry.store.read").tag("read", "aggregate")
                .timer();
        return reads == null ? 0 : reads.count();
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
