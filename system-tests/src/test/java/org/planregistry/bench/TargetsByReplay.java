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
 * without a view, by folding the plan's events in effective-date order (ties in recording order), as
 * docs/design.md defines the answer. It computes only the targets, a small part of what the as-of view answers, in this process and
 * without HTTP or JSON: every saving is on the baseline's side.
 */
final class TargetsByReplay {

    private TargetsByReplay() {
    }

    /** Reads the plan's events by key ({@code aggregateKey $in}, batch by batch) and folds them. */
    static Map<String, Target> byKey(MongoEventStorageEngine engine, String plan, LocalDate asOf) {
        DomainEventStream stream = engine.readEvents(plan);
        List<Recorded> events = new ArrayList<>();
        while (stream.hasNext()) {
            events.add(Recorded.of(stream.next()));
        }
        return fold(events, asOf);
    }

    /**
     * Reads the whole event stream from the start, as a store without per-plan keys (or a consumer of the outward
     * stream) must, keeps the plan's events and folds them. Payloads of other plans are never deserialized.
     */
    static Map<String, Target> byScan(MongoEventStorageEngine engine, String plan, LocalDate asOf) {
        List<Recorded> events = new ArrayList<>();
        try (var stream = engine.readEvents(null, false)) {
            Iterator<? extends TrackedEventMessage<?>> all = stream.iterator();
            while (all.hasNext()) {
                EventMessage<?> message = all.next();
                if (message instanceof DomainEventMessage<?> domain && plan.equals(domain.getAggregateIdentifier())) {
                    events.add(Recorded.of(domain));
                }
            }
        }
        return fold(events, asOf);
    }

    /** An event with the global sequence the store gave it, which orders changes with the same effective date. */
    private record Recorded(PlanEvent event, long globalSequence) {

        static Recorded of(EventMessage<?> message) {
            Object sequence = message.getMetaData().get(MongoEventStorageEngine.GLOBAL_SEQUENCE);
            if (!(sequence instanceof Number number)) {
                throw new IllegalStateException("event " + message.getIdentifier() + " has no global sequence");
            }
            return new Recorded((PlanEvent) message.getPayload(), number.longValue());
        }
    }

    /**
     * Folds the events effective on or before {@code asOf} in effective-date order, ties in global sequence order,
     * so each indicator ends with the target the view selects: the latest effective by {@code asOf}, ties going to
     * the later recording. Retroactive revisions (recorded after later-dated ones) are what make the order matter.
     */
    private static Map<String, Target> fold(List<Recorded> recorded, LocalDate asOf) {
        List<Recorded> inForce = new ArrayList<>();
        for (Recorded r : recorded) {
            if (r.event().effectiveFrom() != null && !r.event().effectiveFrom().isAfter(asOf)) {
                inForce.add(r);
            }
        }
        inForce.sort(Comparator.comparing((Recorded r) -> r.event().effectiveFrom())
                .thenComparingLong(Recorded::globalSequence));
        Map<String, Target> targets = new TreeMap<>();
        for (Recorded r : inForce) {
            if (r.event() instanceof IndicatorAdoptedEvent adopted) {
                targets.put(adopted.indicatorCode(), adopted.target());
            } else if (r.event() instanceof IndicatorTargetRevisedEvent revised) {
                targets.put(revised.indicatorCode(), revised.target());
            } else if (r.event() instanceof IndicatorRetiredEvent retired) {
                targets.remove(retired.indicatorCode());
            }
        }
        return targets;
    }
}
