package org.planregistry.query.eventstream;

import java.net.URI;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.serialization.Serializer;
import org.planregistry.query.event.RecordedEvent;

/**
 * Turns a stored plan event into its CloudEvent (CloudEvents 1.0), the one envelope of the outward stream: the HTTP
 * feed, Server-Sent Events and Kafka carry exactly these bytes. docs/event-stream.md describes every attribute.
 *
 * <p>The {@code data} is the payload as it is stored (docs/events.md), taken without decoding and encoding it again
 * when it is already in the current revision; the attributes drawn from it are read from that JSON too
 * ({@link PayloadFields}), so an event is not decoded into its record at all.
 */
public class PlanCloudEvents {

    /** The JSON event format (structured mode), also used for Kafka records. */
    public static final EventFormat FORMAT = new JsonFormat();
    private static final String JSON = "application/json";
    private static final int SEQUENCE_DIGITS = 19;
    private static final String EFFECTIVE_FROM = "effectiveFrom";

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
    /** Per event type, the fields of the stored JSON the envelope reads: the plan, the subject's, the date. */
    private final ClassValue<Set<String>> envelopeFields = new ClassValue<>() {
        @Override
        protected Set<String> computeValue(Class<?> type) {
            Set<String> fields = new LinkedHashSet<>(EventSubject.fields(type));
            fields.add("planCode");
            if (hasEffectiveFromField.get(type)) {
                fields.add(EFFECTIVE_FROM);
            }
            return Set.copyOf(fields);
        }
    };
    private final ClassValue<Boolean> hasEffectiveFromField = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isRecord() && Arrays.stream(type.getRecordComponents())
                    .anyMatch(component -> component.getName().equals(EFFECTIVE_FROM));
        }
    };

    public PlanCloudEvents(Serializer serializer, String publicUrl) {
        this.serializer = serializer;
        this.publicUrl = publicUrl.endsWith("/") ? publicUrl.substring(0, publicUrl.length() - 1) : publicUrl;
    }

    /** The CloudEvent of a stored plan event; the message must carry its global sequence. */
    public CloudEvent of(EventMessage<?> message) {
        Class<?> type = message.getPayloadType();
        Map<String, ?> meta = message.getMetaData();
        byte[] data = message.serializePayload(serializer, byte[].class).getData();
        Map<String, String> fields = PayloadFields.read(data, envelopeFields.get(type));
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(message.getIdentifier())
                .withSource(sources.computeIfAbsent(fields.get("planCode"), plan -> URI.create("/plans/" + plan)))
                .withType(types.get(type))
                .withSubject(EventSubject.of(type, fields))
                .withTime(message.getTimestamp().atOffset(ZoneOffset.UTC))
                .withData(JSON, schema(type), data)
                .withExtension("sequence", sequence(RecordedEvent.globalSequence(message)))
                .withExtension("effectivedate", effectiveDate(message, fields));
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

    /**
     * The date the change applies from: the event's {@code effectiveFrom} field; for a type that works it out
     * (a plan's adoption), from the decoded event; without one, the day it was recorded.
     */
    private String effectiveDate(EventMessage<?> message, Map<String, String> fields) {
        if (!hasEffectiveFromField.get(message.getPayloadType())) {
            return RecordedEvent.effectiveFrom(message).toString();
        }
        String stored = fields.get(EFFECTIVE_FROM);
        return stored != null ? stored : LocalDate.ofInstant(message.getTimestamp(), ZoneOffset.UTC).toString();
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
        if (globalSequence < 0) {
            throw new IllegalArgumentException("A global sequence is never negative: " + globalSequence);
        }
        String digits = Long.toString(globalSequence);
        return "0".repeat(SEQUENCE_DIGITS - digits.length()) + digits; // String.format cost 5 % of a feed page
    }
}
