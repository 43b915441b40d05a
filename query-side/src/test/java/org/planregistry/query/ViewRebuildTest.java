package org.planregistry.query;

import static com.mongodb.client.model.Filters.in;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.Baseline;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorBaselineCorrectedEvent;
import org.planregistry.api.PlanEvent.IndicatorRetiredEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.PlanEvent.TaskAmendedEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.consistency.ViewProgress;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

class ViewRebuildTest extends QuerySideTestSupport {

    private static final List<String> VIEWS = List.of("plan-timeline", "audit");
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @Autowired
    TokenStore tokenStore;
    @Autowired
    ViewProgress progress;
    @Autowired
    MongoEventStorageEngine storageEngine;
    @Autowired
    MongoDatabase registryDatabase;

    @Test
    void aRebuiltViewAnswersExactlyAsTheLiveOneDid() throws Exception {
        long last = eventfulPlan("REBUILD");
        Map<String, JsonNode> live = answers("REBUILD", last);
        List<Document> liveDocuments = documents("REBUILD", last);

        ResponseEntity<String> started = exchange(HttpMethod.POST, "/api/admin/views/rebuild", "application/json");
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.ACCEPTED);
        assertThat(read(started.getBody()).path("state").asText()).isEqualTo("RUNNING");
        JsonNode status = awaitRebuild();

