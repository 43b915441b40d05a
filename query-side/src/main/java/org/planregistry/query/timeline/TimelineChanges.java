package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.HashMap;
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
 * announces a sequence its elements do not hold yet.
 */
final class TimelineChanges implements EventBatch.Changes {

    private final ViewCollection<PlanDocument> planCollection;
    private final ViewCollection<ElementDocument> elementCollection;
    private final Continuations continuations;
    private final Map<String, Optional<PlanDocument>> plans = new HashMap<>();
    private final Map<String, Optional<ElementDocument>> elements = new HashMap<>();
    private final Map<String, PlanDocument> changedPlans = new LinkedHashMap<>();
    private final Map<String, ElementDocument> changedElements = new LinkedHashMap<>();
    private final Map<String, List<Version>> links = new LinkedHashMap<>();

    TimelineChanges(ViewCollection<PlanDocument> planCollection, ViewCollection<ElementDocument> elementCollection,
                    Continuations continuations, List<? extends EventMessage<?>> batch) {
        this.planCollection = planCollection;
        this.elementCollection = elementCollection;
        this.continuations = continuations;
        Set<String> planCodes = new LinkedHashSet<>();
        Set<String> elementKeys = new LinkedHashSet<>();
        for (EventMessage<?> message : batch) {
            if (message.getPayload() instanceof PlanEvent event) {
                planCodes.add(event.planCode());
                elementKeys.addAll(ElementKeys.of(event));
            }
        }
        load(planCollection, planCodes, plans);
        load(elementCollection, elementKeys, elements);
    }

    Optional<PlanDocument> plan(String code) {
        return plans.computeIfAbsent(code, planCollection::find);
    }

    Optional<ElementDocument> element(String key) {
        return elements.computeIfAbsent(key, elementCollection::find);
    }

    void put(PlanDocument plan) {
        plans.put(plan.code(), Optional.of(plan));
        changedPlans.put(plan.code(), plan);
    }

    void put(ElementDocument element) {
        elements.put(element.key(), Optional.of(element));
        changedElements.put(element.key(), element);
    }

    void link(String predecessorKey, Version link) {
        links.computeIfAbsent(predecessorKey, key -> new ArrayList<>()).add(link);
    }

    @Override
    public void write() {
        elementCollection.replace(changedElements.values());
        continuations.add(links);
        planCollection.replace(changedPlans.values());
    }

    private static <T> void load(ViewCollection<T> collection, Set<String> keys, Map<String, Optional<T>> into) {
        Map<String, T> found = collection.find(keys);
        keys.forEach(key -> into.put(key, Optional.ofNullable(found.get(key))));
    }
}
