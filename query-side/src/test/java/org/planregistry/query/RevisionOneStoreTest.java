package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.upcasting.RevisionOneRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.ResponseEntity;

/**
 * {@code IndicatorTargetRevisedEvent} revision 2 on the query side. A store written at revision 1, straight into
 * MongoDB as an older registry left it, gives exactly the views the same history written at revision 2 gives; and a
 * decision date, when recorded, is shown beside the decision reference in the indicator history and the audit log.
 */
class RevisionOneStoreTest extends QuerySideTestSupport {

    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);
    private static final String ADOPTION_RECORDED = "2022-01-05T02:00:00Z";

    @Autowired
    MongoDatabase database;
    @Autowired
    MongoEventStorageEngine engine;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("eventSerializer")
    Serializer eventSerializer;

    /** One recorded event of the history both stores hold. */
    private record Recorded(String recordedAt, String actor, PlanEvent event) {
    }

    private static List<Recorded> history(String plan) {
        Target adopted = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);
        Target raised = new Target(2025, new BigDecimal("7000"), Qualifier.AT_LEAST);
        Target lowered = new Target(2025, new BigDecimal("6000"), Qualifier.ABOUT);
        return List.of(
                new Recorded(ADOPTION_RECORDED, "registrar.li", new PlanAdoptedEvent(plan, "深圳市金融业高质量发展“十四五”规划",
                        null, "2022-01", ADOPTED, new Period(2021, 2025), 2035, "source.txt")),
                new Recorded(ADOPTION_RECORDED, "registrar.li", new IndicatorAdoptedEvent(plan, "I01", 1, "总体指标",
                        null, "金融业增加值", "亿元", Nature.EXPECTED, new Baseline(2020, new BigDecimal("4189.6")),
                        adopted, List.of(), ADOPTED, null, null)),
                new Recorded("2023-02-01T02:00:00Z", "registrar.wang", new IndicatorTargetRevisedEvent(plan, "I01",
                        adopted, raised, LocalDate.of(2023, 1, 1), "经济形势变化", "深府〔2023〕2号", null)),
                new Recorded("2023-03-01T02:00:00Z", "registrar.li", new MilestoneSetEvent(plan, "I01", 2023, null,
                        new BigDecimal("5200"), LocalDate.of(2023, 3, 1), "规划分解", "深金管〔2023〕20号")),
                // Recorded in 2024, effective from mid-2024: pending as of early 2024, in force after.
                new Recorded("2024-03-01T08:00:00Z", "registrar.wang", new IndicatorTargetRevisedEvent(plan, "I01",
                        raised, lowered, LocalDate.of(2024, 7, 1), "中期评估后调整", "深府函〔2024〕88号", null)));
    }

    @Test
    void viewsOfAStoreWrittenAtRevisionOneEqualThoseOfTheSameHistoryAtRevisionTwo() {
        String older = "REV1-STORE";
        String current = "REV2-STORE";
        RevisionOneRegistry revisionOne = new RevisionOneRegistry(database);
        long sequence = 0;
        long lastOlder = 0;
        for (Recorded recorded : history(older)) {
            lastOlder = revisionOne.append(sequence, recorded.event(), Instant.parse(recorded.recordedAt()),
                    Map.of("actor", recorded.actor(), "role", "REGISTRAR",
                            "correlationId", "corr-" + older + "-" + sequence));
            sequence++;
        }
        long lastCurrent = 0;
        for (Recorded recorded : history(current)) {
            lastCurrent = registrar.record(recorded.recordedAt(), recorded.actor(), recorded.event());
        }
        assertThat(database.getCollection("events").find(new Document("aggregateIdentifier", older)
                .append("payloadRevision", "1").append("payloadType",
                        "org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent")).into(new ArrayList<>()))
                .as("the older plan's revisions are stored at revision 1").hasSize(2);

        String now = "knownAt=2025-01-01T00:00:00Z&";
        for (String query : List.of("/indicators/I01/history?", "?asOf=2023-12-31&" + now, "?asOf=2024-03-31&" + now,
                "?asOf=2024-12-31&" + now, "?asOf=2024-12-31&knownAt=2024-01-01T00:00:00Z&",
                "/progress?asOf=2024-12-31&" + now)) {
            JsonNode fromOlder = get("/api/plans/" + older + query + "minSequence=" + lastOlder);
            JsonNode fromCurrent = get("/api/plans/" + current + query + "minSequence=" + lastCurrent);

            assertThat(comparable(fromOlder, older)).as(query).isEqualTo(comparable(fromCurrent, current));
        }
        JsonNode history = get("/api/plans/" + older + "/indicators/I01/history?minSequence=" + lastOlder);
        assertThat(history.path("versions")).extracting(v -> v.path("type").asText())
                .contains("IndicatorTargetRevised");
        JsonNode chain = get("/api/plans/" + older + "/audit/verify");
        assertThat(chain.path("intact").asBoolean()).as("the revision-1 documents verify as stored: %s", chain)
                .isTrue();
        assertThat(chain.path("events").asLong()).isEqualTo(5);
        JsonNode audit = get("/api/audit?plan=" + older + "&minSequence=" + lastOlder);
        JsonNode auditCurrent = get("/api/audit?plan=" + current + "&minSequence=" + lastCurrent);
        assertThat(comparable(audit, older)).isEqualTo(comparable(auditCurrent, current));
    }

    @Test
    void theEngineOfTheQuerySideUpcastsRevisionOne() {
        GenericDomainEventEntry<String> stored = new GenericDomainEventEntry<>("Plan", "P", 2, "id",
                "2024-03-01T08:00:00Z", "org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent", "1",
                "{\"planCode\":\"P\",\"decisionRef\":\"深府〔2024〕1号\"}", "{}");

        List<IntermediateEventRepresentation> upcast = engine.upcasters()
                .upcast(Stream.of(new InitialEventRepresentation(stored, eventSerializer))).toList();

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            assertThat(event.getData(JsonNode.class).getData().has("decisionDate")).isTrue();
        });
    }

    @Test
    void theDecisionDateIsShownBesideTheDecisionReference() {
        String plan = "DECISION-DATE";
        Target adopted = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);
        registrar.record(ADOPTION_RECORDED, new PlanAdoptedEvent(plan, "规划", null, "2022-01", ADOPTED,
                new Period(2021, 2025), null, null));
        registrar.record(ADOPTION_RECORDED, new IndicatorAdoptedEvent(plan, "I01", 1, "总体指标", null, "金融业增加值",
                "亿元", Nature.EXPECTED, null, adopted, List.of(), ADOPTED, null, null));
        long revised = registrar.record("2024-07-02T01:38:05Z", "registrar.wang", new IndicatorTargetRevisedEvent(plan,
                "I01", adopted, new Target(2025, new BigDecimal("6000"), Qualifier.ABOUT), LocalDate.of(2024, 7, 1),
                "中期评估后调整", "深府函〔2024〕88号", LocalDate.of(2024, 6, 24)));

        JsonNode history = get("/api/plans/" + plan + "/indicators/I01/history?minSequence=" + revised);
        JsonNode audit = get("/api/audit?plan=" + plan + "&minSequence=" + revised);
        ResponseEntity<byte[]> csv = client("/api/audit.csv").getForEntity("/api/audit.csv?plan=" + plan + "&minSequence=" + revised,
                byte[].class);

        JsonNode revision = history.path("versions").get(history.path("versions").size() - 1);
        assertThat(revision.path("decisionRef").asText()).isEqualTo("深府函〔2024〕88号");
        assertThat(revision.path("decisionDate").asText()).isEqualTo("2024-06-24");
        assertThat(history.path("versions").get(0).path("decisionDate").isNull())
                .as("no decision date where none was recorded").isTrue();
        JsonNode entry = entry(audit, revised);
        assertThat(entry.path("decisionRef").asText()).isEqualTo("深府函〔2024〕88号");
        assertThat(entry.path("decisionDate").asText()).isEqualTo("2024-06-24");
        String[] lines = new String(csv.getBody(), StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[lines.length - 1]).contains(",深府函〔2024〕88号,2024-06-24,");
    }

    private static JsonNode entry(JsonNode audit, long globalSequence) {
        for (JsonNode entry : audit.path("entries")) {
            if (entry.path("globalSequence").asLong() == globalSequence) {
                return entry;
            }
        }
        throw new AssertionError("no audit entry " + globalSequence + " in " + audit);
    }

    /**
     * A view with what necessarily differs between two stores left out: positions in the store (global sequences,
     * the statements that cite them), event and correlation identifiers, and the plan code.
     */
    private static JsonNode comparable(JsonNode view, String plan) {
        return strip(view.deepCopy(), text -> text.replace(plan, "PLAN"));
    }

    private static JsonNode strip(JsonNode node, Function<String, String> text) {
        if (node instanceof ObjectNode object) {
            Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
            List<String> removed = new ArrayList<>();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                String name = field.getKey();
                if (name.equals("globalSequence") || name.equals("lastSequence") || name.equals("upToDate")
                        || name.equals("correlationId") || name.equals("head") || name.equals("next")) {
                    removed.add(name);
                } else {
                    object.set(name, strip(field.getValue(), text));
                }
            }
            object.remove(removed);
            return object;
        }
        if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, strip(array.get(i), text));
            }
            return array;
        }
        return node.isTextual() ? TextNode.valueOf(text.apply(node.asText())) : node;
    }
}