        assertThat(status.path("state").asText()).isEqualTo("DONE");
        assertThat(status.path("progress").asText()).startsWith("replayed ");
        assertThat(answers("REBUILD", last)).isEqualTo(live);
        assertThat(documents("REBUILD", last)).isEqualTo(liveDocuments);
    }

    @Test
    void aRebuildNeedsTheOperatorsSignIn() {
        ResponseEntity<String> anonymous = http.exchange(org.springframework.http.RequestEntity
                .post(java.net.URI.create("/api/admin/views/rebuild")).build(), String.class);
        assertThat(anonymous.getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aRedeliveredEventChangesNothing() throws Exception {
        long last = eventfulPlan("REDELIVER");
        Map<String, JsonNode> live = answers("REDELIVER", last);
        List<Document> liveDocuments = documents("REDELIVER", last);

        long head = storageEngine.lastAllocatedSequence();
        for (String view : VIEWS) {
            redeliverEverything(view);
        }
        awaitProcessed(head);

        assertThat(answers("REDELIVER", last)).isEqualTo(live);
        assertThat(documents("REDELIVER", last)).isEqualTo(liveDocuments);
    }

    /** Moves the view's token back to the start without a reset: every event arrives a second time. */
    private void redeliverEverything(String view) {
        TrackingEventProcessor processor = progress.processor(view).orElseThrow();
        processor.shutDown();
        tokenStore.fetchToken(view, 0);
        tokenStore.storeToken(GapAwareTrackingToken.newInstance(0, List.of()), view, 0);
        tokenStore.releaseClaim(view, 0);
        processor.start();
    }

    private void awaitProcessed(long head) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!VIEWS.stream().allMatch(view -> progress.hasProcessed(view, head))) {
            assertThat(System.nanoTime() < deadline).as("views caught up in time").isTrue();
            Thread.sleep(50);
        }
    }

    private JsonNode awaitRebuild() throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        JsonNode status = get("/api/admin/views/rebuild");
        while (status.path("state").asText().equals("RUNNING")) {
            assertThat(System.nanoTime() < deadline).as("rebuild done in time: %s", status).isTrue();
            Thread.sleep(100);
            status = get("/api/admin/views/rebuild");
        }
        return status;
    }

    private Map<String, JsonNode> answers(String plan, long last) {
        String fixed = "knownAt=2025-01-01T00:00:00Z&minSequence=" + last; // after every recording, not ahead of now
        Map<String, JsonNode> answers = new LinkedHashMap<>();
        for (String asOf : List.of("2022-06-30", "2023-06-30", "2024-06-30")) {
            answers.put("plan " + asOf, get("/api/plans/" + plan + "?asOf=" + asOf + "&" + fixed));
            answers.put("progress " + asOf, get("/api/plans/" + plan + "/progress?asOf=" + asOf + "&" + fixed));
        }
        answers.put("diff", get("/api/plans/" + plan + "/diff?from=2022-06-30&to=2024-06-30&" + fixed));
        answers.put("history", get("/api/plans/" + plan + "/indicators/I01/history?minSequence=" + last));
        answers.put("audit", get("/api/audit?plan=" + plan + "&minSequence=" + last));
        return answers;
    }

    /** The stored documents of the plan's views, exactly as MongoDB holds them. */
    private List<Document> documents(String plan, long last) {
        get("/api/plans/" + plan + "?minSequence=" + last);
        List<Document> documents = new ArrayList<>();
        Document planDocument = registryDatabase.getCollection("plans").find(new Document("_id", plan)).first();
        documents.add(planDocument);
        List<Document> elements = registryDatabase.getCollection("plan_elements").find(in("_id", planDocument
                .getList("elements", Document.class).stream().map(ref -> ref.getString("key")).toList()))
                .into(new ArrayList<>());
        documents.addAll(elements);
        // The elements' versions, in buckets (docs/queries.md): every one the elements count.
        registryDatabase.getCollection("plan_element_versions").find(in("element", elements.stream()
                .map(element -> element.getString("_id")).toList())).forEach(documents::add);
        documents.sort((a, b) -> String.valueOf(a.get("_id")).compareTo(String.valueOf(b.get("_id"))));
        return documents;
    }

    private long eventfulPlan(String plan) {
        ShenzhenPlan.adopt(registrar, plan);
        registrar.record("2022-03-01T02:00:00Z", new MilestoneSetEvent(plan, "I01", 2023, null,
                new BigDecimal("5200"), LocalDate.of(2022, 3, 1), null, null));
        registrar.record("2023-02-01T02:00:00Z", new TaskAmendedEvent(plan, "T1.2", "深化外汇管理改革",
                "探索资本项目可兑换的实施路径。", LocalDate.of(2023, 2, 1), "title shortened", null));
        LocalDate evaluated = LocalDate.of(2023, 4, 10);
        registrar.record("2023-04-10T02:00:00Z", "evaluator.zhao", new EvaluationOpenedEvent(plan, "E2022",
                EvaluationKind.ANNUAL, "第三方评估机构", 2022, 2022, evaluated));
        registrar.record("2023-04-10T02:00:00Z", "evaluator.zhao", IndicatorProgressTest.finding(plan, "F1", "I01",
                "4738.8", Assessment.AT_RISK, evaluated));
        registrar.record("2023-04-20T02:00:00Z", "evaluator.zhao", new FindingCorrectedEvent(plan, "E2022", "F1",
                new BigDecimal("4750.1"), Assessment.AT_RISK, null, null, evaluated, "typo"));
        registrar.record("2023-04-30T02:00:00Z", "evaluator.zhao", new EvaluationPublishedEvent(plan, "E2022",
                LocalDate.of(2023, 4, 30)));
        registrar.record("2023-06-01T02:00:00Z", new IndicatorRetiredEvent(plan, "I02", LocalDate.of(2023, 7, 1),
                "no longer tracked", null));
        registrar.record("2024-03-01T08:00:00Z", new IndicatorTargetRevisedEvent(plan, "I01",
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2024, 1, 1),
                "mid-term adjustment", "深府办〔2024〕5号"));
        return registrar.record("2024-05-10T03:00:00Z", new IndicatorBaselineCorrectedEvent(plan, "I03",
                new Baseline(2020, new BigDecimal("10.2")), new Baseline(2020, new BigDecimal("10.1")),
                LocalDate.of(2022, 1, 1), "the indicator table is the authority", null));
    }
}
