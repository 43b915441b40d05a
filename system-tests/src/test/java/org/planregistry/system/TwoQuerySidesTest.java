package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planregistry.embeddedstore.EmbeddedMongoProcess;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two query-side processes on one store, as a scaled deployment runs them: the views' segments are split between
 * them through the shared token store, both answer the same plan as of a date and the same audit log identically,
 * nothing is projected twice, and when one is killed ({@code kill -9}) the other takes its segments over within the
 * claim timeout (shortened here) and goes on answering new writes. A rebuild is refused while the views are shared.
 */
class TwoQuerySidesTest {

    private static final String DB = "scaleout";
    private static final List<String> VIEWS = List.of("audit", "plan-timeline");
    private static final List<String> PLANS = List.of("SCALE-A", "SCALE-B", "SCALE-C", "SCALE-D", "SCALE-E",
            "SCALE-F");
    private static final Duration CLAIM_TIMEOUT = Duration.ofSeconds(6);
    /** The claim timeout, then a claim interval to find the segment free, then some slack for a loaded machine. */
    private static final Duration TAKEOVER_BOUND = Duration.ofSeconds(30);
    private static final Map<String, String> SETTINGS = Map.of(
            "registry.eventstore.claim-timeout", CLAIM_TIMEOUT.toSeconds() + "s",
            "registry.query.segments.count", "2",
            "registry.query.segments.claim-interval", "500",
            "registry.query.segments.balance-interval", "1s",
            "registry.query.segments.release-for", "2s");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void twoQuerySidesShareTheViewsAndOneTakesOverWhenTheOtherIsKilled() throws Exception {
        try (EmbeddedMongoProcess store = EmbeddedMongoProcess.start(work.resolve("data"), work, "store");
             MongoClient client = MongoClients.create(store.connectionString())) {
            String uri = store.connectionString() + "/" + DB;
            MongoDatabase db = client.getDatabase(DB);
            // The three applications start at once: their start-ups overlap instead of adding up.
            CompletableFuture<AppProcess> startingFirst = querySide(uri, "query-1");
            CompletableFuture<AppProcess> startingSecond = querySide(uri, "query-2");
            ConfigurableApplicationContext commandSide = RegistryApps.commandSide(uri);
            try (AppProcess first = startingFirst.join(); AppProcess second = startingSecond.join()) {
                String command = RegistryApps.baseUrl(commandSide);
                String one = owner(first);
                String two = owner(second);

                Duration split = awaitOwners(db, owners -> owners.equals(Set.of(one, two)), Duration.ofSeconds(60),
                        "each query side holds a segment of every view");
                System.out.printf("Segments split between the two query sides %d ms after the second was live%n",
                        split.toMillis());
                HttpResponse<String> rebuild = post(first.baseUrl() + "/api/admin/views/rebuild", "operator",
                        RegistryApps.OPERATOR_PASSWORD);
                assertThat(rebuild.statusCode()).as("a rebuild while another instance shares the views: %s",
                        rebuild.body()).isEqualTo(409);
                assertThat(rebuild.body()).contains("stop the other query-side instances");

                int written = 0;
                long last = 0;
                for (String plan : PLANS) {
                    last = write(command, "/api/plans", """
                            {"code": "%s", "title": "规划 %s", "adoptedOn": "2022-01-01",
                             "period": {"from": 2021, "to": 2025}}""".formatted(plan, plan));
                    for (int i = 1; i <= 3; i++) {
                        last = write(command, "/api/plans/" + plan + "/indicators", """
                                {"code": "I%02d", "name": "指标 %d", "unit": "%%",
                                 "target": {"year": 2025, "value": "%d", "qualifier": "ABOUT"}}"""
                                .formatted(i, i, i));
                    }
                    last = write(command, "/api/plans/" + plan + "/indicators/I01/revisions", """
                            {"target": {"value": "2", "qualifier": "AT_LEAST"}, "effectiveFrom": "2024-01-01",
                             "reason": "调整"}""");
                    written += 5;
                }
                String knownAt = Instant.now().toString();

                for (String plan : PLANS) {
                    String question = "/api/plans/" + plan + "?asOf=2024-06-30&knownAt=" + knownAt
                            + "&minSequence=" + last;
                    JsonNode fromFirst = get(first.baseUrl() + question);
                    assertThat(get(second.baseUrl() + question)).as("plan %s from both", plan).isEqualTo(fromFirst);
                    assertThat(fromFirst.toString()).contains("I03");
                }
                String auditQuestion = "/api/audit?limit=1000&minSequence=" + last;
                JsonNode audit = get(first.baseUrl() + auditQuestion);
                assertThat(get(second.baseUrl() + auditQuestion)).as("the audit log from both").isEqualTo(audit);
                List<Long> sequences = new ArrayList<>();
                audit.path("entries").forEach(entry -> sequences.add(entry.path("globalSequence").asLong()));
                assertThat(sequences).as("one audit entry per event").hasSize(written).doesNotHaveDuplicates();
                assertNoVersionTwice(db);

                Instant killed = Instant.now();
                first.kill();
                Duration takeover = awaitOwners(db, owners -> owners.equals(Set.of(two)), TAKEOVER_BOUND,
                        "the survivor holds every segment");
                System.out.printf("Takeover of the killed query side's segments: %d ms after kill -9 (claim timeout"
                        + " %d s)%n", Duration.between(killed, Instant.now()).toMillis(), CLAIM_TIMEOUT.toSeconds());
                assertThat(takeover).isLessThan(TAKEOVER_BOUND);

                long after = 0;
                for (String plan : PLANS) {
                    after = write(command, "/api/plans/" + plan + "/indicators/I02/revisions", """
                            {"target": {"value": "7", "qualifier": "AT_LEAST"}, "effectiveFrom": "2024-01-01",
                             "reason": "接管后"}""");
                }
                for (String plan : PLANS) {
                    JsonNode answer = get(second.baseUrl() + "/api/plans/" + plan + "?asOf=2024-06-30&minSequence="
                            + after);
                    JsonNode revised = null;
                    for (JsonNode indicator : answer.path("indicators")) {
                        revised = indicator.path("code").asText().equals("I02") ? indicator : revised;
                    }
                    assertThat(revised).as("plan %s after the takeover: %s", plan, answer).isNotNull();
                    assertThat(revised.path("target").path("value").asText()).as("plan %s after the takeover", plan)
                            .isEqualTo("7");
                }
                JsonNode auditAfter = get(second.baseUrl() + "/api/audit?limit=1000&minSequence=" + after);
                List<Long> all = new ArrayList<>();
                auditAfter.path("entries").forEach(entry -> all.add(entry.path("globalSequence").asLong()));
                assertThat(all).hasSize(written + PLANS.size()).doesNotHaveDuplicates();
                assertNoVersionTwice(db);
            } finally {
                stopWhenStarted(startingFirst);
                stopWhenStarted(startingSecond);
                commandSide.close();
            }
        }
    }

