package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planregistry.command.CommandSideApplication;
import org.planregistry.embeddedstore.EmbeddedMongoProcess;
import org.planregistry.query.QuerySideApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The store stops answering, and comes back: the embedded store runs in a process of its own, which the test
 * freezes (SIGSTOP: connections stay open, nothing answers, as with a hung server or a network partition) and stops
 * and restarts. While it is away, commands and queries answer 503 with {@code Retry-After} instead of hanging, and
 * readiness says DOWN; once it is back, commands are accepted again and the views catch up by themselves.
 */
class StoreOutageTest {

    /** Far beyond {@code registry.store.timeout} (2 s here): an answer that takes this long is a hang. */
    private static final Duration HANG = Duration.ofSeconds(30);
    private static final Pattern GLOBAL_SEQUENCE = Pattern.compile("\"globalSequence\"\\s*:\\s*(\\d+)");

    @TempDir
    static Path work;

    private static EmbeddedMongoProcess store;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(HANG).build();

    @BeforeAll
    static void start() throws IOException {
        store = EmbeddedMongoProcess.start(work.resolve("data"), work, "store");
        String uri = store.connectionString() + "/outage";
        Map<String, String> settings = Map.of("registry.store.timeout", "2s", "registry.store.connect-timeout", "1s");
        commandSide = RegistryApps.start(CommandSideApplication.class, uri, "command-side", settings);
        querySide = RegistryApps.start(QuerySideApplication.class, uri, "query-side", settings);
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
        if (commandSide != null) {
            commandSide.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void aFrozenStoreMakesCommandsAndQueriesAnswer503AndEverythingRecoversWhenItIsBack() throws Exception {
        adopt("OUTAGE-FROZEN");

        store.freeze();
        try {
            HttpResponse<String> refused = milestone("OUTAGE-FROZEN", 2022);
            assertUnavailable(refused);
            assertThat(refused.body()).contains("may or may not have been recorded");

            HttpResponse<String> query = get(query("/api/plans/OUTAGE-FROZEN?asOf=2023-01-01"));
            assertThat(query.statusCode()).as("a query answers from what it holds or says 503, but answers")
                    .isIn(200, 503);
            if (query.statusCode() == 503) {
                assertUnavailable(query);
            }
            assertThat(get(command("/actuator/health/readiness")).statusCode()).isEqualTo(503);
            assertThat(get(query("/actuator/health/readiness")).statusCode()).isEqualTo(503);
        } finally {
            store.thaw();
        }

        long sequence = acceptedOnceBack("OUTAGE-FROZEN", 2023);
        assertThat(viewHolds("OUTAGE-FROZEN", 2023, sequence)).isTrue();
        assertThat(get(command("/actuator/health/readiness")).statusCode()).isEqualTo(200);
    }

    @Test
    void aStoppedStoreThatIsStartedAgainIsFoundAgain() throws Exception {
        adopt("OUTAGE-STOPPED");
        int port = store.port();

        assertThat(store.stop()).as("exit code after SIGTERM").isIn(0, 143);
        assertUnavailable(milestone("OUTAGE-STOPPED", 2022));
        assertThat(get(query("/api/plans/OUTAGE-STOPPED?asOf=2023-01-01")).statusCode()).isIn(200, 503);

        store = EmbeddedMongoProcess.start(work.resolve("data"), work, "store-again", port);
        long sequence = acceptedOnceBack("OUTAGE-STOPPED", 2023);
        assertThat(viewHolds("OUTAGE-STOPPED", 2023, sequence)).isTrue();
    }

    private static void adopt(String plan) throws Exception {
        assertThat(post(command("/api/plans"), """
                {"code": "%s", "title": "存储中断测试规划", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}}""".formatted(plan)).statusCode()).isEqualTo(201);
        assertThat(post(command("/api/plans/" + plan + "/indicators"), """
                {"code": "I01", "number": 1, "category": "总体指标", "name": "金融业增加值", "unit": "亿元",
                 "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}""").statusCode()).isEqualTo(201);
    }

    private static HttpResponse<String> milestone(String plan, int year) throws Exception {
        return post(command("/api/plans/" + plan + "/indicators/I01/milestones"), """
                {"year": %d, "value": "%d", "effectiveFrom": "2022-01-01", "reason": "年度分解",
                 "decisionRef": "OUTAGE-%d"}""".formatted(year, 5000 + year, year));
    }

    /**
     * Sends the milestone until it is accepted: the store needs a moment to be found again, and a command sent while
     * it was frozen may have been written after all (then the plan moved on, and one retry meets a 409).
     */
    private static long acceptedOnceBack(String plan, int year) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (true) {
            HttpResponse<String> answer = milestone(plan, year);
            if (answer.statusCode() == 201) {
                Matcher sequence = GLOBAL_SEQUENCE.matcher(answer.body());
                assertThat(sequence.find()).as(answer.body()).isTrue();
                return Long.parseLong(sequence.group(1));
            }
            assertThat(answer.statusCode()).as(answer.body()).isIn(503, 409);
            assertThat(System.nanoTime()).as("accepted within 90 s of the store's return").isLessThan(deadline);
            Thread.sleep(500);
        }
    }

    /** Whether the query side's view shows the milestone, once it has seen {@code sequence} (it catches up alone). */
    private static boolean viewHolds(String plan, int year, long sequence) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            HttpResponse<String> answer = get(query("/api/plans/" + plan + "?asOf=2023-06-30&minSequence=" + sequence));
            if (answer.statusCode() == 200) {
                return answer.body().contains("\"" + (5000 + year) + "\"");
            }
            assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
            Thread.sleep(500);
        }
        return false;
    }

    private static void assertUnavailable(HttpResponse<String> answer) {
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
    }

    private static String command(String path) {
        return RegistryApps.baseUrl(commandSide) + path;
    }

    private static String query(String path) {
        return RegistryApps.baseUrl(querySide) + path;
    }

    private static HttpResponse<String> post(String url, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(HANG)
                .header("Content-Type", "application/json")
                .header("Authorization", basic("registrar", RegistryApps.REGISTRAR_PASSWORD))
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(HANG).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
