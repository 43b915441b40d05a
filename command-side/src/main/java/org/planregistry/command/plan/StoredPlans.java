package org.planregistry.command.plan;

import static org.planregistry.command.plan.PlanRuleViolation.unknown;

import java.math.BigDecimal;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planregistry.api.FinalObservation;
import org.planregistry.api.IndicatorRef;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.FindingWithdrawnEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.SubjectKind;
import org.springframework.stereotype.Component;

/**
 * Other plans as the store holds them. For a predecessor's indicator, reads the plan's stored events, from its first
 * (a snapshot holds no findings' history), and finds the value observed for the indicator's final year: the year of
 * its latest target. Among the findings on it for that year that have an observed value and are not withdrawn, the
 * one recorded or corrected last counts.
 */
@Component
class StoredPlans implements OtherPlans {

    private final EventStore eventStore;

    StoredPlans(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    @Override
    public boolean isRegistered(String planCode) {
        return eventStore.readEvents(planCode, 0).hasNext();
    }

    @Override
    public Optional<FinalObservation> finalObservation(IndicatorRef indicator) {
        List<PlanEvent> events = eventStore.readEvents(indicator.planCode(), 0).asStream()
                .map(DomainEventMessage::getPayload).filter(PlanEvent.class::isInstance).map(PlanEvent.class::cast)
                .toList();
        if (events.isEmpty()) {
            throw unknown("predecessor.planCode", "plan " + indicator.planCode() + " is not registered");
        }
        Integer finalYear = null;
        Map<String, Observed> findings = new HashMap<>();
        for (int position = 0; position < events.size(); position++) {
            PlanEvent event = events.get(position);
            int order = position;
            if (event instanceof IndicatorAdoptedEvent e && e.indicatorCode().equals(indicator.indicatorCode())) {
                finalYear = e.target().year();
            } else if (event instanceof IndicatorTargetRevisedEvent e
                    && e.indicatorCode().equals(indicator.indicatorCode())) {
                finalYear = e.target().year();
            } else if (event instanceof FindingRecordedEvent e && e.subjectKind() == SubjectKind.INDICATOR
                    && e.subjectCode().equals(indicator.indicatorCode())) {
                findings.put(e.evaluationId() + "/" + e.findingId(), new Observed(e.evaluationId(), e.findingId(),
                        e.year(), e.observedValue(), order));
            } else if (event instanceof FindingCorrectedEvent e) {
                findings.computeIfPresent(e.evaluationId() + "/" + e.findingId(),
                        (id, old) -> old.correctedTo(e.observedValue(), order));
            } else if (event instanceof FindingWithdrawnEvent e) {
                findings.remove(e.evaluationId() + "/" + e.findingId());
            }
        }
        if (finalYear == null) {
            throw unknown("predecessor.indicatorCode", "plan " + indicator.planCode() + " has no indicator "
                    + indicator.indicatorCode());
        }
        int year = finalYear;
        return findings.values().stream().filter(f -> f.year() == year && f.value() != null)
                .max(Comparator.comparingInt(Observed::order))
                .map(f -> new FinalObservation(year, f.value(), f.evaluationId(), f.findingId()));
    }

    /** A finding as far as the final value goes; {@code order} grows with each recording or correction. */
    private record Observed(String evaluationId, String findingId, int year, BigDecimal value, int order) {

        Observed correctedTo(BigDecimal corrected, int newOrder) {
            return new Observed(evaluationId, findingId, year, corrected, newOrder);
        }
    }
}
