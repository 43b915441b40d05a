package org.planregistry.query.timeline;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.event.EventBatch;

/**
 * The plan and element documents one batch of events changes. They are loaded once — those the batch's events name
 * with one look-up per collection at the start, any other on first use — changed in memory event by event, and
 * written once at the end: elements first, then plans, so that a plan document never announces a sequence its
 * elements do not hold yet. Each is written as an update of what changed since it was read.
 */
final class TimelineChanges implements EventBatch.Changes {

    private final BatchDocuments<PlanDocument> plans;
    private final BatchDocuments<ElementDocument> elements;

    TimelineChanges(ViewCollection<PlanDocument> planCollection, ViewCollection<ElementDocument> elementCollection,
                    List<? extends EventMessage<?>> batch) {
        this.plans = new BatchDocuments<>(planCollection, PlanDocument::code);
        this.elements = new BatchDocuments<>(elementCollection, ElementDocument::key);
        Set<String> planCodes = new LinkedHashSet<>();
        Set<String> elementKeys = new LinkedHashSet<>();
        for (EventMessage<?> message : batch) {
            if (message.getPayload() instanceof PlanEvent event) {
                planCodes.add(event.planCode());
                elementKeys.addAll(ElementKeys.of(event));
            }
        }
        plans.load(planCodes);
        elements.load(elementKeys);
    }

    Optional<PlanDocument> plan(String code) {
        return plans.get(code);
    }

    Optional<ElementDocument> element(String key) {
        return elements.get(key);
    }

    void put(PlanDocument plan) {
        plans.put(plan);
    }

    void put(ElementDocument element) {
        elements.put(element);
    }

    @Override
    public void savepoint() {
        plans.savepoint();
        elements.savepoint();
    }

    @Override
    public void rollBack() {
        plans.rollBack();
        elements.rollBack();
    }

    @Override
    public void write() {
        elements.write();
        plans.write();
    }
}
