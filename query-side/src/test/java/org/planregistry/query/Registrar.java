package org.planregistry.query;

import java.time.Instant;
import java.util.Map;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.planregistry.api.PlanEvent;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planregistry.eventstore.AppendedEvents;

/**
 * Records plan events into the real event store as the command side would, but with the recorded time chosen by
 * the test: the message timestamp is the recorded time, so bitemporal scenarios can be set in the past.
 */
final class Registrar {

    static final String REGISTRAR = "registrar.li";

    private final EventStore eventStore;

    Registrar(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** Records {@code event} at {@code recordedAt} by the default registrar; returns its global sequence. */
    long record(String recordedAt, PlanEvent event) {
        return record(recordedAt, REGISTRAR, event);
    }

    long record(String recordedAt, String actor, PlanEvent event) {
        long next = eventStore.lastSequenceNumberFor(event.planCode()).map(last -> last + 1).orElse(0L);
        Map<String, Object> metaData = Map.of("actor", actor, "role", actor.startsWith("evaluator") ? "EVALUATOR"
                : "REGISTRAR", "correlationId", "corr-" + event.planCode() + "-" + next);
        var message = new GenericDomainEventMessage<>("Plan", event.planCode(), next, event, metaData,
                event.planCode() + "-" + next, Instant.parse(recordedAt));
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        AppendedEvents appended = AppendedEvents.of(unitOfWork);
        eventStore.publish(message);
        unitOfWork.commit();
        return appended.last().orElseThrow().globalSequence();
    }
}
