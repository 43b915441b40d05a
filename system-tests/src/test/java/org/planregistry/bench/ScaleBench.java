package org.planregistry.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.axonframework.eventhandling.DomainEventMessage;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.embeddedstore.EmbeddedMongoProcess;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.system.AppProcess;
import org.planregistry.system.RegistryApps;

/**
 * Issue 12, performance at scale: one store, in memory in a process of its own, grown to each of
 * {@code scale.sizes} events (filler plans appended through the storage engine, plus the Shenzhen plan the as-of
 * benchmark queries), with the command side and the query side each in a JVM of its own. At each size: the append
 * rate of the growth against raw {@code insertMany}, the query side's start and catch-up, as-of latency over HTTP
 * against the HTTP floor, a replay of every view against the raw read of the same events by key, the feed against
 * the same raw read, and each process's heap after a full collection. Then, optionally, the store's size on disk
 * ({@link DiskFootprint}).
 */
final class ScaleBench {

    /** Reads of {@code GET /api/events} from {@code from} to the head: events delivered, requests, seconds each. */
    record Feed(long from, long events, long requests, long bytes, List<Double> seconds) {

        double median() {
            return Benchmarks.median(seconds);
        }

        double perSecond() {
            return events / median();
        }
    }

    /**
     * What one size measured. {@code raw} is raw {@code insertMany} right after the growth; {@code rawReads} the raw
     * reads of the whole store by key (before the replay and after the feed); {@code bsonBytes} the BSON of every
     * event in the store, as those reads received it; {@code rawFeedRange} the raw read of the feed's range when that
     * is not the whole store (else null); {@code replays} empty below {@code scale.replay.from};
     * {@code processorErrors} the errors a processor was seen in (and retried).
     */
    record SizeResult(long events, int fillerPlans, Throughput growth, Throughput raw, Throughput commands,
                      double queryStartSeconds, double catchUpSeconds, Latencies asOf, Latencies floor,
                      List<ProcessorsOverHttp.Replay> replays, List<Throughput> rawReads, long bsonBytes,
                      Throughput rawFeedRange,
                      Feed feed, OtherJvm.Heap queryHeap, OtherJvm.Heap commandHeap, OtherJvm.Heap storeHeap,
                      List<String> processorErrors) {

        /** The raw read of the whole store by key: the better of the two. */
        Throughput rawRead() {
            return rawReads.stream().reduce(null, Throughput::best);
        }

        Throughput rawReadOfFeedRange() {
            return rawFeedRange != null ? rawFeedRange : rawRead();
        }

        /** Each processor's replay rate (events/s, median of the runs), and "all views" for the slowest of each run. */
        Map<String, Double> replayRates() {
            Map<String, Double> rates = new TreeMap<>();
            if (replays.isEmpty()) {
                return rates;
            }
            long target = replays.get(0).target();
            for (String processor : replays.get(0).seconds().keySet()) {
                rates.put(processor, target / Benchmarks.median(replays.stream()
                        .map(r -> r.seconds().get(processor)).toList()));
            }
            rates.put(ALL_VIEWS, target / Benchmarks.median(replays.stream()
                    .map(ProcessorsOverHttp.Replay::slowest).toList()));
            return rates;
        }
    }

    record Result(ScaleOptions options, int shenzhenEvents, double eventBytes, int rawDocBytes, Throughput rawBefore,
                  List<SizeResult> sizes, DiskFootprint.Result disk) {

        Result withDisk(DiskFootprint.Result footprint) {
            return new Result(options, shenzhenEvents, eventBytes, rawDocBytes, rawBefore, sizes, footprint);
        }

        /** The raw rate a growth is compared with: the better of the rounds before it and right after it. */
        Throughput rawFor(int size) {
            Throughput before = size == 0 ? rawBefore : sizes.get(size - 1).raw();
            return Throughput.best(before, sizes.get(size).raw());
        }
    }

    static final String ALL_VIEWS = "all views";
    /** The raw baselines' database, beside the registry's on the same server. */
    static final String RAW_DATABASE = "scale-raw";
    private static final Duration LONG_WAIT = Duration.ofMinutes(60);
    private static final double REPLAY_SECONDS = 60;
    private static final int WARMUP_PLANS = 100;

