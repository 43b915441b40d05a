package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planregistry.eventstore.TestMongo;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;

/**
 * Both applications against the embedded store over TCP, as a user would drive them: adopt a plan and an indicator
 * on the command side, revise its target, and read the plan on the query side on either side of the revision.
 */
class EndToEndTest {

    private static TestMongo mongo;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static RestClient commands;
    private static RestClient queries;

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        commandSide = RegistryApps.commandSide(mongo.uri("e2e"));
        querySide = RegistryApps.querySide(mongo.uri("e2e"));
        commands = RestClient.builder().baseUrl(RegistryApps.baseUrl(commandSide))
                .defaultHeaders(h -> h.setBasicAuth("registrar", RegistryApps.REGISTRAR_PASSWORD)).build();
        queries = RestClient.builder().baseUrl(RegistryApps.baseUrl(querySide)).build();
    }

    @AfterAll
    static void stop() {
        querySide.close();
        commandSide.close();
        mongo.close();
    }

    private static Map<String, Object> post(String path, String json) {
        return commands.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(json).retrieve()
                .body(Map.class);
    }

    private static Map<String, Object> indicatorAsOf(String date, long minSequence) {
        Map<String, Object> plan = queries.get()
                .uri("/api/plans/E2E-PLAN?asOf={date}&minSequence={seq}", date, minSequence)
                .retrieve().body(Map.class);
        List<Map<String, Object>> indicators = (List<Map<String, Object>>) plan.get("indicators");
        return indicators.stream().filter(i -> "I01".equals(i.get("code"))).findFirst().orElseThrow();
    }

    @Test
    void aFollowerOfTheEventStreamReceivesWhatEachCommandWrote() throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        HttpRequest follow = HttpRequest.newBuilder(URI.create(RegistryApps.baseUrl(querySide)
                        + "/api/events/stream?plan=E2E-STREAM"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("reader:" + RegistryApps.READER_PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "text/event-stream").build();
        HttpResponse<Stream<String>> stream = client.send(follow, HttpResponse.BodyHandlers.ofLines());
        assertThat(stream.statusCode()).isEqualTo(200);
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> stream.body().forEach(lines::add));
        reader.setDaemon(true);
        reader.start();

        List<Long> written = List.of(
                sequenceOf(post("/api/plans", """
                        {"code": "E2E-STREAM", "title": "深圳市金融业高质量发展“十四五”规划", "adoptedOn": "2022-01-01",
                         "period": {"from": 2021, "to": 2025}}""")),
                sequenceOf(post("/api/plans/E2E-STREAM/goals", """
                        {"code": "G1", "title": "金融运行安全区", "description": "严守不发生区域性系统性金融风险底线。"}""")));

        List<String> ids = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<String> data = new ArrayList<>();
        while (data.size() < written.size()) {
            String line = lines.poll(30, TimeUnit.SECONDS);
            assertThat(line).as("a line of the stream within 30 s, after %s", ids).isNotNull();
            if (line.startsWith("id:")) {
                ids.add(line.substring(3));
            } else if (line.startsWith("event:")) {
                types.add(line.substring(6));
            } else if (line.startsWith("data:")) {
                data.add(line.substring(5));
            }
        }
        assertThat(ids).containsExactly(written.get(0).toString(), written.get(1).toString());
        assertThat(types).containsExactly("PlanAdopted", "GoalAdopted");
        assertThat(data.get(1)).contains("\"actor\":\"registrar\"").contains("\"subject\":\"goal/G1\"")
                .contains("\"source\":\"/plans/E2E-STREAM\"");
        stream.body().close();
    }

    private static long sequenceOf(Map<String, Object> answer) {
        return ((Number) answer.get("globalSequence")).longValue();
    }

    @Test
    void aRevisionEffectiveIn2024ChangesTheTargetFromThatDateOn() {
        post("/api/plans", """
                {"code": "E2E-PLAN", "title": "深圳市金融业高质量发展“十四五”规划", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}}""");
        post("/api/plans/E2E-PLAN/indicators", """
                {"code": "I01", "number": 1, "category": "总体指标", "name": "金融业增加值", "unit": "亿元",
                 "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}""");
        Map<String, Object> revised = post("/api/plans/E2E-PLAN/indicators/I01/revisions", """
                {"target": {"value": "7000", "qualifier": "AT_LEAST"}, "effectiveFrom": "2024-01-01",
                 "reason": "经济形势变化", "decisionRef": "深府〔2024〕1号"}""");
        long sequence = ((Number) revised.get("globalSequence")).longValue();

        Map<String, Object> before = indicatorAsOf("2023-12-31", sequence);
        Map<String, Object> after = indicatorAsOf("2024-01-01", sequence);

        assertThat(before.get("name")).isEqualTo("金融业增加值");
        assertThat((Map<String, Object>) before.get("target")).containsEntry("value", "6400")
                .containsEntry("qualifier", "ABOUT");
        assertThat((Map<String, Object>) after.get("target")).containsEntry("value", "7000")
                .containsEntry("qualifier", "AT_LEAST");
    }
}
