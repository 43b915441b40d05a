package org.planregistry.query.timeline;

import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.planregistry.api.PlanEvent;
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
import org.planregistry.api.PlanEvent.FindingSpanStatedEvent;
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
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Keeps the {@code plans} collection: one document per plan with its lifecycle and the ordered keys of its
 * elements. Every event of a plan moves the plan's {@code lastSequence}, which is how an answer says how up to date
 * it is and how read-your-writes knows a plan has caught up; it runs after {@link PlanElementProjection} for each
 * event so that it never announces a change the elements do not hold yet.
 */
@Component
@Order(2)
@ProcessingGroup(TimelineStore.PROCESSING_GROUP)
class PlanProjection {

    private final TimelineStore store;

    PlanProjection(TimelineStore store) {
        this.store = store;
    }

    @EventHandler
    void on(PlanEvent payload, EventMessage<?> message) {
        RecordedEvent event = RecordedEvent.of(message);
        if (payload instanceof PlanAdoptedEvent adopted) {
            store.adoptPlan(PlanDocument.adopted(adopted.planCode(), adopted.title(), adopted.issuer(),
                    adopted.issued(), adopted.adoptedOn(), adopted.period(), adopted.visionYear(), adopted.source(),
                    event));
            return;
        }
        store.changePlan(event.plan(), event.globalSequence(), plan -> apply(plan, event).appliedUpTo(event));
    }

    @ResetHandler
    void reset() {
        store.clearPlans();
    }

    static PlanDocument apply(PlanDocument plan, RecordedEvent event) {
        PlanEvent payload = event.event();
        if (payload instanceof PlanAdoptedEvent) {
            return plan; // the adoption creates the document (see on), it does not change one
        } else if (payload instanceof ChapterAdoptedEvent chapter) {
            return plan.withElement(ref(event, ElementKind.CHAPTER, chapter.chapterCode()));
        } else if (payload instanceof GoalAdoptedEvent goal) {
            return plan.withElement(ref(event, ElementKind.GOAL, goal.goalCode()));
        } else if (payload instanceof IndicatorAdoptedEvent indicator) {
            return plan.withElement(ref(event, ElementKind.INDICATOR, indicator.indicatorCode()));
        } else if (payload instanceof SectionAdoptedEvent section) {
            return plan.withElement(ref(event, ElementKind.SECTION, section.sectionCode()));
        } else if (payload instanceof TaskAdoptedEvent task) {
            return plan.withElement(ref(event, ElementKind.TASK, task.taskCode()));
        } else if (payload instanceof ColumnAdoptedEvent column) {
            return plan.withElement(ref(event, ElementKind.COLUMN, column.columnCode()));
        } else if (payload instanceof SafeguardAdoptedEvent safeguard) {
            return plan.withElement(ref(event, ElementKind.SAFEGUARD, safeguard.safeguardCode()));
        } else if (payload instanceof EvaluationOpenedEvent evaluation) {
            return plan.withElement(ref(event, ElementKind.EVALUATION, evaluation.evaluationId()));
        } else if (payload instanceof IndicatorRetiredEvent retired) {
            return plan.withRetirement(ElementKind.INDICATOR.key(plan.code(), retired.indicatorCode()),
                    event.effectiveFrom());
        } else if (payload instanceof TaskRetiredEvent retired) {
            return plan.withRetirement(ElementKind.TASK.key(plan.code(), retired.taskCode()), event.effectiveFrom());
        } else if (payload instanceof EvaluationPublishedEvent published) {
            return plan.withPublication(ElementKind.EVALUATION.key(plan.code(), published.evaluationId()));
        } else if (payload instanceof PlanClosedEvent) {
            return plan.withStatus(Version.of(event, PlanStatus.CLOSED));
        } else if (payload instanceof PlanSupersededEvent superseded) {
            return plan.withStatus(Version.of(event, PlanStatus.supersededBy(superseded.supersededBy())));
        } else if (payload instanceof GoalAmendedEvent || payload instanceof ChapterAmendedEvent
                || payload instanceof IndicatorTargetRevisedEvent
                || payload instanceof IndicatorBaselineCorrectedEvent || payload instanceof MilestoneSetEvent
                || payload instanceof TaskAmendedEvent
                || payload instanceof FindingRecordedEvent || payload instanceof FindingCorrectedEvent
                || payload instanceof FindingWithdrawnEvent || payload instanceof MeasurementBasisSetEvent
                || payload instanceof IndicatorContinuityDeclaredEvent
                || payload instanceof FindingSpanStatedEvent) {
            return plan; // changes an element's versions only; the plan document just moves its position
        }
        throw new IllegalArgumentException("The plan document has no rule for " + payload.getClass().getName()
                + ": a new event type needs its place in PlanProjection");
    }

    private static ElementRef ref(RecordedEvent event, ElementKind kind, String code) {
        return new ElementRef(kind.key(event.plan(), code), kind, code, event.effectiveFrom(), null, false);
    }
}
