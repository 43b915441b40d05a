package org.planregistry.command.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planregistry.command.plan.PlanRuleViolation.conflict;
import static org.planregistry.command.plan.PlanRuleViolation.invalid;

import java.time.LocalDate;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptChapterCommand;
import org.planregistry.api.PlanCommand.AdoptColumnCommand;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.AdoptSafeguardCommand;
import org.planregistry.api.PlanCommand.AdoptSectionCommand;
import org.planregistry.api.PlanCommand.AdoptTaskCommand;
import org.planregistry.api.PlanCommand.AmendChapterCommand;
import org.planregistry.api.PlanCommand.AmendGoalCommand;
import org.planregistry.api.PlanCommand.AmendTaskCommand;
import org.planregistry.api.PlanCommand.ClosePlanCommand;
import org.planregistry.api.PlanCommand.CorrectFindingCommand;
import org.planregistry.api.PlanCommand.CorrectIndicatorBaselineCommand;
import org.planregistry.api.PlanCommand.DeclareContinuityCommand;
import org.planregistry.api.PlanCommand.OpenEvaluationCommand;
import org.planregistry.api.PlanCommand.PublishEvaluationCommand;
import org.planregistry.api.PlanCommand.RecordFindingCommand;
import org.planregistry.api.PlanCommand.RetireIndicatorCommand;
import org.planregistry.api.PlanCommand.RetireTaskCommand;
import org.planregistry.api.PlanCommand.ReviseIndicatorTargetCommand;
import org.planregistry.api.PlanCommand.SetMeasurementBasisCommand;
import org.planregistry.api.PlanCommand.SetMilestoneCommand;
import org.planregistry.api.PlanCommand.SupersedePlanCommand;
import org.planregistry.api.PlanCommand.WithdrawFindingCommand;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.GoalAmendedEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorContinuityDeclaredEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MeasurementBasisSetEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;

/**
 * A development plan: the consistency boundary for everything adopted, adjusted and evaluated under it, and the
 * aggregate root of its one event stream. The plan itself keeps its term (period, adoption, closure) and the rules
 * that follow from it: every adjustment (规划调整机制) must fall within the period, not before the adoption, and
 * into an open plan, with a reason unless it takes effect the day the plan comes into force; every evaluation act
 * (规划评估机制) is dated, not before the adoption. The rules of the elements are in the plan's parts:
 * <ul>
 *   <li>{@link Indicators}: targets, baselines, milestones (规划分解机制), measurement bases, retirement;</li>
 *   <li>{@link PlanText}: opening chapters, goals, sections, tasks, special columns and safeguards;</li>
 *   <li>{@link Evaluations}: evaluations and their findings.</li>
 * </ul>
 * Each command handler here checks the plan-wide rules, asks the part for the event (the part checks its own rules
 * or refuses) and applies it; each event sourcing handler hands the event to the part whose state it changes.
 *
 * <p>Why plain parts and not Axon aggregate members ({@code @AggregateMember} entities with their own handlers):
 * the rules cross the parts. Every element command needs the plan's term, and a finding needs the live indicator or
 * task it is about, so entities would need either copies of the plan's state or references back to the root, which a
 * snapshot (the root's fields as JSON) cannot keep. Entity routing would also answer a command for an unknown
 * indicator with Axon's own {@code AggregateEntityNotFoundException} instead of the registry's "plan … has no
 * indicator …" refusal. Plain parts keep every rule in one place each, the refusals as they were, and Axon's view
 * of the plan simple: this class is the only one with handlers, and the parts' state is compared and snapshotted as
 * ordinary fields.
 *
 * <p>A snapshot is this object's fields as JSON. Their shape is versioned by {@link Revision @Revision}: when the
 * fields change, raise {@link #SNAPSHOT_SHAPE}, and {@link OlderPlanSnapshots} makes the store ignore snapshots of
 * any other shape, so such a plan loads from its events (and is snapshotted anew at the next threshold). Revision
 * {@code null} is the shape before the plan had parts; revision 3 added the vision year (a goal's horizon may be it);
 * revision 4 each indicator's measurement basis and continuity, the plan's opening chapters and its successor.
 *
 * <p>The rules that an import checks as well are {@link PlanRules}, so both refuse the same input in the same words.
 * Like every rule here they are checked in command handlers only: event sourcing handlers never refuse, so a plan
 * stored before a rule existed still loads.
 */
