package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.http.HttpStatus;

class ChangeDatesTest extends QuerySideTestSupport {

    @Test
    void theChangeDatesAreTheEffectiveDatesOfEveryChangeKnownAtTheTime() {
        ShenzhenPlan.adopt(registrar, "DATES");
        registrar.record("2024-03-01T08:00:00Z", new IndicatorTargetRevisedEvent("DATES", "I01",
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                "mid-term adjustment", "深府办〔2024〕5号"));
        long milestone = registrar.record("2024-03-02T08:00:00Z", new MilestoneSetEvent("DATES", "I01", 2023,
                null, new BigDecimal("5200"), LocalDate.of(2023, 6, 1), null, null));

        JsonNode now = get("/api/plans/DATES/change-dates?minSequence=" + milestone);
        JsonNode then = get("/api/plans/DATES/change-dates?knownAt=2024-03-01T12:00:00Z");

        assertThat(dates(now)).containsExactly("2022-01-01", "2023-06-01", "2024-01-01");
        assertThat(now.path("dates").get(2).path("changes").asInt()).isEqualTo(1);
        assertThat(now.path("plan").asText()).isEqualTo("DATES");
        assertThat(dates(then)).containsExactly("2022-01-01", "2024-01-01");
        assertThat(then.path("knownAt").asText()).isEqualTo("2024-03-01T12:00:00Z");
    }

    @Test
    void aPlanNotYetRecordedAtKnownAtIsNotFoundAndABadKnownAtIsNamed() {
        ShenzhenPlan.adopt(registrar, "DATES-EARLY");

        JsonNode early = problem("/api/plans/DATES-EARLY/change-dates?knownAt=2021-01-01T00:00:00Z",
                HttpStatus.NOT_FOUND);
        JsonNode bad = problem("/api/plans/DATES-EARLY/change-dates?knownAt=yesterday", HttpStatus.BAD_REQUEST);
        JsonNode unknown = problem("/api/plans/NO-SUCH-PLAN/change-dates", HttpStatus.NOT_FOUND);

        assertThat(early.path("parameter").asText()).isEqualTo("knownAt");
        assertThat(bad.path("parameter").asText()).isEqualTo("knownAt");
        assertThat(bad.path("value").asText()).isEqualTo("yesterday");
        assertThat(unknown.path("parameter").asText()).isEqualTo("plan");
    }

    private static List<String> dates(JsonNode answer) {
        List<String> dates = new ArrayList<>();
        answer.path("dates").forEach(date -> dates.add(date.path("date").asText()));
        return dates;
    }
}
