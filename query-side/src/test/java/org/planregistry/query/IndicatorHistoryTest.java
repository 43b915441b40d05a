package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.http.HttpStatus;

class IndicatorHistoryTest extends QuerySideTestSupport {

    @Test
    void theHistoryListsEveryVersionAndFindingWithBothTimesAndProvenance() {
        ShenzhenPlan.adopt(registrar, "HISTORY");
        long revised = registrar.record("2024-03-01T08:00:00Z", "registrar.wang", new IndicatorTargetRevisedEvent(
                "HISTORY", "I01", new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                "mid-term adjustment", "深府办〔2024〕5号"));
        LocalDate evaluated = LocalDate.of(2023, 4, 10);
        registrar.record("2023-04-10T02:00:00Z", "evaluator.zhao", new EvaluationOpenedEvent("HISTORY", "E2022",
                EvaluationKind.ANNUAL, "第三方评估机构", 2022, 2022, evaluated));
        registrar.record("2023-04-10T02:00:00Z", "evaluator.zhao", IndicatorProgressTest.finding("HISTORY", "F1",
                "I01", "4738.8", Assessment.AT_RISK, evaluated));
        registrar.record("2023-04-20T02:00:00Z", "evaluator.zhao", new FindingCorrectedEvent("HISTORY", "E2022",
                "F1", new BigDecimal("4750.1"), Assessment.AT_RISK, "统计年鉴2023（修订）", null, evaluated,
                "typo in the observed value"));
        long withdrawn = registrar.record("2023-05-01T02:00:00Z", "evaluator.zhao", new FindingWithdrawnEvent(
                "HISTORY", "E2022", "F1", LocalDate.of(2023, 5, 1), "wrong statistical source"));

        JsonNode history = get("/api/plans/HISTORY/indicators/I01/history?minSequence=" + withdrawn);

        assertThat(history.path("name").asText()).isEqualTo("金融业增加值");
        assertThat(history.path("versions")).extracting(v -> v.path("attribute").asText())
                .containsExactly("adopted", "target", "baseline", "target");
        JsonNode revision = history.path("versions").get(3);
        assertThat(revision.path("globalSequence").asLong()).isEqualTo(revised);
        assertThat(revision.path("effectiveFrom").asText()).isEqualTo("2024-01-01");
        assertThat(revision.path("recordedAt").asText()).isEqualTo("2024-03-01T08:00:00Z");
        assertThat(revision.path("actor").asText()).isEqualTo("registrar.wang");
        assertThat(revision.path("reason").asText()).isEqualTo("mid-term adjustment");
        assertThat(revision.path("decisionRef").asText()).isEqualTo("深府办〔2024〕5号");
        assertThat(revision.path("value").path("value").asText()).isEqualTo("7000");
        JsonNode finding = history.path("findings").get(0);
        assertThat(finding.path("findingId").asText()).isEqualTo("F1");
        assertThat(finding.path("versions")).extracting(v -> v.path("type").asText())
                .containsExactly("FindingRecorded", "FindingCorrected", "FindingWithdrawn");
        assertThat(finding.path("versions").get(1).path("value").path("observedValue").asText()).isEqualTo("4750.1");
        assertThat(finding.path("versions").get(2).path("reason").asText()).isEqualTo("wrong statistical source");
    }

    @Test
    void aWithdrawnFindingIsGoneOnlyForThoseWhoKnowOfTheWithdrawal() {
        ShenzhenPlan.adopt(registrar, "HISTORY-WITHDRAWN");
        LocalDate evaluated = LocalDate.of(2023, 4, 10);
        registrar.record("2023-04-10T02:00:00Z", "evaluator.zhao", new EvaluationOpenedEvent("HISTORY-WITHDRAWN",
                "E2022", EvaluationKind.ANNUAL, "第三方评估机构", 2022, 2022, evaluated));
        registrar.record("2023-04-10T02:00:00Z", "evaluator.zhao", IndicatorProgressTest.finding("HISTORY-WITHDRAWN",
                "F1", "I01", "4738.8", Assessment.AT_RISK, evaluated));
        long withdrawn = registrar.record("2023-05-01T02:00:00Z", "evaluator.zhao", new FindingWithdrawnEvent(
                "HISTORY-WITHDRAWN", "E2022", "F1", LocalDate.of(2023, 5, 1), "wrong statistical source"));

        JsonNode before = get("/api/plans/HISTORY-WITHDRAWN?asOf=2023-06-01&knownAt=2023-04-30T00:00:00Z"
                + "&minSequence=" + withdrawn);
        JsonNode after = get("/api/plans/HISTORY-WITHDRAWN?asOf=2023-06-01");

        assertThat(PlanAsOfTest.indicator(before, "I01").path("latestFinding").path("observedValue").asText())
                .isEqualTo("4738.8");
        assertThat(PlanAsOfTest.indicator(after, "I01").path("latestFinding").isNull()).isTrue();
        assertThat(after.path("evaluations").get(0).path("findings")).isEmpty();
    }

    @Test
    void anUnknownIndicatorIsNotFound() {
        long last = ShenzhenPlan.adopt(registrar, "HISTORY-UNKNOWN");

        JsonNode problem = problem("/api/plans/HISTORY-UNKNOWN/indicators/I99/history?minSequence=" + last,
                HttpStatus.NOT_FOUND);

        assertThat(problem.path("detail").asText()).isEqualTo("plan HISTORY-UNKNOWN has no indicator I99");
        assertThat(problem.path("parameter").asText()).isEqualTo("code");
    }
}
