package org.planregistry.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * Store growth: other plans' events, appended through the command side's storage engine (global sequence, keys,
 * hash chain) one plan of 100 events per commit. Only the store's size matters for that reading of the question,
 * and 99,000 commands would add minutes.
 */
final class FillerPlans implements AsOfGrowth.Grower {

    static final int EVENTS_PER_PLAN = 100;

    private final MongoEventStorageEngine engine;
    private final String aggregateType;
    private int plans;

    FillerPlans(MongoEventStorageEngine engine, String aggregateType) {
        this.engine = engine;
        this.aggregateType = aggregateType;
    }

    /** Filler plans appended so far (the last one may be short). */
    int plans() {
        return plans;
    }

    @Override
    public void growTo(long eventsInStore) {
        while (engine.lastAllocatedSequence() < eventsInStore) {
            long missing = eventsInStore - engine.lastAllocatedSequence();
            String plan = Scenario.planCode("FILL", plans++);
            engine.appendEvents(messages(plan, Scenario.fillerPlan(plan, (int) Math.min(EVENTS_PER_PLAN, missing))));
        }
    }

    private List<EventMessage<?>> messages(String plan, List<PlanEvent> events) {
        MetaData meta = MetaData.from(Map.of("actor", "bench-filler", "role", "REGISTRAR", "correlationId",
                UUID.randomUUID().toString()));
        List<EventMessage<?>> messages = new ArrayList<>(events.size());
        for (int seq = 0; seq < events.size(); seq++) {
            messages.add(new GenericDomainEventMessage<>(aggregateType, plan, seq, events.get(seq), meta));
        }
        return messages;
    }
}
