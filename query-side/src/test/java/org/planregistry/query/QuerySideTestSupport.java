package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.planregistry.eventstore.TestMongo;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The real query side on a random port, against an embedded MongoDB-protocol server over TCP. Every test class
 * extends this one, so they share one Spring context and one store; each test adopts its own plan code.
 */
@AutoConfigureObservability(tracing = false) // metrics are exported (/actuator/prometheus) as in production
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "axoniq.update-checker.disabled=true",
        "registry.users.operator.password=" + QuerySideTestSupport.OPERATOR_PASSWORD,
        "registry.users.reader.password=" + QuerySideTestSupport.READER_PASSWORD,
        "registry.users.evaluator.password=" + QuerySideTestSupport.EVALUATOR_PASSWORD,
        "registry.users.registrar.password=" + QuerySideTestSupport.REGISTRAR_PASSWORD,
        "registry.users.auditor.password=" + QuerySideTestSupport.AUDITOR_PASSWORD,
        "registry.eventstore.fetch-delay=20ms",
        // As shipped: with 2 s, a busy machine projected a test's plan import later than a query waited for it.
        "registry.query.consistency-timeout=5s",
        // Small version buckets, so that the elements of every test's plan span several (docs/queries.md).
        "registry.query.versions-per-bucket=3",
        "registry.public-url=https://registry.example.org",
        "registry.events.stream.stall-timeout=2s",
        "registry.events.stream.heartbeat=1s",
        // Low, so OperabilityTest can hold a processor back far enough to take the query side out of service.
        "registry.health.max-lag=50",
        "logging.level.org.axonframework=WARN",
        "logging.level.de.bwaldvogel=WARN",
        "logging.level.org.mongodb.driver=WARN"})
abstract class QuerySideTestSupport {

    static final String OPERATOR_PASSWORD = "operator-test-password";
    static final String READER_PASSWORD = "reader-test-password";
    static final String EVALUATOR_PASSWORD = "evaluator-test-password";
    static final String REGISTRAR_PASSWORD = "registrar-test-password";
    static final String AUDITOR_PASSWORD = "auditor-test-password";

    private static final TestMongo MONGO = TestMongo.start();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Autowired
    TestRestTemplate http;
    @Autowired
    EventStore eventStore;
    Registrar registrar;

    @DynamicPropertySource
    static void store(DynamicPropertyRegistry registry) {
        // A test class that needs a query side of its own names its own database (registry.test.database).
        registry.add("spring.data.mongodb.uri", () -> MONGO.uri("${registry.test.database:registry}"));
    }

    @BeforeEach
    void registrar() {
        registrar = new Registrar(eventStore);
    }

    /** GETs {@code path} and reads the JSON answer, asserting the status. */
    JsonNode get(String path, HttpStatus expected) {
        ResponseEntity<String> response = client(path).exchange(RequestEntity.get(URI.create(path))
                .accept(MediaType.APPLICATION_JSON).build(), String.class);
        assertThat(response.getStatusCode()).as("GET %s answered %s", path, response.getBody()).isEqualTo(expected);
        return read(response.getBody());
    }

    JsonNode get(String path) {
        return get(path, HttpStatus.OK);
    }

    /** GETs {@code path} expecting a problem: the status, the problem+json type and the parsed problem. */
    JsonNode problem(String path, HttpStatus expected) {
        ResponseEntity<String> response = client(path).exchange(RequestEntity.get(URI.create(path))
                .accept(MediaType.APPLICATION_JSON).build(), String.class);
        assertThat(response.getStatusCode()).as("GET %s answered %s", path, response.getBody()).isEqualTo(expected);
        assertThat(response.getHeaders().getContentType()).isNotNull();
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .as("content type %s", response.getHeaders().getContentType()).isTrue();
        return read(response.getBody());
    }

    /**
     * Operator endpoints are called with the operator's sign-in, everything else with the auditor's, who sees the
     * whole record (unpublished evaluations, names); {@code VisibilityTest} reads as each audience.
     */
    TestRestTemplate client(String path) {
        if (path.startsWith("/api/admin/") || path.startsWith("/actuator/")) {
            return http.withBasicAuth("operator", OPERATOR_PASSWORD);
        }
        return http.withBasicAuth("auditor", AUDITOR_PASSWORD);
    }


    ResponseEntity<String> exchange(HttpMethod method, String path, String accept) {
        return client(path).exchange(RequestEntity.method(method, URI.create(path)).header(HttpHeaders.ACCEPT, accept)
                .build(), String.class);
    }

    static JsonNode read(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }
}
