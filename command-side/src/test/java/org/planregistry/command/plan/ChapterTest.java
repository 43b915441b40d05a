package org.planregistry.command.plan;

import java.time.LocalDate;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.axonframework.test.aggregate.ResultValidator;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.ChapterKind;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptChapterCommand;
import org.planregistry.api.PlanCommand.AmendChapterCommand;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;

/** The opening chapters that say what a plan is for: adopted verbatim with the plan, amendable like goals. */
class ChapterTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);
    private static final String OVERALL_GOAL = "到二〇二五年，金融产业支柱地位和资源配置能力进一步增强，……";

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
    }

    private static PlanAdoptedEvent adopted() {
        return new PlanAdoptedEvent(PLAN, "深圳市金融业高质量发展“十四五”规划", null, "2022-01", ADOPTED,
                new Period(2021, 2025), 2035, "seed");
    }

    private static ChapterAdoptedEvent overallGoal() {
        return new ChapterAdoptedEvent(PLAN, "CH6", ChapterKind.OVERALL_GOAL, "发展目标", OVERALL_GOAL, ADOPTED, null,
                null);
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
    void aChapterIsAdoptedWithThePlanVerbatim() {
        fixture.given(adopted())
                .when(new AdoptChapterCommand(PLAN, "CH6", ChapterKind.OVERALL_GOAL, "发展目标", OVERALL_GOAL, null,
                        null, null))
                .expectEvents(overallGoal());
    }

    @Test
    void aChapterNeedsItsKindTextAndAFreeCode() {
        refused(fixture.given(adopted())
                .when(new AdoptChapterCommand(PLAN, "CH6", null, "发展目标", OVERALL_GOAL, null, null, null)),
                PlanRuleViolation.Kind.INVALID, "kind");
        refused(fixture.given(adopted())
                .when(new AdoptChapterCommand(PLAN, "CH6", ChapterKind.OVERALL_GOAL, "发展目标", " ", null, null,
                        null)), PlanRuleViolation.Kind.INVALID, "text");
        refused(fixture.given(adopted(), overallGoal())
                .when(new AdoptChapterCommand(PLAN, "CH6", ChapterKind.GUIDING_THOUGHT, "指导思想", "高举……", null,
                        null, null)), PlanRuleViolation.Kind.CONFLICT, "chapterCode");
    }

    @Test
    void anAmendmentCarriesTheWholeWordingInForceAndNeedsAReason() {
        fixture.given(adopted(), overallGoal())
                .when(new AmendChapterCommand(PLAN, "CH6", null, OVERALL_GOAL + "（修订）", LocalDate.of(2024, 7, 1),
                        "中期评估后调整总体目标表述", "深府函〔2024〕88号"))
                .expectEvents(new ChapterAmendedEvent(PLAN, "CH6", "发展目标", OVERALL_GOAL + "（修订）",
                        LocalDate.of(2024, 7, 1), "中期评估后调整总体目标表述", "深府函〔2024〕88号"));
        refused(fixture.given(adopted(), overallGoal())
                .when(new AmendChapterCommand(PLAN, "CH6", null, "新表述", LocalDate.of(2024, 7, 1), null, null)),
                PlanRuleViolation.Kind.INVALID, "reason");
    }

    @Test
    void anAmendmentThatChangesNothingOrNamesNoChapterIsRefused() {
        refused(fixture.given(adopted(), overallGoal())
                .when(new AmendChapterCommand(PLAN, "CH6", "发展目标", OVERALL_GOAL, LocalDate.of(2024, 7, 1), "无",
                        null)), PlanRuleViolation.Kind.CONFLICT, "text");
        refused(fixture.given(adopted(), overallGoal())
                .when(new AmendChapterCommand(PLAN, "CH9", null, "新表述", LocalDate.of(2024, 7, 1), "理由", null)),
                PlanRuleViolation.Kind.UNKNOWN, "chapterCode");
    }
}
