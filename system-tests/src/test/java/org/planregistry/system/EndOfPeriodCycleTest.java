package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planregistry.eventstore.TestMongo;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.client.RestClient;

/**
 * The end of a five-year period, over HTTP against both applications, as a planning office runs it in 2026: the
 * Shenzhen plan is closed at the end of 2025, evaluated finally with a finding per indicator, its report says which
 * indicators reached their targets as qualified, the successor (an EXAMPLE plan, not real data) is imported with
 * indicators that continue the Shenzhen ones, and supersedes it; each continued indicator's line runs across both
 * plans. The 2025 figures are example figures too.
 */
class EndOfPeriodCycleTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final String SUCCESSOR = "EXAMPLE-SZ-FIN-15FYP";
    private static final String FINAL = "2021-2025-final";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Example 2025 figures (code, observed value, span): not real statistics. */
    private static final List<String[]> FINDINGS = List.of(
            row("I01", "6300", null), row("I02", "15.2", null), row("I03", "13.5", null), row("I04", "8.9", null),
            row("I05", "2150", null), row("I06", "31.2", "INTERVAL"), row("I07", "600", null),
            row("I08", "8.1", null), row("I09", "6.8", null), row("I10", "11.2", null), row("I11", "18.5", null),
            row("I12", "1.2", null), row("I13", "3050", null), row("I14", "15", null), row("I15", "29", null),
            row("I16", "21", null), row("I17", "5", null), row("I18", "985", null), row("I19", "24", null),
            row("I20", "1180", "TO_DATE"), row("I21", "28", "TO_DATE"));

    private static TestMongo mongo;
    private static ConfigurableApplicationContext commandSide;
    private static ConfigurableApplicationContext querySide;
    private static RestClient registrar;
    private static RestClient evaluator;
    private static RestClient queries;

    private static String[] row(String code, String observed, String span) {
        return new String[] {code, observed, span};
    }

    @BeforeAll
    static void start() {
        mongo = TestMongo.start();
        commandSide = RegistryApps.commandSide(mongo.uri("cycle"));
        querySide = RegistryApps.querySide(mongo.uri("cycle"));
        registrar = client(RegistryApps.baseUrl(commandSide), "registrar", RegistryApps.REGISTRAR_PASSWORD);
        evaluator = client(RegistryApps.baseUrl(commandSide), "evaluator", RegistryApps.EVALUATOR_PASSWORD);
        queries = RestClient.builder().baseUrl(RegistryApps.baseUrl(querySide)).build();
    }

    @AfterAll
    static void stop() {
        querySide.close();
        commandSide.close();
        mongo.close();
    }

    private static RestClient client(String baseUrl, String user, String password) {
        return RestClient.builder().baseUrl(baseUrl).defaultHeaders(h -> h.setBasicAuth(user, password))
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    private static ResponseEntity<JsonNode> post(RestClient client, String path, String contentType, String body) {
        return client.post().uri(path).contentType(MediaType.parseMediaType(contentType))
                .body(body.getBytes(StandardCharsets.UTF_8)).retrieve()
                .toEntity(JsonNode.class);
    }

    private static long accepted(ResponseEntity<JsonNode> response) {
        assertThat(response.getStatusCode().value()).as("%s", response.getBody()).isIn(200, 201);
        return response.getBody().path("globalSequence").asLong();
    }

    private static long json(RestClient client, String path, String body) {
        return accepted(post(client, path, "application/json", body));
    }

    private static JsonNode get(String path) {
        return queries.get().uri(path).retrieve().body(JsonNode.class);
    }

    private static String resource(String path) {
        try (InputStream in = EndOfPeriodCycleTest.class.getResourceAsStream(path)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long storedEvents() {
        try (MongoClient client = MongoClients.create(mongo.uri("cycle"))) {
            return client.getDatabase("cycle").getCollection("events").countDocuments();
        }
    }

    @Test
    void theFiveYearPeriodEndsWithAFinalEvaluationAClosureAndASuccessorThatContinuesItsIndicators() {
        accepted(post(registrar, "/api/plans/import", "application/yaml",
                resource("/plans/shenzhen-finance-14fyp.yaml")));

        // The period ended with 2025: the plan is closed, then evaluated finally in 2026.
        json(registrar, "/api/plans/" + PLAN + "/close", """
                {"effectiveFrom": "2025-12-31", "reason": "规划期满", "decisionRef": "示例文号"}""");
        json(evaluator, "/api/plans/" + PLAN + "/evaluations", """
                {"id": "%s", "kind": "FINAL", "evaluator": "第三方评估机构（示例）", "period": {"from": 2021, "to": 2025},
                 "effectiveFrom": "2026-02-01"}""".formatted(FINAL));
        for (String[] finding : FINDINGS) {
            json(evaluator, "/api/plans/" + PLAN + "/evaluations/" + FINAL + "/findings", """
                    {"subjectKind": "INDICATOR", "subjectCode": "%s", "year": 2025, "observedValue": "%s", %s
                     "assessment": "ON_TRACK", "evidenceRef": "示例数据（非真实统计）", "effectiveFrom": "2026-02-20"}"""
                    .formatted(finding[0], finding[1], finding[2] == null ? "" : "\"span\": \"" + finding[2] + "\","));
        }
        long published = json(evaluator, "/api/plans/" + PLAN + "/evaluations/" + FINAL + "/publish", """
                {"effectiveFrom": "2026-02-28"}""");

        JsonNode report = get("/api/plans/" + PLAN + "/evaluations/" + FINAL + "/report?minSequence=" + published);
        assertThat(report.path("asOf").asText()).as("as of the evaluation's publication").isEqualTo("2026-02-28");
        JsonNode summary = report.path("summary");
        assertThat(summary.path("indicators").asInt()).isEqualTo(21);
        assertThat(codes(summary.path("achievedCodes"))).containsExactly("I01", "I03", "I06", "I08", "I10", "I11",
                "I13", "I14", "I16", "I17", "I18", "I20");
        assertThat(codes(summary.path("notAchievedCodes"))).containsExactly("I02", "I04", "I05", "I07", "I09", "I12",
                "I15", "I19", "I21");
        assertThat(summary.path("notAssessed").asInt()).isZero();
        assertThat(line(report, "I01").path("reason").asText())
                .isEqualTo("observed 6300 for 2025 meets the target 6400 左右");
        assertThat(line(report, "I07").path("reason").asText()).as("突破 600 asks for more than 600")
                .isEqualTo("observed 600 for 2025 does not meet the target 突破 600");
        assertThat(line(report, "I12").path("outcome").asText()).as("1.2 is more than 2 % above 1.1 左右, falling")
                .isEqualTo("NOT_ACHIEVED");
        assertThat(line(report, "I18").path("reason").asText())
                .isEqualTo("observed 985 for 2025 meets the target 约 1000");
        assertThat(line(report, "I06").path("reason").asText())
                .isEqualTo("observed 31.2 for the interval 2021–2025 meets the target 30");
        assertThat(line(report, "I20").path("reason").asText())
                .isEqualTo("observed 1180 accumulated 2021–2025 meets the target 1000");

        // A successor whose continued baseline disagrees with the observed final value is refused, writing nothing.
        String successor = resource("/plans/example-successor-15fyp.yaml");
        long before = storedEvents();
        ResponseEntity<JsonNode> disagreeing = post(registrar, "/api/plans/import", "application/yaml",
                successor.replace("value: \"6300\" }", "value: \"6200\" }"));
        assertThat(disagreeing.getStatusCode().value()).isEqualTo(409);
        assertThat(disagreeing.getBody().path("field").asText()).isEqualTo("/indicators/0/continues");
        assertThat(disagreeing.getBody().path("reason").asText()).isEqualTo("indicator I01: baseline 6200 (2025) "
                + "differs from the observed final value of SZ-FIN-14FYP I01, 6300 (2025); state the difference in "
                + "differenceReason");
        assertThat(storedEvents()).isEqualTo(before);

        accepted(post(registrar, "/api/plans/import", "application/yaml", successor));
        long superseded = json(registrar, "/api/plans/" + PLAN + "/supersession", """
                {"supersededBy": "%s", "effectiveFrom": "2026-03-01", "reason": "“十五五”规划（示例）接续",
                 "decisionRef": "示例文号"}""".formatted(SUCCESSOR));

        JsonNode catalogue = get("/api/plans?asOf=2026-06-30&minSequence=" + superseded);
        assertThat(catalogue.path("plans")).anySatisfy(plan -> {
            assertThat(plan.path("code").asText()).isEqualTo(PLAN);
            assertThat(plan.path("status").asText()).isEqualTo("SUPERSEDED");
            assertThat(plan.path("supersededBy").asText()).isEqualTo(SUCCESSOR);
        });

        JsonNode series = get("/api/plans/" + SUCCESSOR + "/indicators/I01/series?minSequence=" + superseded);
        JsonNode segments = series.path("segments");
        assertThat(segments).hasSize(2);
        assertThat(segments.get(0).path("plan").asText()).isEqualTo(PLAN);
        assertThat(segments.get(0).path("status").asText()).isEqualTo("SUPERSEDED");
        assertThat(segments.get(0).path("targets").get(0).path("value").path("value").asText()).isEqualTo("6400");
        assertThat(segments.get(0).path("observations")).anySatisfy(o -> {
            assertThat(o.path("year").asInt()).isEqualTo(2025);
            assertThat(o.path("observedValue").asText()).isEqualTo("6300");
        });
        assertThat(segments.get(1).path("plan").asText()).isEqualTo(SUCCESSOR);
        assertThat(segments.get(1).path("continues").path("predecessor").path("indicatorCode").asText())
                .isEqualTo("I01");
        assertThat(segments.get(1).path("continues").path("predecessorFinal").path("value").asText())
                .isEqualTo("6300");
        assertThat(segments.get(1).path("baselines").get(0).path("value").path("value").asText()).isEqualTo("6300");
        assertThat(get("/api/plans/" + PLAN + "/indicators/I01/series").path("segments")).as("from either end")
                .hasSize(2);

        JsonNode deposits = get("/api/plans/" + PLAN + "/indicators/I03/series").path("segments");
        assertThat(deposits.get(1).path("indicator").asText()).isEqualTo("I02");
        assertThat(deposits.get(1).path("continues").path("differenceReason").asText())
                .isEqualTo("示例：统计口径调整，基期值按新口径重算");
    }

    private static List<String> codes(JsonNode array) {
        return JSON.convertValue(array, List.class);
    }

    private static JsonNode line(JsonNode report, String code) {
        for (JsonNode line : report.path("indicators")) {
            if (line.path("code").asText().equals(code)) {
                return line;
            }
        }
        throw new AssertionError("no line for " + code + " in " + report);
    }
}
