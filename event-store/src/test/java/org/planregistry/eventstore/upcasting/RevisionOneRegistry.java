package org.planregistry.eventstore.upcasting;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.AnnotationRevisionResolver;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * Writes events into a store as the registry did while {@code IndicatorTargetRevisedEvent} was at revision 1: the
 * same storage engine (documents, global sequence, hash chain), but that type stored as revision {@code "1"}
 * without {@code decisionDate}. Tests use it to build the store an older release left behind, straight into
 * MongoDB and past any command or upcaster of today. {@code EventUpcastingTest} checks that what it writes is the
 * frozen revision-1 fixture.
 */
public final class RevisionOneRegistry {

    private final MongoEventStorageEngine engine;
    private final MongoCollection<Document> events;

    public RevisionOneRegistry(MongoDatabase database) {
        ObjectMapper mapper = EventJson.mapper().addMixIn(IndicatorTargetRevisedEvent.class, RevisionOne.class);
        JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(mapper)
                .revisionResolver(type -> type == IndicatorTargetRevisedEvent.class ? "1"
                        : new AnnotationRevisionResolver().revisionOf(type))
                .build();
        events = database.getCollection("events");
        engine = MongoEventStorageEngine.builder().database(database).eventSerializer(serializer)
                .snapshotSerializer(serializer).build();
    }

    /** Appends {@code event} as the plan's event number {@code sequenceNumber}; returns its global sequence. */
    public long append(long sequenceNumber, PlanEvent event, Instant recordedAt, Map<String, ?> metaData) {
        if (event instanceof IndicatorTargetRevisedEvent revised && revised.decisionDate() != null) {
            throw new IllegalArgumentException("revision 1 had no decision date: " + revised);
        }
        List<EventMessage<?>> message = List.of(new GenericDomainEventMessage<>("Plan", event.planCode(),
                sequenceNumber, event, metaData, event.planCode() + "-rev1-" + sequenceNumber, recordedAt));
        engine.appendEvents(message);
        Document stored = events.find(new Document("aggregateKey", event.planCode() + "/" + sequenceNumber)).first();
        return stored.get("_id", Number.class).longValue();
    }

    /** Revision 1 of {@code IndicatorTargetRevisedEvent}: its fields without {@code decisionDate}. */
    @JsonIgnoreProperties("decisionDate")
    private interface RevisionOne {
    }
}
