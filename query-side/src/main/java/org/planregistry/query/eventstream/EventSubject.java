package org.planregistry.query.eventstream;

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
 * The CloudEvents {@code subject} of a plan event: the element of the plan it is about, as a path within the plan
 * ({@code indicator/I01}, {@code indicator/I01/milestone/2023}, {@code evaluation/2023-annual/finding/F1}), or
 * {@code plan} for the plan itself. A consumer can route on it without reading the data.
 */
final class EventSubject {

    private EventSubject() {
    }

    /** @throws IllegalArgumentException for an event type this mapping does not know, so none is sent unlabelled */
    static String of(PlanEvent event) {
        if (event instanceof PlanAdoptedEvent || event instanceof PlanClosedEvent
                || event instanceof PlanSupersededEvent) {
            return "plan";
        } else if (event instanceof ChapterAdoptedEvent e) {
            return "chapter/" + e.chapterCode();
        } else if (event instanceof ChapterAmendedEvent e) {
            return "chapter/" + e.chapterCode();
        } else if (event instanceof GoalAdoptedEvent e) {
            return "goal/" + e.goalCode();
        } else if (event instanceof GoalAmendedEvent e) {
            return "goal/" + e.goalCode();
        } else if (event instanceof IndicatorAdoptedEvent e) {
            return indicator(e.indicatorCode());
        } else if (event instanceof IndicatorTargetRevisedEvent e) {
            return indicator(e.indicatorCode());
        } else if (event instanceof IndicatorBaselineCorrectedEvent e) {
            return indicator(e.indicatorCode());
        } else if (event instanceof IndicatorRetiredEvent e) {
            return indicator(e.indicatorCode());
        } else if (event instanceof IndicatorContinuityDeclaredEvent e) {
            return indicator(e.indicatorCode()) + "/continuity";
        } else if (event instanceof MeasurementBasisSetEvent e) {
            return indicator(e.indicatorCode()) + "/measurement-basis";
        } else if (event instanceof FindingSpanStatedEvent e) {
            return finding(e.evaluationId(), e.findingId());
        } else if (event instanceof MilestoneSetEvent e) {
            return indicator(e.indicatorCode()) + "/milestone/" + e.year();
        } else if (event instanceof SectionAdoptedEvent e) {
            return "section/" + e.sectionCode();
        } else if (event instanceof TaskAdoptedEvent e) {
            return task(e.taskCode());
        } else if (event instanceof TaskAmendedEvent e) {
            return task(e.taskCode());
        } else if (event instanceof TaskRetiredEvent e) {
            return task(e.taskCode());
        } else if (event instanceof ColumnAdoptedEvent e) {
            return "column/" + e.columnCode();
        } else if (event instanceof SafeguardAdoptedEvent e) {
            return "safeguard/" + e.safeguardCode();
        } else if (event instanceof EvaluationOpenedEvent e) {
            return evaluation(e.evaluationId());
        } else if (event instanceof EvaluationPublishedEvent e) {
            return evaluation(e.evaluationId());
        } else if (event instanceof FindingRecordedEvent e) {
            return finding(e.evaluationId(), e.findingId());
        } else if (event instanceof FindingCorrectedEvent e) {
            return finding(e.evaluationId(), e.findingId());
        } else if (event instanceof FindingWithdrawnEvent e) {
            return finding(e.evaluationId(), e.findingId());
        }
        throw new IllegalArgumentException("No subject for event type " + event.getClass().getName());
    }

    private static String indicator(String code) {
        return "indicator/" + code;
    }

    private static String task(String code) {
        return "task/" + code;
    }

    private static String evaluation(String id) {
        return "evaluation/" + id;
    }

    private static String finding(String evaluationId, String findingId) {
        return evaluation(evaluationId) + "/finding/" + findingId;
    }
}
