package org.planregistry.system;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planregistry.eventstore.ChainVerification;
import org.planregistry.eventstore.TestMongo;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code kill -9} of the command side in the middle of importing the Shenzhen plan, in a process of its own: every
 * event it had acknowledged is in the store, no command is half-applied (each plan event whole, the plan's
 * versions without a hole, its hash chain intact), and importing the same document again finishes the plan.
 */
class CommandSideCrashTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final Pattern PROGRESS = Pattern.compile("Importing plan " + PLAN + ": (\\d+)/(\\d+) elements");

    @TempDir
    Path work;

    @Test
    void aCommandSideKilledInTheMiddleOfAnImportLosesNothingAcknowledgedAndTheImportIsFinishedAfterwards()
            throws Exception {
        try (TestMongo mongo = TestMongo.start();
             MongoClient client = MongoClients.create(mongo.uri("crash"))) {
            MongoDatabase database = client.getDatabase("crash");
            MongoCollection<Document> events = database.getCollection("events");
            byte[] document = shippedPlan();

            int stored;
            String childLog;
            try (AppProcess commandSide = AppProcess.start("command", mongo.uri("crash"), work, "command-side",
                    Map.of())) {
                CompletableFuture<HttpResponse<String>> answer = HttpClient.newHttpClient().sendAsync(
                        importRequest(commandSide.baseUrl(), document), HttpResponse.BodyHandlers.ofString());
                // Killed once a part of the plan is in: an import of ~90 elements takes seconds in a fresh JVM.
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                while (events.countDocuments(eq("aggregateIdentifier", PLAN)) < 15) {
                    assertThat(answer).as("the import answered before it could be cut short").isNotDone();
                    assertThat(System.nanoTime()).as("the import started").isLessThan(deadline);
                    Thread.sleep(5);
                }
                commandSide.kill();
                // The client notices the dead connection on its own thread: waited for, a bounded while.
                assertThat(answer).as("the client never got an answer").failsWithin(Duration.ofSeconds(30));
                childLog = commandSide.log();
            }
            stored = (int) events.countDocuments(eq("aggregateIdentifier", PLAN));

            int acknowledged = lastProgress(childLog);
            int elements = elements(childLog);
            assertThat(stored).as("cut short").isLessThan(elements);
            assertThat(stored).as("every element the import had logged as adopted is stored")
                    .isGreaterThanOrEqualTo(acknowledged);
            assertWhole(database, stored);

            ConfigurableApplicationContext restarted = RegistryApps.commandSide(mongo.uri("crash"));
            try {
                HttpResponse<String> finished = HttpClient.newHttpClient().send(
                        importRequest(RegistryApps.baseUrl(restarted), document),
                        HttpResponse.BodyHandlers.ofString());
                assertThat(finished.statusCode()).as(finished.body()).isEqualTo(201);
                assertThat(finished.body()).contains("\"outcome\":\"COMPLETED\"")
                        .contains("\"eventsWritten\":" + (elements - stored));
            } finally {
                restarted.close();
            }
            assertThat(events.countDocuments(eq("aggregateIdentifier", PLAN))).isEqualTo(elements);
            assertWhole(database, elements);
        }
    }

    /** The plan's events are versions 0 … count-1 without a hole, each with its payload, and the chain is intact. */
    private static void assertWhole(MongoDatabase database, int count) {
        List<Long> versions = new ArrayList<>();
        for (Document event : database.getCollection("events").find(eq("aggregateIdentifier", PLAN))
                .sort(Sorts.ascending("sequenceNumber"))) {
            versions.add(event.getLong("sequenceNumber"));
            assertThat(event.getString("payload")).isNotBlank();
        }
        assertThat(versions).hasSize(count);
        for (int i = 0; i < count; i++) {
            assertThat(versions.get(i)).isEqualTo((long) i);
        }
        ChainVerification.Report chain = new ChainVerification(database).verify(PLAN);
        assertThat(chain.intact()).as("%s", chain).isTrue();
        assertThat(chain.events()).isEqualTo(count);
    }

    private static int lastProgress(String log) {
        Matcher progress = PROGRESS.matcher(log);
        int last = 0;
        while (progress.find()) {
            last = Integer.parseInt(progress.group(1));
        }
        return last;
    }

    private static int elements(String log) {
        Matcher begun = Pattern.compile("Importing plan " + PLAN + ": (\\d+) elements").matcher(log);
        assertThat(begun.find()).as("the import began:\n%s", log).isTrue();
        return Integer.parseInt(begun.group(1));
    }

    private static HttpRequest importRequest(String baseUrl, byte[] document) {
        return HttpRequest.newBuilder(URI.create(baseUrl + "/api/plans/import"))
                .header("Content-Type", "application/yaml")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("registrar:" + RegistryApps.REGISTRAR_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(document)).build();
    }

    private static byte[] shippedPlan() throws IOException {
        try (InputStream in = CommandSideCrashTest.class.getResourceAsStream("/plans/shenzhen-finance-14fyp.yaml")) {
            return in.readAllBytes();
        }
    }
}
