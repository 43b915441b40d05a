package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.SubjectKind;
import org.springframework.http.HttpStatus;

/**
 * An evaluation's report: each indicator against its target as qualified, from this evaluation's findings for the
 * target year only, as of the evaluation's publication; what cannot be assessed is said so.
 */
class EvaluationReportTest extends QuerySideTestSupport {

    @Test
    void theReportAssessesEachIndicatorAgainstItsTargetAsOfThePublication() {
        String plan = "REPORT";
        ShenzhenPlan.adopt(registrar, plan);
        String recorded = "2026-02-20T02:00:00Z";
        LocalDate effective = LocalDate.of(2026, 2, 20);
        registrar.record(recorded, "evaluator.zhao", new EvaluationOpenedEvent(plan, "FINAL", EvaluationKind.FINAL,
                "第三方评估机构", 2021, 2025, effective));
        registrar.record(recorded, "evaluator.zhao", finding(plan, "F1", "I01", 2025, "6300", effective));
        registrar.record(recorded, "evaluator.zhao", finding(plan, "F2", "I02", 2025, "15.2", effective));
        registrar.record(recorded, "evaluator.zhao", finding(plan, "F3", "I03", 2024, "13.6", effective));
        long last = registrar.record("2026-02-28T02:00:00Z", "evaluator.zhao",
                new EvaluationPublishedEvent(plan, "FINAL", LocalDate.of(2026, 2, 28)));

        JsonNode report = get("/api/plans/REPORT/evaluations/FINAL/report?minSequence=" + last);

        assertThat(report.path("published").asBoolean()).isTrue();
        assertThat(report.path("asOf").asText()).isEqualTo("2026-02-28");
        assertThat(report.path("summary").path("indicators").asInt()).isEqualTo(4);
        assertThat(report.path("summary").path("achievedCodes").toString()).isEqualTo("[\"I01\"]");
        assertThat(report.path("summary").path("notAchievedCodes").toString()).isEqualTo("[\"I02\"]");
        assertThat(report.path("summary").path("notAssessedCodes").toString()).isEqualTo("[\"I03\",\"I18\"]");
        JsonNode i03 = report.path("indicators").get(2);
        assertThat(i03.path("targetAsWritten").asText()).isEqualTo("13.5 以上");
        assertThat(i03.path("finding").isNull()).as("a finding for 2024 does not cover the 2025 target").isTrue();
        assertThat(i03.path("reason").asText()).isEqualTo("no finding of this evaluation has an observed value for "
                + "what the target covers (for 2025)");
        assertThat(report.path("indicators").get(1).path("reason").asText())
                .isEqualTo("observed 15.2 for 2025 does not meet the target 16 左右");

        JsonNode before = get("/api/plans/REPORT/evaluations/FINAL/report?asOf=2026-02-19");
        assertThat(before.path("summary").path("notAssessed").asInt()).as("before the findings took effect")
                .isEqualTo(4);
    }

    @Test
    void anUnknownEvaluationOrIndicatorIsNotFound() {
        long last = ShenzhenPlan.adopt(registrar, "REPORT-UNKNOWN");

        JsonNode report = problem("/api/plans/REPORT-UNKNOWN/evaluations/NONE/report?minSequence=" + last,
                HttpStatus.NOT_FOUND);
        JsonNode series = problem("/api/plans/REPORT-UNKNOWN/indicators/I99/series", HttpStatus.NOT_FOUND);

        assertThat(report.path("parameter").asText()).isEqualTo("id");
        assertThat(series.path("parameter").asText()).isEqualTo("code");
    }

    private static FindingRecordedEvent finding(String plan, String id, String indicator, int year, String observed,
                                                LocalDate effective) {
        return new FindingRecordedEvent(plan, "FINAL", id, SubjectKind.INDICATOR, indicator, year,
                new BigDecimal(observed), null, Assessment.ON_TRACK, "示例数据", null, effective);
    }
}
