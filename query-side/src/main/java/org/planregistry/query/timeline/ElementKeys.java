package org.planregistry.query.timeline;

import java.util.List;

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

/**
 * The element documents an event changes, known from the event alone, so that a batch loads them all with one
 * look-up. A finding's correction or withdrawal also changes the copy under its subject, which only the evaluation's
 * document names: that one is loaded when the projection asks for it.
 */
final class ElementKeys {

    private ElementKeys() {
    }

    static List<String> of(PlanEvent event) {
        String plan = event.planCode();
        if (event instanceof ChapterAdoptedEvent e) {
            return List.of(ElementKind.CHAPTER.key(plan, e.chapterCode()));
        } else if (event instanceof ChapterAmendedEvent e) {
            return List.of(ElementKind.CHAPTER.key(plan, e.chapterCode()));
        } else if (event instanceof GoalAdoptedEvent e) {
            return List.of(ElementKind.GOAL.key(plan, e.goalCode()));
        } else if (event instanceof GoalAmendedEvent e) {
            return List.of(ElementKind.GOAL.key(plan, e.goalCode()));
        } else if (event instanceof IndicatorAdoptedEvent e) {
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof IndicatorTargetRevisedEvent e) {
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof IndicatorBaselineCorrectedEvent e) {
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof IndicatorRetiredEvent e) {
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof IndicatorContinuityDeclaredEvent e) {
            // The predecessor's end of the link is not in its document (see Continuations).
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof MeasurementBasisSetEvent e) {
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof FindingSpanStatedEvent e) {
            return List.of(ElementKind.EVALUATION.key(plan, e.evaluationId()),
                    ElementKind.INDICATOR.key(plan, e.subjectCode()));
        } else if (event instanceof MilestoneSetEvent e) {
            return List.of(ElementKind.INDICATOR.key(plan, e.indicatorCode()));
        } else if (event instanceof SectionAdoptedEvent e) {
            return List.of(ElementKind.SECTION.key(plan, e.sectionCode()));
        } else if (event instanceof TaskAdoptedEvent e) {
            return List.of(ElementKind.TASK.key(plan, e.taskCode()));
        } else if (event instanceof TaskAmendedEvent e) {
            return List.of(ElementKind.TASK.key(plan, e.taskCode()));
        } else if (event instanceof TaskRetiredEvent e) {
            return List.of(ElementKind.TASK.key(plan, e.taskCode()));
        } else if (event instanceof ColumnAdoptedEvent e) {
            return List.of(ElementKind.COLUMN.key(plan, e.columnCode()));
        } else if (event instanceof SafeguardAdoptedEvent e) {
            return List.of(ElementKind.SAFEGUARD.key(plan, e.safeguardCode()));
        } else if (event instanceof EvaluationOpenedEvent e) {
            return List.of(ElementKind.EVALUATION.key(plan, e.evaluationId()));
        } else if (event instanceof EvaluationPublishedEvent e) {
            return List.of(ElementKind.EVALUATION.key(plan, e.evaluationId()));
        } else if (event instanceof FindingRecordedEvent e) {
            return List.of(ElementKind.EVALUATION.key(plan, e.evaluationId()),
                    ElementKind.subjectOf(e.subjectKind()).key(plan, e.subjectCode()));
        } else if (event instanceof FindingCorrectedEvent e) {
            return List.of(ElementKind.EVALUATION.key(plan, e.evaluationId()));
        } else if (event instanceof FindingWithdrawnEvent e) {
            return List.of(ElementKind.EVALUATION.key(plan, e.evaluationId()));
        } else if (event instanceof PlanAdoptedEvent || event instanceof PlanClosedEvent
                || event instanceof PlanSupersededEvent) {
            return List.of(); // the plan's own lifecycle: no element document
        }
        throw new IllegalArgumentException("No element keys are known for " + event.getClass().getName()
                + ": a new event type needs its place in ElementKeys");
    }
}
