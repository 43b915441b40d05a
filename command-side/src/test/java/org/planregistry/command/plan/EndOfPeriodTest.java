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
import org.planregistry.api.Baseline;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.DeclareContinuityCommand;
import org.planregistry.api.PlanCommand.SupersedePlanCommand;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;

/**
 * The end of a five-year period: a closed plan is superseded, after its period, by a registered successor, once; an
 * indicator of the successor continues the predecessor's, starting from its observed final value.
 */
class EndOfPeriodTest {

    private static final String PLAN = "SZ-FIN-14FYP";
    private static final String SUCCESSOR = "SZ-FIN-15FYP";
    private static final LocalDate SUCCESSOR_ADOPTED = LocalDate.of(2026, 3, 1);
    private static final IndicatorRef PREDECESSOR = new IndicatorRef(PLAN, "I01");
    private static final FinalObservation FINAL = new FinalObservation(2025, new BigDecimal("6300"), "final",
            "final-F1");

    private FixtureConfiguration<Plan> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
        fixture.registerInjectableResource(new RegisteredPlans(PLAN, SUCCESSOR).observed(PREDECESSOR, FINAL));
    }

    private static PlanAdoptedEvent predecessor() {
        return new PlanAdoptedEvent(PLAN, "深圳市金融业高质量发展“十四五”规划", null, "2022-01", LocalDate.of(2022, 1, 1),
                new Period(2021, 2025), 2035, "seed");
    }

    private static PlanAdoptedEvent successor() {
        return new PlanAdoptedEvent(SUCCESSOR, "示例规划", null, "2026-03", SUCCESSOR_ADOPTED, new Period(2026, 2030),
                null, "example");
    }

    private static IndicatorAdoptedEvent continuing(String baseline) {
        return new IndicatorAdoptedEvent(SUCCESSOR, "I01", 1, "总体指标", null, "金融业增加值", "亿元", Nature.EXPECTED,
                new Baseline(2025, new BigDecimal(baseline)), new Target(2030, new BigDecimal("8000"),
                Qualifier.ABOUT), List.of(), SUCCESSOR_ADOPTED, null, null);
    }

    private static PlanClosedEvent closed() {
        return new PlanClosedEvent(PLAN, LocalDate.of(2025, 12, 31), "规划期满", null);
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
    void aClosedPlanIsSupersededAfterItsPeriodByItsRegisteredSuccessor() {
        fixture.given(predecessor(), closed())
                .when(new SupersedePlanCommand(PLAN, SUCCESSOR, SUCCESSOR_ADOPTED, "“十五五”规划接续", "文号"))
                .expectEvents(new PlanSupersededEvent(PLAN, SUCCESSOR, SUCCESSOR_ADOPTED, "“十五五”规划接续", "文号"));
    }

    @Test
    void aSuccessorNotRegisteredIsRefusedAndAPlanIsSupersededOnce() {
        refused(fixture.given(predecessor(), closed())
                .when(new SupersedePlanCommand(PLAN, "SZ-FIN-16FYP", SUCCESSOR_ADOPTED, "r", null)),
                PlanRuleViolation.Kind.UNKNOWN, "supersededBy");
        refused(fixture.given(predecessor(), new PlanSupersededEvent(PLAN, SUCCESSOR, SUCCESSOR_ADOPTED, "r", null))
                .when(new SupersedePlanCommand(PLAN, SUCCESSOR, SUCCESSOR_ADOPTED, "r", null)),
                PlanRuleViolation.Kind.CONFLICT, "supersededBy");
        refused(fixture.given(predecessor())
                .when(new SupersedePlanCommand(PLAN, SUCCESSOR, LocalDate.of(2021, 6, 1), "r", null)),
                PlanRuleViolation.Kind.INVALID, "effectiveFrom");
    }

    @Test
    void anIndicatorContinuesItsPredecessorFromItsObservedFinalValue() {
        fixture.given(successor(), continuing("6300"))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", PREDECESSOR, null, SUCCESSOR_ADOPTED))
                .expectEvents(new IndicatorContinuityDeclaredEvent(SUCCESSOR, "I01", PREDECESSOR, FINAL,
                        new Baseline(2025, new BigDecimal("6300")), null, SUCCESSOR_ADOPTED));
    }

    @Test
    void aBaselineThatDiffersFromTheFinalValueIsRefusedUnlessTheDifferenceIsStated() {
        refused(fixture.given(successor(), continuing("6200"))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", PREDECESSOR, null, SUCCESSOR_ADOPTED)),
                PlanRuleViolation.Kind.CONFLICT, "baseline");
        fixture.given(successor(), continuing("6200"))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", PREDECESSOR, "统计口径调整", SUCCESSOR_ADOPTED))
                .expectEvents(new IndicatorContinuityDeclaredEvent(SUCCESSOR, "I01", PREDECESSOR, FINAL,
                        new Baseline(2025, new BigDecimal("6200")), "统计口径调整", SUCCESSOR_ADOPTED));
    }

    @Test
    void aPredecessorWithoutAnObservedFinalValueNeedsTheDifferenceStated() {
        refused(fixture.given(successor(), continuing("6300"))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", new IndicatorRef(PLAN, "I02"), null,
                        SUCCESSOR_ADOPTED)), PlanRuleViolation.Kind.CONFLICT, "baseline");
    }

    @Test
    void anIndicatorContinuesAnotherPlansIndicatorOnce() {
        refused(fixture.given(successor(), continuing("6300"))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", new IndicatorRef(SUCCESSOR, "I02"), null,
                        SUCCESSOR_ADOPTED)), PlanRuleViolation.Kind.INVALID, "predecessor.planCode");
        refused(fixture.given(successor(), continuing("6300"))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", new IndicatorRef("SZ-FIN-13FYP", "I01"), null,
                        SUCCESSOR_ADOPTED)), PlanRuleViolation.Kind.UNKNOWN, "predecessor.planCode");
        refused(fixture.given(successor(), continuing("6300"), new IndicatorContinuityDeclaredEvent(SUCCESSOR, "I01",
                        PREDECESSOR, FINAL, new Baseline(2025, new BigDecimal("6300")), null, SUCCESSOR_ADOPTED))
                .when(new DeclareContinuityCommand(SUCCESSOR, "I01", PREDECESSOR, null, SUCCESSOR_ADOPTED)),
                PlanRuleViolation.Kind.CONFLICT, "predecessor");
    }
}
