package org.planregistry.query.event;

import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;

import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * One stored plan event with the facts every view needs about it, whatever its type: both times, its position in
 * the store, who recorded it and why. Projections read these facts in one place so that every view states
 * provenance the same way.
 *
 * @param globalSequence the event's dense position in the store (the document {@code _id})
 * @param recordedAt     transaction time: when the registry stored the event (the message timestamp)
 * @param effectiveFrom  valid time: the date from which the change applies in the plan
 * @param type           the event's simple name without the {@code Event} suffix, e.g. {@code IndicatorTargetRevised}
 */
public record RecordedEvent(PlanEvent event, long globalSequence, Instant recordedAt, LocalDate effectiveFrom,
                            String type, String actor, String role, String correlationId, String reason,
                            String decisionRef) {

    private static final ClassValue<Map<String, RecordComponent>> COMPONENTS = new ClassValue<>() {
        @Override
        protected Map<String, RecordComponent> computeValue(Class<?> type) {
            Map<String, RecordComponent> byName = new HashMap<>();
            if (type.isRecord()) {
                for (RecordComponent component : type.getRecordComponents()) {
                    byName.put(component.getName(), component);
                }
            }
            return byName;
        }
    };

    /** Reads the facts of a message whose payload is a plan event. */
    public static RecordedEvent of(EventMessage<?> message) {
        PlanEvent event = (PlanEvent) message.getPayload();
        Map<String, ?> meta = message.getMetaData();
        Instant recordedAt = message.getTimestamp();
        return new RecordedEvent(event, globalSequence(message), recordedAt, effectiveFrom(message), typeOf(event),
                text(meta.get("actor")), text(meta.get("role")), text(meta.get("correlationId")),
                payloadText(event, "reason", meta), payloadText(event, "decisionRef", meta));
    }

    /** The event's type as the views name it: {@code IndicatorTargetRevisedEvent} → {@code IndicatorTargetRevised}. */
    public static String typeOf(PlanEvent event) {
        String name = event.getClass().getSimpleName();
        return name.endsWith("Event") ? name.substring(0, name.length() - "Event".length()) : name;
    }

    public String plan() {
        return event.planCode();
    }

    /**
     * The date of the decision document {@link #decisionRef()} names, when the event type records one
     * ({@code IndicatorTargetRevisedEvent} since revision 2) and it was given; otherwise null.
     */
    public LocalDate decisionDate() {
        return event instanceof IndicatorTargetRevisedEvent revised ? revised.decisionDate() : null;
    }

    /**
     * The date from which a plan event applies. An event without an effective date is read as effective from the
     * day it was recorded (UTC), the only date the registry can vouch for.
     */
    public static LocalDate effectiveFrom(EventMessage<?> message) {
        PlanEvent event = (PlanEvent) message.getPayload();
        return event.effectiveFrom() != null ? event.effectiveFrom()
                : LocalDate.ofInstant(message.getTimestamp(), ZoneOffset.UTC);
    }

    /** The event's position in the store, from its metadata or, for a tracked message, its token. */
    public static long globalSequence(EventMessage<?> message) {
        Object stored = message.getMetaData().get(MongoEventStorageEngine.GLOBAL_SEQUENCE);
        if (stored instanceof Number number) {
            return number.longValue();
        }
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null) {
            return tracked.trackingToken().position().orElseThrow();
        }
        throw new IllegalStateException("Event " + message.getIdentifier() + " has no global sequence");
    }

    /** Reason and decision reference belong to the payload when the event type has them, else to the metadata. */
    private static String payloadText(PlanEvent event, String name, Map<String, ?> meta) {
        RecordComponent component = COMPONENTS.get(event.getClass()).get(name);
        if (component != null) {
            try {
                Object value = component.getAccessor().invoke(event);
                if (value != null) {
                    return value.toString();
                }
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("Cannot read " + name + " of " + event.getClass().getName(), e);
            }
        }
        return text(meta.get(name));
    }

    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
