package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.http.HttpStatus;

class PlanDiffTest extends QuerySideTestSupport {

    @Test
    void aDiffAcrossARevisionShowsOldAndNewValuesAndTheEventsThatMadeTheChange() {
        ShenzhenPlan.adopt(registrar, "DIFF-REVISION");
        long revised = registrar.record("2024-03-01T08:00:00Z", new IndicatorTargetRevisedEvent("DIFF-REVISION",
                "I01", new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                "mid-term adjustment", "深府办〔2024〕5号"));
        long goal = registrar.record("2024-03-01T08:00:00Z", new GoalAdoptedEvent("DIFF-REVISION", "G7",
                "国际风投创投中心", 2025, "集聚风投创投机构。", LocalDate.of(2024, 2, 1), "new goal", "深府〔2024〕2号"));
        long retired = registrar.record("2024-03-01T08:00:00Z", new TaskRetiredEvent("DIFF-REVISION", "T1.2",
                LocalDate.of(2024, 4, 1), "merged into T1.1", "深府〔2024〕3号"));

        JsonNode diff = get("/api/plans/DIFF-REVISION/diff?from=2023-06-30&to=2024-06-30&minSequence=" + retired);

        assertThat(diff.path("changed")).hasSize(1);
        JsonNode change = diff.path("changed").get(0);
        assertThat(change.path("element").asText()).isEqualTo("indicator I01");
        assertThat(change.path("attribute").asText()).isEqualTo("target");
        assertThat(change.path("oldValue").path("value").asText()).isEqualTo("6400");
        assertThat(change.path("newValue").path("value").asText()).isEqualTo("7000");
        JsonNode event = change.path("events").get(0);
        assertThat(event.path("globalSequence").asLong()).isEqualTo(revised);
        assertThat(event.path("type").asText()).isEqualTo("IndicatorTargetRevised");
        assertThat(event.path("recordedAt").asText()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(event.path("reason").asText()).isEqualTo("mid-term adjustment");
        assertThat(diff.path("added").get(0).path("element").asText()).isEqualTo("goal G7");
        assertThat(diff.path("added").get(0).path("events").get(0).path("globalSequence").asLong()).isEqualTo(goal);
        assertThat(diff.path("removed").get(0).path("element").asText()).isEqualTo("task T1.2");
        assertThat(diff.path("removed").get(0).path("events").get(0).path("reason").asText())
                .isEqualTo("merged into T1.1");
    }

    @Test
    void aDiffSeenBeforeTheRevisionWasRecordedShowsNoChange() {
        ShenzhenPlan.adopt(registrar, "DIFF-KNOWN");
        long revised = registrar.record("2024-03-01T08:00:00Z", new IndicatorTargetRevisedEvent("DIFF-KNOWN",
                "I01", new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2023, 1, 1),
                "retroactive adjustment", null));

        JsonNode then = get("/api/plans/DIFF-KNOWN/diff?from=2022-06-30&to=2023-06-30"
                + "&knownAt=2024-01-01T00:00:00Z&minSequence=" + revised);
        JsonNode now = get("/api/plans/DIFF-KNOWN/diff?from=2022-06-30&to=2023-06-30");

        assertThat(then.path("changed")).isEmpty();
        assertThat(now.path("changed")).hasSize(1);
    }

    @Test
    void aDiffWhoseStartIsAfterItsEndIsRejectedNamingFrom() {
        JsonNode problem = problem("/api/plans/DIFF-ANY/diff?from=2024-01-01&to=2023-01-01", HttpStatus.BAD_REQUEST);

        assertThat(problem.path("parameter").asText()).isEqualTo("from");
    }
}
