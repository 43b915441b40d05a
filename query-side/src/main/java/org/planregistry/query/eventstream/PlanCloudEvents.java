package org.planregistry.query.eventstream;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.core.format.EventFormat;
import io.cloudevents.jackson.JsonFormat;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.serialization.Serializer;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
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
    private static final JsonFactory JSON_FACTORY = new JsonFactory();
    private static final byte[] DATA_FIELD = ",\"data\":".getBytes(StandardCharsets.US_ASCII);
    private static final int SEQUENCE_DIGITS = 19;
    private static final String EFFECTIVE_FROM = "effectiveFrom";
    private static final String ACTOR = "actor";
    private static final String ROLE = "role";
    private static final String CORRELATION_ID = "correlationId";
    private static final String EVALUATION_ID = "evaluationId";
    private static final Set<String> ENVELOPE_METADATA = Set.of(ACTOR, ROLE, CORRELATION_ID);

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
            if (belongsToEvaluation.get(type)) {
                fields.add(EVALUATION_ID);
            }
            if (hasEffectiveFromField.get(type)) {
                fields.add(EFFECTIVE_FROM);
            }
            return Set.copyOf(fields);
        }
    };
    /**
     * Per event type, whether it records something of one evaluation that the public may see only once the
     * evaluation is published: every type with an {@code evaluationId} but the publication itself.
     */
    private final ClassValue<Boolean> belongsToEvaluation = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type != EvaluationPublishedEvent.class && type.isRecord()
                    && Arrays.stream(type.getRecordComponents())
                    .anyMatch(component -> component.getName().equals(EVALUATION_ID));
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
        Envelope envelope = envelope(message);
        CloudEventBuilder builder = CloudEventBuilder.v1()
                .withId(envelope.id())
                .withSource(envelope.source())
                .withType(envelope.type())
                .withSubject(envelope.subject())
                .withTime(envelope.time())
                .withData(JSON, envelope.dataSchema(), envelope.data())
                .withExtension("sequence", envelope.sequence())
                .withExtension("effectivedate", envelope.effectiveDate());
        if (envelope.planVersion() != null) {
            builder.withExtension("planversion", envelope.planVersion());
        }
        if (envelope.actor() != null) {
            builder.withExtension("actor", envelope.actor());
        }
        if (envelope.role() != null) {
            builder.withExtension("role", envelope.role());
        }
        if (envelope.correlationId() != null) {
            builder.withExtension("correlationid", envelope.correlationId());
        }
        return builder.build();
    }

    /**
     * The structured-mode JSON of the CloudEvent of a stored plan event, written straight from the envelope: what
     * {@link #json(CloudEvent)} writes for {@link #of}, without building the SDK's event and reading it back
     * attribute by attribute, which cost a fifth of a feed page. The data is copied in as stored.
     */
    public byte[] json(EventMessage<?> message) {
        return rendered(message).json();
    }

    /**
     * An event's CloudEvent JSON with what the stream needs to answer each reader from it without decoding it
     * again: where the {@code actor} attribute lies in the bytes, and the evaluation the event belongs to.
     *
     * @param actorFrom  where {@code ,"actor":"…"} begins in {@code json}; equal to {@code actorTo} when absent
     * @param evaluation the evaluation the event records something of (opened, a finding recorded, stated,
     *                   corrected or withdrawn), null for any other event, including the evaluation's publication
     */
    record Rendered(byte[] json, int actorFrom, int actorTo, String evaluation) {
    }

    Rendered rendered(EventMessage<?> message) {
        Envelope envelope = envelope(message);
        int actorFrom = 0;
        int actorTo = 0;
        ByteArrayOutputStream out = new ByteArrayOutputStream(envelope.data().length + 512);
        try (JsonGenerator json = JSON_FACTORY.createGenerator(out)) {
            json.writeStartObject();
            json.writeStringField("specversion", "1.0");
            json.writeStringField("id", envelope.id());
            json.writeStringField("source", envelope.source().toString());
            json.writeStringField("type", envelope.type());
            json.writeStringField("datacontenttype", JSON);
            json.writeStringField("dataschema", envelope.dataSchema().toString());
            json.writeStringField("subject", envelope.subject());
            json.writeStringField("time", DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(envelope.time()));
            json.writeStringField("sequence", envelope.sequence());
            json.writeStringField("effectivedate", envelope.effectiveDate());
            if (envelope.planVersion() != null) {
                json.writeNumberField("planversion", envelope.planVersion());
            }
            if (envelope.actor() != null) {
                // Its bytes are marked, so that the public's copy leaves them out without writing the event again.
                json.flush();
                actorFrom = out.size();
                json.writeStringField("actor", envelope.actor());
                json.flush();
                actorTo = out.size();
            }
            if (envelope.role() != null) {
                // the role in which the change was made is public; the person's name is not
                json.writeStringField("role", envelope.role());
            }
            if (envelope.correlationId() != null) {
                json.writeStringField("correlationid", envelope.correlationId());
            }
            // The data goes in as the stored bytes, after what the generator wrote; the generator, which still
            // counts the object as open, must then not close it.
            json.flush();
            out.write(DATA_FIELD);
            out.write(envelope.data());
            out.write('}');
            json.disable(JsonGenerator.Feature.AUTO_CLOSE_JSON_CONTENT);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Rendered(out.toByteArray(), actorFrom, actorTo, envelope.evaluation());
    }

    /** Every attribute of an event's CloudEvent, worked out once, whichever way it is then written. */
    private record Envelope(String id, URI source, String type, String subject, OffsetDateTime time,
                            URI dataSchema, String sequence, String effectiveDate, Integer planVersion,
                            String actor, String role, String correlationId, String evaluation, byte[] data) {
    }

    private Envelope envelope(EventMessage<?> message) {
        Class<?> type = message.getPayloadType();
        byte[] data = message.serializePayload(serializer, byte[].class).getData();
        Map<String, String> fields = PayloadFields.read(data, envelopeFields.get(type));
        // The metadata too is read as stored: decoding it into Axon's MetaData map cost an eighth of a feed page.
        Map<String, String> meta = PayloadFields.read(message.serializeMetaData(serializer, byte[].class).getData(),
                ENVELOPE_METADATA);
        return new Envelope(message.getIdentifier(),
                sources.computeIfAbsent(fields.get("planCode"), plan -> URI.create("/plans/" + plan)),
                types.get(type), EventSubject.of(type, fields), message.getTimestamp().atOffset(ZoneOffset.UTC),
                schema(type), sequence(globalSequence(message)), effectiveDate(message, fields),
                message instanceof DomainEventMessage<?> domain ? Math.toIntExact(domain.getSequenceNumber()) : null,
                meta.get(ACTOR), meta.get(ROLE), meta.get(CORRELATION_ID),
                belongsToEvaluation.get(type) ? fields.get(EVALUATION_ID) : null, data);
    }

    /** The position: a tracked message's token has it without decoding the metadata. */
    private static long globalSequence(EventMessage<?> message) {
        if (message instanceof TrackedEventMessage<?> tracked && tracked.trackingToken() != null
                && tracked.trackingToken().position().isPresent()) {
            return tracked.trackingToken().position().getAsLong();
        }
        return RecordedEvent.globalSequence(message);
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
