package org.planregistry.query.kafka;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.GoalAdoptedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.eventstore.AppendedEvents;

/**
 * Records plan events into the real event store as the command side would (the few lines of the query side's test
 * Registrar this package needs): the message identifier is {@code <plan>-<version>}, its global sequence is returned.
 */
final class KafkaTestRegistrar {

    private final EventStore eventStore;

    KafkaTestRegistrar(EventStore eventStore) {
        this.eventStore = eventStore;
    }

    /** An event recorded in the store: its message identifier (the CloudEvents id) and global sequence. */
    record Recorded(String plan, String id, long globalSequence, long version, PlanEvent event) {
    }

    /** The plan's first event, or the next goal of it. */
    Recorded recordNext(String plan) {
        long next = eventStore.lastSequenceNumberFor(plan).map(last -> last + 1).orElse(0L);
        PlanEvent event = next == 0
                ? new PlanAdoptedEvent(plan, "规划 " + plan, "深圳市人民政府", "深府〔2022〕1号",
                        LocalDate.of(2022, 1, 1), new Period(2021, 2025), 2035, "test")
                : new GoalAdoptedEvent(plan, "G" + next, "目标 " + next, 2025, "目标说明 " + next,
                        LocalDate.of(2022, 1, 1), null, null);
        return record(plan, next, event);
    }

    private Recorded record(String plan, long version, PlanEvent event) {
        Map<String, Object> metaData = Map.of("actor", "registrar.li", "role", "REGISTRAR",
                "correlationId", "corr-" + plan + "-" + version);
        String id = plan + "-" + version;
        var message = new GenericDomainEventMessage<>("Plan", plan, version, event, metaData, id, Instant.now());
        UnitOfWork<?> unitOfWork = DefaultUnitOfWork.startAndGet(message);
        AppendedEvents appended = AppendedEvents.of(unitOfWork);
        eventStore.publish(message);
        unitOfWork.commit();
        return new Recorded(plan, id, appended.last().orElseThrow().globalSequence(), version, event);
    }
}
