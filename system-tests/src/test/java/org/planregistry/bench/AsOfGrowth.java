package org.planregistry.bench;

import java.util.List;

import org.axonframework.eventhandling.DomainEventMessage;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * How the as-of benchmark brings the store to each size. Issue 5 asks for latency "with 1k, 10k and 100k events of
 * history in the store": read as other plans' events, the queried plan's answer does not change at all; read as the
 * queried plan's own history, it is what an as-of answer must not fold per request. Both readings are measured.
 */
enum AsOfGrowth {

    STORE("store growth", "other plans' events; the queried plan keeps its history"),
    PLAN("plan history growth", "the queried plan's own adjustments; its history is most of the store");

    final String label;
    final String meaning;

    AsOfGrowth(String label, String meaning) {
        this.label = label;
        this.meaning = meaning;
    }

    static AsOfGrowth of(String name) {
        return switch (name.trim().toLowerCase()) {
            case "store" -> STORE;
            case "plan" -> PLAN;
            default -> throw new IllegalArgumentException("unknown as-of growth '" + name + "' (store or plan)");
        };
    }

    /** Appends events until the store holds a given number; what is appended depends on the growth. */
    interface Grower {
        void growTo(long eventsInStore);
    }

    /** A grower for this store, whose queried plan has recorded {@code planEvents} so far. */
    Grower grower(MongoEventStorageEngine engine, List<DomainEventMessage<?>> planEvents) {
        String aggregateType = planEvents.get(0).getType();
        return switch (this) {
            case STORE -> new FillerPlans(engine, aggregateType);
            case PLAN -> new PlanHistoryGrowth(engine, aggregateType, planEvents);
        };
    }
}
