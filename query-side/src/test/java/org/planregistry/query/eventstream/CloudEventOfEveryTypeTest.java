package org.planregistry.query.eventstream;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.catalogue.EveryEventType;

/**
 * Every plan event type through the outward stream's envelope: each gets its own CloudEvents type with its revision
 * and its own subject, pinned here as text, and its data is exactly the stored payload. A new event type without a
 * subject fails here rather than being sent unlabelled.
 */
class CloudEventOfEveryTypeTest {

    private static final Serializer SERIALIZER = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();
    private static final ObjectMapper JSON = EventJson.mapper();
    private static final Map<String, String> EXPECTED = new LinkedHashMap<>();

    static {
        EXPECTED.put("PlanAdopted.v1", "plan");
        EXPECTED.put("ChapterAdopted.v1", "chapter/CH4");
        EXPECTED.put("ChapterAmended.v1", "chapter/CH5");
        EXPECTED.put("GoalAdopted.v1", "goal/G1");
        EXPECTED.put("GoalAmended.v1", "goal/G1");
        EXPECTED.put("IndicatorAdopted.v1", "indicator/I01");
        EXPECTED.put("IndicatorTargetRevised.v2", "indicator/I01");
        EXPECTED.put("IndicatorBaselineCorrected.v1", "indicator/I03");
        EXPECTED.put("IndicatorRetired.v1", "indicator/I18");
        EXPECTED.put("MeasurementBasisSet.v1", "indicator/I06/measurement-basis");
        EXPECTED.put("IndicatorContinuityDeclared.v1", "indicator/I01/continuity");
        EXPECTED.put("MilestoneSet.v1", "indicator/I01/milestone/2023");
        EXPECTED.put("SectionAdopted.v1", "section/S1");
        EXPECTED.put("TaskAdopted.v1", "task/T1.7");
        EXPECTED.put("TaskAmended.v1", "task/T1.7");
        EXPECTED.put("TaskRetired.v1", "task/T6.5");
        EXPECTED.put("ColumnAdopted.v1", "column/C7");
        EXPECTED.put("SafeguardAdopted.v1", "safeguard/SG2");
        EXPECTED.put("EvaluationOpened.v1", "evaluation/E2024-MID");
        EXPECTED.put("FindingRecorded.v1", "evaluation/E2024-MID/finding/E2024-MID-F1");
        EXPECTED.put("FindingSpanStated.v1", "evaluation/E2024-MID/finding/E2024-MID-F3");
        EXPECTED.put("FindingCorrected.v1", "evaluation/E2024-MID/finding/E2024-MID-F1");
        EXPECTED.put("FindingWithdrawn.v1", "evaluation/E2024-MID/finding/E2024-MID-F2");
        EXPECTED.put("EvaluationPublished.v1", "evaluation/E2024-MID");
        EXPECTED.put("PlanClosed.v1", "plan");
        EXPECTED.put("PlanSuperseded.v1", "plan");
    }

    private final PlanCloudEvents cloudEvents = new PlanCloudEvents(SERIALIZER, "https://registry.example.org/");

    @Test
    void everyEventTypeHasItsOwnTypeSubjectAndSchema() throws Exception {
        List<PlanEvent> examples = EveryEventType.examples();
        Map<String, String> actual = new LinkedHashMap<>();
        for (int i = 0; i < examples.size(); i++) {
            PlanEvent event = examples.get(i);
            CloudEvent cloudEvent = cloudEvents.of(stored(event, i, 100 + i));
            String type = cloudEvent.getType().substring(EventTypes.PREFIX.length());
            actual.put(type, cloudEvent.getSubject());

            assertThat(cloudEvent.getDataSchema()).hasToString("https://registry.example.org/api/schemas/" + type
                    + ".json");
            assertThat(cloudEvent.getExtension("sequence")).isEqualTo(String.format("%019d", 100 + i));
            assertThat(cloudEvent.getExtension("planversion")).isEqualTo(i);
            assertThat(cloudEvent.getExtension("actor")).isEqualTo("registrar.li");
            assertThat(cloudEvent.getExtension("role")).isEqualTo("REGISTRAR");
            // Read from the stored JSON, not the decoded event: both must say the same.
            assertThat(cloudEvent.getSource()).hasToString("/plans/" + event.planCode());
            assertThat(cloudEvent.getExtension("effectivedate")).as(type)
                    .isEqualTo(event.effectiveFrom() != null ? event.effectiveFrom().toString() : "2024-07-01");
            assertThat(JSON.readTree(cloudEvent.getData().toBytes())).isEqualTo(JSON.valueToTree(event));
            JsonNode structured = JSON.readTree(PlanCloudEvents.json(cloudEvent));
            assertThat(structured.get("data")).as("data inline as JSON, not base64").isEqualTo(JSON.valueToTree(event));
            assertThat(structured.get("planversion").isInt()).as("planversion a JSON number").isTrue();
            assertThat(JSON.readTree(cloudEvents.json(stored(event, i, 100 + i)))).as("written straight: %s", type)
                    .isEqualTo(structured);
        }
        assertThat(actual).containsExactlyEntriesOf(EXPECTED);
    }

    @Test
    void theSequenceOrdersAsTextAsItDoesAsANumber() {
        assertThat(PlanCloudEvents.sequence(9)).isLessThan(PlanCloudEvents.sequence(10));
        assertThat(PlanCloudEvents.sequence(Long.MAX_VALUE)).isEqualTo(Long.toString(Long.MAX_VALUE));
        assertThat(PlanCloudEvents.sequence(0)).isEqualTo("0000000000000000000");
        assertThat(PlanCloudEvents.sequence(1234)).isEqualTo("0000000000000001234");
    }

    private static GenericDomainEventMessage<PlanEvent> stored(PlanEvent event, long version, long sequence) {
        return new GenericDomainEventMessage<>("Plan", event.planCode(), version, event,
                Map.of(MongoEventStorageEngine.GLOBAL_SEQUENCE, sequence, "actor", "registrar.li", "role", "REGISTRAR",
                        "correlationId", "corr-" + version), "event-" + version,
                // A fraction with a trailing zero: the time must be written as the SDK writes it.
                Instant.parse("2024-07-01T08:00:00.150Z"));
    }
}
