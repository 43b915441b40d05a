package org.planregistry.query.eventstream;

import java.net.URI;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.event.RecordedEvent;

/**
 * Turns a stored plan event into its CloudEvent (CloudEvents 1.0), the one envelope of the outward stream: the HTTP
 * feed, Server-Sent Events and Kafka carry exactly these bytes. docs/event-stream.md describes every attribute.
 *
 * <p>The {@code data} is the payload as it is stored (docs/events.md), taken without decoding and encoding it again
 * when it is already in the current revision.
 */
public class PlanCloudEvents {

    /** The JSON event format (structured mode), also used for Kafka records. */
    public static final EventFormat FORMAT = new JsonFormat();
    private static final String JSON = "application/json";

    private final Serializer serializer;
    private final String publicUrl;
    /** Per event type, what every event of it carries alike: worked out once, not for each event of a page. */
    private final ClassValue<String> types = new ClassValue<>() {
        @Override
        protected String computeValue(Class<?> type) {
            return EventTypes.PREFIX + EventTypes.shortName(type) + ".v" + EventTypes.revision(type);
        }
    };
    private final ClassValue<URI> schemas = new ClassValue<>() {
        @Override
        protected URI computeValue(Class<?> type) {
            return URI.create(publicUrl + "/api/schemas/" + EventTypes.shortName(type) + ".v"
                    + EventTypes.revision(type) + ".json");
        }
    };
    private final Map<String, URI> sources = new ConcurrentHashMap<>();

    public PlanCloudEvents(Serializer serializer, String publicUrl) {
        this.serializer = serializer;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The CloudEvent of a stored plan event; the message must carry its global sequence. */
    public CloudEvent of(EventMessage<?> message) {
        // Read straight from the message: RecordedEvent.of would also look up reason and decision by reflection,
        // which the envelope does not carry, on every event of every page.
        PlanEvent event = (PlanEvent) message.getPayload();
        Map<String, ?> meta = message.getMetaData();
        byte[] data = message.serializePayload(serializer, byte[].class).getData();
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(sources.computeIfAbsent(event.planCode(), plan -> URI.create("/plans/" + plan)))
                .withType(types.get(event.getClass()))
                .withSubject(EventSubject.of(event))
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withData(JSON, schema(event.getClass()), data)
                .withExtension("sequence", sequence(RecordedEvent.globalSequence(message)))
                .withExtension("effectivedate", RecordedEvent.effectiveFrom(message).toString());
        if (message instanceof DomainEventMessage<?> domain) {
            builder.withExtension("planversion", Math.toIntExact(domain.getSequenceNumber()));
        }
        if (meta.get("actor") != null) {
            builder.withExtension("actor", meta.get("actor").toString());
        }
        if (meta.get("correlationId") != null) {
            builder.withExtension("correlationid", meta.get("correlationId").toString());
        }
        return builder.build();
    }

    /** The structured-mode JSON of a CloudEvent. */
    public static byte[] json(CloudEvent event) {
        return FORMAT.serialize(event);
    }

    /** Where the JSON Schema of the event type's current revision is served. */
    public URI schema(Class<?> type) {
        return schemas.get(type);
    }

    /**
     * The global sequence as the CloudEvents sequence extension wants it: a string that orders as text as the
     * numbers do, so zero-padded to the 19 digits of the largest long.
     */
    public static String sequence(long globalSequence) {
        return String.format("%019d", globalSequence);
    }
}
