package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ReadYourWritesTest extends QuerySideTestSupport {

    @Autowired
    MongoEventStorageEngine storageEngine;

    @Test
    void aQueryGivenThePositionOfAWriteWaitsUntilTheViewHasIt() throws Exception {
        long adopted = ShenzhenPlan.adopt(registrar, "RYW-WAIT");
        get("/api/plans/RYW-WAIT?minSequence=" + adopted);
        long next = storageEngine.lastAllocatedSequence() + 1;

        CompletableFuture<Long> written = CompletableFuture.supplyAsync(() -> {
            sleep(400);
            return new Registrar(eventStore).record("2024-03-01T08:00:00Z", new IndicatorTargetRevisedEvent(
                    "RYW-WAIT", "I01", new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                    new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                    "mid-term adjustment", null));
        });
        JsonNode plan = get("/api/plans/RYW-WAIT?asOf=2024-06-30&minSequence=" + next);
        JsonNode audit = get("/api/audit?plan=RYW-WAIT&type=IndicatorTargetRevised&minSequence=" + next);

        assertThat(written.get(5, TimeUnit.SECONDS)).isEqualTo(next);
        assertThat(PlanAsOfTest.indicator(plan, "I01").path("target").path("value").asText()).isEqualTo("7000");
        assertThat(plan.path("upToDate").path("lastSequence").asLong()).isEqualTo(next);
        assertThat(audit.path("entries").get(0).path("globalSequence").asLong()).isEqualTo(next);
    }

    @Test
    void aPositionTheViewCannotReachInTimeIsAnswered503WithRetryAfter() {
        long adopted = ShenzhenPlan.adopt(registrar, "RYW-LATE");
        get("/api/plans/RYW-LATE?minSequence=" + adopted);

        ResponseEntity<String> plan = exchange(HttpMethod.GET, "/api/plans/RYW-LATE?minSequence=999999999",
                "application/json");
        ResponseEntity<String> audit = exchange(HttpMethod.GET, "/api/audit?minSequence=999999999",
                "application/json");

        assertThat(plan.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(plan.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(plan.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(read(plan.getBody()).path("detail").asText())
                .startsWith("view plan-timeline has not yet processed global sequence 999999999");
        assertThat(audit.getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
