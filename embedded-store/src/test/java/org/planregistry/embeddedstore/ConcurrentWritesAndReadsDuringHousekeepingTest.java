package org.planregistry.embeddedstore;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several writers and full-collection readers at once, while housekeeping compacts the store underneath them:
 * with retention time 0 an ungated scan once failed with "Chunk N not found" (in a trial). Every read must succeed,
 * see a consistent, growing collection, and every write must be counted, also after a restart.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConcurrentWritesAndReadsDuringHousekeepingTest {

    private static final int WRITERS = 4;
    private static final int DOCUMENTS_PER_WRITER = 750;
    private static final int READERS = 2;
    private static final String PAYLOAD = "r".repeat(450);

    @TempDir
    Path dataDir;

    @Test
    void concurrentWritersAndScanningReadersAllSucceedWhileHousekeepingRuns() throws Exception {
        Set<Integer> expectedIds = new HashSet<>();
        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, dataDir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("planregistry").getCollection("events");
            events.insertOne(new Document("_id", -1).append("payload", PAYLOAD));
            expectedIds.add(-1);
            DurableH2Backend backend = mongo.durableBackend();
            long housekeepingBefore = backend.housekeepingRuns();

            ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
            AtomicBoolean writing = new AtomicBoolean(true);
            List<Future<?>> writers = new ArrayList<>();
            List<Future<Integer>> readers = new ArrayList<>();
            try {
                for (int w = 0; w < WRITERS; w++) {
                    int writer = w;
                    writers.add(pool.submit(() -> {
                        for (int i = 0; i < DOCUMENTS_PER_WRITER; i++) {
                            events.insertOne(new Document("_id", writer * 100_000 + i).append("writer", writer)
                                    .append("index", i).append("payload", PAYLOAD));
                        }
                    }));
                    for (int i = 0; i < DOCUMENTS_PER_WRITER; i++) {
                        expectedIds.add(writer * 100_000 + i);
                    }
                }
                for (int r = 0; r < READERS; r++) {
                    readers.add(pool.submit(() -> scanWhile(writing, events)));
                }
                for (Future<?> writer : writers) {
                    writer.get(100, TimeUnit.SECONDS);
                }
                writing.set(false);
                for (Future<Integer> reader : readers) {
                    assertThat(reader.get(30, TimeUnit.SECONDS)).as("full scans by one reader").isPositive();
                }
            } finally {
                writing.set(false);
                pool.shutdown();
                assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();
            }

            assertThat(backend.housekeepingRuns()).as("housekeeping ran during the test")
                    .isGreaterThan(housekeepingBefore);
            assertThat(idsIn(events)).isEqualTo(expectedIds);
        }

        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, dataDir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> events = client.getDatabase("planregistry").getCollection("events");
            assertThat(idsIn(events)).as("after a restart").isEqualTo(expectedIds);
        }
    }

    /** Scans the whole collection again and again; inserts only, so each scan sees at least what the last saw. */
    private static int scanWhile(AtomicBoolean writing, MongoCollection<Document> events) {
        int scans = 0;
        int lastSize = 0;
        // At least one scan even if the writers were quicker than this thread's start.
        do {
            List<Document> all = events.find().into(new ArrayList<>());
            assertThat(all.size()).isGreaterThanOrEqualTo(lastSize);
            assertThat(all).allSatisfy(document -> assertThat(document.getString("payload")).isEqualTo(PAYLOAD));
            lastSize = all.size();
            assertThat(events.countDocuments()).isGreaterThanOrEqualTo(lastSize);
            int writer = ThreadLocalRandom.current().nextInt(WRITERS);
            events.find(eq("_id", writer * 100_000)).first();
            scans++;
        } while (writing.get());
        return scans;
    }

    private static Set<Integer> idsIn(MongoCollection<Document> events) {
        Set<Integer> ids = new HashSet<>();
        for (Document document : events.find().projection(Projections.include("_id"))) {
            ids.add(document.getInteger("_id"));
        }
        return ids;
    }
}
