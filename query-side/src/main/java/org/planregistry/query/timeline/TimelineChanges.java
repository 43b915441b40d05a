package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.axonframework.eventhandling.EventMessage;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.event.EventBatch;

/**
 * The plan and element documents one batch of events changes. They are loaded once — those the batch's events name
 * with one look-up per collection at the start, any other on first use — changed in memory event by event, and
 * written once at the end: elements first, then continuation links, then plans, so that a plan document never
 * announces a sequence its elements do not hold yet. Each is written as an update of what changed since it was read.
 */
final class TimelineChanges implements EventBatch.Changes {

    private final BatchDocuments<PlanDocument> plans;
    private final BatchDocuments<ElementDocument> elements;
    private final Continuations continuations;
    private final Map<String, List<Version>> links = new LinkedHashMap<>();
    /** Links added since the savepoint (predecessor keys), to undo them if the event being handled fails. */
    private final List<Map.Entry<String, Version>> linksSinceSavepoint = new ArrayList<>();

    TimelineChanges(ViewCollection<PlanDocument> planCollection, ViewCollection<ElementDocument> elementCollection,
                    Continuations continuations, List<? extends EventMessage<?>> batch) {
        this.plans = new BatchDocuments<>(planCollection, PlanDocument::code);
        this.elements = new BatchDocuments<>(elementCollection, ElementDocument::key);
        this.continuations = continuations;
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

    void link(String predecessorKey, Version link) {
        links.computeIfAbsent(predecessorKey, key -> new ArrayList<>()).add(link);
        linksSinceSavepoint.add(Map.entry(predecessorKey, link));
    }

    @Override
    public void savepoint() {
        plans.savepoint();
        elements.savepoint();
        linksSinceSavepoint.clear();
    }

    @Override
    public void rollBack() {
        plans.rollBack();
        elements.rollBack();
        // added since the savepoint, so each is the last of its predecessor's list when undone in reverse
        for (int i = linksSinceSavepoint.size() - 1; i >= 0; i--) {
            List<Version> of = links.get(linksSinceSavepoint.get(i).getKey());
            of.remove(of.size() - 1);
            if (of.isEmpty()) {
                links.remove(linksSinceSavepoint.get(i).getKey());
            }
        }
        linksSinceSavepoint.clear();
    }

    @Override
    public void write() {
        elements.write();
        continuations.add(links);
        plans.write();
    }
}