    private CompletableFuture<AppProcess> querySide(String uri, String name) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return AppProcess.start("query", uri, work, name, SETTINGS);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Kills a query side whose start went on while the test failed (closing twice does nothing). */
    private static void stopWhenStarted(CompletableFuture<AppProcess> starting) {
        starting.thenAccept(AppProcess::close);
    }

    /** A process as the token store names the owner of its claims ({@code pid@host}): by its pid. */
    private static String owner(AppProcess app) {
        return Long.toString(app.pid());
    }

    /**
     * Waits until the owners of every view's fresh claims satisfy {@code wanted} (each view on its own); returns
     * how long it took.
     */
    private static Duration awaitOwners(MongoDatabase db, Predicate<Set<String>> wanted, Duration bound,
                                        String what) throws InterruptedException {
        long start = System.nanoTime();
        while (true) {
            boolean all = true;
            List<String> seen = new ArrayList<>();
            for (String view : VIEWS) {
                Set<String> owners = new HashSet<>();
                int segments = 0;
                for (Document token : db.getCollection("trackingtokens").find(new Document("processorName", view))) {
                    segments++;
                    Number at = token.get("timestamp", Number.class);
                    boolean fresh = at != null && at.longValue() > System.currentTimeMillis()
                            - CLAIM_TIMEOUT.toMillis();
                    String owner = token.getString("owner");
                    owners.add(fresh && owner != null ? owner.substring(0, owner.indexOf('@')) : "nobody");
                }
                seen.add(view + ": " + segments + " segments held by " + owners);
                all &= segments == 2 && wanted.test(owners);
            }
            Duration waited = Duration.ofNanos(System.nanoTime() - start);
            if (all) {
                return waited;
            }
            assertThat(waited).as("%s within %s; %s", what, bound, seen).isLessThan(bound);
            Thread.sleep(100);
        }
    }

    /**
     * Every version of every element is stored once: a version projected twice would appear twice among its
     * element's buckets (plan_element_versions: fields v0, v1, … each a version with its attribute).
     */
    private static void assertNoVersionTwice(MongoDatabase db) {
        Map<String, List<String>> versions = new HashMap<>();
        for (Document bucket : db.getCollection("plan_element_versions").find()) {
            for (Map.Entry<String, Object> field : bucket.entrySet()) {
                if (field.getKey().matches("v\\d+") && field.getValue() instanceof Document version) {
                    versions.computeIfAbsent(bucket.getString("element"), key -> new ArrayList<>())
                            .add(version.get("attribute") + "@" + version.get("globalSequence"));
                }
            }
        }
        assertThat(versions).isNotEmpty();
        versions.forEach((element, stored) -> assertThat(stored).as(element).doesNotHaveDuplicates());
    }

    /** A command as the registrar; returns the global sequence of the event it recorded. */
    private static long write(String base, String path, String json) throws Exception {
        HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", basic("registrar", RegistryApps.REGISTRAR_PASSWORD))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(answer.statusCode()).as("%s: %s", path, answer.body()).isEqualTo(201);
        return JSON.readTree(answer.body()).path("globalSequence").asLong();
    }

    /** GET as the auditor (who may read plans and the audit log), waiting out the 503 of {@code minSequence}. */
    private static JsonNode get(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", basic("auditor", RegistryApps.AUDITOR_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body());
            }
            assertThat(answer.statusCode()).as("%s: %s", url, answer.body()).isEqualTo(503);
            assertThat(System.nanoTime()).as("%s answered in time", url).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> post(String url, String user, String password) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).header("Authorization", basic(user, password))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
