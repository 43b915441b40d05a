package org.planregistry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;

/**
 * {@link EventPages} against the embedded MongoDB-protocol server over TCP: gaps, fillers and the search for a
 * plan's position. Writers, readers and the test's own look-ups each have their own client, as separate processes
 * would.
 */
class EventPagesTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);

    private TestMongo mongo;
    private String databaseName;
    private final List<MongoClient> clients = new ArrayList<>();
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();

    @BeforeEach
    void start() {
        mongo = TestMongo.start();
        databaseName = "pages-" + DATABASES.incrementAndGet();
    }

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        mongo.close();
    }

    private MongoDatabase connect() {
        MongoClient client = MongoClients.create(mongo.uri(databaseName));
        clients.add(client);
        return client.getDatabase(databaseName);
    }

    private MongoEventStorageEngine.Builder builder(MongoDatabase database) {
        return MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer);
    }

    private MongoEventStorageEngine engine() {
        MongoEventStorageEngine engine = builder(connect()).build();
        engine.ensureIndexes();
        return engine;
    }

    /** A reader of the store, as the query side builds it: its own engine and client, on the given clock. */
    private EventPages pages(Clock clock) {
        return new EventPages(builder(connect()).build(), GAP_TIMEOUT, clock);
    }

    private static DomainEventMessage<PlanEvent> event(String plan, long sequence) {
        return new GenericDomainEventMessage<>("Plan", plan, sequence, new PlanEvent.GoalAdoptedEvent(plan,
                "G" + sequence, "目标 " + sequence, 2025, "说明", LocalDate.of(2022, 1, 1), null, null));
    }

    private static long globalSequence(TrackedEventMessage<?> message) {
        return ((Number) message.getMetaData().get(MongoEventStorageEngine.GLOBAL_SEQUENCE)).longValue();
    }

    private static List<Long> globalSequences(EventPages.Page page) {
        return page.events().stream().map(EventPagesTest::globalSequence).toList();
    }

    @Test
    void aGapIsWaitedForUntilTheTimeoutThenFilledSoEveryLaterReaderPassesOverItAtOnce() {
        MongoEventStorageEngine writer = engine();
        writer.appendEvents(event("GAP", 0)); // 1
        new GlobalSequence(connect().getCollection("sequences"), "events").allocate(1); // a writer that died: 2
        writer.appendEvents(event("GAP", 1)); // 3
        SettableClock clock = new SettableClock();
        EventPages pages = pages(clock);

        EventPages.Page first = pages.after(0, 10);
        assertThat(globalSequences(first)).containsExactly(1L);
        assertThat(first.position()).isEqualTo(1);
        assertThat(first.waitingFor()).hasValue(2);
        assertThat(first.atHead()).isFalse();

        clock.advance(Duration.ofSeconds(59));
        EventPages.Page before = pages.after(1, 10);
        assertThat(globalSequences(before)).as("the event after the gap is not returned before the timeout")
                .isEmpty();
        assertThat(before.position()).isEqualTo(1);
        assertThat(before.waitingFor()).hasValue(2);
        assertThat(connect().getCollection("events").find(new Document("_id", 2L)).first()).isNull();

        clock.advance(Duration.ofSeconds(2));
        EventPages.Page after = pages.after(1, 10);
        assertThat(globalSequences(after)).containsExactly(3L);
        assertThat(after.position()).isEqualTo(3);
        assertThat(after.waitingFor()).isEmpty();
        assertThat(after.atHead()).isTrue();
        assertThat(connect().getCollection("events").find(new Document("_id", 2L)).first())
                .as("the given-up number is filled, exactly as a lost race's numbers are")
                .isEqualTo(MongoEventStorageEngine.filler(2));

        // As after a restart: a new reader whose clock has not seen the gap at all passes over it at once.
        EventPages restarted = pages(new SettableClock());
        EventPages.Page fresh = restarted.after(0, 10);
        assertThat(globalSequences(fresh)).containsExactly(1L, 3L);
        assertThat(fresh.position()).isEqualTo(3);
        assertThat(fresh.waitingFor()).isEmpty();
        assertThat(fresh.atHead()).isTrue();
    }

    @Test
    void aWriterThatArrivesAfterItsNumberWasGivenUpIsRefusedAsAConcurrentChange() throws Exception {
        MongoEventStorageEngine fast = engine();
        fast.appendEvents(event("SLOW", 0)); // 1
        CountDownLatch allocated = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        MongoEventStorageEngine slow = new MongoEventStorageEngine(builder(connect())) {
            @Override
            protected void insert(List<Document> docs) {
                allocated.countDown();
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.insert(docs);
            }
        };
        ExecutorService background = Executors.newSingleThreadExecutor();
        try {
            Future<?> late = background.submit(() -> slow.appendEvents(event("SLOW", 1))); // allocates 2
            assertThat(allocated.await(10, TimeUnit.SECONDS)).isTrue();
            fast.appendEvents(event("OTHER", 0)); // 3
            SettableClock clock = new SettableClock();
            EventPages pages = pages(clock);
            assertThat(pages.after(0, 10).waitingFor()).hasValue(2);
            clock.advance(Duration.ofSeconds(61));
            assertThat(globalSequences(pages.after(1, 10))).containsExactly(3L);

            release.countDown();
            assertThatThrownBy(() -> late.get(10, TimeUnit.SECONDS))
                    .hasCauseInstanceOf(ConcurrencyException.class);
        } finally {
            release.countDown();
            background.shutdownNow();
        }
        assertThat(connect().getCollection("events").find(new Document("_id", 2L)).first())
                .isEqualTo(MongoEventStorageEngine.filler(2));
        assertThat(fast.readEvents("SLOW").asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .as("the refused event is not stored").containsExactly(0L);
        EventPages.Page again = pages(new SettableClock()).after(0, 10);
        assertThat(globalSequences(again)).containsExactly(1L, 3L);
        assertThat(again.waitingFor()).isEmpty();
    }

    @Test
    void aFillerInTheMiddleOfAPageIsPassedOverWithoutBeingReturned() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("LOST", 0)); // 1
        engine.appendEvents(event("LOST", 1)); // 2
        // A commit of three events based on an outdated version: it reserves 3..5, loses, and fills them.
        assertThatThrownBy(() -> engine.appendEvents(event("LOST", 1), event("LOST", 2), event("LOST", 3)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("LOST", 2)); // 6
        engine.appendEvents(event("LOST", 3)); // 7

        // A clock that never moves: no gap can time out, so only the fillers let the page pass 3..5.
        EventPages pages = pages(new SettableClock());
        EventPages.Page page = pages.after(0, 10);
        assertThat(globalSequences(page)).containsExactly(1L, 2L, 6L, 7L);
        assertThat(page.events()).extracting(message -> ((DomainEventMessage<?>) message).getSequenceNumber())
                .containsExactly(0L, 1L, 2L, 3L);
        assertThat(page.position()).isEqualTo(7);
        assertThat(page.waitingFor()).isEmpty();
        assertThat(page.atHead()).isTrue();

        EventPages.Page onlyFillers = pages.after(2, 3);
        assertThat(onlyFillers.events()).isEmpty();
        assertThat(onlyFillers.position()).as("a page of fillers only still moves the cursor").isEqualTo(5);
        assertThat(onlyFillers.waitingFor()).isEmpty();
        assertThat(globalSequences(pages.after(4, 2))).containsExactly(6L);
    }

    @Test
    void ofAggregateReturnsExactlyThePlansEventsAfterAnyPosition() {
        MongoEventStorageEngine engine = engine();
        String plan = "PLAN-A";
        int planEvents = 1_000;
        long[] others = new long[7];
        // Five events of other plans first, then between the plan's events an irregular number of others (0 to 3).
        for (int i = 0; i < 5; i++) {
            engine.appendEvents(event("OTHER-" + i, others[i]++));
        }
        List<Long> globals = new ArrayList<>();
        for (int i = 0; i < planEvents; i++) {
            engine.appendEvents(event(plan, i));
            globals.add(engine.lastAllocatedSequence());
            int between = (i * 7 + i / 13) % 4;
            for (int k = 0; k < between; k++) {
                int other = (i + k) % others.length;
                engine.appendEvents(event("OTHER-" + other, others[other]++));
            }
        }
        for (int i = 0; i < 3; i++) {
            engine.appendEvents(event("OTHER-" + i, others[i]++));
        }
        long head = engine.lastAllocatedSequence();
        assertThat(globals.get(0)).isEqualTo(6);
        assertThat(head).isGreaterThan(globals.get(planEvents - 1));

        TreeSet<Long> afters = new TreeSet<>();
        for (long a = 0; a <= 70; a++) {
            afters.add(a);
        }
        for (long power = 1; power <= 2 * head; power *= 2) {
            afters.add(power - 1);
            afters.add(power);
            afters.add(power + 1);
        }
        for (int i = 0; i < planEvents; i++) {
            if (i < 40 || i >= planEvents - 40 || i % 11 == 0) {
                afters.add(globals.get(i) - 1);
                afters.add(globals.get(i));
                afters.add(globals.get(i) + 1);
            }
        }
        for (long a = head - 3; a <= head + 3; a++) {
            afters.add(a);
        }
        afters.add(head + 1_000);
        afters.add(Long.MAX_VALUE / 4);

        EventPages pages = pages(new SettableClock());
        int[] limits = {1, 2, 7, 100, 1_000};
        int checked = 0;
        for (long after : afters) {
            int limit = limits[checked++ % limits.length];
            List<Long> expected = globals.stream().filter(global -> global > after).limit(limit).toList();
            EventPages.Page page = pages.ofAggregate(plan, after, limit);
            assertThat(page).as("after %d", after).isNotNull();
            assertThat(globalSequences(page)).as("after %d, limit %d", after, limit).isEqualTo(expected);
            long firstSequence = globals.size() - globals.stream().filter(global -> global > after).count();
            assertThat(page.events()).as("after %d: the plan's own events, in order", after)
                    .extracting(message -> ((DomainEventMessage<?>) message).getSequenceNumber())
                    .containsExactlyElementsOf(
                            LongStream.range(firstSequence, firstSequence + expected.size()).boxed().toList());
            assertThat(page.events()).allSatisfy(message ->
                    assertThat(((DomainEventMessage<?>) message).getAggregateIdentifier()).isEqualTo(plan));
            assertThat(page.position()).as("after %d: position", after)
                    .isEqualTo(expected.isEmpty() ? after : expected.get(expected.size() - 1));
            assertThat(page.waitingFor()).isEqualTo(OptionalLong.empty());
            if (expected.size() < limit) {
                assertThat(page.atHead()).as("after %d: the plan's last event was returned", after).isTrue();
            }
        }
        assertThat(checked).as("positions checked").isGreaterThan(300);

        assertThat(pages.ofAggregate("NO-SUCH-PLAN", 0, 10)).isNull();
        assertThat(pages.ofAggregate("NO-SUCH-PLAN", head, 10)).isNull();
    }

    /** A clock the test moves by hand; it stands still otherwise. */
    private static final class SettableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
