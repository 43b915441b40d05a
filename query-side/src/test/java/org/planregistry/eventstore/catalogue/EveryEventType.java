package org.planregistry.eventstore.catalogue;

import java.util.List;

import org.planregistry.api.PlanEvent;

/**
 * The event store's examples of every plan event type, for the query side's dispatcher tests. {@code EventExamples}
 * is package-private in event-store's test-jar; this class shares its package to hand the examples on.
 */
public final class EveryEventType {

    private EveryEventType() {
    }

    /** One example of each event type, in the order {@link PlanEvent} declares them, as one plan's story. */
    public static List<PlanEvent> examples() {
        return EventExamples.all();
    }
}
