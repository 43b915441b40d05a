package org.planregistry.embeddedstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The promise of {@link DurableH2Backend}: a write the driver saw acknowledged is still there after the server
 * process was killed with SIGKILL in the middle of a stream of writes. The stock H2 backend loses hundreds here.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DurableWritesSurviveKillTest {

    private static final int ATTEMPTS = 1_500;
    private static final int KILL_AFTER_ACKS = 1_000;
    private static final String PAYLOAD = "p".repeat(450);

    @TempDir
    Path workDir;

    @Test
    void everyAcknowledgedInsertSurvivesSigkillOfTheServer() throws Exception {
        Path dataDir = workDir.resolve("mongo");
        List<Integer> acknowledged = new ArrayList<>();
        MongoException failure = null;
        CountDownLatch killNow = new CountDownLatch(1);
        AtomicLong killedAtNanos = new AtomicLong();
        long startedNanos;

        try (EmbeddedMongoProcess server = EmbeddedMongoProcess.start(dataDir, workDir, "first-run");
                MongoClient client = server.client(Duration.ofSeconds(2))) {
            MongoCollection<Document> events = client.getDatabase("planregistry").getCollection("events");
            // Kills from another thread while the writer keeps going, so the kill lands between or inside writes.
            Thread killer = new Thread(() -> {
                try {
                    killNow.await();
                    killedAtNanos.set(System.nanoTime());
                    server.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "killer");
            killer.start();

            startedNanos = System.nanoTime();
            for (int id = 0; id < ATTEMPTS; id++) {
                try {
                    events.insertOne(new Document("_id", id).append("sequence", id).append("payload", PAYLOAD));
                } catch (MongoException e) {
                    failure = e;
                    break;
                }
                acknowledged.add(id);
                if (acknowledged.size() == KILL_AFTER_ACKS) {
                    killNow.countDown();
                }
            }
            killNow.countDown();
            killer.join(TimeUnit.SECONDS.toMillis(40));
        }

        assertThat(failure).as("the kill interrupted the stream of writes").isNotNull();
        assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(KILL_AFTER_ACKS);
        double seconds = (killedAtNanos.get() - startedNanos) / 1e9;
        System.out.printf("Durable single inserts (fresh JVM) before the kill: %d in %.2f s = %.0f/s%n",
                KILL_AFTER_ACKS, seconds, KILL_AFTER_ACKS / seconds);

        try (EmbeddedMongoProcess server = EmbeddedMongoProcess.start(dataDir, workDir, "second-run");
                MongoClient client = server.client(Duration.ofSeconds(5))) {
            MongoCollection<Document> events = client.getDatabase("planregistry").getCollection("events");
            Set<Integer> stored = new HashSet<>();
            for (Document document : events.find().projection(Projections.include("_id"))) {
                stored.add(document.getInteger("_id"));
            }
            // The write in flight when the process died may or may not have made it; none acknowledged may be lost.
            assertThat(events.countDocuments()).isGreaterThanOrEqualTo(acknowledged.size());
            assertThat(stored).containsAll(acknowledged);
            Document last = events.find(new Document("_id", acknowledged.get(acknowledged.size() - 1))).first();
            assertThat(last).isNotNull();
            assertThat(last.getString("payload")).isEqualTo(PAYLOAD);

            assertThat(server.log()).contains("did not shut down cleanly");
            assertThat(server.stop()).as("exit code after SIGTERM").isIn(0, 143);
        }
        assertThat(dataDir.resolve(DurableH2Backend.STORE_FILE_NAME + ".open"))
                .as("marker of an unclean shutdown, removed by the clean one").doesNotExist();
        assertThat(Files.size(dataDir.resolve(DurableH2Backend.STORE_FILE_NAME))).isPositive();
    }
}