@Aggregate(snapshotTriggerDefinition = "planSnapshotTrigger", cache = "planCache",
        commandTargetResolver = "planCommandTarget")
@Revision(Plan.SNAPSHOT_SHAPE)
class Plan {

    /** The revision of this class's fields as a snapshot stores them; raise it whenever they change. */
    static final String SNAPSHOT_SHAPE = "4";

    @AggregateIdentifier
    private String planCode;
    private Period period;
    private LocalDate adoptedOn;
    /** The year of the plan's long-range outlook, or null; a goal may be set for it. Since snapshot shape 3. */
    private Integer visionYear;
    private boolean closed;
    /** The plan that superseded this one, or null. Since snapshot shape 4. */
    private String supersededBy;
    private PlanText text = new PlanText();
    private Indicators indicators = new Indicators();
    private Evaluations evaluations = new Evaluations();

    Plan() {
        // For Axon: a plan is rebuilt from its events.
    }

    /** Optimistic concurrency for clients: a request based on an older version of the plan is refused. */
    @CommandHandlerInterceptor
    Object checkExpectedVersion(CommandMessage<?> command, InterceptorChain chain) throws Exception {
        Object expected = command.getMetaData().get(PlanCommandGateway.EXPECTED_VERSION);
        Long current = AggregateLifecycle.getVersion();
        if (expected != null && (current == null || ((Number) expected).longValue() != current)) {
            throw new PlanRuleViolation(PlanRuleViolation.Kind.STALE, "If-Match", "plan " + planCode
                    + " is at version " + current + ", not " + expected + ": reload it and decide again");
        }
        return chain.proceed();
    }

    // ---- the plan itself: adoption and end ----

    @CommandHandler
    Plan(AdoptPlanCommand command) {
        Require.present("planCode", command.planCode());
        Require.present("title", command.title());
        Require.present("adoptedOn", command.adoptedOn());
        if (command.period() == null) {
            throw invalid("period", "is required");
        }
        Require.valid("period", PlanRules.periodInOrder(command.period()));
        Require.valid("visionYear", PlanRules.visionYearNotBeforeTheEnd(command.visionYear(), command.period()));
        Require.valid("adoptedOn", PlanRules.adoptedBeforeThePeriodEnds(command.adoptedOn(), command.period()));
        apply(new PlanAdoptedEvent(command.planCode(), command.title(), command.issuer(), command.issued(),
                command.adoptedOn(), command.period(), command.visionYear(), command.source()));
    }

    @CommandHandler
    void handle(ClosePlanCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(new PlanClosedEvent(planCode, effective, command.reason(), command.decisionRef()));
    }

    /**
     * The end of a plan's cycle: its successor, already registered, replaces it. Unlike an adjustment it may come
     * after the period and after the plan was closed (a five-year plan's successor is adopted in the year after it);
     * it happens once.
     */
    @CommandHandler
    void handle(SupersedePlanCommand command, OtherPlans plans) {
        Require.present("supersededBy", command.supersededBy());
        if (command.supersededBy().equals(planCode)) {
            throw invalid("supersededBy", "a plan cannot supersede itself");
        }
        if (supersededBy != null) {
            throw conflict("supersededBy", "plan " + planCode + " is already superseded by " + supersededBy);
        }
        Require.reason(command.reason());
        LocalDate effective = command.effectiveFrom() == null ? inForceFrom() : command.effectiveFrom();
        if (effective.isBefore(adoptedOn)) {
            throw invalid("effectiveFrom", effective + " is before the plan's adoption on " + adoptedOn);
        }
        if (!plans.isRegistered(command.supersededBy())) {
            throw PlanRuleViolation.unknown("supersededBy", "plan " + command.supersededBy()
                    + " is not registered: adopt the successor first");
        }
        apply(new PlanSupersededEvent(planCode, command.supersededBy(), effective, command.reason(),
                command.decisionRef()));
    }

