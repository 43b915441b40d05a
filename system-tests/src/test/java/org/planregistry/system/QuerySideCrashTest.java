package org.planregistry.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.planregistry.api.Baseline;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.command.plan.PlanCommandGateway;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.query.QuerySideApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * {@code kill -9} of the query side in the middle of a replay, in a process of its own: the views are written in
 * batches (small ones here, so that the kill falls between them) and their tokens after them, so a new query side
 * goes on from the last stored token and handles again whatever batch was being written. Its views then answer
 * exactly as a clean rebuild does: nothing lost, nothing applied twice.
 */
class QuerySideCrashTest {

    private static final String PLAN = "CRASH-REPLAY";
    private static final int MILESTONES = 1500;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    Path work;

    @Test
    void aQuerySideKilledInTheMiddleOfAReplayEndsUpWithTheViewsOfACleanRebuild() throws Exception {
        try (TestMongo mongo = TestMongo.start()) {
            String uri = mongo.uri("replay");
            long last = writePlan(uri);
            Instant knownAt = Instant.now(); // after every recording: both views are asked the same question

            try (AppProcess querySide = AppProcess.start("query", uri, work, "query-side", Map.of(
                    "axon.eventhandling.processors.plan-timeline.batch-size", "100",
                    "axon.eventhandling.processors.audit.batch-size", "100"))) {
                long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
                long position = position(querySide.baseUrl());
                while (position < last / 4) {
                    assertThat(System.nanoTime()).as("the replay moved on").isLessThan(deadline);
                    Thread.sleep(5);
                    position = position(querySide.baseUrl());
                }
                querySide.kill();
                assertThat(position).as("killed in the middle of the replay").isLessThan(last);
            }

            // The killed instance's claims are taken over once they are older than the claim timeout.
            ConfigurableApplicationContext restarted = RegistryApps.start(QuerySideApplication.class, uri,
                    "query-side", Map.of("registry.eventstore.claim-timeout", "5s"));
            try {
                String base = RegistryApps.baseUrl(restarted);
                Map<String, JsonNode> afterCrash = answers(base, last, knownAt);
                assertThat(afterCrash.get("audit").path("entries").size()
                        + afterCrash.get("audit, page 2").path("entries").size())
                        .as("one audit entry per event, none twice").isEqualTo(MILESTONES + 2);

                assertThat(post(base + "/api/admin/views/rebuild").statusCode()).isEqualTo(202);
                awaitRebuild(base);

                assertThat(answers(base, last, knownAt)).isEqualTo(afterCrash);
            } finally {
                restarted.close();
            }
        }
    }

    /** The plan, an indicator and {@value #MILESTONES} milestone changes, written through a command side. */
    private static long writePlan(String uri) {
        ConfigurableApplicationContext commandSide = RegistryApps.commandSide(uri);
        SecurityContextHolder.getContext().setAuthentication(new UsernamePasswordAuthenticationToken("registrar",
                null, AuthorityUtils.createAuthorityList("ROLE_REGISTRAR")));
        try {
            PlanCommandGateway gateway = commandSide.getBean(PlanCommandGateway.class);
            gateway.send(new PlanCommand.AdoptPlanCommand(PLAN, "重放中断测试规划", null, null,
                    LocalDate.parse("2022-01-01"), new Period(2021, 2025), null, "test"),
                    null, "crash");
            gateway.send(new PlanCommand.AdoptIndicatorCommand(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元",
                    Nature.EXPECTED, new Baseline(2020, new BigDecimal("4189.6")),
                    new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT), List.of(), null, null, null),
                    null, "crash");
            long last = 0;
            for (int i = 0; i < MILESTONES; i++) {
                last = gateway.send(new PlanCommand.SetMilestoneCommand(PLAN, "I01", 2021 + i % 5,
                        BigDecimal.valueOf(4200 + i), null, LocalDate.parse("2022-01-01").plusDays(i % 700),
                        "年度分解", "CRASH-" + i), null, "crash").globalSequence();
            }
            return last;
        } finally {
            SecurityContextHolder.clearContext();
            commandSide.close();
        }
    }

    private static long position(String base) throws Exception {
        HttpResponse<String> health = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/actuator/health"))
                .header("Authorization", basic("operator", RegistryApps.OPERATOR_PASSWORD)).build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode position = JSON.readTree(health.body()).path("components").path("processors").path("details")
                .path("plan-timeline").path("position");
        return position.isNumber() ? position.asLong() : 0;
    }

    private static Map<String, JsonNode> answers(String base, long last, Instant knownAt) throws Exception {
        String fixed = "knownAt=" + knownAt + "&minSequence=" + last;
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String asOf : List.of("2022-06-30", "2023-06-30", "2024-06-30")) {
            answers.put("plan " + asOf, get(base + "/api/plans/" + PLAN + "?asOf=" + asOf + "&" + fixed));
        }
        answers.put("history", get(base + "/api/plans/" + PLAN + "/indicators/I01/history?minSequence=" + last));
        JsonNode audit = get(base + "/api/audit?plan=" + PLAN + "&limit=1000&minSequence=" + last);
        answers.put("audit", audit);
        answers.put("audit, page 2", get(base + "/api/audit?plan=" + PLAN + "&limit=1000&after="
                + audit.path("next").asLong()));
        return answers;
    }

    private static void awaitRebuild(String base) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (get(base + "/api/admin/views/rebuild").path("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("the rebuild ended").isLessThan(deadline);
            Thread.sleep(100);
        }
        assertThat(get(base + "/api/admin/views/rebuild").path("state").asText()).isEqualTo("DONE");
    }

    /** GET, waiting out the 503 that {@code minSequence} answers while the views catch up. */
    private static JsonNode get(String url) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url))
                    .header("Authorization", url.contains("/api/audit")
                            ? basic("auditor", RegistryApps.AUDITOR_PASSWORD)
                            : basic("operator", RegistryApps.OPERATOR_PASSWORD)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() == 200) {
                return JSON.readTree(answer.body());
            }
            assertThat(answer.statusCode()).as("%s: %s", url, answer.body()).isEqualTo(503);
            assertThat(System.nanoTime()).as("%s answered in time", url).isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static HttpResponse<String> post(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url))
                .header("Authorization", basic("operator", RegistryApps.OPERATOR_PASSWORD))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }
}
