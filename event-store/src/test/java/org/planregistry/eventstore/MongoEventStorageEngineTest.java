package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.eq;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.LongStream;

import com.mongodb.ConnectionString;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoClientSettings;
import com.mongodb.ServerAddress;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.bulk.WriteConcernError;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.EventMessageHandler;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonMaximumSizeExceededException;
import org.bson.BsonString;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;

/**
 * The event store against the embedded MongoDB-protocol server over TCP. Each writer and the reader has its own
 * client and engine, as separate processes would.
 */
class MongoEventStorageEngineTest {

    private static final AtomicInteger DATABASES = new AtomicInteger();

    private TestMongo mongo;
    private String databaseName;
    private final List<MongoClient> clients = new ArrayList<>();
    private final List<TrackingEventProcessor> processors = new ArrayList<>();
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();

    @BeforeEach
    void start() {
        mongo = TestMongo.start();
        databaseName = "engine-" + DATABASES.incrementAndGet();
    }

    @AfterEach
    void stop() {
        processors.forEach(TrackingEventProcessor::shutDown);
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

    private static DomainEventMessage<PlanEvent> event(String plan, long sequence) {
        return new GenericDomainEventMessage<>("Plan", plan, sequence, new PlanEvent.GoalAdoptedEvent(plan,
                "G" + sequence, "目标 " + sequence, 2025, "说明", LocalDate.of(2022, 1, 1), null, null));
    }

    /** A live tracker with two segments claimed in the MongoDB token store; counts deliveries per global sequence. */
    private Map<Long, Integer> track(MongoEventStorageEngine engine) {
        Map<Long, Integer> deliveries = new ConcurrentHashMap<>();
        EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).fetchDelay(20)
                .timeUnit(TimeUnit.MILLISECONDS).build();
        EventMessageHandler handler = new EventMessageHandler() {
            @Override
            public Object handle(EventMessage<?> event) {
                long position = ((Number) event.getMetaData().get(MongoEventStorageEngine.GLOBAL_SEQUENCE)).longValue();
                deliveries.merge(position, 1, Integer::sum);
                return null;
            }
        };
        MongoTokenStore tokens = MongoTokenStore.builder()
                .mongoTemplate(DefaultMongoTemplate.builder().mongoDatabase(connect()).build())
                .serializer(serializer).build();
        TrackingEventProcessor processor = TrackingEventProcessor.builder()
                .name("counter")
                .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(handler).build())
                .messageSource(store)
                .tokenStore(tokens)
                .transactionManager(NoTransactionManager.INSTANCE)
                .trackingEventProcessorConfiguration(TrackingEventProcessorConfiguration
                        .forParallelProcessing(2).andInitialSegmentsCount(2).andBatchSize(50))
                .build();
        processor.start();
        processors.add(processor);
        return deliveries;
    }

    private static void awaitDelivered(Map<Long, Integer> deliveries, int count, Duration within)
            throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (deliveries.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
    }

    @Test
    void twoWritersInParallelAreDeliveredExactlyOnceToALiveTracker() throws Exception {
        Map<Long, Integer> deliveries = track(engine());
        int perWriter = 400;
        ExecutorService writers = Executors.newFixedThreadPool(2);
        List<Future<?>> done = new ArrayList<>();
        for (String writer : List.of("A", "B")) {
            MongoEventStorageEngine engine = engine();
            done.add(writers.submit(() -> {
                for (int i = 0; i < perWriter; i++) {
                    // Ten plans per writer, appended round-robin: events of many aggregates interleave.
                    engine.appendEvents(event(writer + "-" + (i % 10), i / 10));
                }
                return null;
            }));
        }
        for (Future<?> writer : done) {
            writer.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
        awaitDelivered(deliveries, 2 * perWriter, Duration.ofSeconds(30));

        assertThat(deliveries.keySet()).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, 2 * perWriter).boxed().toList());
        assertThat(deliveries.values()).as("each event delivered exactly once").containsOnly(1);
    }

    @Test
    void aCommitDelayedFiveSecondsPastItsAllocationIsStillDelivered() throws Exception {
        Map<Long, Integer> deliveries = track(engine());
        CountDownLatch allocated = new CountDownLatch(1);
        MongoEventStorageEngine slow = new MongoEventStorageEngine(builder(connect())) {
            @Override
            protected void insert(List<Document> docs) {
                allocated.countDown();
                try {
                    Thread.sleep(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                super.insert(docs);
            }
        };
        ExecutorService background = Executors.newSingleThreadExecutor();
        Future<?> slowCommit = background.submit(() -> slow.appendEvents(event("SLOW", 0)));
        assertThat(allocated.await(5, TimeUnit.SECONDS)).isTrue();
        MongoEventStorageEngine fast = engine();
        for (int i = 0; i < 10; i++) {
            fast.appendEvents(event("FAST", i));
        }
        awaitDelivered(deliveries, 10, Duration.ofSeconds(4));
        assertThat(deliveries).as("later commits are not held up by the slow one").hasSize(10)
                .doesNotContainKey(1L);

        slowCommit.get(10, TimeUnit.SECONDS);
        background.shutdown();
        awaitDelivered(deliveries, 11, Duration.ofSeconds(10));
        assertThat(deliveries).containsEntry(1L, 1).hasSize(11);
        assertThat(deliveries.values()).containsOnly(1);
    }

    @Test
    void ofTwoWritersRacingOnOnePlanOneWinsAndTheOtherWritesNothing() throws Exception {
        MongoEventStorageEngine first = engine();
        MongoEventStorageEngine second = engine();
        first.appendEvents(event("RACE", 0));
        ExecutorService racers = Executors.newFixedThreadPool(2);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<String>> outcomes = new ArrayList<>();
        for (MongoEventStorageEngine engine : List.of(first, second)) {
            outcomes.add(racers.submit(() -> {
                go.await();
                try {
                    engine.appendEvents(event("RACE", 1));
                    return "won";
                } catch (ConcurrencyException e) {
                    return "lost";
                }
            }));
        }
        go.countDown();
        List<String> results = new ArrayList<>();
        for (Future<String> outcome : outcomes) {
            results.add(outcome.get(10, TimeUnit.SECONDS));
        }
        racers.shutdown();

        assertThat(results).containsExactlyInAnyOrder("won", "lost");
        MongoDatabase database = connect();
        assertThat(database.getCollection("events").countDocuments(new Document("aggregateKey", "RACE/1")))
                .isEqualTo(1);
        assertThat(first.readEvents("RACE").asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactly(0L, 1L);
        // The loser's sequence number is marked as filled, so trackers need not wait for it.
        assertThat(database.getCollection("events").countDocuments(new Document("filler", true))).isEqualTo(1);
    }

    @Test
    void aSecondCommitUnderOneIdempotencyKeyWritesNothingAndTheFirstIsFoundByIt() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("KEYED", 0));
        Map<String, String> key = Map.of(MongoEventStorageEngine.IDEMPOTENCY_KEY, "registrar:retry-1");
        engine.appendEvents(event("KEYED", 1).andMetaData(key), event("KEYED", 2).andMetaData(key));
        assertThat(engine.eventWithIdempotencyKey("registrar:other")).isEmpty();

        // Based on the plan after the first commit, so only the key stands in its way.
        assertThatThrownBy(() -> engine.appendEvents(event("KEYED", 3).andMetaData(key)))
                .isInstanceOf(ConcurrencyException.class);

        MongoDatabase database = connect();
        assertThat(database.getCollection("events").countDocuments(new Document("aggregateKey", "KEYED/3")))
                .isZero();
        assertThat(database.getCollection("events")
                .countDocuments(new Document(MongoEventStorageEngine.IDEMPOTENCY_KEY, "registrar:retry-1")))
                .as("the key is stored beside the commit's first event only").isEqualTo(1);
        assertThat(engine.eventWithIdempotencyKey("registrar:retry-1")).hasValueSatisfying(found -> {
            assertThat(found.getSequenceNumber()).isEqualTo(1);
            assertThat(found.getPayload()).isEqualTo(event("KEYED", 1).getPayload());
            assertThat(found.getMetaData()).containsEntry(MongoEventStorageEngine.IDEMPOTENCY_KEY,
                    "registrar:retry-1").containsKey(MongoEventStorageEngine.GLOBAL_SEQUENCE);
        });
        assertThat(new ChainVerification(database).verify("KEYED").intact()).isTrue();
    }

    @Test
    void theNumbersOfALostRaceAreFilledAndATrackerDoesNotWaitForThem() {
        MongoEventStorageEngine engine = engine();
        engine.appendEvents(event("LOST", 0));
        engine.appendEvents(event("LOST", 1));
        // A commit of three events based on an outdated version: it reserves 3..5 and loses on its first event.
        assertThatThrownBy(() -> engine.appendEvents(event("LOST", 1), event("LOST", 2), event("LOST", 3)))
                .isInstanceOf(ConcurrencyException.class);
        engine.appendEvents(event("LOST", 2));

        List<Long> fillers = new ArrayList<>();
        connect().getCollection("events").find(new Document("filler", true))
                .forEach(doc -> fillers.add(doc.getLong("_id")));
        assertThat(fillers).as("every number the losing commit reserved is filled").containsExactlyInAnyOrder(3L, 4L,
                5L);

        // A clock that never moves: a gap could never time out, so only the fillers let the tracker pass 3..5.
        MongoEventStorageEngine reader = builder(connect()).clock(new SettableClock()).build();
        List<? extends TrackedEventMessage<?>> read = reader.readEvents(null, false).toList();
        assertThat(read).extracting(MongoEventStorageEngineTest::globalSequence).containsExactly(1L, 2L, 6L);
        GapAwareTrackingToken last = (GapAwareTrackingToken) read.get(read.size() - 1).trackingToken();
        assertThat(last.getIndex()).isEqualTo(6);
        assertThat(last.getGaps()).as("the tracker waits for none of the lost race's numbers").isEmpty();
    }

    @Test
    void aNumberAllocatedButNeverWrittenIsWaitedForUntilTheGapTimeoutOnTheEnginesClock() {
        SettableClock clock = new SettableClock();
        MongoEventStorageEngine reader = builder(connect()).gapTimeout(Duration.ofSeconds(60)).clock(clock).build();
        MongoEventStorageEngine writer = engine();
        writer.appendEvents(event("GAP", 0));
        new GlobalSequence(connect().getCollection("sequences"), "events").allocate(1); // a writer that died: 2
        writer.appendEvents(event("GAP", 1));

        List<? extends TrackedEventMessage<?>> first = reader.readEvents(null, false).toList();
        assertThat(first).extracting(MongoEventStorageEngineTest::globalSequence).containsExactly(1L, 3L);
        TrackingToken afterFirst = first.get(1).trackingToken();
        assertThat(((GapAwareTrackingToken) afterFirst).getGaps()).containsExactly(2L);

        // Just before the timeout the tracker still waits at the gap: later events come, the token keeps the gap.
        clock.advance(Duration.ofSeconds(59));
        writer.appendEvents(event("GAP", 2));
        List<? extends TrackedEventMessage<?>> second = reader.readEvents(afterFirst, false).toList();
        assertThat(second).extracting(MongoEventStorageEngineTest::globalSequence).containsExactly(4L);
        TrackingToken afterSecond = second.get(0).trackingToken();
        assertThat(((GapAwareTrackingToken) afterSecond).getGaps()).as("waiting for 2 before the timeout")
                .containsExactly(2L);

        // Once the timeout has passed on the engine's clock, the gap is given up.
        clock.advance(Duration.ofSeconds(2));
        writer.appendEvents(event("GAP", 3));
        List<? extends TrackedEventMessage<?>> third = reader.readEvents(afterSecond, false).toList();
        assertThat(third).extracting(MongoEventStorageEngineTest::globalSequence).containsExactly(5L);
        GapAwareTrackingToken afterThird = (GapAwareTrackingToken) third.get(0).trackingToken();
        assertThat(afterThird.getIndex()).isEqualTo(5);
        assertThat(afterThird.getGaps()).as("2 given up after the timeout").isEmpty();
    }

    @Test
    void aHoleWiderThanATrackersWindowIsPassedOverWithItsNumbersKeptAsGaps() {
        MongoEventStorageEngine reader = builder(connect()).gapTimeout(Duration.ofSeconds(60))
                .clock(new SettableClock()).build();
        MongoEventStorageEngine writer = engine();
        writer.appendEvents(event("HOLE", 0));
        // Writers that died after allocating 2..151: more numbers than a tracker's window of 100.
        new GlobalSequence(connect().getCollection("sequences"), "events").allocate(150);
        writer.appendEvents(event("HOLE", 1));

        List<? extends TrackedEventMessage<?>> read = reader.readEvents(null, false).toList();

        assertThat(read).extracting(MongoEventStorageEngineTest::globalSequence).containsExactly(1L, 152L);
        GapAwareTrackingToken token = (GapAwareTrackingToken) read.get(1).trackingToken();
        assertThat(token.getIndex()).isEqualTo(152);
        assertThat(token.getGaps()).as("the numbers passed over are still waited for").hasSize(150)
                .contains(2L, 151L);
    }

    @Test
    void aCommitLargerThanATrackersWindowWrittenWhileTheTrackerLooksIsReadInOrder() {
        MongoEventStorageEngine writer = engine();
        writer.appendEvents(event("BEFORE", 0));
        List<DomainEventMessage<PlanEvent>> commit = LongStream.range(0, 110).mapToObj(i -> event("LARGE", i))
                .toList();
        AtomicBoolean written = new AtomicBoolean();
        MongoEventStorageEngine reader = new MongoEventStorageEngine(builder(connect())) {
            @Override
            Document firstStoredFrom(long from, int size) {
                // The tracker found its window 2..101 empty; the commit of 2..111 is written before it looks further.
                if (written.compareAndSet(false, true)) {
                    writer.appendEvents(commit);
                }
                return super.firstStoredFrom(from, size);
            }
        };

        List<? extends TrackedEventMessage<?>> read = reader.readEvents(null, false).toList();

        assertThat(written).isTrue();
        assertThat(read).extracting(MongoEventStorageEngineTest::globalSequence).as("the plan's events in order, "
                + "not its 101st first").isEqualTo(LongStream.rangeClosed(1, 111).boxed().toList());
    }

    @Test
    void aCommitWhoseWriteConcernFailedIsReportedAsUnknownAndItsNumbersAreNotFilled() {
        MongoDatabase database = connect();
        MongoEventStorageEngine writer = new MongoEventStorageEngine(builder(database)) {
            @Override
            protected void insert(List<Document> docs) {
                super.insert(docs); // written on the primary, then no majority confirmed it in time
                throw new MongoBulkWriteException(BulkWriteResult.acknowledged(docs.size(), 0, 0, 0, List.of(),
                        List.of()), List.of(), new WriteConcernError(64, "WriteConcernFailed",
                        "waiting for replication timed out", new BsonDocument()), new ServerAddress(), Set.of());
            }
        };
        writer.ensureIndexes();

        assertThatThrownBy(() -> writer.appendEvents(event("WC", 0))).isInstanceOf(EventStoreException.class)
                .hasMessageContaining("may or may not have been kept")
                .hasCauseInstanceOf(MongoBulkWriteException.class);

        assertThat(database.getCollection("events").countDocuments(eq("filler", true)))
                .as("a number that may hold the event is not filled").isZero();
        assertThat(engine().readEvents(null, false).toList()).extracting(MongoEventStorageEngineTest::globalSequence)
                .containsExactly(1L);
    }

    @Test
    void aCommitTheDriverRefusedBeforeWritingLeavesNoNumberToWaitFor() {
        MongoDatabase database = connect();
        MongoEventStorageEngine refused = new MongoEventStorageEngine(builder(database)) {
            @Override
            protected void insert(List<Document> docs) {
                throw new BsonMaximumSizeExceededException("Payload document size is larger than maximum of 16793600.");
            }
        };
        MongoEventStorageEngine writer = engine();
        writer.appendEvents(event("BIG", 0));

        assertThatThrownBy(() -> refused.appendEvents(event("BIG", 1), event("BIG", 2)))
                .isInstanceOf(BsonMaximumSizeExceededException.class);
        writer.appendEvents(event("BIG", 1));

        assertThat(database.getCollection("events").countDocuments(eq("filler", true))).isEqualTo(2);
        // A clock that never moves: without the fillers the tracker would wait at 2 for ever.
        MongoEventStorageEngine reader = builder(connect()).clock(new SettableClock()).build();
        List<? extends TrackedEventMessage<?>> read = reader.readEvents(null, false).toList();
        assertThat(read).extracting(MongoEventStorageEngineTest::globalSequence).containsExactly(1L, 4L);
        assertThat(((GapAwareTrackingToken) read.get(1).trackingToken()).getGaps()).isEmpty();
    }

    @Test
    void everyReadOfEventsAndSnapshotsAsksForWhatAMajorityHas() {
        List<BsonDocument> finds = new java.util.concurrent.CopyOnWriteArrayList<>();
        MongoClient client = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri(databaseName)))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        if (event.getCommandName().equals("find")) {
                            finds.add(event.getCommand().clone());
                        }
                    }
                }).build());
        clients.add(client);
        MongoEventStorageEngine engine = builder(client.getDatabase(databaseName)).build();
        engine.ensureIndexes();
        engine.appendEvents(event("MAJORITY", 0));
        engine.appendEvents(event("MAJORITY", 1));

        engine.readEvents(null, false).toList(); // a tracker
        engine.readSnapshot("MAJORITY"); // an aggregate's load: its snapshot, then its events
        engine.readEvents("MAJORITY").asStream().toList();
        new EventPages(engine, Duration.ofSeconds(60), Clock.systemUTC()).after(0, 10); // the outward stream

        assertThat(finds).extracting(find -> find.getString("find").getValue())
                .contains("events", "snapshots");
        assertThat(finds).filteredOn(find -> !find.getString("find").getValue().equals("sequences"))
                .allSatisfy(find -> assertThat(find.getDocument("readConcern", new BsonDocument()))
                        .as("%s", find).isEqualTo(new BsonDocument("level", new BsonString("majority"))));
    }

    private static long globalSequence(TrackedEventMessage<?> message) {
        return ((Number) message.getMetaData().get(MongoEventStorageEngine.GLOBAL_SEQUENCE)).longValue();
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

    @Test
    void concurrentAllocatorsNeverReceiveTheSameNumber() throws Exception {
        int threads = 4;
        int perThread = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            GlobalSequence sequence = new GlobalSequence(connect().getCollection("sequences"), "events");
            results.add(pool.submit(() -> {
                List<Long> mine = new ArrayList<>(perThread);
                for (int i = 0; i < perThread; i++) {
                    mine.add(sequence.allocate(1));
                }
                return mine;
            }));
        }
        List<Long> all = new ArrayList<>();
        for (Future<List<Long>> result : results) {
            all.addAll(result.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();
        Set<Long> distinct = all.stream().collect(Collectors.toSet());
        assertThat(distinct).hasSize(threads * perThread);
        assertThat(distinct).containsExactlyInAnyOrderElementsOf(
                LongStream.rangeClosed(1, (long) threads * perThread).boxed().toList());
    }

    @Test
    void aPlanLoadsFromItsLatestSnapshotAndTheEventsAfterIt() {
        MongoEventStorageEngine engine = engine();
        for (int i = 0; i < 5; i++) {
            engine.appendEvents(event("SNAP", i));
        }
        engine.storeSnapshot(new GenericDomainEventMessage<>("Plan", "SNAP", 2, Map.of("state", "after 3 events")));
        List<Long> sequences = engine.readEvents("SNAP").asStream().map(DomainEventMessage::getSequenceNumber)
                .toList();
        assertThat(sequences).containsExactly(0L, 1L, 2L, 3L, 4L);
        assertThat(engine.readSnapshot("SNAP")).hasValueSatisfying(snapshot ->
                assertThat(snapshot.getSequenceNumber()).isEqualTo(2));
        assertThat(engine.readEvents("SNAP", 3).asStream().map(DomainEventMessage::getSequenceNumber).toList())
                .containsExactly(3L, 4L);
    }

    @Test
    void everyPlanIsAHashChainThatRevealsARewrittenEvent() {
        MongoEventStorageEngine engine = engine();
        for (int i = 0; i < 5; i++) {
            engine.appendEvents(event("CHAIN", i));
            engine.appendEvents(event("OTHER", i));
        }
        MongoDatabase database = connect();
        ChainVerification verification = new ChainVerification(database);
        ChainVerification.Report intact = verification.verify("CHAIN");
        assertThat(intact.intact()).isTrue();
        assertThat(intact.events()).isEqualTo(5);
        assertThat(intact.head().sequenceNumber()).isEqualTo(4);
        assertThat(intact.head().hash()).hasSize(64);
        Document third = database.getCollection("events").find(new Document("aggregateKey", "CHAIN/2")).first();
        Document second = database.getCollection("events").find(new Document("aggregateKey", "CHAIN/1")).first();
        assertThat(third.getString("previousHash")).isEqualTo(second.getString("hash"));

        // Someone with write access to the database edits the payload of the third event.
        database.getCollection("events").updateOne(new Document("aggregateKey", "CHAIN/2"), new Document("$set",
                new Document("payload", third.getString("payload").replace("目标 2", "目标 X"))));
        ChainVerification.Report tampered = verification.verify("CHAIN");
        assertThat(tampered.intact()).isFalse();
        assertThat(tampered.firstBroken().sequenceNumber()).isEqualTo(2);
        assertThat(tampered.problem()).contains("changed");
        assertThat(tampered.head().sequenceNumber()).as("the chain's last event").isEqualTo(4);
        assertThat(tampered.problems()).extracting(ChainProblem::kind, ChainProblem::sequenceNumber)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(ChainProblem.Kind.PAYLOAD_CHANGED, 2L));
        assertThat(verification.verify("OTHER").intact()).isTrue();

        database.getCollection("events").deleteOne(new Document("aggregateKey", "OTHER/4"));
        database.getCollection("events").deleteOne(new Document("aggregateKey", "OTHER/2"));
        ChainVerification.Report removed = verification.verify("OTHER");
        assertThat(removed.intact()).isFalse();
        assertThat(removed.problem()).contains("event 2").contains("missing");
    }

    @Test
    void theChainHoldsWhenTwoInstancesTakeTurnsOnOnePlan() {
        MongoEventStorageEngine first = engine();
        MongoEventStorageEngine second = engine();
        for (int i = 0; i < 6; i++) {
            (i % 3 == 0 ? second : first).appendEvents(event("TURNS", i));
        }
        ChainVerification.Report report = new ChainVerification(connect()).verify("TURNS");
        assertThat(report.intact()).as(String.valueOf(report.problem())).isTrue();
        assertThat(report.events()).isEqualTo(6);
    }

    @Test
    void aTokenAtATimeIsFoundByLookUpsOfKeysNotByScanningRecordingTimes() {
        List<BsonDocument> sent = new CopyOnWriteArrayList<>();
        MongoClient watched = MongoClients.create(MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(mongo.uri(databaseName)))
                .addCommandListener(new CommandListener() {
                    @Override
                    public void commandStarted(CommandStartedEvent event) {
                        sent.add(event.getCommand().clone());
                    }
                }).build());
        clients.add(watched);
        MongoEventStorageEngine engine = builder(watched.getDatabase(databaseName)).build();
        engine.ensureIndexes();
        Instant start = Instant.parse("2024-01-01T00:00:00Z");
        for (int i = 0; i < 200; i++) {
            engine.appendEvents(new GenericDomainEventMessage<>("Plan", "TIMES", i, new PlanEvent.GoalAdoptedEvent(
                    "TIMES", "G" + i, "目标", 2025, "说明", LocalDate.of(2022, 1, 1), null, null), Map.of(),
                    "times-" + i, start.plusSeconds(i)));
            if (i == 120) {
                // a commit that lost a race left fillers (no recording time) for numbers 122 to 126
                for (long filler = 122; filler <= 126; filler++) {
                    watched.getDatabase(databaseName).getCollection("sequences").updateOne(
                            new Document("_id", "events"), new Document("$inc", new Document("value", 1)));
                    watched.getDatabase(databaseName).getCollection("events")
                            .insertOne(MongoEventStorageEngine.filler(filler));
                }
            }
        }
        sent.clear();

        assertThat(position(engine.createTokenAt(start.minusSeconds(1)))).isZero();
        assertThat(position(engine.createTokenAt(start.plusMillis(100_500)))).as("before event 101, number 102")
                .isEqualTo(101);
        assertThat(position(engine.createTokenAt(start.plusSeconds(121)))).as("event 121 follows the fillers")
                .isEqualTo(126);
        assertThat(position(engine.createTokenAt(start.plusSeconds(1000)))).as("nothing later: the head")
                .isEqualTo(205);
        assertThat(sent).filteredOn(c -> c.containsKey("find")).isNotEmpty()
                .allSatisfy(find -> assertThat(find.getDocument("filter").toJson()).doesNotContain("recordedAt"));
    }

    private static long position(TrackingToken token) {
        return token.position().orElseThrow();
    }

    @Test
    void aTransactionThatCannotCommitWritesNothingAndFillsItsNumbers() {
        // Transactions forced on a server that has none: the driver refuses the session, as a replica set aborts a
        // transaction. Nothing of the commit may be stored, and its numbers must not hold up the trackers.
        MongoDatabase database = connect();
        MongoEventStorageEngine engine = builder(database).transactions(clients.get(0)).build();
        engine.ensureIndexes();

        assertThatThrownBy(() -> engine.appendEvents(event("TXN", 0), event("TXN", 1)))
                .isInstanceOf(EventStoreException.class)
                .hasStackTraceContaining("doesn't support sessions");

        assertThat(database.getCollection("events").find().into(new ArrayList<>()))
                .extracting(doc -> doc.get("_id") + " " + doc.get("filler")).containsExactly("1 true", "2 true");
        engine.appendEvents(event("ONE", 0));
        assertThat(database.getCollection("events").countDocuments(eq("aggregateKey", "ONE/0")))
                .as("a single event needs no transaction").isEqualTo(1);
    }
}
