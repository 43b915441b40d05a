package org.planregistry.query.timeline;

import java.util.List;
import java.util.Optional;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.ChapterAdoptedEvent;
import org.planregistry.api.PlanEvent.ChapterAmendedEvent;
import org.planregistry.api.PlanEvent.ColumnAdoptedEvent;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
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
import org.planregistry.query.event.RecordedEvent;
import org.planregistry.query.timeline.ElementDetails.ChapterDetails;
import org.planregistry.query.timeline.ElementDetails.ColumnDetails;
import org.planregistry.query.timeline.ElementDetails.EvaluationDetails;
import org.planregistry.query.timeline.ElementDetails.GoalDetails;
import org.planregistry.query.timeline.ElementDetails.IndicatorDetails;
import org.planregistry.query.timeline.ElementDetails.SafeguardDetails;
import org.planregistry.query.timeline.ElementDetails.SectionDetails;
import org.planregistry.query.timeline.ElementDetails.TaskDetails;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code plan_elements} collection: turns each event into a new version of the attribute it sets, on the
 * document of the element it concerns. Runs in the same processing group as {@link PlanProjection}, and before it
 * for each event (see {@link Order}): once the plan document shows an event's sequence, its elements hold it too,
 * which is what read-your-writes relies on.
 */
@Component
@Order(1)
@ProcessingGroup(TimelineStore.PROCESSING_GROUP)
class PlanElementProjection {

    private static final Logger log = LoggerFactory.getLogger(PlanElementProjection.class);

    private final TimelineStore store;

    PlanElementProjection(TimelineStore store) {
        this.store = store;
    }

