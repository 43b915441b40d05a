package org.planregistry.bench;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * Plan history growth: further adjustments of the queried plan itself ({@link PlanAdjustments}), appended through
 * the command side's storage engine, which allocates the global sequence and computes the hash chain, in commits of
 * {@value #CHUNK} events. Commands would do the same work plus the aggregate's, and 100,000 of them would add many
 * minutes; the events are those the aggregate would record (see {@link PlanAdjustments}).
 */
final class PlanHistoryGrowth implements AsOfGrowth.Grower {

    private static final int CHUNK = 500;

    private final MongoEventStorageEngine engine;
    private final String aggregateType;
    private final String plan;
    private final PlanAdjustments adjustments;
    /** The plan's next aggregate sequence number: nothing else appends to it once the growth has begun. */
    private long nextSequence;

    PlanHistoryGrowth(MongoEventStorageEngine engine, String aggregateType, List<DomainEventMessage<?>> planEvents) {
        this.engine = engine;
        this.aggregateType = aggregateType;
        this.plan = planEvents.get(0).getAggregateIdentifier();
        this.adjustments = new PlanAdjustments(planEvents.stream().map(m -> (PlanEvent) m.getPayload()).toList());
        this.nextSequence = planEvents.get(planEvents.size() - 1).getSequenceNumber() + 1;
    }

    @Override
    public void growTo(long eventsInStore) {
        long missing = eventsInStore - engine.lastAllocatedSequence();
        if (missing <= 0) {
            return;
        }
        List<PlanEvent> events = adjustments.next((int) missing);
        for (int from = 0; from < events.size(); from += CHUNK) {
            List<EventMessage<?>> chunk = new ArrayList<>(CHUNK);
            for (PlanEvent event : events.subList(from, Math.min(events.size(), from + CHUNK))) {
                chunk.add(new GenericDomainEventMessage<>(aggregateType, plan, nextSequence, event,
                        metaData(event, nextSequence)));
                nextSequence++;
            }
            engine.appendEvents(chunk);
        }
    }

    /** What the command side's gateway records: who (evaluators record findings), and a correlation id. */
    private MetaData metaData(PlanEvent event, long sequence) {
        boolean evaluation = event instanceof PlanEvent.EvaluationOpenedEvent
                || event instanceof PlanEvent.FindingRecordedEvent || event instanceof PlanEvent.FindingCorrectedEvent;
        // Deterministic, like everything the benchmark writes, so two runs write the same store.
        String correlationId = UUID.nameUUIDFromBytes((plan + "/" + sequence).getBytes(StandardCharsets.UTF_8))
                .toString();
        return MetaData.from(Map.of("actor", evaluation ? "evaluator" : "registrar", "role",
                evaluation ? "EVALUATOR" : "REGISTRAR", "correlationId", correlationId));
    }
}
