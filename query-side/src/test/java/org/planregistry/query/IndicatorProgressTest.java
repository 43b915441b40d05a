package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.SubjectKind;

class IndicatorProgressTest extends QuerySideTestSupport {

    @Test
    void withoutMilestonesTheObservationIsComparedWithTheStraightLineFromBaselineToTarget() {
        long last = evaluatedPlan("PROGRESS-LINE");

        JsonNode progress = get("/api/plans/PROGRESS-LINE/progress?asOf=2023-07-01&minSequence=" + last);

        JsonNode i01 = PlanAsOfTest.indicator(progress, "I01");
        assertThat(i01.path("planned").path("value").asText()).isEqualTo("5294.194");
        assertThat(i01.path("planned").path("basis").asText()).isEqualTo("TRAJECTORY");
        assertThat(i01.path("latestFinding").path("observedValue").asText()).isEqualTo("4738.8");
        assertThat(i01.path("plannedForFindingYear").path("value").asText()).isEqualTo("5073.76");
        assertThat(i01.path("gap").asText()).isEqualTo("-334.96");
        assertThat(i01.path("status").asText()).isEqualTo("OFF_TRACK");
        assertThat(i01.path("statusReason").asText())
                .isEqualTo("observed 4738.8 for 2022 falls short of the planned 5073.76 by 334.96 (6.6 % of it)");
    }

    @Test
    void aMilestoneForTheYearReplacesTheStraightLine() {
        evaluatedPlan("PROGRESS-MILESTONE");
        long milestone = registrar.record("2022-03-01T02:00:00Z", new MilestoneSetEvent("PROGRESS-MILESTONE", "I01",
                2022, null, new BigDecimal("4800"), LocalDate.of(2022, 3, 1), null, "深金监〔2022〕3号"));

        JsonNode progress = get("/api/plans/PROGRESS-MILESTONE/progress?asOf=2023-07-01&minSequence=" + milestone);

        JsonNode i01 = PlanAsOfTest.indicator(progress, "I01");
        assertThat(i01.path("plannedForFindingYear").path("value").asText()).isEqualTo("4800");
        assertThat(i01.path("plannedForFindingYear").path("basis").asText()).isEqualTo("MILESTONE");
        assertThat(i01.path("gap").asText()).isEqualTo("-61.2");
        assertThat(i01.path("status").asText()).isEqualTo("AT_RISK");
    }

    @Test
    void anAtLeastTargetIsAchievedOnlyWhenReachedAndIndicatorsWithoutDataOrBaselineSaySo() {
        long last = evaluatedPlan("PROGRESS-STATUS");

        JsonNode progress = get("/api/plans/PROGRESS-STATUS/progress?asOf=2023-07-01&minSequence=" + last);

        assertThat(PlanAsOfTest.indicator(progress, "I03").path("status").asText()).isEqualTo("ACHIEVED");
        assertThat(PlanAsOfTest.indicator(progress, "I02").path("status").asText()).isEqualTo("NO_DATA");
        assertThat(PlanAsOfTest.indicator(progress, "I02").path("latestFinding").isNull()).isTrue();
        JsonNode i18 = PlanAsOfTest.indicator(progress, "I18");
        assertThat(i18.path("status").asText()).isEqualTo("NO_BASELINE");
        assertThat(i18.path("planned").isNull()).isTrue();
    }

    @Test
    void findingsRecordedAfterKnownAtDoNotCount() {
        long last = evaluatedPlan("PROGRESS-KNOWN");

        JsonNode progress = get("/api/plans/PROGRESS-KNOWN/progress?asOf=2023-07-01&knownAt=2023-03-01T00:00:00Z"
                + "&minSequence=" + last);

        assertThat(PlanAsOfTest.indicator(progress, "I01").path("status").asText()).isEqualTo("NO_DATA");
    }

    /** The plan with an annual evaluation of 2022 recorded on 2023-04-10. */
    private long evaluatedPlan(String plan) {
        ShenzhenPlan.adopt(registrar, plan);
        String recorded = "2023-04-10T02:00:00Z";
        LocalDate effective = LocalDate.of(2023, 4, 10);
        registrar.record(recorded, "evaluator.zhao", new EvaluationOpenedEvent(plan, "E2022", EvaluationKind.ANNUAL,
                "深圳市地方金融监督管理局", 2022, 2022, effective));
        registrar.record(recorded, "evaluator.zhao", finding(plan, "F1", "I01", "4738.8", Assessment.AT_RISK,
                effective));
        registrar.record(recorded, "evaluator.zhao", finding(plan, "F2", "I03", "13.6", Assessment.ACHIEVED,
                effective));
        return registrar.record(recorded, "evaluator.zhao", finding(plan, "F3", "I18", "400", Assessment.ON_TRACK,
                effective));
    }

    static FindingRecordedEvent finding(String plan, String id, String indicator, String observed,
                                        Assessment assessment, LocalDate effective) {
        return new FindingRecordedEvent(plan, "E2022", id, SubjectKind.INDICATOR, indicator, 2022,
                new BigDecimal(observed), null, assessment, "统计年鉴2023", null, effective);
    }
}
