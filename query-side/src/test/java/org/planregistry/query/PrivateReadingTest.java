package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/** A registry whose plans are not public yet: every reading path needs a sign-in; the page's files stay open. */
// a database of its own: in the shared one its processors would take a share of the views' segments
@TestPropertySource(properties = {"registry.access.public-reading=false", "registry.test.database=private-reading"})
class PrivateReadingTest extends QuerySideTestSupport {

    @Test
    void readingNeedsASignInOfAnyRoleAndThePageStillOpens() {
        ShenzhenPlan.adopt(registrar, "PRIVATE-READING");
        for (String path : new String[] {"/api/plans", "/api/plans/PRIVATE-READING", "/api/events?limit=1",
                "/api/plans/PRIVATE-READING/progress", "/api/nothing-here"}) {
            ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
            assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(read(anonymous.getBody()).path("detail").asText()).as(path).startsWith("This needs a sign-in");
        }
        assertThat(http.withBasicAuth("reader", READER_PASSWORD).getForEntity("/api/plans", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.withBasicAuth("operator", OPERATOR_PASSWORD).getForEntity("/api/events?limit=1",
                String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/js/page.js", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(http.getForEntity("/api/schemas", String.class).getStatusCode()).isEqualTo(HttpStatus.OK);
    }
}
