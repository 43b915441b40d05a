package org.planregistry.embeddedstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Updates.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A clean shutdown keeps every document and unique index, and leaves a file rewritten without the garbage that
 * per-write commits produce; starting and stopping again does not make it grow.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class CleanRestartKeepsDataTest {

    private static final int DOCUMENTS = 1_000;
    private static final String PAYLOAD = "q".repeat(400);

    @TempDir
    Path dataDir;

    @Test
    void cleanRestartKeepsEveryDocumentAndLeavesACompactFile() throws IOException {
        Path file = dataDir.resolve(DurableH2Backend.STORE_FILE_NAME);
        Path marker = dataDir.resolve(DurableH2Backend.STORE_FILE_NAME + ".open");
        long sizeWhileRunning;

        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, dataDir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> plans = client.getDatabase("planregistry").getCollection("plans");
            plans.createIndex(Indexes.ascending("reference"), new IndexOptions().unique(true));
            List<Document> batch = new ArrayList<>();
            for (int id = 0; id < DOCUMENTS; id++) {
                Document plan = new Document("_id", id).append("reference", "PLAN-" + id)
                        .append("revision", 1).append("body", PAYLOAD);
                // Both single inserts and batches, as the event store issues both.
                if (id % 2 == 0) {
                    plans.insertOne(plan);
                } else {
                    batch.add(plan);
                }
                if (batch.size() == 100) {
                    plans.insertMany(batch);
                    batch.clear();
                }
            }
            if (!batch.isEmpty()) {
                plans.insertMany(batch);
            }
            // Every update and delete leaves dead pages behind: garbage for the rewrite at close.
            for (int id = 0; id < DOCUMENTS; id++) {
                plans.updateOne(eq("_id", id), set("revision", 2));
            }
            for (int id = 0; id < DOCUMENTS; id += 10) {
                plans.deleteOne(eq("_id", id));
            }
            assertThat(marker).as("marks the store as open until a clean close").exists();
            sizeWhileRunning = Files.size(file);
        }

        long sizeAfterClose = Files.size(file);
        assertThat(marker).doesNotExist();
        assertThat(sizeAfterClose).as("rewritten at close").isLessThan(sizeWhileRunning);

        try (EmbeddedMongo mongo = EmbeddedMongo.start(0, dataDir);
                MongoClient client = MongoClients.create(mongo.connectionString())) {
            MongoCollection<Document> plans = client.getDatabase("planregistry").getCollection("plans");
            assertThat(plans.countDocuments()).isEqualTo(DOCUMENTS - DOCUMENTS / 10);
            assertThat(plans.find(eq("_id", 10)).first()).as("deleted before the restart").isNull();
            Document plan = plans.find(eq("_id", 999)).first();
            assertThat(plan).isNotNull();
            assertThat(plan.getInteger("revision")).isEqualTo(2);
            assertThat(plan.getString("reference")).isEqualTo("PLAN-999");
            assertThat(plan.getString("body")).isEqualTo(PAYLOAD);
            assertThatThrownBy(() -> plans.insertOne(new Document("_id", -1).append("reference", "PLAN-999")))
                    .as("the unique index survived the restart")
                    .isInstanceOfSatisfying(MongoWriteException.class, e ->
                            assertThat(ErrorCategory.fromErrorCode(e.getCode()))
                                    .isEqualTo(ErrorCategory.DUPLICATE_KEY));
        }

        long sizeAfterSecondClose = Files.size(file);
        System.out.printf("Store file: %d bytes while running, %d after the clean close, %d after a restart%n",
                sizeWhileRunning, sizeAfterClose, sizeAfterSecondClose);
        assertThat(sizeAfterSecondClose).as("a restart without writes").isLessThanOrEqualTo(sizeAfterClose);
    }
}