    private final BenchOptions options;
    private final ScaleOptions scale;
    private final Report report;
    private final AsOfClient asOf = new AsOfClient();
    private final FeedClient feedClient = new FeedClient(RegistryApps.READER_PASSWORD);
    private String rawPayload;

    ScaleBench(BenchOptions options, Report report) {
        this.options = options;
        this.scale = options.scale();
        this.report = report;
    }

    Result run() throws Exception {
        report.progress("[scale] sizes %s; store (%s), command side and query side in processes of their own (-Xmx "
                + "%s, %s, %s)", scale.sizes(), scale.durable() ? "durable" : "in memory", scale.storeHeap(),
                scale.commandHeap(), scale.queryHeap());
        // exec:java runs no close when Maven is stopped (Ctrl-C): the store and the applications would live on.
        Thread orphans = new Thread(() -> ProcessHandle.current().descendants().forEach(ProcessHandle::destroy),
                "scale-benchmark-processes");
        Runtime.getRuntime().addShutdownHook(orphans);
        try {
            return runStages();
        } finally {
            Runtime.getRuntime().removeShutdownHook(orphans);
        }
    }

    private Result runStages() throws Exception {
        Path work = Files.createTempDirectory("plan-registry-scale-");
        Result inMemory;
        try (EmbeddedMongoProcess store = scale.durable()
                ? EmbeddedMongoProcess.start(work.resolve("store-data"), work, "store", scale.storeHeap())
                : EmbeddedMongoProcess.startInMemory(work, "store", scale.storeHeap());
             ScaleRegistry registry = ScaleRegistry.start(store, work, scale)) {
            inMemory = run(registry);
        } catch (Exception | Error e) {
            report.progress("[scale] failed; the processes' logs are kept in %s", work);
            throw e;
        }
        BenchStore.delete(work);
        if (!scale.disk()) {
            return inMemory;
        }
        SizeResult largest = inMemory.sizes().get(inMemory.sizes().size() - 1);
        return inMemory.withDisk(new DiskFootprint(options, report, rawPayload,
                (double) largest.bsonBytes() / largest.events()).run());
    }

    private Result run(ScaleRegistry registry) throws Exception {
        List<DomainEventMessage<?>> shenzhen = registry.importShenzhen(options.history());
        String aggregateType = shenzhen.get(0).getType();
        report.progress("[scale] %s: %d events (import and %d adjustment commands over HTTP)", Scenario.SHENZHEN,
                shenzhen.size(), options.history());
        MongoEventStorageEngine engine = registry.client().engine();
        Map<LocalDate, Map<String, String>> expected = expectedTargets(engine);

        double eventBytes = warmUpAppends(registry, aggregateType);
        rawPayload = RawInsertMany.payloadFor(eventBytes);
        Throughput rawBefore = rawInsertMany(registry, String.format("before the growth (%,d events)",
                engine.lastAllocatedSequence()));

        StoreGrowth growth = new StoreGrowth(engine, aggregateType, report, "scale");
        List<SizeResult> sizes = new ArrayList<>();
        for (int size : scale.sizes()) {
            sizes.add(measureSize(registry, growth, size, expected));
        }
        return new Result(scale, shenzhen.size(), eventBytes, WriteBench.bsonBytes(WriteBench.rawDoc(0, rawPayload)),
                rawBefore, sizes, null);
    }

