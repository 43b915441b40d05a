package org.planregistry.command.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Baseline;
import org.planregistry.api.Nature;
import org.planregistry.api.Period;
import org.planregistry.api.PlanEvent.IndicatorAdoptedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.PlanAdoptedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.command.CommandSideTest;
import org.planregistry.eventstore.EventJson;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.eventstore.upcasting.RevisionOneRegistry;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * A store written while {@code IndicatorTargetRevisedEvent} was at revision 1 keeps working: the plan loads from
 * its revision-1 documents, written straight into MongoDB as an older registry left them, and accepts a further
 * command that depends on the target that revision set.
 */
class RevisionOneStoreTest extends CommandSideTest {

    private static final String TYPE = "org.planregistry.api.PlanEvent$IndicatorTargetRevisedEvent";
    private static final LocalDate ADOPTED = LocalDate.of(2022, 1, 1);

    @Autowired
    private MongoEventStorageEngine engine;
    @Autowired
    @org.springframework.beans.factory.annotation.Qualifier("eventSerializer")
    private Serializer eventSerializer;

    @Test
    void theEngineOfTheCommandSideUpcastsRevisionOne() {
        GenericDomainEventEntry<String> stored = new GenericDomainEventEntry<>("Plan", "P", 2, "id",
                "2024-03-01T08:00:00Z", TYPE, "1", "{\"planCode\":\"P\",\"decisionRef\":\"深府〔2024〕1号\"}", "{}");

        List<IntermediateEventRepresentation> upcast = engine.upcasters()
                .upcast(Stream.of(new InitialEventRepresentation(stored, eventSerializer))).toList();

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo("2");
            assertThat(event.getData(JsonNode.class).getData().has("decisionDate")).isTrue();
        });
    }

    @Test
    void aPlanWrittenAtRevisionOneLoadsAndAcceptsAFurtherRevision() throws Exception {
        String plan = "REVISION-ONE-PLAN";
        Target adopted = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);
        Target revised = new Target(2025, new BigDecimal("7000"), Qualifier.AT_LEAST);
        RevisionOneRegistry older = new RevisionOneRegistry(database);
        Map<String, String> metaData = Map.of("actor", "registrar", "role", "REGISTRAR", "correlationId", "rev1");
        older.append(0, new PlanAdoptedEvent(plan, "旧规划", null, "2022-01", ADOPTED, new Period(2021, 2025), null,
                null), Instant.parse("2022-01-05T02:00:00Z"), metaData);
        older.append(1, new IndicatorAdoptedEvent(plan, "I01", 1, "总体指标", null, "金融业增加值", "亿元",
                Nature.EXPECTED, new Baseline(2020, new BigDecimal("4189.6")), adopted, List.of(), ADOPTED, null,
                null), Instant.parse("2022-01-05T02:00:00Z"), metaData);
        long atRevisionOne = older.append(2, new IndicatorTargetRevisedEvent(plan, "I01", adopted, revised,
                LocalDate.of(2024, 1, 1), "经济形势变化", "深府〔2024〕1号", null),
                Instant.parse("2024-03-01T08:00:00Z"), metaData);
        assertThat(event(atRevisionOne).getString("payloadRevision")).isEqualTo("1");
        assertThat(EventJson.mapper().readTree(event(atRevisionOne).getString("payload")).has("decisionDate"))
                .as("written as revision 1").isFalse();
        String revisions = "/api/plans/" + plan + "/indicators/I01/revisions";

        ResponseEntity<Map> unchanged = post(revisions, """
                {"target": {"value": "7000.0", "qualifier": "AT_LEAST"}, "effectiveFrom": "2024-06-01",
                 "reason": "再调整"}""");
        ResponseEntity<Map> further = post(revisions, """
                {"target": {"value": "7500", "qualifier": "ABOUT"}, "effectiveFrom": "2024-07-01",
                 "reason": "再调整", "decisionRef": "深府〔2024〕9号", "decisionDate": "2024-06-20"}""");

        assertThat(unchanged.getStatusCode()).as("the target set at revision 1 is in force: %s", unchanged.getBody())
                .isEqualTo(HttpStatus.CONFLICT);
        assertThat(further.getStatusCode()).as("%s", further.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(((Number) further.getBody().get("version")).longValue()).isEqualTo(3L);
        Document stored = event(((Number) further.getBody().get("globalSequence")).longValue());
        assertThat(stored.getString("payloadRevision")).isEqualTo("2");
        JsonNode payload = EventJson.mapper().readTree(stored.getString("payload"));
        assertThat(payload.path("previousTarget").path("value").asText()).isEqualTo("7000");
        assertThat(payload.path("previousTarget").path("qualifier").asText()).isEqualTo("AT_LEAST");
        assertThat(payload.path("decisionDate").asText()).isEqualTo("2024-06-20");
        assertThat(stored.getString("previousHash")).as("the chain continues from the revision-1 event")
                .isEqualTo(event(atRevisionOne).getString("hash"));
    }

    private Document event(long globalSequence) {
        return database.getCollection("events").find(new Document("_id", globalSequence)).first();
    }

    private ResponseEntity<Map> post(String path, String body) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        return registrar().postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }
}
