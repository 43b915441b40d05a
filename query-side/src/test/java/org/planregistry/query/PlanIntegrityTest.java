package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;

class PlanIntegrityTest extends QuerySideTestSupport {

    @Autowired
    MongoDatabase registryDatabase;

    @Test
    void anUntouchedPlanVerifiesAndItsDigestIsTheChainHead() {
        ShenzhenPlan.adopt(registrar, "CHAIN-OK");
        JsonNode report = get("/api/plans/CHAIN-OK/audit/verify");
        assertThat(report.path("intact").asBoolean()).isTrue();
        long events = report.path("events").asLong();
        assertThat(events).isPositive();
        JsonNode digest = get("/api/plans/CHAIN-OK/audit/digest");
        assertThat(digest.path("sequenceNumber").asLong()).isEqualTo(events - 1);
        assertThat(digest.path("hash").asText()).hasSize(64).isEqualTo(report.path("head").path("hash").asText());
    }

    @Test
    void aRewrittenEventIsNamedAsTheFirstBrokenLink() {
        ShenzhenPlan.adopt(registrar, "CHAIN-TAMPERED");
        Document second = registryDatabase.getCollection("events")
                .find(new Document("aggregateKey", "CHAIN-TAMPERED/1")).first();
        registryDatabase.getCollection("events").updateOne(new Document("_id", second.get("_id")),
                new Document("$set", new Document("metaData", second.getString("metaData")
                        .replace("registrar", "someone-else"))));

        JsonNode report = get("/api/plans/CHAIN-TAMPERED/audit/verify");
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(report.path("firstBroken").path("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(report.path("problem").asText()).contains("changed");
        JsonNode problem = problem("/api/plans/CHAIN-TAMPERED/audit/digest", HttpStatus.CONFLICT);
        assertThat(problem.path("detail").asText()).contains("broken at event 1");
    }

    @Test
    void anUnknownPlanIsNotFound() {
        JsonNode problem = problem("/api/plans/NO-SUCH-PLAN/audit/verify", HttpStatus.NOT_FOUND);
        assertThat(problem.path("parameter").asText()).isEqualTo("plan");
    }
}