    private SizeResult measureSize(ScaleRegistry registry, StoreGrowth growth, int size,
                                   Map<LocalDate, Map<String, String>> expected) throws Exception {
        MongoEventStorageEngine engine = registry.client().engine();
        // The growth is measured with no reader: the raw inserts it is compared with have none either, and on two
        // cores a catching-up query side would take the appends' time.
        registry.stopQuerySide();
        Report.Stage growing = report.stage(String.format("scale: growth to %,d events", size));
        Throughput grown = growth.growTo(size);
        growing.end();
        report.progress("[scale] store at %,d events: %,d appended in %.1f s, %,.0f events/s",
                engine.lastAllocatedSequence(), grown.count(), grown.seconds(), grown.perSecond());
        Throughput raw = rawInsertMany(registry, String.format("at %,d events", size));

        Throughput commands = sendCommands(registry, growth, size);
        OtherJvm.Heap commandHeap = OtherJvm.heapAfterFullGc(registry.commandSide().pid());
        long head = engine.lastAllocatedSequence();
        String at = String.format("scale: %,d events", head);

        Report.Stage catching = report.stage(at + ", query side start + catch-up");
        long start = System.nanoTime();
        AppProcess querySide = registry.startQuerySide();
        double started = (System.nanoTime() - start) / 1e9;
        ProcessorsOverHttp processors = new ProcessorsOverHttp(querySide.baseUrl(),
                message -> report.progress("[scale] query side %s", message));
        double caughtUp = (processors.awaitPosition(head, LONG_WAIT) - start) / 1e9;
        catching.end();
        report.progress("[scale] query side live after %.1f s, caught up with %,d events after %.1f s", started,
                head, caughtUp);

        String base = querySide.baseUrl();
        checkAnswers(base, expected);
        LongSupplier compiled = compiledWith(querySide.pid());
        Latencies asOfLatencies = measureHttp(at + ", as-of view over HTTP", compiled,
                i -> () -> asOf.plan(base, Scenario.SHENZHEN, date(i)));
        Latencies floor = measureHttp(at + ", HTTP floor (404)", compiled, i -> () -> asOf.notFound(base, date(i)));
        report.progress("[scale] %,d events: as-of p50 %.2f ms, p99 %.2f ms (%d) | floor p50 %.2f ms", head,
                asOfLatencies.p50(), asOfLatencies.p99(), asOfLatencies.count(), floor.p50());

        EventsByKey.Read wholeStore = rawRead(registry, at + ", raw read by key (before the replay)", 0, head);
        List<Throughput> rawReads = new ArrayList<>(List.of(wholeStore.rate()));
        List<ProcessorsOverHttp.Replay> replays = size >= scale.replayFrom() ? replay(processors, at, head)
                : List.of();
        OtherJvm.Heap queryHeap = OtherJvm.heapAfterFullGc(querySide.pid());

        long from = scale.feedLast() > 0 ? Math.max(0, head - scale.feedLast()) : 0;
        Feed feed = readFeed(at, base, from, head, compiled);
        rawReads.add(rawRead(registry, at + ", raw read by key (after the feed)", 0, head).rate());
        Throughput rawFeedRange = from > 0 ? rawRead(registry, at + ", raw read by key of the feed's range", from,
                head).rate() : null;
        OtherJvm.Heap storeHeap = OtherJvm.heapAfterFullGc(registry.store().pid());

        SizeResult result = new SizeResult(head, growth.plans(), grown, raw, commands, started, caughtUp,
                asOfLatencies, floor, replays, rawReads, wholeStore.bytes(), rawFeedRange, feed, queryHeap,
                commandHeap, storeHeap, processors.errorsSeen());
        StringBuilder replayed = new StringBuilder();
        result.replayRates().forEach((view, rate) -> replayed.append(String.format(java.util.Locale.ROOT,
                "%s %,.0f/s, ", view, rate)));
        report.progress("[scale] %,d events: replay %s| raw read %,.0f/s | feed %,.0f/s | heap MB: query %.0f, "
                        + "command %.0f, store %.0f", head, replays.isEmpty() ? "not at this size " : replayed,
                result.rawRead().perSecond(), feed.perSecond(), queryHeap.usedMb(), commandHeap.usedMb(),
                storeHeap.usedMb());
        return result;
    }

    /**
     * Warms up the append path (this JVM's engine and the store's server) on a database of its own, dropped
     * afterwards, so that the measured store is the same in every run; returns the average BSON size of the events
     * it wrote, which the raw documents are made to match. Then warms up raw {@code insertMany} the same way.
     */
    private double warmUpAppends(ScaleRegistry registry, String aggregateType) {
        EmbeddedMongoProcess store = registry.store();
        LongSupplier compiled = compiledWith(store.pid());
        double eventBytes;
        try (StoreClient warm = new StoreClient(store.connectionString(), "scale-warmup")) {
            FillerPlans filler = new FillerPlans(warm.engine(), aggregateType);
            Warmup.Done done = Warmup.run(WARMUP_PLANS, options.warmupSeconds() / 4, options.warmupSeconds(),
                    i -> filler.growTo((long) (i + 1) * FillerPlans.EVENTS_PER_PLAN), compiled);
            eventBytes = WriteBench.averageEventBytes(warm.rawEvents());
            warm.database("scale-warmup").drop();
            report.progress("[scale] appends warmed up: %s; filler events average %.0f B", done, eventBytes);
        }
        String payload = RawInsertMany.payloadFor(eventBytes);
        Warmup.Done done = Warmup.run(10, options.warmupSeconds() / 4, options.warmupSeconds(),
                i -> RawInsertMany.run(registry.client().database(RAW_DATABASE), 10 * FillerPlans.EVENTS_PER_PLAN,
                        FillerPlans.EVENTS_PER_PLAN, payload), compiled);
        report.progress("[scale] raw insertMany warmed up: %s", done);
        return eventBytes;
    }

