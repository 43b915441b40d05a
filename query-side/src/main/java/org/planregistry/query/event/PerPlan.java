package org.planregistry.query.event;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.async.SequencingPolicy;
import org.axonframework.eventhandling.async.SequentialPerAggregatePolicy;
import org.planregistry.api.PlanEvent;

/**
 * The views' sequencing policy: all events of one plan belong to one segment, handled in store order. Every
 * view document belongs to one plan (plan, element, audit entry, remembered facts; the one link between plans, an
 * indicator's "continued by", is kept apart), so it has one writer at a time however many segments and instances
 * share the view. The plan code is what the aggregate identifier is today;
 * naming it makes the rule independent of how the command side identifies its aggregates.
 */
public final class PerPlan implements SequencingPolicy<EventMessage<?>> {

    private static final SequentialPerAggregatePolicy OTHERWISE = SequentialPerAggregatePolicy.instance();

    @Override
    public Object getSequenceIdentifierFor(EventMessage<?> event) {
        return event.getPayload() instanceof PlanEvent plan ? plan.planCode()
                : OTHERWISE.getSequenceIdentifierFor(event);
    }
}
