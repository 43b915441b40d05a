package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;

/**
 * Progress reads each indicator on its measurement basis, on the Shenzhen plan's own three kinds: 直接融资比重 (I06)
 * is a five-year interval figure, compared only with an observation for 2021–2025; 绿色债券累计发行额 (I20) and the
 * sustainable-finance cases (I21) accumulate over the period, so a one-year finding meets a year's share and a
 * finding to date meets the total planned to date; 金融业增加值 (I01) stays a level on the straight line.
 */
class MeasurementBasisProgressTest extends QuerySideTestSupport {

    private static final String RECORDED = "2022-01-05T02:00:00Z";
    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);
    private static final String FOOTNOTE = "“直接融资比重”指标为五年区间数。";

    @Test
    void anIntervalIndicatorIsComparedOnlyWithAnObservationForItsInterval() {
        long last = annualEvaluation("BASIS-INTERVAL");

        JsonNode i06 = PlanAsOfTest.indicator(get("/api/plans/BASIS-INTERVAL/progress?asOf=2024-06-30&minSequence="
                + last), "I06");

        assertThat(i06.path("measurementBasis").asText()).isEqualTo("INTERVAL");
        assertThat(i06.path("planned").path("value").asText()).isEqualTo("30");
        assertThat(i06.path("planned").path("date").asText()).isEqualTo("2025-12-31");
        assertThat(i06.path("planned").path("basis").asText()).isEqualTo("INTERVAL");
        assertThat(i06.path("latestFinding").isNull()).as("a figure for 2023 alone is not compared").isTrue();
        assertThat(i06.path("status").asText()).isEqualTo("NO_DATA");
        assertThat(i06.path("statusReason").asText()).isEqualTo("no finding for the interval 2021–2025 is in force; "
                + "the indicator is a figure over its whole interval, and findings for a single year are not "
                + "compared with it (1 not compared)");

        long closing = finalEvaluation("BASIS-INTERVAL");
        JsonNode atTheEnd = PlanAsOfTest.indicator(get("/api/plans/BASIS-INTERVAL/progress?asOf=2026-06-30"
                + "&minSequence=" + closing), "I06");

        assertThat(atTheEnd.path("latestFinding").path("span").asText()).isEqualTo("INTERVAL");
        assertThat(atTheEnd.path("plannedForFindingYear").path("value").asText()).isEqualTo("30");
        assertThat(atTheEnd.path("status").asText()).isEqualTo("ACHIEVED");
        assertThat(atTheEnd.path("statusReason").asText())
                .isEqualTo("observed 31.2 for the interval 2021–2025 meets the target 30 EXACT (2025)");
    }

    @Test
    void anAccumulatedIndicatorPlansATotalFromZeroAndComparesAYearWithItsShare() {
        long last = annualEvaluation("BASIS-ACCUMULATED");

        JsonNode progress = get("/api/plans/BASIS-ACCUMULATED/progress?asOf=2024-06-30&minSequence=" + last);

        JsonNode i20 = PlanAsOfTest.indicator(progress, "I20");
        assertThat(i20.path("measurementBasis").asText()).isEqualTo("ACCUMULATED");
        assertThat(i20.path("planned").path("value").asText()).as("1000 × (3 × 366 + 182) / (5 × 366)")
                .isEqualTo("699.45");
        assertThat(i20.path("latestFinding").path("span").asText()).isEqualTo("YEAR");
        assertThat(i20.path("plannedForFindingYear").path("value").asText()).as("600 to 2023 less 400 to 2022")
                .isEqualTo("200");
        assertThat(i20.path("plannedForFindingYear").path("basis").asText()).isEqualTo("YEAR_AMOUNT");
        assertThat(i20.path("gap").asText()).isEqualTo("-10");
        assertThat(i20.path("status").asText()).isEqualTo("AT_RISK");
        assertThat(i20.path("statusReason").asText())
                .isEqualTo("observed 190 for 2023 alone falls short of the planned 200 by 10 (5.0 % of it)");

        JsonNode i21 = PlanAsOfTest.indicator(progress, "I21");
        assertThat(i21.path("latestFinding").path("span").asText()).isEqualTo("TO_DATE");
        assertThat(i21.path("plannedForFindingYear").path("value").asText()).as("30 × 3 / 5, from zero: the "
                + "baseline is none").isEqualTo("18");
        assertThat(i21.path("status").asText()).isEqualTo("ON_TRACK");
        assertThat(i21.path("statusReason").asText())
                .isEqualTo("observed 20 accumulated 2021–2023 is at or beyond the planned 18");

        long closing = finalEvaluation("BASIS-ACCUMULATED");
        JsonNode atTheEnd = PlanAsOfTest.indicator(get("/api/plans/BASIS-ACCUMULATED/progress?asOf=2026-06-30"
                + "&minSequence=" + closing), "I20");
        assertThat(atTheEnd.path("status").asText()).isEqualTo("ACHIEVED");
        assertThat(atTheEnd.path("statusReason").asText())
                .isEqualTo("observed 1180 accumulated 2021–2025 meets the target 1000 EXACT (2025)");
    }

    @Test
    void aLevelKeepsItsStraightLineAndThePlanViewShowsEachBasisWithThePlansWording() {
        long last = annualEvaluation("BASIS-VIEW");

        JsonNode i01 = PlanAsOfTest.indicator(get("/api/plans/BASIS-VIEW/progress?asOf=2023-07-01&minSequence="
                + last), "I01");
        assertThat(i01.path("measurementBasis").asText()).isEqualTo("LEVEL");
        assertThat(i01.path("planned").path("value").asText()).isEqualTo("5294.194");
        JsonNode later = PlanAsOfTest.indicator(get("/api/plans/BASIS-VIEW/progress?asOf=2024-06-30"), "I01");
        assertThat(later.path("latestFinding").path("span").asText()).as("no span stated: a figure for its year")
                .isEqualTo("YEAR");
        assertThat(later.path("status").asText()).isEqualTo("OFF_TRACK");

        JsonNode plan = get("/api/plans/BASIS-VIEW?asOf=2024-06-30&minSequence=" + last);
        JsonNode basis = PlanAsOfTest.indicator(plan, "I06").path("measurementBasis");
        assertThat(basis.path("basis").asText()).isEqualTo("INTERVAL");
        assertThat(basis.path("wording").asText()).isEqualTo(FOOTNOTE);
        assertThat(basis.path("since").asText()).isEqualTo("2022-01-01");
        JsonNode undeclared = PlanAsOfTest.indicator(plan, "I01").path("measurementBasis");
        assertThat(undeclared.path("basis").asText()).as("no basis declared: read as a level").isEqualTo("LEVEL");
        assertThat(undeclared.path("since").isNull()).isTrue();
    }

    /** The plan with I01 (a level, no basis declared), I06, I20 and I21, and an annual evaluation of 2023. */
    private long annualEvaluation(String plan) {
        registrar.record(RECORDED, new PlanAdoptedEvent(plan, "深圳市金融业高质量发展“十四五”规划", null, "2022-01",
                ADOPTED, new Period(2021, 2025), 2035, "shenzhen-finance-14th-five-year-plan.txt"));
        registrar.record(RECORDED, indicator(plan, "I01", "金融业增加值", "亿元", "4189.6", "6400", Qualifier.ABOUT));
        registrar.record(RECORDED, indicator(plan, "I06", "直接融资比重", "%", "24.7", "30", Qualifier.EXACT));
        registrar.record(RECORDED, basis(plan, "I06", MeasurementBasis.INTERVAL, FOOTNOTE));
        registrar.record(RECORDED, indicator(plan, "I20", "绿色债券累计发行额", "亿元", "200", "1000",
                Qualifier.EXACT));
        registrar.record(RECORDED, basis(plan, "I20", MeasurementBasis.ACCUMULATED, "绿色债券累计发行额达到 1000 亿元"));
        registrar.record(RECORDED, indicator(plan, "I21", "向联合国开发计划署（UNDP）等国际组织推荐的可持续金融案例", "个",
                null, "30", Qualifier.APPROXIMATELY));
        registrar.record(RECORDED, basis(plan, "I21", MeasurementBasis.ACCUMULATED,
                "“十四五”期间向联合国开发计划署（UNDP）等国际组织推荐约 30 个可持续金融案例"));
        String evaluated = "2024-04-10T02:00:00Z";
        LocalDate effective = LocalDate.of(2024, 4, 10);
        registrar.record(evaluated, "evaluator.zhao", new EvaluationOpenedEvent(plan, "E2023", EvaluationKind.ANNUAL,
                "第三方评估机构", 2023, 2023, effective));
        registrar.record(evaluated, "evaluator.zhao", finding(plan, "E2023", "F1", "I01", 2022, "4738.8", effective));
        // Stored as an older registry would have taken it: a single year of an interval figure.
        registrar.record(evaluated, "evaluator.zhao", finding(plan, "E2023", "F2", "I06", 2023, "28", effective));
        registrar.record(evaluated, "evaluator.zhao", finding(plan, "E2023", "F3", "I20", 2023, "190", effective));
        registrar.record(evaluated, "evaluator.zhao", span(plan, "E2023", "F3", "I20", FindingSpan.YEAR, effective));
        registrar.record(evaluated, "evaluator.zhao", finding(plan, "E2023", "F4", "I21", 2023, "20", effective));
        return registrar.record(evaluated, "evaluator.zhao", span(plan, "E2023", "F4", "I21", FindingSpan.TO_DATE,
                effective));
    }

    /** The final evaluation of 2021–2025, in 2026: I06 for its interval, I20 accumulated to the end. */
    private long finalEvaluation(String plan) {
        String evaluated = "2026-04-15T02:00:00Z";
        LocalDate effective = LocalDate.of(2026, 4, 15);
        registrar.record(evaluated, "evaluator.zhao", new EvaluationOpenedEvent(plan, "FINAL", EvaluationKind.FINAL,
                "第三方评估机构", 2021, 2025, effective));
        registrar.record(evaluated, "evaluator.zhao", finding(plan, "FINAL", "F1", "I06", 2025, "31.2", effective));
        registrar.record(evaluated, "evaluator.zhao", span(plan, "FINAL", "F1", "I06", FindingSpan.INTERVAL,
                effective));
        registrar.record(evaluated, "evaluator.zhao", finding(plan, "FINAL", "F2", "I20", 2025, "1180", effective));
        return registrar.record(evaluated, "evaluator.zhao", span(plan, "FINAL", "F2", "I20", FindingSpan.TO_DATE,
                effective));
    }

    private static IndicatorAdoptedEvent indicator(String plan, String code, String name, String unit, String baseline,
                                                   String target, Qualifier qualifier) {
        return new IndicatorAdoptedEvent(plan, code, Integer.parseInt(code.substring(1)), "c", null, name, unit,
                Nature.EXPECTED, new Baseline(2020, baseline == null ? null : new BigDecimal(baseline)),
                new Target(2025, new BigDecimal(target), qualifier), List.of(), ADOPTED, null, null);
    }

    private static MeasurementBasisSetEvent basis(String plan, String code, MeasurementBasis basis, String wording) {
        return new MeasurementBasisSetEvent(plan, code, null, basis, ADOPTED, wording, null);
    }

    private static FindingRecordedEvent finding(String plan, String evaluation, String id, String indicator, int year,
                                                String observed, LocalDate effective) {
        return new FindingRecordedEvent(plan, evaluation, id, SubjectKind.INDICATOR, indicator, year,
                new BigDecimal(observed), null, Assessment.ON_TRACK, "统计公报", null, effective);
    }

    private static FindingSpanStatedEvent span(String plan, String evaluation, String id, String indicator,
                                               FindingSpan span, LocalDate effective) {
        return new FindingSpanStatedEvent(plan, evaluation, id, indicator, span, effective);
    }
}