    private Throughput rawInsertMany(ScaleRegistry registry, String when) {
        return RawInsertMany.measure(report, "scale", when, registry.client().database(RAW_DATABASE), scale.rawDocs(),
                rawPayload);
    }

    /**
     * {@code scale.commands} milestones over HTTP, on filler plans spread over the whole store (each loaded from
     * its events by the command side), so that the command side's heap is weighed after real work at each size.
     */
    private Throughput sendCommands(ScaleRegistry registry, StoreGrowth growth, int size) {
        MongoEventStorageEngine engine = registry.client().engine();
        List<SetMilestoneCommand> milestones = new ArrayList<>();
        for (int i = 0; i < scale.commands(); i++) {
            int plan = (int) ((long) i * growth.plans() / scale.commands());
            // The last plan before each size may be short of indicators: take the next whole one.
            for (int tried = 0; engine.lastSequenceNumberFor(Scenario.planCode("FILL", plan)).orElse(-1L)
                    < Scenario.INDICATORS_PER_PLAN; tried++) {
                if (tried == growth.plans()) {
                    throw new IllegalStateException("no filler plan has all its indicators at " + size
                            + " events: start scale.sizes higher");
                }
                plan = (plan + 1) % growth.plans();
            }
            // A value of its own at each size: setting a milestone to the value it has is refused.
            milestones.add(new SetMilestoneCommand(Scenario.planCode("FILL", plan),
                    String.format("I%02d", i % Scenario.INDICATORS_PER_PLAN + 1), 2021 + i % 5,
                    java.math.BigDecimal.valueOf(1_000L * size + i), null, LocalDate.of(2024, 1, 1), "规模：年度分解",
                    "SCALE-" + size + "-" + i));
        }
        CommandsOverHttp commands = new CommandsOverHttp(registry.commandSide().baseUrl());
        Report.Stage stage = report.stage(String.format("scale: %,d commands over HTTP at %,d events",
                milestones.size(), size));
        long start = System.nanoTime();
        milestones.forEach(commands::send);
        Throughput sent = new Throughput(milestones.size(), (System.nanoTime() - start) / 1e9);
        stage.end();
        return sent;
    }

    /** The targets of every asOf date by a replay of the plan's events: what the view must answer. */
    private static Map<LocalDate, Map<String, String>> expectedTargets(MongoEventStorageEngine engine) {
        Map<LocalDate, Map<String, String>> targets = new TreeMap<>();
        for (LocalDate date : AsOfBench.DATES) {
            targets.put(date, AsOfClient.describe(TargetsByReplay.byKey(engine, Scenario.SHENZHEN, date)));
        }
        return targets;
    }

    /** The view must give the replay's targets for every date, or its latency means nothing. */
    private void checkAnswers(String base, Map<LocalDate, Map<String, String>> expected) throws IOException {
        for (LocalDate date : AsOfBench.DATES) {
            Map<String, String> view = AsOfClient.targets(asOf.plan(base, Scenario.SHENZHEN, date));
            if (!view.equals(expected.get(date))) {
                throw new IllegalStateException("the view differs from the replay for asOf " + date + ":\n view   "
                        + view + "\n replay " + expected.get(date));
            }
        }
    }

