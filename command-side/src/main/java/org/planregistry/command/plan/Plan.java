package org.planregistry.command.plan;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;
import static org.planregistry.command.plan.PlanRuleViolation.conflict;
import static org.planregistry.command.plan.PlanRuleViolation.invalid;
import static org.planregistry.command.plan.PlanRuleViolation.unknown;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.axonframework.modelling.command.CommandHandlerInterceptor;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.Decimals;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.Item;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanCommand.AdoptColumnCommand;
import org.planregistry.api.PlanCommand.AdoptGoalCommand;
import org.planregistry.api.PlanCommand.AdoptIndicatorCommand;
import org.planregistry.api.PlanCommand.AdoptPlanCommand;
import org.planregistry.api.PlanCommand.AdoptSafeguardCommand;
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
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanClosedEvent;
import org.planregistry.api.PlanEvent.PlanSupersededEvent;
import org.planregistry.api.PlanEvent.SafeguardAdoptedEvent;
import org.planregistry.api.PlanEvent.SectionAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAdoptedEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.PlanEvent.TaskRetiredEvent;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;
import org.planregistry.api.Units;

/**
 * A development plan: the consistency boundary for everything adopted, adjusted and evaluated under it. Command
 * handlers check the rules of 规划调整机制, 规划分解机制 and 规划评估机制 and then apply events; event sourcing
 * handlers only assign state.
 */
@Aggregate(snapshotTriggerDefinition = "planSnapshotTrigger", cache = "planCache",
        commandTargetResolver = "planCommandTarget")
class Plan {

    @AggregateIdentifier
    private String planCode;
    private Period period;
    private LocalDate adoptedOn;
    private boolean closed;
    private Map<String, Goal> goals = new HashMap<>();
    private Map<String, Indicator> indicators = new HashMap<>();
    private Set<String> sections = new HashSet<>();
    private Map<String, Task> tasks = new HashMap<>();
    private Set<String> columns = new HashSet<>();
    private Set<String> safeguards = new HashSet<>();
    private Map<String, Evaluation> evaluations = new HashMap<>();

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

    @CommandHandler
    Plan(AdoptPlanCommand command) {
        require("planCode", command.planCode());
        require("title", command.title());
        require("adoptedOn", command.adoptedOn());
        if (command.period() == null) {
            throw invalid("period", "is required");
        }
        if (command.period().from() > command.period().to()) {
            throw invalid("period", "starts (" + command.period().from() + ") after it ends ("
                    + command.period().to() + ")");
        }
        if (command.visionYear() != null && command.visionYear() < command.period().to()) {
            throw invalid("visionYear", "must not be before the end of the period");
        }
        apply(new PlanAdoptedEvent(command.planCode(), command.title(), command.issuer(), command.issued(),
                command.adoptedOn(), command.period(), command.visionYear(), command.source()));
    }

