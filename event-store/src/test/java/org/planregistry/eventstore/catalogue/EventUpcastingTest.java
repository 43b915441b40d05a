package org.planregistry.eventstore.catalogue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.TestMongo;
import org.planregistry.eventstore.upcasting.IndicatorTargetRevisedEvent1_to_2Upcaster;
import org.planregistry.eventstore.upcasting.RevisionOneRegistry;

/**
 * Revision 1 of {@code IndicatorTargetRevisedEvent}, frozen in {@code events/IndicatorTargetRevisedEvent.rev1.json},
 * is what stores written before revision 2 hold. Its upcaster must turn exactly that JSON into the revision-2 shape,
 * and the storage engine must hand revision-1 documents to every reader as revision-2 events.
 */
class EventUpcastingTest {

    private static final ObjectMapper JSON = EventJson.mapper();
    private static final JacksonSerializer SERIALIZER = JacksonSerializer.builder().objectMapper(JSON).build();
    private static final String TYPE = "org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent";

    @Test
    void theFrozenRevisionOneFixtureUpcastsToExactlyTheRevisionTwoShape() throws Exception {
        JsonNode revision1 = EventCatalogueTest.fixture("IndicatorTargetRevisedEvent.rev1.json",
                IndicatorTargetRevisedEvent.class);

        IntermediateEventRepresentation upcast = upcast(stored(TYPE, "1", revision1));

        assertThat(upcast.getType().getName()).isEqualTo(TYPE);
        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        JsonNode revision2 = upcast.getData(JsonNode.class).getData();
        assertThat(fieldNames(revision2)).as("the fields of revision 2, in order")
                .containsExactlyElementsOf(fieldNames(EventCatalogueTest.fixture(IndicatorTargetRevisedEvent.class)))
                .containsExactlyElementsOf(Arrays.stream(IndicatorTargetRevisedEvent.class.getRecordComponents())
                        .map(component -> component.getName()).toList());
        assertThat(revision2.get("decisionDate").isNull()).as("the date was not recorded at revision 1").isTrue();
        revision1.fields().forEachRemaining(field -> assertThat(revision2.get(field.getKey()))
                .as("field %s kept as stored", field.getKey()).isEqualTo(field.getValue()));
        assertEquals(JSON.valueToTree(EventExamples.indicatorTargetRevisedAtRevision1()), revision2);
    }

    @Test
    void theUpcastRevisionOneFixtureDeserialisesIntoTheRecord() {
        JsonNode revision1 = EventCatalogueTest.fixture("IndicatorTargetRevisedEvent.rev1.json",
                IndicatorTargetRevisedEvent.class);

        SerializedObject<JsonNode> upcast = upcast(stored(TYPE, "1", revision1)).getData(JsonNode.class);
        Object event = SERIALIZER.deserialize(upcast);

        assertThat(event).isEqualTo(EventExamples.indicatorTargetRevisedAtRevision1());
    }

    @Test
    void revisionTwoAndOtherTypesPassUnchanged() {
        JsonNode revision2 = EventCatalogueTest.fixture(IndicatorTargetRevisedEvent.class);
        JsonNode adopted = JSON.valueToTree(EventExamples.planAdopted());
        String adoptedType = "org.planregistry.api.PlanEvent$PlanAdoptedEvent";

        IntermediateEventRepresentation current = upcast(stored(TYPE, "2", revision2));
        IntermediateEventRepresentation other = upcast(stored(adoptedType, "1", adopted));

        assertThat(current.getType().getRevision()).isEqualTo("2");
        assertThat(current.getData(JsonNode.class).getData()).isEqualTo(revision2);
        assertThat(other.getType().getName()).isEqualTo(adoptedType);
        assertThat(other.getType().getRevision()).isEqualTo("1");
        assertThat(other.getData(JsonNode.class).getData()).isEqualTo(adopted);
    }

    @Test
    void aStoreWrittenAtRevisionOneHoldsTheFrozenFixtureAndIsReadAtRevisionTwo() throws Exception {
        try (TestMongo mongo = TestMongo.start(); MongoClient client = MongoClients.create(mongo.uri("registry"))) {
            MongoDatabase database = client.getDatabase("registry");
            RevisionOneRegistry older = new RevisionOneRegistry(database);
            Map<String, String> metaData = Map.of("actor", "registrar", "role", "REGISTRAR");
            older.append(0, EventExamples.planAdopted(), Instant.parse("2022-01-05T02:00:00Z"), metaData);
            long revised = older.append(1, EventExamples.indicatorTargetRevisedAtRevision1(),
                    Instant.parse("2024-07-02T01:38:05.417Z"), metaData);

            Document stored = database.getCollection("events").find(new Document("_id", revised)).first();
            assertThat(stored.getString("payloadType")).isEqualTo(TYPE);
            assertThat(stored.getString("payloadRevision")).isEqualTo("1");
            assertEquals(EventCatalogueTest.fixture("IndicatorTargetRevisedEvent.rev1.json",
                    IndicatorTargetRevisedEvent.class), JSON.readTree(stored.getString("payload")),
                    "what the revision-1 registry stores is the frozen revision-1 fixture");

            MongoEventStorageEngine today = MongoEventStorageEngine.builder().database(database)
                    .eventSerializer(SERIALIZER).snapshotSerializer(SERIALIZER)
                    .upcasterChain(new EventUpcasterChain(new IndicatorTargetRevisedEvent1_to_2Upcaster())).build();
            List<Object> read = new ArrayList<>();
            today.readEvents(EventExamples.PLAN).asStream().map(DomainEventMessage::getPayload).forEach(read::add);

            assertThat(read).containsExactly(EventExamples.planAdopted(),
                    EventExamples.indicatorTargetRevisedAtRevision1());
        }
    }

    private static IntermediateEventRepresentation upcast(GenericDomainEventEntry<String> entry) {
        List<IntermediateEventRepresentation> result = new IndicatorTargetRevisedEvent1_to_2Upcaster()
                .upcast(Stream.of(new InitialEventRepresentation(entry, SERIALIZER))).toList();
        assertThat(result).hasSize(1);
        return result.get(0);
    }

    private static GenericDomainEventEntry<String> stored(String type, String revision, JsonNode payload) {
        try {
            return new GenericDomainEventEntry<>("Plan", EventExamples.PLAN, 131,
                    "3f0c2a7e-8b1d-4c55-9e0a-6d2f4b7c1e93", "2024-07-02T01:38:05.417Z", type, revision,
                    JSON.writeValueAsString(payload), "{\"actor\":\"registrar\"}");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