    // ---- the plan's text ----

    @CommandHandler
    void handle(AdoptChapterCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(text.adoptChapter(planCode, command, effective));
    }

    @CommandHandler
    void handle(AmendChapterCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(text.amendChapter(planCode, command, effective));
    }

    @CommandHandler
    void handle(AdoptGoalCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(text.adoptGoal(planCode, period, visionYear, command, effective));
    }

    @CommandHandler
    void handle(AmendGoalCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(text.amendGoal(planCode, command, effective));
    }

    @CommandHandler
    void handle(AdoptSectionCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), null, false);
        apply(text.adoptSection(planCode, command, effective));
    }

    @CommandHandler
    void handle(AdoptTaskCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(text.adoptTask(planCode, command, effective));
    }

    @CommandHandler
    void handle(AmendTaskCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(text.amendTask(planCode, command, effective));
    }

    @CommandHandler
    void handle(RetireTaskCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(text.retireTask(planCode, command, effective));
    }

    @CommandHandler
    void handle(AdoptColumnCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), null, false);
        apply(text.adoptColumn(planCode, command, effective));
    }

    @CommandHandler
    void handle(AdoptSafeguardCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), null, false);
        apply(text.adoptSafeguard(planCode, command, effective));
    }

    // ---- the plan's indicators ----

    @CommandHandler
    void handle(AdoptIndicatorCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(indicators.adopt(planCode, period, command, effective));
    }

    @CommandHandler
    void handle(ReviseIndicatorTargetCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(indicators.reviseTarget(planCode, period, command, effective));
    }

    @CommandHandler
    void handle(CorrectIndicatorBaselineCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(indicators.correctBaseline(planCode, period, command, effective));
    }

    @CommandHandler
    void handle(RetireIndicatorCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(indicators.retire(planCode, command, effective));
    }

    /** A change of basis is an adjustment like a target revision: dated, with a reason and a decision. */
    /** A statement about the indicator's lineage, not a change of the plan's content: no reason of its own. */
    @CommandHandler
    void handle(DeclareContinuityCommand command, OtherPlans plans) {
        LocalDate effective = effectiveDate(command.effectiveFrom());
        apply(indicators.declareContinuity(planCode, command, effective, plans));
    }

    @CommandHandler
    void handle(SetMeasurementBasisCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(indicators.setBasis(planCode, command, effective));
    }

    @CommandHandler
    void handle(SetMilestoneCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(indicators.setMilestone(planCode, period, command, effective));
    }

    // ---- the plan's evaluations ----

    @CommandHandler
    void handle(OpenEvaluationCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        apply(evaluations.open(planCode, period, closed, command, effective));
    }

    /** Returns the finding's id, which the plan assigns when the command names none. */
    @CommandHandler
    String handle(RecordFindingCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        Evaluations.RecordedFinding finding = evaluations.record(planCode, period, command, effective, indicators,
                text);
        apply(finding.recorded());
        finding.span().ifPresent(AggregateLifecycle::apply);
        return finding.recorded().findingId();
    }

    @CommandHandler
    void handle(CorrectFindingCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        apply(evaluations.correct(planCode, command, effective, indicators, text));
    }

    @CommandHandler
    void handle(WithdrawFindingCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        apply(evaluations.withdraw(planCode, command, effective));
    }

    @CommandHandler
    void handle(PublishEvaluationCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        apply(evaluations.publish(planCode, command, effective));
    }

    // ---- the plan-wide rules: dates and reasons ----

    /**
     * Checks an adjustment's effective date and reason: open plan, date within the period and not before adoption.
     * An element added after adoption is itself an adjustment and needs a reason; a future date is allowed and
     * becomes a pending change.
     */
    private LocalDate adjustment(LocalDate effectiveFrom, String reason, boolean reasonAlwaysRequired) {
        LocalDate effective = effectiveDate(effectiveFrom);
        if (reasonAlwaysRequired || effective.isAfter(inForceFrom())) {
            Require.reason(reason);
        }
        return effective;
    }

    /** The date a change to an open plan takes effect: within the period, not before adoption; default the first. */
    private LocalDate effectiveDate(LocalDate effectiveFrom) {
        if (closed) {
            throw conflict("planCode", "plan " + planCode + " is closed: it accepts no further adjustment");
        }
        LocalDate effective = effectiveFrom == null ? inForceFrom() : effectiveFrom;
        checkEffectiveDate(effective);
        return effective;
    }

    /** The first day the plan is in force: its adoption, or the start of its period if adopted before it. */
    private LocalDate inForceFrom() {
        return adoptedOn.isBefore(period.firstDay()) ? period.firstDay() : adoptedOn;
    }

    /** An evaluation act is dated explicitly, not before the adoption; it may follow the period (a final one). */
    private LocalDate evaluationDate(LocalDate effectiveFrom) {
        if (effectiveFrom == null) {
            throw invalid("effectiveFrom", "is required");
        }
        if (effectiveFrom.isBefore(adoptedOn)) {
            throw invalid("effectiveFrom", effectiveFrom + " is before the plan's adoption on " + adoptedOn);
        }
        return effectiveFrom;
    }

    private void checkEffectiveDate(LocalDate effective) {
        if (!period.contains(effective)) {
            throw invalid("effectiveFrom", effective + " is outside the plan period " + period.firstDay() + " to "
                    + period.lastDay());
        }
        if (effective.isBefore(adoptedOn)) {
            throw invalid("effectiveFrom", effective + " is before the plan's adoption on " + adoptedOn);
        }
    }

    // ---- state: each event changes the plan itself or one of its parts ----

    @EventSourcingHandler
    void on(PlanAdoptedEvent event) {
        planCode = event.planCode();
        period = event.period();
        adoptedOn = event.adoptedOn();
        visionYear = event.visionYear();
    }

    @EventSourcingHandler
    void on(PlanClosedEvent event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(PlanSupersededEvent event) {
        closed = true;
        supersededBy = event.supersededBy();
    }

    @EventSourcingHandler
    void on(ChapterAdoptedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(ChapterAmendedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(GoalAdoptedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(GoalAmendedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(SectionAdoptedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(TaskAdoptedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(TaskAmendedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(TaskRetiredEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(ColumnAdoptedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(SafeguardAdoptedEvent event) {
        text.on(event);
    }

    @EventSourcingHandler
    void on(IndicatorAdoptedEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(IndicatorTargetRevisedEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(IndicatorBaselineCorrectedEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(IndicatorRetiredEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(IndicatorContinuityDeclaredEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(MeasurementBasisSetEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(MilestoneSetEvent event) {
        indicators.on(event);
    }

    @EventSourcingHandler
    void on(EvaluationOpenedEvent event) {
        evaluations.on(event);
    }

    @EventSourcingHandler
    void on(FindingRecordedEvent event) {
        evaluations.on(event);
    }

    @EventSourcingHandler
    void on(FindingCorrectedEvent event) {
        evaluations.on(event);
    }

    @EventSourcingHandler
    void on(FindingWithdrawnEvent event) {
        evaluations.on(event);
    }

    @EventSourcingHandler
    void on(EvaluationPublishedEvent event) {
        evaluations.on(event);
    }
}
