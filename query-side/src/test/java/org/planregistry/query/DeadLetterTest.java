package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.TestPropertySource;

/**
 * An event a view cannot project is parked with its plan's later events, while every other plan's events are
 * projected; the operator sees the parked events (endpoint, health, metric) and retries them, in order.
 *
 * <p>Its faulty projection makes this a query side of its own; it keeps its own database, so that the other test
 * classes' query side, which may hold the processors' segments of theirs, does not project its events.
 */
@TestPropertySource(properties = "registry.test.database=dead-letters")
class DeadLetterTest extends QuerySideTestSupport {

    private static final Target ADOPTED = new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT);

    /**
     * A fault of the timeline view for the plans named in {@link #FAILING}: a target revision throws after both
     * timeline projections have applied it in memory (it runs after them), so parking must also undo their change.
     */
    @ProcessingGroup("plan-timeline")
    @Order(3)
    static class FaultyProjection {

        static final Set<String> FAILING = ConcurrentHashMap.newKeySet();

        @EventHandler
        void on(IndicatorTargetRevisedEvent revised) {
            if (FAILING.contains(revised.planCode())) {
                throw new IllegalStateException("the projection cannot handle this revision");
            }
        }
    }

    @TestConfiguration
    static class Faults {

        @Bean
        FaultyProjection faultyProjection() {
            return new FaultyProjection();
        }
    }

    @AfterEach
    void noFault() {
        FaultyProjection.FAILING.clear();
    }

    @Test
    void aPoisonEventIsParkedWithItsPlansLaterEventsWhileOtherPlansGoOnAndTheOperatorRetriesThem() {
        ShenzhenPlan.adopt(registrar, "DL-POISONED");
        ShenzhenPlan.adopt(registrar, "DL-HEALTHY");
        FaultyProjection.FAILING.add("DL-POISONED");
        long poisoned = registrar.record("2024-03-01T08:00:00Z", revision("DL-POISONED", "7000"));
        long behind = registrar.record("2024-03-02T08:00:00Z", new MilestoneSetEvent("DL-POISONED", "I01", 2023,
                null, new BigDecimal("5200"), LocalDate.of(2022, 3, 1), null, null));
        long healthy = registrar.record("2024-03-03T08:00:00Z", revision("DL-HEALTHY", "7100"));

        assertThat(target(get("/api/plans/DL-HEALTHY?asOf=2024-06-30&minSequence=" + healthy)))
                .as("another plan's later event is projected").isEqualTo("7100");
        JsonNode parkedPlan = get("/api/plans/DL-POISONED?asOf=2024-06-30");
        assertThat(target(parkedPlan)).as("the failed event is undone, not half applied").isEqualTo("6400");
        assertThat(PlanAsOfTest.indicator(parkedPlan, "I01").path("milestones").toString())
                .as("the plan's later event waits behind it").doesNotContain("5200");

        JsonNode parked = get("/api/admin/dead-letters");
        assertThat(parked.path("count").asInt()).isEqualTo(2);
        JsonNode failed = parked.path("letters").get(0);
        assertThat(failed.path("view").asText()).isEqualTo("plan-timeline");
        assertThat(failed.path("plan").asText()).isEqualTo("DL-POISONED");
        assertThat(failed.path("globalSequence").asLong()).isEqualTo(poisoned);
        assertThat(failed.path("eventType").asText()).isEqualTo("IndicatorTargetRevisedEvent");
        assertThat(failed.path("cause").asText()).contains("the projection cannot handle this revision");
        assertThat(failed.path("attempts").asInt()).isEqualTo(1);
        JsonNode waiting = parked.path("letters").get(1);
        assertThat(waiting.path("globalSequence").asLong()).isEqualTo(behind);
        assertThat(waiting.path("behind").asLong()).isEqualTo(poisoned);
        assertThat(get("/actuator/health").path("components").path("parkedEvents").path("details").path("parked")
                .asInt()).isEqualTo(2);
        assertThat(get("/actuator/metrics/registry.views.dead.letters").path("measurements").get(0).path("value")
                .asDouble()).isEqualTo(2.0);

        JsonNode stillFailing = post("/api/admin/dead-letters/retry");
        assertThat(stillFailing.path("retried").get(0).path("applied").asInt()).isZero();
        assertThat(stillFailing.path("retried").get(0).path("stillParked").path("globalSequence").asLong())
                .isEqualTo(poisoned);
        assertThat(stillFailing.path("parked").path("count").asInt()).isEqualTo(2);
        assertThat(stillFailing.path("parked").path("letters").get(0).path("attempts").asInt()).isEqualTo(2);
        assertThat(stillFailing.path("parked").path("letters").get(0).path("cause").asText())
                .contains("the projection cannot handle this revision");

        FaultyProjection.FAILING.clear(); // the fault is repaired (a new release, the store back …)
        JsonNode retried = post("/api/admin/dead-letters/retry?view=plan-timeline&plan=DL-POISONED");
        assertThat(retried.path("retried").get(0).path("applied").asInt()).as("%s", retried).isEqualTo(2);
        assertThat(retried.path("parked").path("count").asInt()).isZero();
        JsonNode repaired = get("/api/plans/DL-POISONED?asOf=2024-06-30&minSequence=" + behind);
        assertThat(target(repaired)).isEqualTo("7000");
        assertThat(PlanAsOfTest.indicator(repaired, "I01").path("milestones").toString()).contains("5200");
        assertThat(get("/actuator/metrics/registry.views.dead.letters").path("measurements").get(0).path("value")
                .asDouble()).isZero();
    }

    @Test
    void aRebuildForgetsTheParkedEventsAndAppliesThoseThatNoLongerFail() throws InterruptedException {
        ShenzhenPlan.adopt(registrar, "DL-REBUILT");
        FaultyProjection.FAILING.add("DL-REBUILT");
        long revised = registrar.record("2024-03-01T08:00:00Z", revision("DL-REBUILT", "7200"));
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (get("/api/admin/dead-letters").path("count").asInt() == 0) {
            assertThat(System.nanoTime()).as("parked in time").isLessThan(deadline);
            Thread.sleep(50);
        }
        FaultyProjection.FAILING.clear(); // the release that fixes it is deployed, and the views rebuilt

        assertThat(exchange(HttpMethod.POST, "/api/admin/views/rebuild", "application/json").getStatusCode())
                .isEqualTo(HttpStatus.ACCEPTED);
        while (get("/api/admin/views/rebuild").path("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime()).as("rebuilt in time").isLessThan(deadline);
            Thread.sleep(100);
        }

        assertThat(get("/api/admin/dead-letters").path("count").asInt()).isZero();
        assertThat(target(get("/api/plans/DL-REBUILT?asOf=2024-06-30&minSequence=" + revised))).isEqualTo("7200");
    }

    private static IndicatorTargetRevisedEvent revision(String plan, String target) {
        return new IndicatorTargetRevisedEvent(plan, "I01", ADOPTED, new Target(2025, new BigDecimal(target),
                Qualifier.ABOUT), LocalDate.of(2024, 1, 1), "mid-term adjustment", "深府办〔2024〕5号");
    }

    private static String target(JsonNode plan) {
        return PlanAsOfTest.indicator(plan, "I01").path("target").path("value").asText();
    }

    private JsonNode post(String path) {
        ResponseEntity<String> answer = exchange(HttpMethod.POST, path, "application/json");
        assertThat(answer.getStatusCode()).as("POST %s answered %s", path, answer.getBody()).isEqualTo(HttpStatus.OK);
        return read(answer.getBody());
    }
}
