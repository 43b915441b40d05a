package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;

/** A plan's closure and supersession as the catalogue and the plan view show them, on each side of each date. */
class PlanLifecycleTest extends QuerySideTestSupport {

    @Test
    void closureAndSupersessionShowFromTheirEffectiveDates() {
        ShenzhenPlan.adopt(registrar, "LIFE");
        registrar.record("2024-06-02T02:00:00Z", new PlanClosedEvent("LIFE", LocalDate.of(2024, 7, 1), "提前终止",
                "深府〔2024〕7号"));
        long last = registrar.record("2025-01-02T02:00:00Z", new PlanSupersededEvent("LIFE", "LIFE-NEXT",
                LocalDate.of(2025, 1, 1), "新规划取代", "深府〔2025〕1号"));

        assertThat(entry("2024-06-30", last)).isEqualTo("ADOPTED null");
        assertThat(entry("2024-07-01", last)).isEqualTo("CLOSED null");
        assertThat(entry("2025-01-01", last)).isEqualTo("SUPERSEDED LIFE-NEXT");
        assertThat(plan("2024-06-30")).isEqualTo("ADOPTED null");
        assertThat(plan("2024-07-01")).isEqualTo("CLOSED null");
        assertThat(plan("2025-01-01")).isEqualTo("SUPERSEDED LIFE-NEXT");
        // Known before the supersession was recorded, 2025 still shows the closure only.
        JsonNode known = get("/api/plans/LIFE?asOf=2025-01-01&knownAt=2024-12-31T00:00:00Z");
        assertThat(known.path("status").asText() + " " + known.path("supersededBy").asText()).isEqualTo("CLOSED null");
    }

    private String entry(String asOf, long last) {
        for (JsonNode plan : get("/api/plans?asOf=" + asOf + "&minSequence=" + last).path("plans")) {
            if (plan.path("code").asText().equals("LIFE")) {
                return plan.path("status").asText() + " " + plan.path("supersededBy").asText();
            }
        }
        throw new AssertionError("LIFE not in the catalogue as of " + asOf);
    }

    private String plan(String asOf) {
        JsonNode plan = get("/api/plans/LIFE?asOf=" + asOf);
        return plan.path("status").asText() + " " + plan.path("supersededBy").asText();
    }
}
