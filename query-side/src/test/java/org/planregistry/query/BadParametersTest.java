package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

class BadParametersTest extends QuerySideTestSupport {

    @Test
    void aMalformedAsOfIsABadRequestNamingTheParameterAndTheExpectedForm() {
        JsonNode problem = problem("/api/plans/ANY?asOf=2024-13-01", HttpStatus.BAD_REQUEST);

        assertThat(problem.path("parameter").asText()).isEqualTo("asOf");
        assertThat(problem.path("value").asText()).isEqualTo("2024-13-01");
        assertThat(problem.path("detail").asText()).isEqualTo("asOf: must be a date YYYY-MM-DD, got '2024-13-01'");
        assertThat(problem.path("title").asText()).isEqualTo("Bad parameter");
    }

    @Test
    void aMalformedKnownAtIsABadRequestButAnOffsetIsAccepted() {
        long last = ShenzhenPlan.adopt(registrar, "BAD-KNOWNAT");

        JsonNode problem = problem("/api/plans/BAD-KNOWNAT/progress?knownAt=yesterday", HttpStatus.BAD_REQUEST);
        JsonNode plan = get("/api/plans/BAD-KNOWNAT?asOf=2022-02-01&knownAt=2022-01-05T10:00:00%2B08:00"
                + "&minSequence=" + last);

        assertThat(problem.path("parameter").asText()).isEqualTo("knownAt");
        assertThat(plan.path("knownAt").asText()).isEqualTo("2022-01-05T02:00:00Z");
    }

    @Test
    void everyQueryRejectsAMalformedMinSequence() {
        for (String path : new String[] {"/api/plans?minSequence=abc", "/api/plans/ANY?minSequence=-1",
            "/api/plans/ANY/indicators/I01/history?minSequence=1.5", "/api/audit?minSequence=x",
            "/api/plans/ANY/diff?from=2022-01-01&minSequence=x"}) {
            assertThat(problem(path, HttpStatus.BAD_REQUEST).path("parameter").asText()).as(path)
                    .isEqualTo("minSequence");
        }
    }

    @Test
    void aDiffWithoutItsStartDateIsABadRequest() {
        assertThat(problem("/api/plans/ANY/diff?to=2024-01-01", HttpStatus.BAD_REQUEST).path("parameter").asText())
                .isEqualTo("from");
    }

    @Test
    void unknownPathsAndMethodsAreProblemsToo() {
        ResponseEntity<String> method = http.withBasicAuth("reader", READER_PASSWORD).exchange(RequestEntity
                .method(HttpMethod.DELETE, URI.create("/api/plans")).accept(MediaType.APPLICATION_JSON).build(),
                String.class);

        assertThat(problem("/api/nothing-here", HttpStatus.NOT_FOUND).path("status").asInt()).isEqualTo(404);
        assertThat(method.getStatusCode()).isEqualTo(HttpStatus.METHOD_NOT_ALLOWED);
        assertThat(method.getHeaders().getContentType().toString()).startsWith("application/problem+json");
    }

    @Test
    void aCsvRequestWithABadParameterStillGetsAProblem() {
        ResponseEntity<String> response = exchange(HttpMethod.GET, "/api/audit.csv?limit=zero", "text/csv");

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(read(response.getBody()).path("parameter").asText()).isEqualTo("limit");
    }
}
