package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planregistry.eventstore.TestMongo;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Two command-side instances writing to one store at once, as a scaled deployment does, and a query side tracking
 * live: every event reaches the views exactly once, and two changes racing on one plan cannot both land.
 */
class TwoCommandSidesTest {

    private static TestMongo mongo;
    private static MongoClient client;
    private static final List<ConfigurableApplicationContext> apps = new ArrayList<>();
    private static RestClient first;
    private static RestClient second;
    private static RestClient queries;

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        client = MongoClients.create(mongo.uri("two-writers"));
        apps.add(RegistryApps.commandSide(mongo.uri("two-writers")));
        apps.add(RegistryApps.commandSide(mongo.uri("two-writers")));
        apps.add(RegistryApps.querySide(mongo.uri("two-writers")));
        first = registrar(apps.get(0));
        second = registrar(apps.get(1));
        queries = RestClient.builder().baseUrl(RegistryApps.baseUrl(apps.get(2)))
                .defaultHeaders(headers -> headers.setBasicAuth("auditor", RegistryApps.AUDITOR_PASSWORD)).build();
    }

    @AfterAll
    static void stop() {
        apps.forEach(ConfigurableApplicationContext::close);
        client.close();
        mongo.close();
    }

    private static RestClient registrar(ConfigurableApplicationContext app) {
        return RestClient.builder().baseUrl(RegistryApps.baseUrl(app))
                .defaultHeaders(h -> h.setBasicAuth("registrar", RegistryApps.REGISTRAR_PASSWORD))
                .defaultStatusHandler(HttpStatusCode::isError, (request, response) -> { })
                .build();
    }

    private static int post(RestClient side, String path, String json) {
        return side.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .toBodilessEntity().getStatusCode().value();
    }

    /** One writer's work: its own plans, each with indicators and a revision, as fast as it can. */
    private static int write(RestClient side, String prefix) {
        int events = 0;
        for (int p = 0; p < 5; p++) {
            String plan = prefix + "-" + p;
            assertThat(post(side, "/api/plans", """
                    {"code": "%s", "title": "规划 %s", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                    .formatted(plan, plan))).isEqualTo(201);
            events++;
            for (int i = 1; i <= 8; i++) {
                assertThat(post(side, "/api/plans/" + plan + "/indicators", """
                        {"code": "I%02d", "name": "指标 %d", "unit": "%%",
                         "target": {"year": 2025, "value": "%d", "qualifier": "ABOUT"}}""".formatted(i, i, i)))
                        .isEqualTo(201);
                events++;
            }
            assertThat(post(side, "/api/plans/" + plan + "/indicators/I01/revisions", """
                    {"target": {"value": "2", "qualifier": "AT_LEAST"}, "effectiveFrom": "2024-01-01", "reason": "r"}"""))
                    .isEqualTo(201);
            events++;
        }
        return events;
    }

    private static long storedEvents() {
        return client.getDatabase("two-writers").getCollection("events")
                .countDocuments(new Document("filler", new Document("$ne", true)));
    }

    @Test
    void twoWritersAtOnceReachTheViewsExactlyOnce() throws Exception {
        long before = storedEvents();
        ExecutorService writers = Executors.newFixedThreadPool(2);
        Future<Integer> a = writers.submit(() -> write(first, "WRITER-A"));
        Future<Integer> b = writers.submit(() -> write(second, "WRITER-B"));
        int written = a.get(120, TimeUnit.SECONDS) + b.get(120, TimeUnit.SECONDS);
        writers.shutdown();
        assertThat(storedEvents() - before).isEqualTo(written);
        long head = client.getDatabase("two-writers").getCollection("sequences").find(new Document("_id", "events"))
                .first().get("value", Number.class).longValue();

        // Wait until the query side has processed the head, then count what the audit view holds per position.
        Map<String, Object> catalogue = queries.get().uri("/api/plans?minSequence={s}", head).retrieve()
                .body(Map.class);
        assertThat((List<?>) catalogue.get("plans")).hasSizeGreaterThanOrEqualTo(10);
        queries.get().uri("/api/audit?limit=1&minSequence={s}", head).retrieve().toBodilessEntity();
        List<Document> audit = client.getDatabase("two-writers").getCollection("audit").find()
                .into(new ArrayList<>());
        assertThat(audit.stream().filter(e -> String.valueOf(e.get("plan")).startsWith("WRITER-")).count())
                .as("one audit entry per event, none lost, none twice").isEqualTo(written);
        Map<String, Object> plan = queries.get().uri("/api/plans/WRITER-B-4?asOf=2024-06-30&minSequence={s}", head)
                .retrieve().body(Map.class);
        assertThat((List<?>) plan.get("indicators")).hasSize(8);
    }

    @Test
    void twoRevisionsRacingOnOnePlanFromTwoInstancesCannotBothLand() throws Exception {
        assertThat(post(first, "/api/plans", """
                {"code": "RACE", "title": "竞争", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""))
                .isEqualTo(201);
        assertThat(post(first, "/api/plans/RACE/indicators", """
                {"code": "I01", "name": "指标", "unit": "%", "target": {"year": 2025, "value": "1", "qualifier": "ABOUT"}}"""))
                .isEqualTo(201);
        long before = storedEvents();
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService racers = Executors.newFixedThreadPool(2);
        // Both decided on version 1 of the plan; only one decision can be recorded on top of it.
        Future<Integer> a = racers.submit(() -> {
            go.await();
            return first.post().uri("/api/plans/RACE/indicators/I01/revisions").contentType(MediaType.APPLICATION_JSON)
                    .header("If-Match", "\"1\"").body("""
                            {"target": {"value": "2", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": "a"}""")
                    .retrieve().toBodilessEntity().getStatusCode().value();
        });
        Future<Integer> b = racers.submit(() -> {
            go.await();
            return second.post().uri("/api/plans/RACE/indicators/I01/revisions").contentType(MediaType.APPLICATION_JSON)
                    .header("If-Match", "\"1\"").body("""
                            {"target": {"value": "3", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01", "reason": "b"}""")
                    .retrieve().toBodilessEntity().getStatusCode().value();
        });
        go.countDown();
        List<Integer> statuses = List.of(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        racers.shutdown();
        assertThat(statuses).contains(201).hasSize(2);
        assertThat(statuses.stream().filter(s -> s == 201).count()).isEqualTo(1);
        assertThat(statuses).containsAnyOf(409, 412);
        assertThat(storedEvents() - before).isEqualTo(1);
    }
}