    /**
     * Requests to the query side: a warm-up until the JIT of both this JVM and the query side's has settled (each
     * size has a query side started afresh), then {@code requests} measured, for at most {@code measure.seconds}.
     */
    private Latencies measureHttp(String what, LongSupplier compiled, IntFunction<Supplier<?>> calls) {
        Report.Stage stage = report.stage(what);
        Warmup.Done done = Warmup.run(options.httpWarmup(), options.warmupSeconds() / 4, options.warmupSeconds() * 3,
                i -> calls.apply(i).get(), compiled);
        report.progress("%s warmed up: %s", what, done);
        Latencies latencies = Latencies.timed(options.requests(), options.measureSeconds(), calls);
        stage.end();
        return latencies;
    }

    private EventsByKey.Read rawRead(ScaleRegistry registry, String what, long after, long head) {
        Report.Stage stage = report.stage(what);
        EventsByKey.Read read = EventsByKey.read(registry.client().rawEvents(), after, head, options.feedPage());
        stage.end();
        if (read.documents() != head - after) {
            throw new IllegalStateException("read " + read.documents() + " of the " + (head - after) + " events");
        }
        return read;
    }

    /**
     * Replays every view, {@code scale.replay.runs} times at most and fewer once a minute was spent replaying (at
     * least once).
     */
    private List<ProcessorsOverHttp.Replay> replay(ProcessorsOverHttp processors, String at, long head)
            throws InterruptedException {
        List<ProcessorsOverHttp.Replay> replays = new ArrayList<>();
        double spent = 0;
        while (replays.size() < scale.replayRuns() && (replays.isEmpty() || spent < REPLAY_SECONDS)) {
            Report.Stage stage = report.stage(String.format("%s, replay %d", at, replays.size() + 1));
            ProcessorsOverHttp.Replay replay = processors.replay(LONG_WAIT);
            stage.end();
            replays.add(replay);
            spent += replay.slowest();
            report.progress("[scale] replay %d of %,d events: %.2f s, %,.0f events/s (%s)", replays.size(),
                    replay.target(), replay.slowest(), replay.target() / replay.slowest(), replay.seconds());
        }
        return replays;
    }

    /**
     * {@code GET /api/events?limit=feed.page} from {@code from} to the head, after a warm-up of single pages until
     * the JIT has settled; {@code feed.reads} reads at most, fewer once {@code measure.seconds} were spent (at least
     * one). The answers are counted, not parsed; the read must end at the head in full pages.
     */
    private Feed readFeed(String at, String base, long from, long head, LongSupplier compiled) throws Exception {
        int page = options.feedPage();
        String query = "limit=" + page;
        long span = head - from;
        Warmup.Done done = Warmup.run(20, options.warmupSeconds() / 4, options.warmupSeconds(), i -> {
            try {
                feedClient.get(base + "/api/events?" + query + "&after=" + (from + (long) i * page % span));
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        }, compiled);
        report.progress("[scale] feed warmed up: %s", done);
        Report.Stage stage = report.stage(at + ", GET /api/events");
        List<Double> seconds = new ArrayList<>();
        FeedClient.Followed read = null;
        long unavailableBefore = feedClient.unavailable();
        double spent = 0;
        while (seconds.size() < options.feedReads() && (seconds.isEmpty() || spent < options.measureSeconds())) {
            long start = System.nanoTime();
            read = feedClient.follow(base, query, from);
            seconds.add((System.nanoTime() - start) / 1e9);
            spent += seconds.get(seconds.size() - 1);
        }
        stage.end();
        if (feedClient.unavailable() > unavailableBefore) {
            report.progress("[scale] %s: the feed answered 503 %d times (asked again after Retry-After; the waits "
                    + "count in its time)", at, feedClient.unavailable() - unavailableBefore);
        }
        if (read.position() != head || read.requests() > (span + page - 1) / page + 1) {
            throw new IllegalStateException(String.format("the feed from %d reached %d, not the head %d, in %d "
                    + "requests", from, read.position(), head, read.requests()));
        }
        return new Feed(from, span, read.requests(), read.bytes(), seconds);
    }

    /** Milliseconds compiled by this JVM's JIT and that of process {@code pid} together, -1 when unknown. */
    private static LongSupplier compiledWith(long pid) {
        return () -> {
            long here = Warmup.compiledHere();
            long there = OtherJvm.compiledMillis(pid);
            return here < 0 || there < 0 ? -1 : here + there;
        };
    }

    private static LocalDate date(int i) {
        return AsOfBench.DATES.get(i % AsOfBench.DATES.size());
    }
}