    @CommandHandler
    void handle(AdoptGoalCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        require("goalCode", command.goalCode());
        require("title", command.title());
        if (goals.containsKey(command.goalCode())) {
            throw conflict("goalCode", "goal " + command.goalCode() + " already exists in plan " + planCode);
        }
        apply(new GoalAdoptedEvent(planCode, command.goalCode(), command.title(), command.horizon(),
                command.description(), effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(AmendGoalCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        Goal goal = goals.get(command.goalCode());
        if (goal == null) {
            throw unknown("goalCode", "plan " + planCode + " has no goal " + command.goalCode());
        }
        String title = command.title() == null ? goal.title() : command.title();
        String description = command.description() == null ? goal.description() : command.description();
        if (title.equals(goal.title()) && Objects.equals(description, goal.description())) {
            throw conflict("title", "the amendment changes nothing: title and description are as in force");
        }
        apply(new GoalAmendedEvent(planCode, command.goalCode(), title, description, effective, command.reason(),
                command.decisionRef()));
    }

    @CommandHandler
    void handle(AdoptIndicatorCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        require("indicatorCode", command.indicatorCode());
        require("name", command.name());
        requireUnit("unit", command.unit());
        if (indicators.containsKey(command.indicatorCode())) {
            throw conflict("indicatorCode", "indicator " + command.indicatorCode() + " already exists in plan "
                    + planCode);
        }
        if (command.target() == null || command.target().value() == null || command.target().qualifier() == null) {
            throw invalid("target", "needs a value and a qualifier");
        }
        if (!period.containsYear(command.target().year())) {
            throw invalid("target.year", "year " + command.target().year() + " is outside the plan period "
                    + period.from() + "–" + period.to());
        }
        apply(new IndicatorAdoptedEvent(planCode, command.indicatorCode(), command.number(), command.category(),
                command.subCategory(), command.name(), command.unit(),
                command.nature() == null ? Nature.EXPECTED : command.nature(),
                command.baseline(), command.target(), command.notes() == null ? List.of() : command.notes(),
                effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(ReviseIndicatorTargetCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        Indicator indicator = liveIndicator(command.indicatorCode());
        matchUnit(indicator, command.unit());
        if (command.value() == null) {
            throw invalid("target.value", "is required");
        }
        if (command.qualifier() == null) {
            throw invalid("target.qualifier", "is required");
        }
        int year = command.targetYear() == null ? indicator.target().year() : command.targetYear();
        if (!period.containsYear(year)) {
            throw invalid("target.year", "year " + year + " is outside the plan period " + period.from() + "–"
                    + period.to());
        }
        Target target = new Target(year, command.value(), command.qualifier());
        if (target.sameAs(indicator.target())) {
            throw conflict("target", "the revision changes nothing: " + describe(target) + " is already in force");
        }
        if (command.decisionDate() != null && (command.decisionRef() == null || command.decisionRef().isBlank())) {
            throw invalid("decisionDate", "dates a decision document, so the decisionRef that names it is required");
        }
        apply(new IndicatorTargetRevisedEvent(planCode, indicator.code(), indicator.target(), target, effective,
                command.reason(), command.decisionRef(), command.decisionDate()));
    }

    @CommandHandler
    void handle(CorrectIndicatorBaselineCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        Indicator indicator = liveIndicator(command.indicatorCode());
        matchUnit(indicator, command.unit());
        int year = command.baselineYear() != null ? command.baselineYear()
                : indicator.baseline() != null ? indicator.baseline().year() : period.from() - 1;
        Baseline baseline = new Baseline(year, command.value());
        if (baseline.sameAs(indicator.baseline())) {
            throw conflict("baseline", "the correction changes nothing: that baseline is already recorded");
        }
        apply(new IndicatorBaselineCorrectedEvent(planCode, indicator.code(), indicator.baseline(), baseline,
                effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(RetireIndicatorCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        Indicator indicator = liveIndicator(command.indicatorCode());
        apply(new IndicatorRetiredEvent(planCode, indicator.code(), effective, command.reason(),
                command.decisionRef()));
    }

    @CommandHandler
    void handle(SetMilestoneCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        Indicator indicator = liveIndicator(command.indicatorCode());
        matchUnit(indicator, command.unit());
        if (!period.containsYear(command.year())) {
            throw invalid("year", "year " + command.year() + " is outside the plan period " + period.from() + "–"
                    + period.to());
        }
        if (command.value() == null) {
            throw invalid("value", "is required");
        }
        BigDecimal previous = indicator.milestones().get(command.year());
        if (previous != null && Decimals.same(previous, command.value())) {
            throw conflict("value", "the milestone for " + command.year() + " is already "
                    + previous.toPlainString());
        }
        if (previous != null) {
            requireReason(command.reason());
        }
        apply(new MilestoneSetEvent(planCode, indicator.code(), command.year(), previous, command.value(),
                effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(AdoptSectionCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), null, false);
        require("sectionCode", command.sectionCode());
        require("title", command.title());
        if (sections.contains(command.sectionCode())) {
            throw conflict("sectionCode", "section " + command.sectionCode() + " already exists");
        }
        apply(new SectionAdoptedEvent(planCode, command.sectionCode(), command.title(), command.intro(), effective));
    }

    @CommandHandler
    void handle(AdoptTaskCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        require("taskCode", command.taskCode());
        require("title", command.title());
        require("text", command.text());
        if (command.sectionCode() != null && !sections.contains(command.sectionCode())) {
            throw unknown("sectionCode", "plan " + planCode + " has no section " + command.sectionCode());
        }
        if (tasks.containsKey(command.taskCode())) {
            throw conflict("taskCode", "task " + command.taskCode() + " already exists in plan " + planCode);
        }
        apply(new TaskAdoptedEvent(planCode, command.taskCode(), command.sectionCode(), command.title(),
                command.text(), effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(AmendTaskCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        Task task = liveTask(command.taskCode());
        String title = command.title() == null ? task.title() : command.title();
        String text = command.text() == null ? task.text() : command.text();
        if (title.equals(task.title()) && text.equals(task.text())) {
            throw conflict("text", "the amendment changes nothing: title and text are as in force");
        }
        apply(new TaskAmendedEvent(planCode, task.code(), title, text, effective, command.reason(),
                command.decisionRef()));
    }

    @CommandHandler
    void handle(RetireTaskCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        Task task = liveTask(command.taskCode());
        apply(new TaskRetiredEvent(planCode, task.code(), effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(AdoptColumnCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), null, false);
        require("columnCode", command.columnCode());
        require("title", command.title());
        if (command.sectionCode() != null && !sections.contains(command.sectionCode())) {
            throw unknown("sectionCode", "plan " + planCode + " has no section " + command.sectionCode());
        }
        if (columns.contains(command.columnCode())) {
            throw conflict("columnCode", "column " + command.columnCode() + " already exists in plan " + planCode);
        }
        apply(new ColumnAdoptedEvent(planCode, command.columnCode(), command.sectionCode(), command.title(),
                command.intro(), items(command.items()), effective));
    }

    @CommandHandler
    void handle(AdoptSafeguardCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), null, false);
        require("safeguardCode", command.safeguardCode());
        require("title", command.title());
        if (command.kind() == null) {
            throw invalid("kind", "is required");
        }
        if (safeguards.contains(command.safeguardCode())) {
            throw conflict("safeguardCode", "safeguard " + command.safeguardCode() + " already exists in plan "
                    + planCode);
        }
        apply(new SafeguardAdoptedEvent(planCode, command.safeguardCode(), command.kind(), command.title(),
                items(command.items()), effective));
    }

    @CommandHandler
    void handle(OpenEvaluationCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        require("evaluationId", command.evaluationId());
        require("evaluator", command.evaluator());
        if (command.kind() == null) {
            throw invalid("kind", "is required: ANNUAL, MID_TERM or FINAL");
        }
        if (closed && command.kind() != EvaluationKind.FINAL) {
            throw conflict("kind", "plan " + planCode + " is closed: it accepts only a FINAL evaluation");
        }
        if (evaluations.containsKey(command.evaluationId())) {
            throw conflict("evaluationId", "evaluation " + command.evaluationId() + " already exists");
        }
        if (command.coveredFrom() > command.coveredTo()) {
            throw invalid("period", "covers " + command.coveredFrom() + "–" + command.coveredTo()
                    + ", which ends before it starts");
        }
        if (!period.containsYear(command.coveredFrom()) || !period.containsYear(command.coveredTo())) {
            throw invalid("period", "covered years must lie within the plan period " + period.from() + "–"
                    + period.to());
        }
        apply(new EvaluationOpenedEvent(planCode, command.evaluationId(), command.kind(), command.evaluator(),
                command.coveredFrom(), command.coveredTo(), effective));
    }

    @CommandHandler
    String handle(RecordFindingCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        Evaluation evaluation = openEvaluation(command.evaluationId());
        if (command.subjectKind() == null) {
            throw invalid("subjectKind", "is required: INDICATOR or TASK");
        }
        if (command.assessment() == null) {
            throw invalid("assessment", "is required");
        }
        String unit = checkSubject(command.subjectKind(), command.subjectCode(), command.observedValue(),
                command.unit(), command.assessment());
        if (command.year() < evaluation.coveredFrom() || command.year() > evaluation.coveredTo()) {
            throw invalid("year", "year " + command.year() + " is outside the years this evaluation covers ("
                    + evaluation.coveredFrom() + "–" + evaluation.coveredTo() + ")");
        }
        String findingId = command.findingId() != null ? command.findingId()
                : evaluation.evaluationId() + "-F" + (evaluation.findings().size() + 1);
        if (evaluation.findings().containsKey(findingId)) {
            throw conflict("findingId", "finding " + findingId + " already exists");
        }
        apply(new FindingRecordedEvent(planCode, evaluation.evaluationId(), findingId, command.subjectKind(),
                command.subjectCode(), command.year(), command.observedValue(), unit, command.assessment(),
                command.evidenceRef(), command.note(), effective));
        return findingId;
    }

    @CommandHandler
    void handle(CorrectFindingCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        requireReason(command.reason());
        Evaluation evaluation = openEvaluation(command.evaluationId());
        Finding finding = liveFinding(evaluation, command.findingId());
        Assessment assessment = command.assessment() == null ? finding.assessment() : command.assessment();
        BigDecimal observed = command.observedValue() == null ? finding.observedValue() : command.observedValue();
        checkSubject(finding.subjectKind(), finding.subjectCode(), observed, command.unit(), assessment);
        apply(new FindingCorrectedEvent(planCode, evaluation.evaluationId(), finding.findingId(), observed,
                assessment, command.evidenceRef() == null ? finding.evidenceRef() : command.evidenceRef(),
                command.note() == null ? finding.note() : command.note(), effective, command.reason()));
    }

    @CommandHandler
    void handle(WithdrawFindingCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        requireReason(command.reason());
        Evaluation evaluation = openEvaluation(command.evaluationId());
        Finding finding = liveFinding(evaluation, command.findingId());
        apply(new FindingWithdrawnEvent(planCode, evaluation.evaluationId(), finding.findingId(), effective,
                command.reason()));
    }

    @CommandHandler
    void handle(PublishEvaluationCommand command) {
        LocalDate effective = evaluationDate(command.effectiveFrom());
        Evaluation evaluation = openEvaluation(command.evaluationId());
        apply(new EvaluationPublishedEvent(planCode, evaluation.evaluationId(), effective));
    }

    @CommandHandler
    void handle(ClosePlanCommand command) {
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), false);
        apply(new PlanClosedEvent(planCode, effective, command.reason(), command.decisionRef()));
    }

    @CommandHandler
    void handle(SupersedePlanCommand command) {
        require("supersededBy", command.supersededBy());
        if (command.supersededBy().equals(planCode)) {
            throw invalid("supersededBy", "a plan cannot supersede itself");
        }
        LocalDate effective = adjustment(command.effectiveFrom(), command.reason(), true);
        apply(new PlanSupersededEvent(planCode, command.supersededBy(), effective, command.reason(),
                command.decisionRef()));
    }

    // ---- rules shared by the handlers ----

    /**
     * Checks an adjustment's effective date and reason: open plan, date within the period and not before adoption.
     * An element added after adoption is itself an adjustment and needs a reason; a future date is allowed and
     * becomes a pending change.
     */
    private LocalDate adjustment(LocalDate effectiveFrom, String reason, boolean reasonAlwaysRequired) {
        if (closed) {
            throw conflict("planCode", "plan " + planCode + " is closed: it accepts no further adjustment");
        }
        LocalDate effective = effectiveFrom == null ? inForceFrom() : effectiveFrom;
        checkEffectiveDate(effective);
        if (reasonAlwaysRequired || effective.isAfter(inForceFrom())) {
            requireReason(reason);
        }
        return effective;
    }

    /** The first day the plan is in force: its adoption, or the start of its period if adopted before it. */
    private LocalDate inForceFrom() {
        return adoptedOn.isBefore(period.firstDay()) ? period.firstDay() : adoptedOn;
    }

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

    private static void requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw invalid("reason", "must not be empty: every adjustment and correction states why");
        }
    }

    private static void require(String field, Object value) {
        if (value == null || (value instanceof String s && s.isBlank())) {
            throw invalid(field, "is required");
        }
    }

    private static void requireUnit(String field, String unit) {
        require(field, unit);
        if (!Units.isKnown(unit)) {
            throw invalid(field, "unknown unit '" + unit + "'; known units: " + String.join(", ", Units.ALL));
        }
    }

    private void matchUnit(Indicator indicator, String unit) {
        if (unit != null && !unit.equals(indicator.unit())) {
            throw invalid("unit", "indicator " + indicator.code() + " is measured in " + indicator.unit()
                    + ", not " + unit);
        }
    }

    private Indicator liveIndicator(String code) {
        Indicator indicator = indicators.get(code);
        if (indicator == null) {
            throw unknown("indicatorCode", "plan " + planCode + " has no indicator " + code);
        }
        if (indicator.retired()) {
            throw conflict("indicatorCode", "indicator " + code + " is retired");
        }
        return indicator;
    }

    private Task liveTask(String code) {
        Task task = tasks.get(code);
        if (task == null) {
            throw unknown("taskCode", "plan " + planCode + " has no task " + code);
        }
        if (task.retired()) {
            throw conflict("taskCode", "task " + code + " is retired");
        }
        return task;
    }

    private Evaluation openEvaluation(String evaluationId) {
        Evaluation evaluation = evaluations.get(evaluationId);
        if (evaluation == null) {
            throw unknown("evaluationId", "plan " + planCode + " has no evaluation " + evaluationId);
        }
        if (evaluation.published()) {
            throw conflict("evaluationId", "evaluation " + evaluationId + " is published: its findings are frozen");
        }
        return evaluation;
    }

    private static Finding liveFinding(Evaluation evaluation, String findingId) {
        Finding finding = evaluation.findings().get(findingId);
        if (finding == null) {
            throw unknown("findingId", "evaluation " + evaluation.evaluationId() + " has no finding " + findingId);
        }
        if (finding.withdrawn()) {
            throw conflict("findingId", "finding " + findingId + " is withdrawn");
        }
        return finding;
    }

    /** Checks what a finding is about and returns the unit its observed value is in. */
    private String checkSubject(SubjectKind kind, String code, BigDecimal observed, String unit,
                                Assessment assessment) {
        require("subjectCode", code);
        if (kind == SubjectKind.TASK) {
            liveTask(code);
            if (observed != null) {
                throw invalid("observedValue", "a finding on a task has no observed value");
            }
            return null;
        }
        Indicator indicator = liveIndicator(code);
        matchUnit(indicator, unit);
        if (observed == null && assessment != Assessment.NOT_ASSESSABLE) {
            throw invalid("observedValue", "is required for an indicator unless the assessment is NOT_ASSESSABLE");
        }
        return indicator.unit();
    }

    private static List<Item> items(List<Item> items) {
        if (items == null) {
            return List.of();
        }
        Set<String> codes = new HashSet<>();
        for (Item item : items) {
            require("items.code", item.code());
            if (!codes.add(item.code())) {
                throw conflict("items.code", "item code " + item.code() + " appears twice");
            }
        }
        return items;
    }

    private static String describe(Target target) {
        return target.value().toPlainString() + " " + target.qualifier() + " by " + target.year();
    }

    // ---- state ----

    @EventSourcingHandler
    void on(PlanAdoptedEvent event) {
        planCode = event.planCode();
        period = event.period();
        adoptedOn = event.adoptedOn();
    }

    @EventSourcingHandler
    void on(GoalAdoptedEvent event) {
        goals.put(event.goalCode(), new Goal(event.goalCode(), event.title(), event.description()));
    }

    @EventSourcingHandler
    void on(GoalAmendedEvent event) {
        goals.put(event.goalCode(), new Goal(event.goalCode(), event.title(), event.description()));
    }

    @EventSourcingHandler
    void on(IndicatorAdoptedEvent event) {
        indicators.put(event.indicatorCode(), new Indicator(event.indicatorCode(), event.unit(), event.baseline(),
                event.target(), Map.of(), false));
    }

    @EventSourcingHandler
    void on(IndicatorTargetRevisedEvent event) {
        indicators.computeIfPresent(event.indicatorCode(), (code, i) -> i.withTarget(event.target()));
    }

    @EventSourcingHandler
    void on(IndicatorBaselineCorrectedEvent event) {
        indicators.computeIfPresent(event.indicatorCode(), (code, i) -> i.withBaseline(event.baseline()));
    }

    @EventSourcingHandler
    void on(IndicatorRetiredEvent event) {
        indicators.computeIfPresent(event.indicatorCode(), (code, i) -> i.asRetired());
    }

    @EventSourcingHandler
    void on(MilestoneSetEvent event) {
        indicators.computeIfPresent(event.indicatorCode(), (code, i) -> i.withMilestone(event.year(),
                event.value()));
    }

    @EventSourcingHandler
    void on(SectionAdoptedEvent event) {
        sections.add(event.sectionCode());
    }

    @EventSourcingHandler
    void on(TaskAdoptedEvent event) {
        tasks.put(event.taskCode(), new Task(event.taskCode(), event.title(), event.text(), false));
    }

    @EventSourcingHandler
    void on(TaskAmendedEvent event) {
        tasks.computeIfPresent(event.taskCode(), (code, t) -> new Task(code, event.title(), event.text(),
                t.retired()));
    }

    @EventSourcingHandler
    void on(TaskRetiredEvent event) {
        tasks.computeIfPresent(event.taskCode(), (code, t) -> new Task(code, t.title(), t.text(), true));
    }

    @EventSourcingHandler
    void on(ColumnAdoptedEvent event) {
        columns.add(event.columnCode());
    }

    @EventSourcingHandler
    void on(SafeguardAdoptedEvent event) {
        safeguards.add(event.safeguardCode());
    }

    @EventSourcingHandler
    void on(EvaluationOpenedEvent event) {
        evaluations.put(event.evaluationId(), new Evaluation(event.evaluationId(), event.coveredFrom(),
                event.coveredTo(), false, Map.of()));
    }

    @EventSourcingHandler
    void on(FindingRecordedEvent event) {
        evaluations.computeIfPresent(event.evaluationId(), (id, e) -> e.withFinding(new Finding(event.findingId(),
                event.subjectKind(), event.subjectCode(), event.observedValue(), event.assessment(),
                event.evidenceRef(), event.note(), false)));
    }

    @EventSourcingHandler
    void on(FindingCorrectedEvent event) {
        evaluations.computeIfPresent(event.evaluationId(), (id, e) -> {
            Finding old = e.findings().get(event.findingId());
            return e.withFinding(new Finding(old.findingId(), old.subjectKind(), old.subjectCode(),
                    event.observedValue(), event.assessment(), event.evidenceRef(), event.note(), false));
        });
    }

    @EventSourcingHandler
    void on(FindingWithdrawnEvent event) {
        evaluations.computeIfPresent(event.evaluationId(), (id, e) -> {
            Finding old = e.findings().get(event.findingId());
            return e.withFinding(new Finding(old.findingId(), old.subjectKind(), old.subjectCode(),
                    old.observedValue(), old.assessment(), old.evidenceRef(), old.note(), true));
        });
    }

    @EventSourcingHandler
    void on(EvaluationPublishedEvent event) {
        evaluations.computeIfPresent(event.evaluationId(), (id, e) -> e.asPublished());
    }

    @EventSourcingHandler
    void on(PlanClosedEvent event) {
        closed = true;
    }

    @EventSourcingHandler
    void on(PlanSupersededEvent event) {
        closed = true;
    }

    /** Immutable state values, replaced on change, so fixture state comparison and snapshots stay simple. */
    record Goal(String code, String title, String description) {
    }

    record Indicator(String code, String unit, Baseline baseline, Target target, Map<Integer, BigDecimal> milestones,
                     boolean retired) {

        Indicator withTarget(Target newTarget) {
            return new Indicator(code, unit, baseline, newTarget, milestones, retired);
        }

        Indicator withBaseline(Baseline newBaseline) {
            return new Indicator(code, unit, newBaseline, target, milestones, retired);
        }

        Indicator withMilestone(int year, BigDecimal value) {
            Map<Integer, BigDecimal> updated = new HashMap<>(milestones);
            updated.put(year, value);
            return new Indicator(code, unit, baseline, target, Map.copyOf(updated), retired);
        }

        Indicator asRetired() {
            return new Indicator(code, unit, baseline, target, milestones, true);
        }
    }

    record Task(String code, String title, String text, boolean retired) {
    }

    record Evaluation(String evaluationId, int coveredFrom, int coveredTo, boolean published,
                      Map<String, Finding> findings) {

        Evaluation withFinding(Finding finding) {
            Map<String, Finding> updated = new HashMap<>(findings);
            updated.put(finding.findingId(), finding);
            return new Evaluation(evaluationId, coveredFrom, coveredTo, published, Map.copyOf(updated));
        }

        Evaluation asPublished() {
            return new Evaluation(evaluationId, coveredFrom, coveredTo, true, findings);
        }
    }

    record Finding(String findingId, SubjectKind subjectKind, String subjectCode, BigDecimal observedValue,
                   Assessment assessment, String evidenceRef, String note, boolean withdrawn) {
    }
}
