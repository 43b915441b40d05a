package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.signin.AccessRules;
import org.planregistry.signin.EndpointAccess;
import org.planregistry.signin.Role;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/** Who may use each endpoint of the query side (docs/security.md), checked for every endpoint it maps. */
class AccessHttpTest extends QuerySideTestSupport {

    private static final AccessRules.Access EVERYONE = new AccessRules.Everyone();
    private static final AccessRules.Access AUDITOR = new AccessRules.Roles(EnumSet.of(Role.AUDITOR));
    private static final AccessRules.Access OPERATOR = new AccessRules.Roles(EnumSet.of(Role.OPERATOR));

    /** The decision for every endpoint, written out here so that a change to the rules shows in this test. */
    private static final Map<String, AccessRules.Access> EXPECTED = new LinkedHashMap<>();

    static {
        for (String path : new String[] {"/api/plans", "/api/plans/{plan}", "/api/plans/{plan}/diff",
                "/api/plans/{plan}/progress", "/api/plans/{plan}/change-dates",
                "/api/plans/{plan}/indicators/{code}/history", "/api/plans/{plan}/indicators/{code}/series",
                "/api/plans/{plan}/evaluations/{id}/report", "/api/events", "/api/events/stream", "/api/schemas",
                "/api/schemas/{file}"}) {
            EXPECTED.put("GET " + path, EVERYONE);
        }
        for (String path : new String[] {"/api/audit", "/api/audit.csv", "/api/audit/verify", "/api/audit/digest",
                "/api/plans/{plan}/audit/verify", "/api/plans/{plan}/audit/digest", "/api/plans/{plan}/audit/events"}) {
            EXPECTED.put("GET " + path, AUDITOR);
        }
        EXPECTED.put("POST /api/audit/verify", AUDITOR);
        EXPECTED.put("GET /api/admin/views/rebuild", OPERATOR);
        EXPECTED.put("POST /api/admin/views/rebuild", OPERATOR);
        EXPECTED.put("GET /api/admin/dead-letters", OPERATOR);
        EXPECTED.put("POST /api/admin/dead-letters/retry", OPERATOR);
    }

    @Autowired
    ApplicationContext application;
    @LocalServerPort
    int port;

    @Test
    void everyEndpointFollowsItsRule() throws InterruptedException {
        new EndpointAccess("http://localhost:" + port, Map.of(Role.READER, READER_PASSWORD, Role.REGISTRAR,
                REGISTRAR_PASSWORD, Role.EVALUATOR, EVALUATOR_PASSWORD, Role.AUDITOR, AUDITOR_PASSWORD, Role.OPERATOR,
                OPERATOR_PASSWORD)).checkEvery(application, EXPECTED);
        awaitRebuild(); // the operator's POST started one: the views must be whole again for the next test class
    }

    private void awaitRebuild() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (get("/api/admin/views/rebuild").path("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("rebuild done in time").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    @Test
    void aReaderRefusedTheAuditLogIsToldWhichRoleItNeeds() {
        ResponseEntity<String> refused = http.withBasicAuth("reader", READER_PASSWORD).getForEntity("/api/audit",
                String.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        JsonNode problem = read(refused.getBody());
        assertThat(problem.path("instance").asText()).isEqualTo("/api/audit");
        assertThat(problem.path("neededRoles").toString()).isEqualTo("[\"AUDITOR\"]");
        assertThat(problem.path("detail").asText()).isEqualTo(
                "Signed in as reader with the role READER; this needs the role AUDITOR");
    }

    @Test
    void aMistypedAddressIsNotFoundForThePublicAndTheWebPageIsOpen() {
        assertThat(http.getForEntity("/api/nothing-here", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(http.getForEntity("/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.postForEntity("/api/plans", "{}", String.class).getStatusCode())
                .as("nothing but reading is open").isEqualTo(HttpStatus.UNAUTHORIZED);
    }
}
