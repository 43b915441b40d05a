package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.query.consistency.ViewProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * Operating the query side: health with the store and each tracking processor's lag, probes, Prometheus metrics
 * for the operator, and the OpenAPI description listing every endpoint.
 */
class OperabilityTest extends QuerySideTestSupport {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    ViewProgress progress;
    @Autowired
    @Qualifier("requestMappingHandlerMapping")
    RequestMappingHandlerMapping mappings;

    private ResponseEntity<String> anonymous(String path) {
        return http.getForEntity(path, String.class);
    }

    private ResponseEntity<String> operator(String path) {
        return http.withBasicAuth("operator", OPERATOR_PASSWORD).getForEntity(path, String.class);
    }

    /** Waits until the anonymous health answers {@code status}; returns the operator's view of it. */
    private JsonNode awaitHealth(HttpStatus status) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        ResponseEntity<String> health = anonymous("/actuator/health");
        while (health.getStatusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(50);
            health = anonymous("/actuator/health");
        }
        assertThat(health.getStatusCode()).as("%s", operator("/actuator/health").getBody()).isEqualTo(status);
        return read(operator("/actuator/health").getBody());
    }

    private void plan(String code, int amendments) {
        LocalDate adopted = LocalDate.parse("2022-01-01");
        registrar.record("2022-01-01T00:00:00Z", new PlanAdoptedEvent(code, "测试规划", null, "2022-01", adopted,
                new Period(2021, 2025), 2035, "test"));
        registrar.record("2022-01-01T00:00:01Z", new GoalAdoptedEvent(code, "G1", "目标", null, null, adopted, null,
                null));
        for (int i = 0; i < amendments; i++) {
            registrar.record("2022-01-02T00:00:00Z", new GoalAmendedEvent(code, "G1", "目标 " + i, null,
                    adopted.plusDays(i + 1), "第" + i + "次修改", null));
        }
    }

    @Test
    void healthShowsTheStoreAndEachProcessorsLagToTheOperator() throws Exception {
        plan("OPS-HEALTH", 1);

        JsonNode health = awaitHealth(HttpStatus.OK);

        assertThat(read(anonymous("/actuator/health").getBody()).has("components")).as("status only").isFalse();
        assertThat(health.path("components").path("store").path("status").asText()).isEqualTo("UP");
        JsonNode processors = health.path("components").path("processors");
        assertThat(processors.path("status").asText()).isEqualTo("UP");
        assertThat(processors.path("details").path("head").asLong()).isPositive();
        for (String view : progress.views()) {
            JsonNode processor = processors.path("details").path(view);
            assertThat(processor.path("running").asBoolean()).as("%s running", view).isTrue();
            assertThat(processor.path("error").asBoolean()).as("%s in error", view).isFalse();
            assertThat(processor.path("lag").isNumber()).as("%s lag: %s", view, processor).isTrue();
            // Alone, this instance holds every segment of the view, and says who holds each.
            String self = ManagementFactory.getRuntimeMXBean().getName();
            assertThat(processor.path("segmentsHeld").asInt()).as("%s segments held", view)
                    .isEqualTo(processor.path("segments").size()).isGreaterThan(1);
            processor.path("segments").forEach(owner -> assertThat(owner.asText()).isEqualTo(self));
        }

        JsonNode readiness = read(operator("/actuator/health/readiness").getBody());
        assertThat(readiness.path("components").has("processors")).isTrue();
        assertThat(readiness.path("components").has("store")).isTrue();
        JsonNode liveness = read(operator("/actuator/health/liveness").getBody());
        assertThat(liveness.path("status").asText()).isEqualTo("UP");
        assertThat(liveness.path("components").has("processors")).as("lag is not liveness").isFalse();
        assertThat(liveness.path("components").has("store")).as("the store is not liveness").isFalse();
    }

    @Test
    void aProcessorFarBehindTakesTheQuerySideOutOfService() throws Exception {
        awaitHealth(HttpStatus.OK);
        TrackingEventProcessor audit = progress.processor("audit").orElseThrow();
        audit.shutDown();
        try {
            plan("OPS-LAG", 60); // more than registry.health.max-lag (50) events the audit view has not seen

            JsonNode health = awaitHealth(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(health.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
            assertThat(health.path("components").path("processors").path("details").path("audit").path("lag")
                    .asLong()).isGreaterThan(50);
            assertThat(anonymous("/actuator/health/readiness").getStatusCode())
                    .isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(anonymous("/actuator/health/liveness").getStatusCode()).isEqualTo(HttpStatus.OK);
        } finally {
            audit.start();
        }
        awaitHealth(HttpStatus.OK);
    }

    @Test
    void metricsAreForTheOperatorOnlyAndCoverProcessorsStoreAndQueries() throws Exception {
        ResponseEntity<String> anonymous = anonymous("/actuator/prometheus");
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        ResponseEntity<String> reader = http.withBasicAuth("reader", READER_PASSWORD)
                .getForEntity("/actuator/prometheus", String.class);
        assertThat(reader.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        assertThat(reader.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();

        plan("OPS-METRICS", 2);
        awaitHealth(HttpStatus.OK);
        get("/api/plans/OPS-METRICS?minSequence=" + eventStore.lastSequenceNumberFor("OPS-METRICS").orElseThrow());
        get("/api/plans/OPS-METRICS");

        ResponseEntity<String> scraped = operator("/actuator/prometheus");
        assertThat(scraped.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(scraped.getBody())
                .containsPattern("registry_processor_events_total\\{[^}]*processor=\"audit\"[^}]*} [1-9]")
                .containsPattern("registry_processor_events_total\\{[^}]*processor=\"plan-timeline\"[^}]*} [1-9]")
                .containsPattern("registry_processor_lag\\{[^}]*processor=\"plan-timeline\"[^}]*} \\d")
                .containsPattern("registry_store_read_seconds_count\\{[^}]*read=\"tracker\"[^}]*} [1-9]")
                .containsPattern("registry_store_append_seconds_count\\{")
                .containsPattern("http_server_requests_seconds_count\\{[^}]*method=\"GET\"[^}]*uri=\"/api/plans/\\{plan}\"");
    }

    @Test
    void theApiDescriptionIsPublicAndListsEveryEndpoint() {
        JsonNode api = read(anonymous("/v3/api-docs").getBody());
        assertThat(api.path("info").path("title").asText()).isEqualTo("Plan Registry — query API");
        assertThat(api.path("info").path("description").asText()).contains("knownAt");

        Set<String> documented = new TreeSet<>();
        api.path("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> documented.add(method.toUpperCase() + " " + path.getKey())));
        Set<String> mapped = new TreeSet<>();
        for (Map.Entry<RequestMappingInfo, HandlerMethod> entry : mappings.getHandlerMethods().entrySet()) {
            if (!entry.getValue().getBeanType().getName().startsWith("org.planregistry.")) {
                continue; // the framework's error path, springdoc's own endpoints
            }
            for (String path : entry.getKey().getPatternValues()) {
                for (var method : entry.getKey().getMethodsCondition().getMethods()) {
                    mapped.add(method.name() + " " + path.replaceAll("\\{(\\w+):[^}]*}", "{$1}"));
                }
            }
        }
        assertThat(documented).isEqualTo(mapped);
        // Who reads comes from the sign-in; it is no parameter of any operation.
        assertThat(api.path("paths").findValues("parameters").stream()
                .flatMap(parameters -> parameters.findValuesAsText("name").stream())).doesNotContain("audience");
        assertThat(api.path("paths").path("/api/plans/{plan}/diff").path("get").path("responses").path("200")
                .toString()).contains("深府函〔2024〕88号");

        assertThat(anonymous("/swagger-ui/index.html").getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(exchange(HttpMethod.GET, "/swagger-ui.html", "text/html").getStatusCode().isError()).isFalse();
    }
}