    @EventHandler
    void on(ChapterAdoptedEvent chapter, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.CHAPTER, chapter.chapterCode(),
                        new ChapterDetails(chapter.kind()))
                .withVersion(Attribute.TITLE, Version.of(event, chapter.title()))
                .withVersion(Attribute.TEXT, Version.of(event, chapter.text())));
    }

    @EventHandler
    void on(ChapterAmendedEvent chapter, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.CHAPTER.key(event.plan(), chapter.chapterCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.TITLE, Version.of(event, chapter.title()))
                        .withVersion(Attribute.TEXT, Version.of(event, chapter.text())));
    }

    @EventHandler
    void on(GoalAdoptedEvent goal, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.GOAL, goal.goalCode(),
                        new GoalDetails(goal.horizon()))
                .withVersion(Attribute.TITLE, Version.of(event, goal.title()))
                .withVersion(Attribute.DESCRIPTION, Version.of(event, goal.description())));
    }

    @EventHandler
    void on(GoalAmendedEvent goal, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.GOAL.key(event.plan(), goal.goalCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.TITLE, Version.of(event, goal.title()))
                        .withVersion(Attribute.DESCRIPTION, Version.of(event, goal.description())));
    }

    @EventHandler
    void on(IndicatorAdoptedEvent indicator, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        ElementDocument adopted = ElementDocument.adopted(event, ElementKind.INDICATOR, indicator.indicatorCode(),
                        new IndicatorDetails(indicator.number(), indicator.category(), indicator.subCategory(),
                                indicator.name(), indicator.unit(), indicator.nature(), indicator.notes()))
                .withVersion(Attribute.TARGET, Version.of(event, indicator.target()));
        if (indicator.baseline() != null) {
            adopted = adopted.withVersion(Attribute.BASELINE, Version.of(event, indicator.baseline()));
        }
        store.adoptElement(adopted);
    }

    @EventHandler
    void on(IndicatorTargetRevisedEvent revised, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), revised.indicatorCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.TARGET, Version.of(event, revised.target())));
    }

    @EventHandler
    void on(IndicatorBaselineCorrectedEvent corrected, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), corrected.indicatorCode()),
                event.globalSequence(), doc -> doc.withVersion(Attribute.BASELINE,
                        Version.of(event, corrected.baseline())));
    }

    @EventHandler
    void on(IndicatorRetiredEvent retired, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), retired.indicatorCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.RETIRED, Version.of(event, true)));
    }

    /**
     * Both ends of the link: the successor's indicator continues, the predecessor's is continued by it. The
     * predecessor belongs to another plan, whose document this plan's events never write: its end of the link is
     * kept apart ({@link Continuations}).
     */
    @EventHandler
    void on(IndicatorContinuityDeclaredEvent continuity, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), continuity.indicatorCode()),
                event.globalSequence(), doc -> doc.withVersion(Attribute.CONTINUES, Version.of(event,
                        new Continuity(continuity.predecessor(), continuity.predecessorFinal(), continuity.baseline(),
                                continuity.differenceReason()))));
        store.linkContinuation(ElementKind.INDICATOR.key(continuity.predecessor().planCode(),
                continuity.predecessor().indicatorCode()), Version.of(event,
                new IndicatorRef(event.plan(), continuity.indicatorCode())));
    }

    @EventHandler
    void on(MeasurementBasisSetEvent basis, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), basis.indicatorCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.BASIS, Version.of(event, basis.basis())));
    }

    @EventHandler
    void on(MilestoneSetEvent milestone, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), milestone.indicatorCode()),
                event.globalSequence(), doc -> doc.withVersion(Attribute.milestone(milestone.year()),
                        Version.of(event, milestone.value())));
    }

    @EventHandler
    void on(SectionAdoptedEvent section, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.SECTION, section.sectionCode(),
                new SectionDetails(section.title(), section.intro())));
    }

    @EventHandler
    void on(TaskAdoptedEvent task, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.TASK, task.taskCode(),
                        new TaskDetails(task.sectionCode()))
                .withVersion(Attribute.TITLE, Version.of(event, task.title()))
                .withVersion(Attribute.TEXT, Version.of(event, task.text())));
    }

    @EventHandler
    void on(TaskAmendedEvent task, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.TASK.key(event.plan(), task.taskCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.TITLE, Version.of(event, task.title()))
                        .withVersion(Attribute.TEXT, Version.of(event, task.text())));
    }

    @EventHandler
    void on(TaskRetiredEvent retired, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.TASK.key(event.plan(), retired.taskCode()), event.globalSequence(),
                doc -> doc.withVersion(Attribute.RETIRED, Version.of(event, true)));
    }

    @EventHandler
    void on(ColumnAdoptedEvent column, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.COLUMN, column.columnCode(),
                new ColumnDetails(column.sectionCode(), column.title(), column.intro(), column.items())));
    }

    @EventHandler
    void on(SafeguardAdoptedEvent safeguard, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.SAFEGUARD, safeguard.safeguardCode(),
                new SafeguardDetails(safeguard.kind(), safeguard.title(), safeguard.items())));
    }

    @EventHandler
    void on(EvaluationOpenedEvent evaluation, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.adoptElement(ElementDocument.adopted(event, ElementKind.EVALUATION, evaluation.evaluationId(),
                new EvaluationDetails(evaluation.kind(), evaluation.evaluator(), evaluation.coveredFrom(),
                        evaluation.coveredTo())));
    }

    @EventHandler
    void on(EvaluationPublishedEvent published, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        store.changeElement(ElementKind.EVALUATION.key(event.plan(), published.evaluationId()),
                event.globalSequence(), doc -> doc.withVersion(Attribute.PUBLISHED, Version.of(event, true)));
    }

    @EventHandler
    void on(FindingRecordedEvent recorded, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        FindingRecord finding = new FindingRecord(recorded.evaluationId(), recorded.findingId(),
                recorded.subjectKind(), recorded.subjectCode(), recorded.year(), recorded.unit(), null,
                List.of(Version.of(event, new FindingValue(recorded.observedValue(), recorded.assessment(),
                        recorded.evidenceRef(), recorded.note(), false))));
        store.changeElement(ElementKind.EVALUATION.key(event.plan(), recorded.evaluationId()),
                event.globalSequence(), doc -> doc.withFinding(finding));
        store.changeElement(finding.subject().key(event.plan(), finding.subjectCode()), event.globalSequence(),
                doc -> doc.withFinding(finding));
    }

    /** The span is part of what the finding is, like its year: set on both copies, not versioned. */
    @EventHandler
    void on(FindingSpanStatedEvent stated, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        String id = stated.evaluationId() + "/" + stated.findingId();
        store.changeElement(ElementKind.EVALUATION.key(event.plan(), stated.evaluationId()), event.globalSequence(),
                doc -> doc.withFindingChange(id, f -> f.withSpan(stated.span())));
        store.changeElement(ElementKind.INDICATOR.key(event.plan(), stated.subjectCode()), event.globalSequence(),
                doc -> doc.withFindingChange(id, f -> f.withSpan(stated.span())));
    }

    @EventHandler
    void on(FindingCorrectedEvent corrected, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        changeFinding(event, corrected.evaluationId(), corrected.findingId(), Version.of(event,
                new FindingValue(corrected.observedValue(), corrected.assessment(), corrected.evidenceRef(),
                        corrected.note(), false)));
    }

    @EventHandler
    void on(FindingWithdrawnEvent withdrawn, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        changeFinding(event, withdrawn.evaluationId(), withdrawn.findingId(),
                Version.of(event, FindingValue.WITHDRAWN));
    }

    /** The plan's own lifecycle is the plan document's (see {@link PlanProjection}); no element changes. */
    @EventHandler
    void on(PlanAdoptedEvent adopted) {
        // nothing to do for elements
    }

    @EventHandler
    void on(PlanClosedEvent closed) {
        // nothing to do for elements
    }

    @EventHandler
    void on(PlanSupersededEvent superseded) {
        // nothing to do for elements
    }

    /**
     * Any plan event without a handler above: a new event type the view does not know yet. Failing makes the
     * processor retry instead of silently leaving the view without the change.
     */
    @EventHandler
    void on(PlanEvent unknown) {
        throw new IllegalArgumentException("The element view has no handler for " + unknown.getClass().getName()
                + ": a new event type needs its handler in PlanElementProjection");
    }

    @ResetHandler
    void reset() {
        store.clearElements();
    }

    /** A correction or withdrawal names only the evaluation; the evaluation's copy tells whom the finding is about. */
    private void changeFinding(RecordedEvent event, String evaluationId, String findingId, Version version) {
        String evaluationKey = ElementKind.EVALUATION.key(event.plan(), evaluationId);
        String id = evaluationId + "/" + findingId;
        Optional<FindingRecord> finding = store.element(evaluationKey).flatMap(doc -> doc.finding(id));
        if (finding.isEmpty()) {
            log.warn("Event {} changes finding {} of plan {}, which the view does not hold; skipped",
                    event.globalSequence(), id, event.plan());
            return;
        }
        store.changeElement(evaluationKey, event.globalSequence(), doc -> doc.withFindingChange(id,
                f -> f.with(version)));
        store.changeElement(finding.get().subject().key(event.plan(), finding.get().subjectCode()),
                event.globalSequence(), doc -> doc.withFindingChange(id, f -> f.with(version)));
    }
}
