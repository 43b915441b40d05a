package org.planregistry.command.plan;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.SetMeasurementBasisCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;

/**
 * How an indicator is measured (level, accumulated over the period, interval) and what that asks of its findings and
 * milestones, on the Shenzhen plan's own examples: 金融业增加值 (I01, a level), 直接融资比重 (I06, a five-year
 * interval figure) and 绿色债券累计发行额 (I20, accumulated).
 */
class MeasurementBasisTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);
    private static final LocalDate FINAL = LocalDate.of(2026, 4, 15);
    private static final String FOOTNOTE = "“直接融资比重”指标为五年区间数。";

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
    }

    private static PlanAdoptedEvent adopted() {
        return new PlanAdoptedEvent(PLAN, "深圳市金融业高质量发展“十四五”规划", null, "2022-01", ADOPTED,
                new Period(2021, 2025), 2035, "seed");
    }

    private static IndicatorAdoptedEvent indicator(String code, String name, String unit, String baseline,
                                                   String target) {
        return new IndicatorAdoptedEvent(PLAN, code, 1, "c", null, name, unit, Nature.EXPECTED,
                new Baseline(2020, new BigDecimal(baseline)), new Target(2025, new BigDecimal(target),
                Qualifier.EXACT), List.of(), ADOPTED, null, null);
    }

    private static IndicatorAdoptedEvent level() {
        return indicator("I01", "金融业增加值", "亿元", "4189.6", "6400");
    }

    private static IndicatorAdoptedEvent interval() {
        return indicator("I06", "直接融资比重", "%", "24.7", "30");
    }

    private static IndicatorAdoptedEvent accumulated() {
        return indicator("I20", "绿色债券累计发行额", "亿元", "200", "1000");
    }

    private static MeasurementBasisSetEvent declared(String code, MeasurementBasis basis, String wording) {
        return new MeasurementBasisSetEvent(PLAN, code, null, basis, ADOPTED, wording, null);
    }

    private static EvaluationOpenedEvent finalEvaluation() {
        return new EvaluationOpenedEvent(PLAN, "2021-2025-final", EvaluationKind.FINAL, "第三方评估机构", 2021, 2025,
                LocalDate.of(2026, 3, 1));
    }

    private static RecordFindingCommand finding(String code, int year, String observed, FindingSpan span) {
        return new RecordFindingCommand(PLAN, "2021-2025-final", null, SubjectKind.INDICATOR, code, year,
                new BigDecimal(observed), null, Assessment.ON_TRACK, "统计公报", null, FINAL, span);
    }

    private static FindingRecordedEvent recorded(String code, String unit, int year, String observed) {
        return new FindingRecordedEvent(PLAN, "2021-2025-final", "2021-2025-final-F1", SubjectKind.INDICATOR, code,
                year, new BigDecimal(observed), unit, Assessment.ON_TRACK, "统计公报", null, FINAL);
    }

    private static void refused(ResultValidator<Plan> result, PlanRuleViolation.Kind kind, String field) {
        result.expectNoEvents()
                .expectException(new CustomTypeSafeMatcher<PlanRuleViolation>(kind + " on " + field) {
                    @Override
                    protected boolean matchesSafely(PlanRuleViolation violation) {
                        return violation.kind() == kind && field.equals(violation.field())
                                && !violation.getMessage().isBlank();
                    }
                });
    }

    @Test
    void aBasisIsDeclaredWithThePlansWordingAsTheReason() {
        fixture.given(adopted(), interval())
                .when(new SetMeasurementBasisCommand(PLAN, "I06", MeasurementBasis.INTERVAL, ADOPTED, FOOTNOTE, null))
                .expectEvents(declared("I06", MeasurementBasis.INTERVAL, FOOTNOTE));
    }

    @Test
    void aChangeOfBasisIsARevisionThatRecordsWhatItReplaced() {
        fixture.given(adopted(), accumulated(), declared("I20", MeasurementBasis.LEVEL, "表中为 2025 年数"))
                .when(new SetMeasurementBasisCommand(PLAN, "I20", MeasurementBasis.ACCUMULATED,
                        LocalDate.of(2023, 1, 1), "绿色债券累计发行额达到 1000 亿元", "深金管〔2023〕2号"))
                .expectEvents(new MeasurementBasisSetEvent(PLAN, "I20", MeasurementBasis.LEVEL,
                        MeasurementBasis.ACCUMULATED, LocalDate.of(2023, 1, 1), "绿色债券累计发行额达到 1000 亿元",
                        "深金管〔2023〕2号"));
    }

    @Test
    void aChangeOfBasisNeedsAReason() {
        refused(fixture.given(adopted(), accumulated())
                .when(new SetMeasurementBasisCommand(PLAN, "I20", MeasurementBasis.ACCUMULATED,
                        LocalDate.of(2023, 1, 1), " ", null)), PlanRuleViolation.Kind.INVALID, "reason");
    }

    @Test
    void declaringTheBasisAlreadyDeclaredChangesNothingAndIsRefused() {
        refused(fixture.given(adopted(), interval(), declared("I06", MeasurementBasis.INTERVAL, FOOTNOTE))
                .when(new SetMeasurementBasisCommand(PLAN, "I06", MeasurementBasis.INTERVAL,
                        LocalDate.of(2023, 1, 1), FOOTNOTE, null)), PlanRuleViolation.Kind.CONFLICT, "basis");
    }

    @Test
    void aBasisNeedsAKindAndAnIndicatorOfThePlan() {
        refused(fixture.given(adopted(), interval())
                .when(new SetMeasurementBasisCommand(PLAN, "I06", null, ADOPTED, FOOTNOTE, null)),
                PlanRuleViolation.Kind.INVALID, "basis");
        refused(fixture.given(adopted(), interval())
                .when(new SetMeasurementBasisCommand(PLAN, "I99", MeasurementBasis.LEVEL, ADOPTED, FOOTNOTE, null)),
                PlanRuleViolation.Kind.UNKNOWN, "indicatorCode");
    }

    @Test
    void aClosedPlanAcceptsNoChangeOfBasis() {
        refused(fixture.given(adopted(), interval(), new PlanClosedEvent(PLAN, LocalDate.of(2025, 12, 31), "期满", null))
                .when(new SetMeasurementBasisCommand(PLAN, "I06", MeasurementBasis.INTERVAL, ADOPTED, FOOTNOTE,
                        null)), PlanRuleViolation.Kind.CONFLICT, "planCode");
    }

    @Test
    void aFindingOnAnAccumulatedIndicatorStatesWhetherItIsOneYearOrTheTotalToDate() {
        fixture.given(adopted(), accumulated(), declared("I20", MeasurementBasis.ACCUMULATED, "累计"),
                        finalEvaluation())
                .when(finding("I20", 2025, "1180", FindingSpan.TO_DATE))
                .expectEvents(recorded("I20", "亿元", 2025, "1180"), new FindingSpanStatedEvent(PLAN,
                        "2021-2025-final", "2021-2025-final-F1", "I20", FindingSpan.TO_DATE, FINAL));
    }

    @Test
    void aFindingOnAnAccumulatedIndicatorThatDoesNotSayWhatItCoversIsRefused() {
        refused(fixture.given(adopted(), accumulated(), declared("I20", MeasurementBasis.ACCUMULATED, "累计"),
                        finalEvaluation())
                .when(finding("I20", 2025, "1180", null)), PlanRuleViolation.Kind.INVALID, "span");
        refused(fixture.given(adopted(), accumulated(), declared("I20", MeasurementBasis.ACCUMULATED, "累计"),
                        finalEvaluation())
                .when(finding("I20", 2025, "1180", FindingSpan.INTERVAL)), PlanRuleViolation.Kind.INVALID, "span");
    }

    @Test
    void anIntervalIndicatorIsObservedForTheYearItsIntervalEndsOnly() {
        fixture.given(adopted(), interval(), declared("I06", MeasurementBasis.INTERVAL, FOOTNOTE), finalEvaluation())
                .when(finding("I06", 2025, "31.2", null))
                .expectEvents(recorded("I06", "%", 2025, "31.2"), new FindingSpanStatedEvent(PLAN,
                        "2021-2025-final", "2021-2025-final-F1", "I06", FindingSpan.INTERVAL, FINAL));
        refused(fixture.given(adopted(), interval(), declared("I06", MeasurementBasis.INTERVAL, FOOTNOTE),
                        finalEvaluation())
                .when(finding("I06", 2023, "29.5", null)), PlanRuleViolation.Kind.INVALID, "year");
        refused(fixture.given(adopted(), interval(), declared("I06", MeasurementBasis.INTERVAL, FOOTNOTE),
                        finalEvaluation())
                .when(finding("I06", 2025, "31.2", FindingSpan.YEAR)), PlanRuleViolation.Kind.INVALID, "span");
    }

    @Test
    void anIntervalIndicatorHasNoMilestoneForASingleYear() {
        refused(fixture.given(adopted(), interval(), declared("I06", MeasurementBasis.INTERVAL, FOOTNOTE))
                .when(new SetMilestoneCommand(PLAN, "I06", 2023, new BigDecimal("27"), null, ADOPTED, null, null)),
                PlanRuleViolation.Kind.INVALID, "year");
    }

    @Test
    void aLevelIsObservedForItsYearWithNothingMoreToState() {
        fixture.given(adopted(), level(), finalEvaluation())
                .when(finding("I01", 2025, "6500", null))
                .expectEvents(recorded("I01", "亿元", 2025, "6500"));
        refused(fixture.given(adopted(), level(), finalEvaluation())
                .when(finding("I01", 2025, "6500", FindingSpan.TO_DATE)), PlanRuleViolation.Kind.INVALID, "span");
    }
}
