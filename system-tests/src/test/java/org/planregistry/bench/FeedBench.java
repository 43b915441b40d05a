package org.planregistry.bench;

import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.IntConsumer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.bson.RawBsonDocument;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.EventPages;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 10, feed read rate: the whole store read through {@code GET /api/events} in pages (following
 * {@code Stream-Position} from 0 until {@code Stream-At-Head}), against reading the same events by key in this
 * process — raw documents by {@code _id $in} with the driver, decoding nothing, and {@link EventPages#after}, which
 * the feed itself calls, decoded and upcast. The filtered paths are read too, at each store size, to show whether a
 * page's cost depends on the store: a plan holding 1 % of the events ({@code ?plan=}, a look-up by key) and a type
 * holding ~1 % ({@code ?type=}, a bounded scan by design, see {@code EventFeed}).
 */
final class FeedBench {

    /** One way of reading, at one size: events delivered, requests or look-ups made, and seconds (median). */
    record Read(String path, long events, long pages, List<Double> seconds) {

        double median() {
            List<Double> sorted = seconds.stream().sorted().toList();
            int n = sorted.size();
            return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
        }

        double perSecond() {
            return events / median();
        }

        double msPerPage() {
            return median() * 1000 / pages;
        }
    }

    /** What one store size measured. */
    record SizeResult(long eventsInStore, long planEvents, double catchUpSeconds, Read raw, Read pages, Read feed,
                      Read plan, Read type) {
    }

    record Result(int pageSize, int planPageSize, String plan, String type, double signInMs, List<SizeResult> sizes) {
    }

    static final String PLAN = "FEED-ONE-PERCENT";
    static final String TYPE = "PlanAdopted";
    private static final int PLAN_PAGE = 100;
    /** Per round of 1,000 positions: 10 events of the 1 % plan, then 9 filler plans of 110 events. */
    private static final int PLAN_EVENTS_PER_ROUND = 10;
    private static final int FILLER_EVENTS = 110;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BenchOptions options;
    private final Report report;
    private final FeedClient client = new FeedClient(BenchApps.READER_PASSWORD);
    private boolean firstSize = true;

    FeedBench(BenchOptions options, Report report) {
        this.options = options;
        this.report = report;
    }

    Result run() throws Exception {
        int page = options.feedPage();
        report.progress("[stream] feed benchmark: sizes %s, pages of %,d", options.feedSizes(), page);
        try (BenchStore store = BenchStore.start(BenchStore.Backend.MEMORY);
             MongoClient client = MongoClients.create(store.uri("feed"))) {
            ConfigurableApplicationContext commandSide = BenchApps.commandSide(store.uri("feed"));
            ConfigurableApplicationContext querySide = BenchApps.querySide(store.uri("feed"));
            try {
                MongoEventStorageEngine engine = commandSide.getBean(MongoEventStorageEngine.class);
                EventPages pages = querySide.getBean(EventPages.class);
                Processors processors = new Processors(querySide);
                MongoCollection<RawBsonDocument> events = client.getDatabase("feed").getCollection("events",
                        RawBsonDocument.class);
                String base = BenchApps.baseUrl(querySide);
                Growth growth = new Growth(engine);
                List<SizeResult> sizes = new ArrayList<>();
                for (int size : options.feedSizes()) {
                    long start = System.nanoTime();
                    growth.growTo(size);
                    long head = engine.lastAllocatedSequence();
                    // The views' processors catch up first: they read the same store and would be measured too.
                    double catchUp = (processors.awaitPosition(head, Duration.ofMinutes(20)) - start) / 1e9;
                    long planEvents = engine.lastSequenceNumberFor(PLAN).orElseThrow() + 1;
                    report.progress("[stream] store at %,d events (%s: %,d), written and caught up in %.1f s", head,
                            PLAN, planEvents, catchUp);
                    String at = String.format("stream: %,d events", head);
                    Read raw = measure(at, "raw documents by _id $in", () -> readRaw(events, head, page));
                    Read decoded = measure(at, "EventPages.after in process", () -> readPages(pages, page));
                    check(base, head, planEvents);
                    Read feed = measure(at, "GET /api/events", () -> readFeed(base, "limit=" + page));
                    Read plan = measure(at, "GET /api/events?plan=", () -> readFeed(base, "plan=" + PLAN
                            + "&limit=" + PLAN_PAGE));
                    Read type = measure(at, "GET /api/events?type=", () -> readFeed(base, "type=" + TYPE
                            + "&limit=" + page));
                    report.progress("[stream] %,d events: raw %,.0f/s | EventPages %,.0f/s | feed %,.0f/s | plan "
                                    + "%.1f ms/page | type %.1f ms/request", head, raw.perSecond(),
                            decoded.perSecond(), feed.perSecond(), plan.msPerPage(), type.msPerPage());
                    firstSize = false;
                    sizes.add(new SizeResult(head, planEvents, catchUp, raw, decoded, feed, plan, type));
                }
                return new Result(page, PLAN_PAGE, PLAN, TYPE, signInMs(), sizes);
            } finally {
                querySide.close();
                commandSide.close();
            }
        }
    }

    /**
     * What checking one request's sign-in costs: both applications keep their users' passwords with Spring's
     * default (delegating, BCrypt) encoder, and the stream is stateless, so every request pays one check.
     */
    private static double signInMs() {
        org.springframework.security.crypto.password.PasswordEncoder encoder =
                org.springframework.security.crypto.factory.PasswordEncoderFactories.createDelegatingPasswordEncoder();
        String stored = encoder.encode(BenchApps.READER_PASSWORD);
        Latencies checks = new Latencies(20);
        for (int i = 0; i < 25; i++) {
            long start = System.nanoTime();
            if (!encoder.matches(BenchApps.READER_PASSWORD, stored)) {
                throw new IllegalStateException("no match");
            }
            if (i >= 5) {
                checks.add(System.nanoTime() - start);
            }
        }
        return checks.p50();
    }

    private interface FullRead {
        Read read() throws Exception;
    }

    /**
     * Reads the whole stream {@code feed.reads} times (median), after a warm-up: at the first size until the JIT has
     * settled, later one read.
     */
    private Read measure(String at, String what, FullRead full) throws Exception {
        IntConsumer once = i -> {
            try {
                full.read();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        if (firstSize) {
            report.progress("[stream] %s warmed up: %s", what, Warmup.run(3, options.warmupSeconds() / 4,
                    options.warmupSeconds(), once));
        } else {
            once.accept(0);
        }
        Report.Stage stage = report.stage(at + ", " + what);
        List<Double> seconds = new ArrayList<>();
        Read last = null;
        for (int i = 0; i < options.feedReads(); i++) {
            long start = System.nanoTime();
            last = full.read();
            seconds.add((System.nanoTime() - start) / 1e9);
        }
        stage.end();
        return new Read(what, last.events(), last.pages(), seconds);
    }

    /** The baseline: consecutive {@code _id}s looked up in batches, as {@link EventPages#after} does, undecoded. */
    private static Read readRaw(MongoCollection<RawBsonDocument> events, long head, int page) {
        EventsByKey.Read read = EventsByKey.read(events, 0, head, page);
        return new Read("raw", read.documents(), read.lookups(), List.of());
    }

    private static Read readPages(EventPages pages, int limit) {
        long count = 0;
        long lookups = 0;
        long position = 0;
        while (true) {
            EventPages.Page page = pages.after(position, limit);
            count += page.events().size();
            lookups++;
            position = page.position();
            if (page.atHead()) {
                return new Read("pages", count, lookups, List.of());
            }
        }
    }

    /** Follows the feed from 0 to the head as a client would ({@link FeedClient#follow}: counted, not parsed). */
    private Read readFeed(String base, String query) throws IOException, InterruptedException {
        return new Read(query, events(query), client.follow(base, query, 0).requests(), List.of());
    }

    /** Events each feed read delivers, as {@link #check} counted them. */
    private final Map<String, Long> delivered = new java.util.HashMap<>();

    private long events(String query) {
        return delivered.getOrDefault(query.replaceFirst("&limit=.*", ""), 0L);
    }

    /**
     * Reads every path once parsing the answers, so that the measured reads deliver what they should: the whole
     * stream, the plan's events, every event of the type.
     */
    private void check(String base, long head, long planEvents) throws IOException, InterruptedException {
        long all = countFeed(base, "limit=" + options.feedPage());
        long plan = countFeed(base, "plan=" + PLAN + "&limit=" + PLAN_PAGE);
        long type = countFeed(base, "type=" + TYPE + "&limit=" + options.feedPage());
        if (all != head || plan != planEvents || type != (head - planEvents) / FILLER_EVENTS + 1) {
            throw new IllegalStateException(String.format("feed read %d of %d events, %d of the plan's %d, %d %s",
                    all, head, plan, planEvents, type, TYPE));
        }
        delivered.put("limit=" + options.feedPage(), all);
        delivered.put("plan=" + PLAN, plan);
        delivered.put("type=" + TYPE, type);
    }

    private long countFeed(String base, String query) throws IOException, InterruptedException {
        long position = 0;
        long count = 0;
        while (true) {
            HttpResponse<byte[]> answer = client.get(base + "/api/events?" + query + "&after=" + position);
            count += JSON.readTree(answer.body()).size();
            position = Long.parseLong(answer.headers().firstValue("Stream-Position").orElseThrow());
            if (Boolean.parseBoolean(answer.headers().firstValue("Stream-At-Head").orElseThrow())) {
                return count;
            }
        }
    }

    /**
     * Fills the store through the command side's storage engine, as {@link FillerPlans} does, in rounds of 1,000
     * positions: the next 10 events of one plan (so it holds 1 % of the store, spread over all of it), then 9 filler
     * plans of 110 events (one {@code PlanAdopted} each: ~0.9 % of the store).
     */
    private static final class Growth {
        private final MongoEventStorageEngine engine;
        private final List<PlanEvent> plan = Scenario.fillerPlan(PLAN, 20_000);
        private int planWritten;
        private int fillers;

        Growth(MongoEventStorageEngine engine) {
            this.engine = engine;
        }

        void growTo(long eventsInStore) {
            while (engine.lastAllocatedSequence() < eventsInStore) {
                engine.appendEvents(messages(PLAN, planWritten, plan.subList(planWritten,
                        planWritten + PLAN_EVENTS_PER_ROUND)));
                planWritten += PLAN_EVENTS_PER_ROUND;
                for (int i = 0; i < 9; i++) {
                    String filler = Scenario.planCode("FEED", fillers++);
                    engine.appendEvents(messages(filler, 0, Scenario.fillerPlan(filler, FILLER_EVENTS)));
                }
            }
        }

        private static List<EventMessage<?>> messages(String plan, int firstSequence, List<PlanEvent> events) {
            MetaData meta = MetaData.from(Map.of("actor", "bench-filler", "role", "REGISTRAR", "correlationId",
                    UUID.randomUUID().toString()));
            List<EventMessage<?>> messages = new ArrayList<>(events.size());
            for (int i = 0; i < events.size(); i++) {
                messages.add(new GenericDomainEventMessage<>("Plan", plan, firstSequence + i, events.get(i), meta));
            }
            return messages;
        }
    }
}
