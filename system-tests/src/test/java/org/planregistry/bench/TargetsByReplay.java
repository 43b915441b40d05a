package org.planregistry.bench;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.Target;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * The baselines of the as-of benchmark: "which target is in force for each indicator of plan P on date D", answered
 * without a view, by folding the plan's events in effective-date order (ties in recording order), as DESIGN.md
 * defines the answer. It computes only the targets, a small part of what the as-of view answers, in this process and
 * without HTTP or JSON: every saving is on the baseline's side.
 */
final class TargetsByReplay {

    private TargetsByReplay() {
    }

    /** Reads the plan's events by key ({@code aggregateKey $in}, batch by batch) and folds them. */
    static Map<String, Target> byKey(MongoEventStorageEngine engine, String plan, LocalDate asOf) {
        DomainEventStream stream = engine.readEvents(plan);
        List<PlanEvent> events = new ArrayList<>();
        while (stream.hasNext()) {
            events.add((PlanEvent) stream.next().getPayload());
        }
        return fold(events, asOf);
    }

    /**
     * Reads the whole event stream from the start, as a store without per-plan keys (or a consumer of the outward
     * stream) must, keeps the plan's events and folds them. Payloads of other plans are never deserialized.
     */
    static Map<String, Target> byScan(MongoEventStorageEngine engine, String plan, LocalDate asOf) {
        List<PlanEvent> events = new ArrayList<>();
        try (var stream = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> all = stream.iterator();
            while (all.hasNext()) {
                EventMessage<?> message = all.next();
                if (message instanceof DomainEventMessage<?> domain && plan.equals(domain.getAggregateIdentifier())) {
                    events.add((PlanEvent) domain.getPayload());
                }
            }
        }
        return fold(events, asOf);
    }

    /** Folds events given in recording order: those effective on or before {@code asOf}, by effective date. */
    static Map<String, Target> fold(List<PlanEvent> recorded, LocalDate asOf) {
        List<PlanEvent> inForce = new ArrayList<>();
        for (PlanEvent event : recorded) {
            if (event.effectiveFrom() != null && !event.effectiveFrom().isAfter(asOf)) {
                inForce.add(event);
            }
        }
        inForce.sort(Comparator.comparing(PlanEvent::effectiveFrom)); // stable: ties keep recording order
        Map<String, Target> targets = new TreeMap<>();
        for (PlanEvent event : inForce) {
            if (event instanceof IndicatorAdoptedEvent adopted) {
                targets.put(adopted.indicatorCode(), adopted.target());
            } else if (event instanceof IndicatorTargetRevisedEvent revised) {
                targets.put(revised.indicatorCode(), revised.target());
            } else if (event instanceof IndicatorRetiredEvent retired) {
                targets.remove(retired.indicatorCode());
            }
        }
        return targets;
    }
}
