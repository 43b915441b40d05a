package org.planregistry.command.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.planregistry.command.CommandSideTest;
import org.planregistry.eventstore.EventJson;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Operating the command side: health and its probes, Prometheus metrics for the operator, the OpenAPI description,
 * and the correlation id from the client's header to the stored event and the log line of the command.
 */
@ExtendWith(OutputCaptureExtension.class)
class OperabilityTest extends CommandSideTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private static HttpEntity<String> json(String body, String correlationId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (correlationId != null) {
            headers.set("X-Correlation-Id", correlationId);
        }
        return new HttpEntity<>(body, headers);
    }

    private ResponseEntity<String> adopt(String code, String correlationId) {
        return registrar().postForEntity("/api/plans", json("""
                {"code": "%s", "title": "测试规划", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}"""
                .formatted(code), correlationId), String.class);
    }

    private static JsonNode read(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static void isProblem(ResponseEntity<String> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
    }

    @Test
    void healthIsPublicWithDetailsForTheOperatorOnly() throws Exception {
        ResponseEntity<String> anonymous = http.getForEntity("/actuator/health", String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(read(anonymous.getBody()).path("status").asText()).isEqualTo("UP");
        assertThat(read(anonymous.getBody()).has("components")).as("no details for anonymous").isFalse();

        JsonNode operator = read(operator().getForObject("/actuator/health", String.class));
        assertThat(operator.path("components").path("store").path("status").asText()).isEqualTo("UP");

        JsonNode readiness = read(operator().getForObject("/actuator/health/readiness", String.class));
        assertThat(readiness.path("status").asText()).isEqualTo("UP");
        assertThat(readiness.path("components").has("store")).as("the store is in readiness").isTrue();
        JsonNode liveness = read(operator().getForObject("/actuator/health/liveness", String.class));
        assertThat(liveness.path("status").asText()).isEqualTo("UP");
        assertThat(liveness.path("components").has("store")).as("the store is not in liveness").isFalse();
        assertThat(http.getForEntity("/actuator/health/liveness", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void metricsAreForTheOperatorOnly() {
        ResponseEntity<String> anonymous = http.getForEntity("/actuator/prometheus", String.class);
        isProblem(anonymous, HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getFirst("X-Correlation-Id")).as("a refusal is traceable too").isNotBlank();
        isProblem(registrar().getForEntity("/actuator/prometheus", String.class), HttpStatus.FORBIDDEN);
        isProblem(evaluator().getForEntity("/actuator/metrics", String.class), HttpStatus.FORBIDDEN);
        assertThat(operator().getForEntity("/actuator/metrics", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
    }

    @Test
    void commandsEventsAndTheStoreAreMeasured() {
        assertThat(adopt("OPS-METRICS", null).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(adopt("OPS-METRICS", null).getStatusCode()).as("adopted twice").isEqualTo(HttpStatus.CONFLICT);
        HttpHeaders stale = new HttpHeaders();
        stale.setContentType(MediaType.APPLICATION_JSON);
        stale.setIfMatch("\"7\"");
        assertThat(registrar().postForEntity("/api/plans/OPS-METRICS/goals", new HttpEntity<>("""
                {"code": "G1", "title": "目标"}""", stale), String.class).getStatusCode())
                .isEqualTo(HttpStatus.PRECONDITION_FAILED);
        assertThat(registrar().postForEntity("/api/plans/OPS-METRICS/goals", json("""
                {"code": "G1", "title": "目标"}""", null), String.class).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);

        ResponseEntity<String> scraped = operator().getForEntity("/actuator/prometheus", String.class);
        assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
        String metrics = scraped.getBody();
        assertThat(metrics)
                .containsPattern("registry_commands_total\\{[^}]*command=\"AdoptPlan\",outcome=\"accepted\"[^}]*} [1-9]")
                .containsPattern("registry_commands_total\\{[^}]*command=\"AdoptPlan\",outcome=\"refused\"[^}]*} [1-9]")
                .containsPattern("registry_commands_total\\{[^}]*command=\"AdoptGoal\",outcome=\"conflict\"[^}]*} [1-9]")
                .containsPattern("registry_command_duration_seconds_count\\{[^}]*command=\"AdoptGoal\","
                        + "outcome=\"accepted\"[^}]*} [1-9]")
                .containsPattern("registry_command_duration_seconds_bucket\\{[^}]*command=\"AdoptGoal\"")
                .containsPattern("registry_events_appended_total\\{[^}]*} [1-9]")
                .containsPattern("registry_store_append_seconds_count\\{[^}]*outcome=\"written\"[^}]*} [1-9]")
                .containsPattern("registry_store_append_seconds_bucket\\{")
                .containsPattern("registry_store_read_seconds_count\\{[^}]*read=\"aggregate\"[^}]*} [1-9]")
                .contains("http_server_requests_seconds_count");
    }

    @Test
    void theCorrelationIdTravelsFromTheRequestToTheStoredEventAndTheLog(CapturedOutput output) throws Exception {
        String correlationId = "trace-" + UUID.randomUUID();

        ResponseEntity<String> answer = adopt("OPS-CORRELATION", correlationId);

        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(answer.getHeaders().getFirst("X-Correlation-Id")).isEqualTo(correlationId);
        long sequence = read(answer.getBody()).path("globalSequence").asLong();
        Document stored = database.getCollection("events").find(new Document("_id", sequence)).first();
        JsonNode metaData = EventJson.mapper().readTree(stored.getString("metaData"));
        assertThat(metaData.path("correlationId").asText()).isEqualTo(correlationId);
        assertThat(output.getOut()).containsPattern("command correlationId=" + correlationId
                + " plan=OPS-CORRELATION command=AdoptPlan outcome=accepted durationMs=\\d+");

        ResponseEntity<String> refused = adopt("OPS-CORRELATION", correlationId + "-again");
        assertThat(refused.getHeaders().getFirst("X-Correlation-Id")).isEqualTo(correlationId + "-again");
        assertThat(output.getOut()).containsPattern("command correlationId=" + correlationId + "-again"
                + " plan=OPS-CORRELATION command=AdoptPlan outcome=refused durationMs=\\d+");
    }

    @Test
    void withoutACorrelationIdTheRegistryMakesOneAndAnswersWithIt() throws Exception {
        ResponseEntity<String> answer = adopt("OPS-NO-CORRELATION", null);

        String generated = answer.getHeaders().getFirst("X-Correlation-Id");
        assertThat(generated).isNotBlank();
        long sequence = read(answer.getBody()).path("globalSequence").asLong();
        Document stored = database.getCollection("events").find(new Document("_id", sequence)).first();
        assertThat(EventJson.mapper().readTree(stored.getString("metaData")).path("correlationId").asText())
                .isEqualTo(generated);
    }

    @Test
    void aCorrelationIdThatIsTooLongOrNotPrintableIsRefused() throws Exception {
        long before = storedEvents();
        for (String bad : new String[] {"x".repeat(101), "tab\there"}) {
            ResponseEntity<String> refused = adopt("OPS-BAD-CORRELATION", bad);
            isProblem(refused, HttpStatus.BAD_REQUEST);
            JsonNode problem = read(refused.getBody());
            assertThat(problem.path("field").asText()).isEqualTo("X-Correlation-Id");
            assertThat(problem.path("detail").asText()).startsWith("X-Correlation-Id ");
        }
        assertThat(adopt("OPS-BAD-CORRELATION", "y".repeat(100)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(storedEvents()).isEqualTo(before + 1);
    }

    @Test
    void theApiDescriptionIsPublicAndListsEveryEndpoint() throws Exception {
        ResponseEntity<String> docs = http.getForEntity("/v3/api-docs", String.class);
        assertThat(docs.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode api = read(docs.getBody());
        assertThat(api.path("info").path("title").asText()).isEqualTo("Plan Registry — command API");
        assertThat(api.path("info").path("description").asText()).contains("If-Match");

        Set<String> documented = new TreeSet<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        assertThat(documented).isEqualTo(mapped(mappings));

        JsonNode revise = api.path("paths").path("/api/plans/{plan}/indicators/{code}/revisions").path("post");
        assertThat(revise.path("requestBody").toString()).contains("深府函〔2024〕88号");
        assertThat(revise.path("responses").path("201").toString()).contains("\"globalSequence\":114");

        ResponseEntity<String> ui = http.getForEntity("/swagger-ui/index.html", String.class);
        assertThat(ui.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/swagger-ui.html", String.class).getStatusCode().isError()).isFalse();
    }

    /** "METHOD /path" of every handler method the application maps, the framework's own excepted. */
    static Set<String> mapped(RequestMappingHandlerMapping mappings) {
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            String type = entry.getValue().getBeanType().getName();
            if (!type.startsWith("org.planregistry.")) {
                continue; // the framework's error path, springdoc's own endpoints
            }
            for (String path : entry.getKey().getPatternValues()) {
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    mapped.add(method.name() + " " + path.replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
                }
            }
        }
        return mapped;
    }
}
