package org.planregistry.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.planregistry.eventstore.EventJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The event an accepted command stored, read back from the event store, for tests to check against the request
 * and the answer. {@link #answering} checks the answer ({@code CommandAccepted}) against the stored event; the
 * fluent checks then compare its type, payload fields and metadata.
 */
public final class StoredEvent {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final String EVENTS = "org.planregistry.api.PlanEvent$";

    private final Document document;
    private final JsonNode payload;
    private final JsonNode metaData;

    private StoredEvent(Document document) {
        this.document = document;
        this.payload = parse(document.getString("payload"));
        this.metaData = parse(document.getString("metaData"));
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The event stored at a global sequence (not a filler). */
    public static StoredEvent at(MongoDatabase database, long globalSequence) {
        Document stored = database.getCollection("events").find(new Document("_id", globalSequence)).first();
        assertThat(stored).as("the event at global sequence %d", globalSequence).isNotNull();
        assertThat(stored.getBoolean("filler", false)).as("global sequence %d is a filler", globalSequence).isFalse();
        return new StoredEvent(stored);
    }

    /**
     * Checks that a command was accepted (201) with the answer {@code planCode}, {@code element} and {@code id}, that
     * the answer's {@code globalSequence} holds the plan's event at the answer's {@code version}, that this is the
     * plan's latest event, and that the ETag is that version; returns that event.
     */
    public static StoredEvent answering(MongoDatabase database, ResponseEntity<Map> answer, String planCode,
                                        String element, String id) {
        assertThat(answer.getStatusCode()).as("%s", answer.getBody()).isEqualTo(HttpStatus.CREATED);
        Map<?, ?> body = answer.getBody();
        assertThat(body.get("planCode")).as("planCode").isEqualTo(planCode);
        assertThat(body.get("element")).as("element").isEqualTo(element);
        assertThat(body.get("id")).as("id").isEqualTo(id);
        assertThat(body.get("globalSequence")).as("globalSequence").isInstanceOf(Number.class);
        assertThat(body.get("version")).as("version").isInstanceOf(Number.class);
        long globalSequence = ((Number) body.get("globalSequence")).longValue();
        long version = ((Number) body.get("version")).longValue();
        StoredEvent stored = at(database, globalSequence).isTheLatestOf(database, planCode);
        assertThat(stored.sequenceNumber()).as("the stored event's sequence number is the answer's version")
                .isEqualTo(version);
        assertThat(answer.getHeaders().getETag()).as("ETag").isEqualTo("\"" + version + "\"");
        return stored;
    }

    /** The plan's event at a sequence number (its version after that event). */
    public static StoredEvent of(MongoDatabase database, String planCode, long sequenceNumber) {
        Document stored = database.getCollection("events")
                .find(new Document("aggregateKey", planCode + "/" + sequenceNumber)).first();
        assertThat(stored).as("event %d of plan %s", sequenceNumber, planCode).isNotNull();
        return new StoredEvent(stored);
    }

    /** The event belongs to the plan, is its latest, and carries its global sequence in its metadata. */
    public StoredEvent isTheLatestOf(MongoDatabase database, String planCode) {
        assertThat(document.getString("aggregateIdentifier")).as("the stored event's plan").isEqualTo(planCode);
        assertThat(metaData.path("globalSequence").asLong()).as("the global sequence in the event's metadata")
                .isEqualTo(globalSequence());
        assertThat(database.getCollection("events")
                .find(new Document("aggregateKey", planCode + "/" + (sequenceNumber() + 1))).first())
                .as("the plan's latest event").isNull();
        return this;
    }

    /** The event's type, by its simple name in {@code PlanEvent} (e.g. {@code "GoalAdoptedEvent"}). */
    public StoredEvent isA(String type) {
        assertThat(document.getString("payloadType")).as("the stored event's type").isEqualTo(EVENTS + type);
        return this;
    }

    /** Recorded on behalf of this user in this role (from the sign-in, never from the request). */
    public StoredEvent by(String actor, String role) {
        assertThat(metaData.path("actor").asText(null)).as("actor").isEqualTo(actor);
        assertThat(metaData.path("role").asText(null)).as("role").isEqualTo(role);
        return this;
    }

    /** The correlation id sent in {@code X-Correlation-Id}. */
    public StoredEvent correlatedBy(String correlationId) {
        assertThat(metaData.path("correlationId").asText(null)).as("correlationId").isEqualTo(correlationId);
        return this;
    }

    /**
     * A payload field (dotted path, e.g. {@code "target.value"}) has the value: text compares as text, numbers by
     * value (exact decimals are stored as text), {@code null} must be stored as null, anything else (lists, maps)
     * as its JSON.
     */
    public StoredEvent has(String field, Object expected) {
        JsonNode node = payload.at("/" + field.replace('.', '/'));
        assertThat(node.isMissingNode()).as("payload field %s is stored (payload %s)", field, payload).isFalse();
        if (expected == null) {
            assertThat(node.isNull()).as("payload field %s is null, was %s", field, node).isTrue();
        } else if (expected instanceof Number number) {
            assertThat(node.isNumber() || node.isTextual()).as("payload field %s is a number, was %s", field, node)
                    .isTrue();
            assertThat(new BigDecimal(node.asText())).as("payload field %s", field)
                    .isEqualByComparingTo(new BigDecimal(number.toString()));
        } else if (expected instanceof CharSequence || expected instanceof Enum<?>) {
            assertThat(node.isTextual()).as("payload field %s is text, was %s", field, node).isTrue();
            assertThat(node.asText()).as("payload field %s", field).isEqualTo(expected.toString());
        } else {
            assertThat(node).as("payload field %s", field).isEqualTo(JSON.valueToTree(expected));
        }
        return this;
    }

    /** The payload as stored, for checks the fluent ones do not cover. */
    public JsonNode payload() {
        return payload;
    }

    public long globalSequence() {
        return document.getLong("_id");
    }

    public long sequenceNumber() {
        return document.getLong("sequenceNumber");
    }
}
