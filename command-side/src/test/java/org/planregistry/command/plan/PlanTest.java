package org.planregistry.command.plan;

import static org.assertj.core.api.Assertions.assertThat;

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
import org.planregistry.api.Nature;
import org.planregistry.api.Item;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptColumnCommand;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.AdoptSectionCommand;
import org.planregistry.api.PlanCommand.AdoptTaskCommand;
import org.planregistry.api.PlanCommand.AmendGoalCommand;
import org.planregistry.api.PlanCommand.AmendTaskCommand;
import org.planregistry.api.PlanCommand.ClosePlanCommand;
import org.planregistry.api.PlanCommand.CorrectFindingCommand;
import org.planregistry.api.PlanCommand.CorrectIndicatorBaselineCommand;
import org.planregistry.api.PlanCommand.OpenEvaluationCommand;
import org.planregistry.api.PlanCommand.PublishEvaluationCommand;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.RetireIndicatorCommand;
import org.planregistry.api.PlanCommand.RetireTaskCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.api.PlanCommand.SupersedePlanCommand;
import org.planregistry.api.PlanCommand.WithdrawFindingCommand;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;

class PlanTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);
    private static final Period PERIOD = new Period(2021, 2025);
    private static final Target TARGET = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);
    private static final Baseline BASELINE = new Baseline(2020, new BigDecimal("4189.6"));

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
        fixture.registerInjectableResource(new RegisteredPlans("SZ-FIN-15FYP"));
    }

    private static PlanAdoptedEvent adopted() {
        return new PlanAdoptedEvent(PLAN, "深圳市金融业高质量发展“十四五”规划", null, "2022-01", ADOPTED, PERIOD, 2035,
                "seed");
    }

    private static IndicatorAdoptedEvent indicator() {
        return new IndicatorAdoptedEvent(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED,
                BASELINE, TARGET, List.of(), ADOPTED, null, null);
    }

    private static SectionAdoptedEvent section() {
        return new SectionAdoptedEvent(PLAN, "S1", "以国家战略为牵引", null, ADOPTED);
    }

    private static TaskAdoptedEvent task() {
        return new TaskAdoptedEvent(PLAN, "T1.1", "S1", "先行先试推进人民币国际化", "全文", ADOPTED, null, null);
    }

    private static EvaluationOpenedEvent evaluation() {
        return new EvaluationOpenedEvent(PLAN, "E2023", EvaluationKind.ANNUAL, "第三方评估机构", 2023, 2023,
                LocalDate.of(2024, 3, 1));
    }

    private static FindingRecordedEvent finding() {
        return new FindingRecordedEvent(PLAN, "E2023", "E2023-F1", SubjectKind.INDICATOR, "I01", 2023,
                new BigDecimal("5000"), "亿元", Assessment.ON_TRACK, "统计年鉴2023", null, LocalDate.of(2024, 3, 2));
    }

    private static ReviseIndicatorTargetCommand revision(LocalDate effective, String reason) {
        return new ReviseIndicatorTargetCommand(PLAN, "I01", null, new BigDecimal("7000"), Qualifier.AT_LEAST, null,
                effective, reason, "深府〔2024〕1号");
    }

    /** A refusal writes no event, and tells the client which field is wrong and why. */
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
    void adoptingAPlanRecordsItsMetadata() {
        fixture.givenNoPriorActivity()
                .when(new AdoptPlanCommand(PLAN, "深圳市金融业高质量发展“十四五”规划", null, "2022-01", ADOPTED, PERIOD,
                        2035, "seed"))
                .expectEvents(adopted());
    }

    @Test
    void aPlanWhosePeriodEndsBeforeItStartsIsRefused() {
        refused(fixture.givenNoPriorActivity()
                .when(new AdoptPlanCommand(PLAN, "t", null, null, ADOPTED, new Period(2025, 2021), null, null)),
                PlanRuleViolation.Kind.INVALID, "period");
    }

    @Test
    void aPlanAdoptedAfterItsPeriodHasEndedIsRefused() {
        refused(fixture.givenNoPriorActivity()
                .when(new AdoptPlanCommand(PLAN, "t", null, null, LocalDate.of(2026, 1, 1), PERIOD, null, null)),
                PlanRuleViolation.Kind.INVALID, "adoptedOn");
    }

    @Test
    void aGoalSetBeyondThePeriodIsRefusedUnlessForTheVisionYear() {
        refused(fixture.given(adopted())
                .when(new AdoptGoalCommand(PLAN, "G1", "目标", 2030, "d", null, null, null)),
                PlanRuleViolation.Kind.INVALID, "horizon");
        fixture.given(adopted())
                .when(new AdoptGoalCommand(PLAN, "G7", "展望二〇三五年", 2035, "d", null, null, null))
                .expectEvents(new GoalAdoptedEvent(PLAN, "G7", "展望二〇三五年", 2035, "d", ADOPTED, null, null));
    }

    @Test
    void aBaselineAfterTheTargetYearIsRefusedOnAdoptionRevisionAndCorrection() {
        refused(fixture.given(adopted())
                .when(new AdoptIndicatorCommand(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED,
                        new Baseline(2024, BigDecimal.ONE), new Target(2023, BigDecimal.TEN, Qualifier.ABOUT),
                        List.of(), null, null, null)),
                PlanRuleViolation.Kind.INVALID, "baseline.year");
        refused(fixture.given(adopted(), indicator())
                .when(new CorrectIndicatorBaselineCommand(PLAN, "I01", 2026, BigDecimal.ONE, null,
                        LocalDate.of(2023, 1, 1), "更正", null)),
                PlanRuleViolation.Kind.INVALID, "baseline.year");
        refused(fixture.given(adopted(), indicator(), new IndicatorBaselineCorrectedEvent(PLAN, "I01", BASELINE,
                        new Baseline(2023, BigDecimal.ONE), LocalDate.of(2023, 1, 1), "更正", null))
                .when(new ReviseIndicatorTargetCommand(PLAN, "I01", 2022, new BigDecimal("7000"), Qualifier.ABOUT,
                        null, LocalDate.of(2023, 6, 1), "调整", null)),
                PlanRuleViolation.Kind.INVALID, "target.year");
    }

    /** The rules are checked for commands only: a plan stored before a rule existed still loads and takes commands. */
    @Test
    void storedEventsThatBreakALaterRuleStillReplay() {
        fixture.given(adopted(),
                        new GoalAdoptedEvent(PLAN, "G1", "目标", 2040, "d", ADOPTED, null, null),
                        new IndicatorAdoptedEvent(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元",
                                Nature.EXPECTED, new Baseline(2025, BigDecimal.ONE), new Target(2024, BigDecimal.TEN,
                                Qualifier.ABOUT), List.of(), ADOPTED, null, null))
                .when(new RetireIndicatorCommand(PLAN, "I01", LocalDate.of(2023, 1, 1), "不再适用", null))
                .expectEvents(new IndicatorRetiredEvent(PLAN, "I01", LocalDate.of(2023, 1, 1), "不再适用", null));
        LocalDate late = LocalDate.of(2026, 3, 1);
        fixture.given(new PlanAdoptedEvent(PLAN, "t", null, null, late, PERIOD, null, "seed"))
                .when(new OpenEvaluationCommand(PLAN, "FINAL", EvaluationKind.FINAL, "第三方", 2021, 2025, late))
                .expectEvents(new EvaluationOpenedEvent(PLAN, "FINAL", EvaluationKind.FINAL, "第三方", 2021, 2025,
                        late));
    }

    @Test
    void adoptingAnIndicatorRecordsBaselineAndTarget() {
        fixture.given(adopted())
                .when(new AdoptIndicatorCommand(PLAN, "I01", 1, "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED,
                        BASELINE, TARGET, List.of(), null, null, null))
                .expectEvents(indicator());
    }

    @Test
    void aDuplicateIndicatorCodeIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(new AdoptIndicatorCommand(PLAN, "I01", 1, "总体指标", null, "其他", "亿元", Nature.EXPECTED,
                        BASELINE, TARGET, List.of(), null, null, null)),
                PlanRuleViolation.Kind.CONFLICT, "indicatorCode");
    }

    @Test
    void anIndicatorInAnUnknownUnitIsRefused() {
        refused(fixture.given(adopted())
                .when(new AdoptIndicatorCommand(PLAN, "I02", 2, "总体指标", null, "x", "美元", Nature.EXPECTED,
                        BASELINE, TARGET, List.of(), null, null, null)),
                PlanRuleViolation.Kind.INVALID, "unit");
    }

    @Test
    void anIndicatorAddedMidPlanNeedsAReason() {
        refused(fixture.given(adopted())
                .when(new AdoptIndicatorCommand(PLAN, "I22", 22, "总体指标", null, "新指标", "%", Nature.EXPECTED,
                        BASELINE, TARGET, List.of(), LocalDate.of(2023, 6, 1), " ", null)),
                PlanRuleViolation.Kind.INVALID, "reason");
    }

    @Test
    void revisingATargetRecordsOldAndNewTarget() {
        LocalDate effective = LocalDate.of(2024, 1, 1);
        fixture.given(adopted(), indicator())
                .when(revision(effective, "经济形势变化"))
                .expectEvents(new IndicatorTargetRevisedEvent(PLAN, "I01", TARGET,
                        new Target(2025, new BigDecimal("7000"), Qualifier.AT_LEAST), effective, "经济形势变化",
                        "深府〔2024〕1号"));
    }

    @Test
    void aRevisionCarriesTheDateOfItsDecisionDocument() {
        LocalDate effective = LocalDate.of(2024, 1, 1);
        LocalDate decided = LocalDate.of(2023, 12, 20);
        fixture.given(adopted(), indicator())
                .when(new ReviseIndicatorTargetCommand(PLAN, "I01", null, new BigDecimal("7000"), Qualifier.AT_LEAST,
                        null, effective, "经济形势变化", "深府〔2024〕1号", decided))
                .expectEvents(new IndicatorTargetRevisedEvent(PLAN, "I01", TARGET,
                        new Target(2025, new BigDecimal("7000"), Qualifier.AT_LEAST), effective, "经济形势变化",
                        "深府〔2024〕1号", decided));
    }

    @Test
    void aDecisionDateWithoutTheDecisionItDatesIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(new ReviseIndicatorTargetCommand(PLAN, "I01", null, new BigDecimal("7000"), Qualifier.AT_LEAST,
                        null, LocalDate.of(2024, 1, 1), "经济形势变化", null, LocalDate.of(2023, 12, 20))),
                PlanRuleViolation.Kind.INVALID, "decisionDate");
    }

    @Test
    void aPlanWhoseTargetWasRevisedAtRevisionOneAcceptsAFurtherRevision() {
        // A revision recorded before revision 2 reads back without a decision date; the plan folds it as any other.
        IndicatorTargetRevisedEvent recordedAtRevisionOne = new IndicatorTargetRevisedEvent(PLAN, "I01", TARGET,
                new Target(2025, new BigDecimal("7000"), Qualifier.AT_LEAST), LocalDate.of(2024, 1, 1), "经济形势变化",
                "深府〔2024〕1号", null);
        LocalDate decided = LocalDate.of(2024, 6, 20);
        fixture.given(adopted(), indicator(), recordedAtRevisionOne)
                .when(new ReviseIndicatorTargetCommand(PLAN, "I01", null, new BigDecimal("7500"), Qualifier.ABOUT,
                        null, LocalDate.of(2024, 7, 1), "再调整", "深府〔2024〕9号", decided))
                .expectEvents(new IndicatorTargetRevisedEvent(PLAN, "I01",
                        new Target(2025, new BigDecimal("7000"), Qualifier.AT_LEAST),
                        new Target(2025, new BigDecimal("7500"), Qualifier.ABOUT), LocalDate.of(2024, 7, 1), "再调整",
                        "深府〔2024〕9号", decided));
    }

    @Test
    void aRevisionOfAnUnknownIndicatorIsRefused() {
        refused(fixture.given(adopted())
                .when(revision(LocalDate.of(2024, 1, 1), "r")),
                PlanRuleViolation.Kind.UNKNOWN, "indicatorCode");
    }

    @Test
    void aRevisionEffectiveOutsideThePlanPeriodIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(revision(LocalDate.of(2026, 1, 1), "r")),
                PlanRuleViolation.Kind.INVALID, "effectiveFrom");
    }

    @Test
    void aRevisionEffectiveBeforeAdoptionIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(revision(LocalDate.of(2021, 6, 1), "r")),
                PlanRuleViolation.Kind.INVALID, "effectiveFrom");
    }

    @Test
    void aRevisionWithoutReasonIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(revision(LocalDate.of(2024, 1, 1), "")),
                PlanRuleViolation.Kind.INVALID, "reason");
    }

    @Test
    void aRevisionThatChangesNothingIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(new ReviseIndicatorTargetCommand(PLAN, "I01", 2025, new BigDecimal("6400.0"), Qualifier.ABOUT,
                        "亿元", LocalDate.of(2024, 1, 1), "r", null)),
                PlanRuleViolation.Kind.CONFLICT, "target");
    }

    @Test
    void aRevisionInAnotherUnitIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(new ReviseIndicatorTargetCommand(PLAN, "I01", null, new BigDecimal("1"), Qualifier.ABOUT,
                        "万亿元", LocalDate.of(2024, 1, 1), "r", null)),
                PlanRuleViolation.Kind.INVALID, "unit");
    }

    @Test
    void aFutureEffectiveDateIsAcceptedAsAPendingChange() {
        fixture.given(adopted(), indicator())
                .when(revision(LocalDate.of(2025, 7, 1), "提前安排"))
                .expectSuccessfulHandlerExecution()
                .expectEventsMatching(org.axonframework.test.matchers.Matchers.exactSequenceOf(
                        org.axonframework.test.matchers.Matchers.messageWithPayload(
                                org.hamcrest.Matchers.instanceOf(IndicatorTargetRevisedEvent.class))));
    }

    @Test
    void correctingABaselineRecordsOldAndNewBaseline() {
        Baseline corrected = new Baseline(2020, new BigDecimal("4190.1"));
        fixture.given(adopted(), indicator())
                .when(new CorrectIndicatorBaselineCommand(PLAN, "I01", null, new BigDecimal("4190.1"), "亿元",
                        ADOPTED, "统计局修订", "深统〔2022〕5号"))
                .expectEvents(new IndicatorBaselineCorrectedEvent(PLAN, "I01", BASELINE, corrected, ADOPTED,
                        "统计局修订", "深统〔2022〕5号"));
    }

    @Test
    void aRetiredIndicatorCannotBeRevised() {
        refused(fixture.given(adopted(), indicator(),
                        new IndicatorRetiredEvent(PLAN, "I01", LocalDate.of(2023, 1, 1), "不再统计", null))
                .when(revision(LocalDate.of(2024, 1, 1), "r")),
                PlanRuleViolation.Kind.CONFLICT, "indicatorCode");
    }

    @Test
    void retiringAnIndicatorNeedsAReasonAndRecordsIt() {
        fixture.given(adopted(), indicator())
                .when(new RetireIndicatorCommand(PLAN, "I01", LocalDate.of(2023, 1, 1), "不再统计", "文号"))
                .expectEvents(new IndicatorRetiredEvent(PLAN, "I01", LocalDate.of(2023, 1, 1), "不再统计", "文号"));
    }

    @Test
    void settingAMilestoneDecomposesTheTargetByYear() {
        fixture.given(adopted(), indicator())
                .when(new SetMilestoneCommand(PLAN, "I01", 2023, new BigDecimal("5200"), "亿元", null, null, null))
                .expectEvents(new MilestoneSetEvent(PLAN, "I01", 2023, null, new BigDecimal("5200"), ADOPTED, null,
                        null));
    }

    @Test
    void revisingAMilestoneNeedsAReason() {
        refused(fixture.given(adopted(), indicator(),
                        new MilestoneSetEvent(PLAN, "I01", 2023, null, new BigDecimal("5200"), ADOPTED, null, null))
                .when(new SetMilestoneCommand(PLAN, "I01", 2023, new BigDecimal("5100"), null, null, null, null)),
                PlanRuleViolation.Kind.INVALID, "reason");
    }

    @Test
    void aMilestoneOutsideThePeriodIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(new SetMilestoneCommand(PLAN, "I01", 2026, new BigDecimal("1"), null, null, null, null)),
                PlanRuleViolation.Kind.INVALID, "year");
    }

    @Test
    void aTaskInAnUnknownSectionIsRefused() {
        refused(fixture.given(adopted())
                .when(new AdoptTaskCommand(PLAN, "T9.1", "S9", "t", "text", null, null, null)),
                PlanRuleViolation.Kind.UNKNOWN, "sectionCode");
    }

    @Test
    void aColumnWhoseItemCodeAppearsTwiceIsRefused() {
        refused(fixture.given(adopted(), section())
                .when(new AdoptColumnCommand(PLAN, "C1", "S1", "专栏", null, List.of(new Item("C1.1", "一", "一"),
                        new Item("C1.1", "二", "二")), null)),
                PlanRuleViolation.Kind.CONFLICT, "items.code");
    }

    @Test
    void amendingATaskRecordsTheNewText() {
        LocalDate effective = LocalDate.of(2023, 3, 1);
        fixture.given(adopted(), section(), task())
                .when(new AmendTaskCommand(PLAN, "T1.1", null, "新全文", effective, "政策调整", "文号"))
                .expectEvents(new TaskAmendedEvent(PLAN, "T1.1", "先行先试推进人民币国际化", "新全文", effective, "政策调整",
                        "文号"));
    }

    @Test
    void aRetiredTaskCannotBeAmended() {
        refused(fixture.given(adopted(), section(), task(),
                        new TaskRetiredEvent(PLAN, "T1.1", LocalDate.of(2023, 1, 1), "已完成", null))
                .when(new AmendTaskCommand(PLAN, "T1.1", null, "x", LocalDate.of(2023, 3, 1), "r", null)),
                PlanRuleViolation.Kind.CONFLICT, "taskCode");
    }

    @Test
    void retiringAnUnknownTaskIsRefused() {
        refused(fixture.given(adopted())
                .when(new RetireTaskCommand(PLAN, "T1.1", LocalDate.of(2023, 1, 1), "r", null)),
                PlanRuleViolation.Kind.UNKNOWN, "taskCode");
    }

    @Test
    void amendingAnUnknownGoalIsRefused() {
        refused(fixture.given(adopted(), new GoalAdoptedEvent(PLAN, "G1", "金融运行安全区", 2025, "d", ADOPTED, null, null))
                .when(new AmendGoalCommand(PLAN, "G9", "t", null, LocalDate.of(2023, 1, 1), "r", null)),
                PlanRuleViolation.Kind.UNKNOWN, "goalCode");
    }

    @Test
    void openingAnEvaluationRecordsItsKindAndPeriod() {
        fixture.given(adopted())
                .when(new OpenEvaluationCommand(PLAN, "E2023", EvaluationKind.ANNUAL, "第三方评估机构", 2023, 2023,
                        LocalDate.of(2024, 3, 1)))
                .expectEvents(evaluation());
    }

    @Test
    void recordingAFindingNumbersItWithinTheEvaluation() {
        fixture.given(adopted(), indicator(), evaluation())
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.INDICATOR, "I01", 2023,
                        new BigDecimal("5000"), null, Assessment.ON_TRACK, "统计年鉴2023", null,
                        LocalDate.of(2024, 3, 2)))
                .expectEvents(finding())
                .expectResultMessagePayload("E2023-F1");
    }

    @Test
    void aFindingOnAnUnknownMeasureIsRefused() {
        refused(fixture.given(adopted(), evaluation())
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.TASK, "T9.9", 2023, null, null,
                        Assessment.ON_TRACK, null, null, LocalDate.of(2024, 3, 2))),
                PlanRuleViolation.Kind.UNKNOWN, "taskCode");
    }

    @Test
    void aFindingInAnotherUnitIsRefused() {
        refused(fixture.given(adopted(), indicator(), evaluation())
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.INDICATOR, "I01", 2023,
                        new BigDecimal("0.5"), "万亿元", Assessment.ON_TRACK, null, null, LocalDate.of(2024, 3, 2))),
                PlanRuleViolation.Kind.INVALID, "unit");
    }

    @Test
    void aFindingForAYearTheEvaluationDoesNotCoverIsRefused() {
        refused(fixture.given(adopted(), indicator(), evaluation())
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.INDICATOR, "I01", 2022,
                        new BigDecimal("5000"), null, Assessment.ON_TRACK, null, null, LocalDate.of(2024, 3, 2))),
                PlanRuleViolation.Kind.INVALID, "year");
    }

    @Test
    void aFindingOnARetiredIndicatorIsRefused() {
        refused(fixture.given(adopted(), indicator(), evaluation(),
                        new IndicatorRetiredEvent(PLAN, "I01", LocalDate.of(2023, 1, 1), "不再统计", null))
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.INDICATOR, "I01", 2023,
                        new BigDecimal("5000"), null, Assessment.ON_TRACK, null, null, LocalDate.of(2024, 3, 2))),
                PlanRuleViolation.Kind.CONFLICT, "indicatorCode");
    }

    @Test
    void aFindingOnATaskHasNeitherObservedValueNorUnit() {
        LocalDate on = LocalDate.of(2024, 3, 2);
        fixture.given(adopted(), section(), task(), evaluation())
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.TASK, "T1.1", 2023, null, null,
                        Assessment.ON_TRACK, null, "按计划推进", on))
                .expectEvents(new FindingRecordedEvent(PLAN, "E2023", "E2023-F1", SubjectKind.TASK, "T1.1", 2023, null,
                        null, Assessment.ON_TRACK, null, "按计划推进", on));
        refused(fixture.given(adopted(), section(), task(), evaluation())
                .when(new RecordFindingCommand(PLAN, "E2023", null, SubjectKind.TASK, "T1.1", 2023, BigDecimal.ONE,
                        null, Assessment.ON_TRACK, null, null, on)),
                PlanRuleViolation.Kind.INVALID, "observedValue");
    }

    @Test
    void correctingAFindingPointsToTheFindingItCorrects() {
        LocalDate on = LocalDate.of(2024, 3, 5);
        fixture.given(adopted(), indicator(), evaluation(), finding())
                .when(new CorrectFindingCommand(PLAN, "E2023", "E2023-F1", new BigDecimal("5100"), null,
                        Assessment.ON_TRACK, null, null, on, "数据更新"))
                .expectEvents(new FindingCorrectedEvent(PLAN, "E2023", "E2023-F1", new BigDecimal("5100"),
                        Assessment.ON_TRACK, "统计年鉴2023", null, on, "数据更新"));
    }

    @Test
    void aWithdrawnFindingCannotBeCorrected() {
        LocalDate on = LocalDate.of(2024, 3, 5);
        refused(fixture.given(adopted(), indicator(), evaluation(), finding(),
                        new FindingWithdrawnEvent(PLAN, "E2023", "E2023-F1", on, "重复"))
                .when(new CorrectFindingCommand(PLAN, "E2023", "E2023-F1", BigDecimal.ONE, null, null, null, null,
                        on, "r")),
                PlanRuleViolation.Kind.CONFLICT, "findingId");
    }

    @Test
    void withdrawingAFindingNeedsAReason() {
        refused(fixture.given(adopted(), indicator(), evaluation(), finding())
                .when(new WithdrawFindingCommand(PLAN, "E2023", "E2023-F1", LocalDate.of(2024, 3, 5), null)),
                PlanRuleViolation.Kind.INVALID, "reason");
    }

    @Test
    void aPublishedEvaluationFreezesItsFindings() {
        LocalDate on = LocalDate.of(2024, 4, 1);
        refused(fixture.given(adopted(), indicator(), evaluation(), finding(),
                        new EvaluationPublishedEvent(PLAN, "E2023", on))
                .when(new WithdrawFindingCommand(PLAN, "E2023", "E2023-F1", on, "r")),
                PlanRuleViolation.Kind.CONFLICT, "evaluationId");
    }

    @Test
    void publishingAnEvaluationRecordsIt() {
        LocalDate on = LocalDate.of(2024, 4, 1);
        fixture.given(adopted(), evaluation())
                .when(new PublishEvaluationCommand(PLAN, "E2023", on))
                .expectEvents(new EvaluationPublishedEvent(PLAN, "E2023", on));
    }

    @Test
    void closingAPlanStopsAdjustments() {
        LocalDate closedOn = LocalDate.of(2025, 12, 31);
        fixture.given(adopted(), indicator())
                .when(new ClosePlanCommand(PLAN, closedOn, "规划期满", null))
                .expectEvents(new PlanClosedEvent(PLAN, closedOn, "规划期满", null));
        refused(fixture.given(adopted(), indicator(), new PlanClosedEvent(PLAN, closedOn, "规划期满", null))
                .when(revision(LocalDate.of(2025, 12, 31), "r")),
                PlanRuleViolation.Kind.CONFLICT, "planCode");
    }

    @Test
    void aClosedPlanAcceptsAFinalEvaluationButNoAnnualOne() {
        LocalDate closedOn = LocalDate.of(2025, 12, 31);
        LocalDate on = LocalDate.of(2026, 3, 1);
        fixture.given(adopted(), new PlanClosedEvent(PLAN, closedOn, "规划期满", null))
                .when(new OpenEvaluationCommand(PLAN, "FINAL", EvaluationKind.FINAL, "第三方", 2021, 2025, on))
                .expectEvents(new EvaluationOpenedEvent(PLAN, "FINAL", EvaluationKind.FINAL, "第三方", 2021, 2025, on));
        refused(fixture.given(adopted(), new PlanClosedEvent(PLAN, closedOn, "规划期满", null))
                .when(new OpenEvaluationCommand(PLAN, "E2025", EvaluationKind.ANNUAL, "第三方", 2025, 2025, on)),
                PlanRuleViolation.Kind.CONFLICT, "kind");
    }

    @Test
    void aPlanCanBeMarkedSupersededByAnother() {
        LocalDate on = LocalDate.of(2025, 12, 31);
        fixture.given(adopted())
                .when(new SupersedePlanCommand(PLAN, "SZ-FIN-15FYP", on, "十五五规划发布", "文号"))
                .expectEvents(new PlanSupersededEvent(PLAN, "SZ-FIN-15FYP", on, "十五五规划发布", "文号"));
    }

    @Test
    void aStaleExpectedVersionIsRefused() {
        refused(fixture.given(adopted(), indicator())
                .when(revision(LocalDate.of(2024, 1, 1), "r"),
                        java.util.Map.of(PlanCommandGateway.EXPECTED_VERSION, 0L)),
                PlanRuleViolation.Kind.STALE, "If-Match");
    }

    @Test
    void theCurrentExpectedVersionIsAccepted() {
        fixture.given(adopted(), indicator())
                .when(revision(LocalDate.of(2024, 1, 1), "r"),
                        java.util.Map.of(PlanCommandGateway.EXPECTED_VERSION, 1L))
                .expectSuccessfulHandlerExecution();
        assertThat(PlanRuleViolation.Kind.values()).contains(PlanRuleViolation.Kind.STALE);
    }
}
