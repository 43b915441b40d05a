package org.planregistry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A plan's stored snapshot only ever moves forward: a snapshot written later but taken at an older version (by a
 * second, slower command side) never replaces a newer one, whatever the order of the writes. Each writer is its own
 * engine with its own client, as separate command-side processes would be.
 */
class SnapshotsMoveForwardTest {

    private static final String PLAN = "SNAP-FORWARD";

    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();
    private final List<MongoClient> clients = new ArrayList<>();
    private TestMongo mongo;

    @BeforeEach
    void start() {
        mongo = TestMongo.start();
    }

    @AfterEach
    void stop() {
        clients.forEach(MongoClient::close);
        mongo.close();
    }

    private MongoDatabase connect() {
        MongoClient client = MongoClients.create(mongo.uri("snapshots"));
        clients.add(client);
        return client.getDatabase("snapshots");
    }

    /** A separate command side: its own client and engine on the same store. */
    private MongoEventStorageEngine commandSide() {
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(connect())
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        engine.ensureIndexes();
        return engine;
    }

    private static DomainEventMessage<String> snapshotAt(long version) {
        return new GenericDomainEventMessage<>("Plan", PLAN, version, "plan at version " + version);
    }

    private static void assertStoredSnapshotIsAt(MongoEventStorageEngine reader, long version) {
        assertThat(reader.readSnapshot(PLAN)).as("the stored snapshot").hasValueSatisfying(snapshot -> {
            assertThat(snapshot.getSequenceNumber()).isEqualTo(version);
            assertThat(snapshot.getPayload()).isEqualTo("plan at version " + version);
        });
    }

    @Test
    void theFirstSnapshotOfAPlanIsStored() {
        MongoEventStorageEngine engine = commandSide();

        engine.storeSnapshot(snapshotAt(99));

        assertStoredSnapshotIsAt(engine, 99);
    }

    @Test
    void aNewerSnapshotReplacesAnOlderOne() {
        MongoEventStorageEngine first = commandSide();
        MongoEventStorageEngine second = commandSide();
        first.storeSnapshot(snapshotAt(99));

        second.storeSnapshot(snapshotAt(199));

        assertStoredSnapshotIsAt(first, 199);
        assertThat(connect().getCollection("snapshots").countDocuments()).as("still one snapshot per plan")
                .isEqualTo(1);
    }

    @Test
    void anOlderSnapshotWrittenLaterByAnotherCommandSideDoesNotReplaceANewerOne() {
        MongoEventStorageEngine fast = commandSide();
        MongoEventStorageEngine slow = commandSide();
        fast.storeSnapshot(snapshotAt(199));

        slow.storeSnapshot(snapshotAt(99));

        assertStoredSnapshotIsAt(slow, 199);
        assertThat(connect().getCollection("snapshots").countDocuments()).isEqualTo(1);
    }

    @Test
    void aSnapshotAtTheStoredVersionLeavesTheStoredOneAsItIs() {
        MongoEventStorageEngine first = commandSide();
        MongoEventStorageEngine second = commandSide();
        first.storeSnapshot(snapshotAt(99));
        Document before = connect().getCollection("snapshots").find(new Document("_id", PLAN)).first();

        second.storeSnapshot(snapshotAt(99));

        Document after = connect().getCollection("snapshots").find(new Document("_id", PLAN)).first();
        assertThat(after.getString("eventIdentifier")).isEqualTo(before.getString("eventIdentifier"));
    }

    @Test
    void racingCommandSidesLeaveTheNewestSnapshotWhateverTheOrder() throws Exception {
        int writers = 4;
        int rounds = 25;
        List<MongoEventStorageEngine> engines = new ArrayList<>();
        for (int i = 0; i < writers; i++) {
            engines.add(commandSide());
        }
        ExecutorService threads = Executors.newFixedThreadPool(writers);
        try {
            for (int round = 0; round < rounds; round++) {
                String plan = PLAN + "-" + round;
                CountDownLatch go = new CountDownLatch(1);
                List<Future<?>> writes = new ArrayList<>();
                for (int w = 0; w < writers; w++) {
                    MongoEventStorageEngine engine = engines.get(w);
                    long version = 100L * (w + 1) - 1; // the writers' versions: 99, 199, 299, 399
                    writes.add(threads.submit(() -> {
                        go.await();
                        // Every writer tries the insert path at once on a plan without a snapshot.
                        engine.storeSnapshot(new GenericDomainEventMessage<>("Plan", plan, version,
                                "plan at version " + version));
                        return null;
                    }));
                }
                go.countDown();
                for (Future<?> write : writes) {
                    write.get(30, TimeUnit.SECONDS); // none of the writers fails, the losers included
                }
                assertThat(engines.get(0).readSnapshot(plan)).as("round %d", round)
                        .hasValueSatisfying(s -> assertThat(s.getSequenceNumber()).isEqualTo(100L * writers - 1));
            }
        } finally {
            threads.shutdownNow();
        }
    }
}
