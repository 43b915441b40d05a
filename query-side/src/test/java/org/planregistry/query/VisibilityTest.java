package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.net.URI;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Assessment;
import org.planregistry.api.EvaluationKind;
import org.planregistry.api.PlanEvent.EvaluationOpenedEvent;
import org.planregistry.api.PlanEvent.EvaluationPublishedEvent;
import org.planregistry.api.PlanEvent.FindingCorrectedEvent;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.PlanEvent.IndicatorTargetRevisedEvent;
import org.planregistry.api.PlanEvent.MilestoneSetEvent;
import org.planregistry.api.Qualifier;
import org.planregistry.api.SubjectKind;
import org.planregistry.api.Target;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * docs/security.md, "What is public and who sees what": every reading path answers the public and signed-in readers
 * without an evaluation that is not published (nor its findings, nor the dates only they create), evaluators and
 * auditors with it, and everyone with it once it is published; the names of the people who recorded things only to
 * signed-in readers.
 *
 * <p>Each plan has a published evaluation {@code E-PUB} (a finding on I01) and an open one {@code E-OPEN} (a
 * finding on I03, recorded 2024-04-15 and corrected 2024-04-20, dates nothing else has), a target revision by a
 * named registrar taking effect in 2025, and a milestone recorded last.
 */
class VisibilityTest extends QuerySideTestSupport {

    private static final String REGISTRAR_NAME = "registrar.wang";
    private static final String EVALUATOR_NAME = "evaluator.zhao";

    @LocalServerPort
    int port;

    /** The four audiences: anonymous, signed in without an evaluator's or auditor's role, evaluator, auditor. */
    private enum As { PUBLIC, READER, EVALUATOR, AUDITOR }

    private static final List<As> SEE_UNPUBLISHED = List.of(As.EVALUATOR, As.AUDITOR);
    private static final List<As> DO_NOT = List.of(As.PUBLIC, As.READER);

    @Test
    void thePlanAsOfADateShowsAnUnpublishedEvaluationAndItsFindingsToEvaluatorsAndAuditorsOnly() {
        long last = plan("VIS-ASOF");
        String path = "/api/plans/VIS-ASOF?asOf=2024-06-30&minSequence=" + last;

        for (As reader : DO_NOT) {
            JsonNode plan = read(reader, path);
            assertThat(ids(plan.get("evaluations"), "id")).as("%s", reader).containsExactly("E-PUB");
            assertThat(PlanAsOfTest.indicator(plan, "I03").get("latestFinding").isNull()).as("%s", reader).isTrue();
            assertThat(PlanAsOfTest.indicator(plan, "I01").path("latestFinding").path("evaluationId").asText())
                    .isEqualTo("E-PUB");
        }
        for (As reader : SEE_UNPUBLISHED) {
            JsonNode plan = read(reader, path);
            assertThat(ids(plan.get("evaluations"), "id")).as("%s", reader).containsExactly("E-PUB", "E-OPEN");
            assertThat(PlanAsOfTest.indicator(plan, "I03").path("latestFinding").path("observedValue").asText())
                    .as("%s", reader).isEqualTo("13.9");
        }
    }

    @Test
    void pendingChangesLeaveOutUnpublishedFindingsAndNameTheRecorderToSignedInReadersOnly() {
        long last = plan("VIS-PENDING");
        String path = "/api/plans/VIS-PENDING?asOf=2024-04-01&minSequence=" + last;

        for (As reader : DO_NOT) {
            JsonNode plan = read(reader, path);
            assertThat(ids(plan.get("pendingChanges"), "element")).as("%s", reader)
                    .doesNotContain("evaluation E-OPEN");
            assertThat(plan.get("pendingChangeCount").asInt()).as("%s", reader).isEqualTo(2); // revision, milestone
        }
        JsonNode evaluators = read(As.EVALUATOR, path);
        assertThat(ids(evaluators.get("pendingChanges"), "element")).contains("evaluation E-OPEN");
        assertThat(evaluators.get("pendingChangeCount").asInt()).isGreaterThan(2);

        JsonNode revisionForThePublic = revision(read(As.PUBLIC, path).get("pendingChanges"));
        assertThat(revisionForThePublic.get("actor").isNull()).isTrue();
        assertThat(revisionForThePublic.get("role").asText()).isEqualTo("REGISTRAR");
        assertThat(revisionForThePublic.get("reason").asText()).isEqualTo("中期调整");
        assertThat(revisionForThePublic.get("decisionRef").asText()).isEqualTo("深府办〔2024〕5号");
        for (As reader : List.of(As.READER, As.EVALUATOR, As.AUDITOR)) {
            assertThat(revision(read(reader, path).get("pendingChanges")).get("actor").asText()).as("%s", reader)
                    .isEqualTo(REGISTRAR_NAME);
        }
    }

    @Test
    void anIndicatorsHistoryHasTheUnpublishedFindingsForEvaluatorsAndAuditorsOnlyAndNamesForSignedInReaders() {
        long last = plan("VIS-HISTORY");
        String i03 = "/api/plans/VIS-HISTORY/indicators/I03/history?minSequence=" + last;
        String i01 = "/api/plans/VIS-HISTORY/indicators/I01/history?minSequence=" + last;

        for (As reader : DO_NOT) {
            assertThat(read(reader, i03).get("findings")).as("%s", reader).isEmpty();
        }
        for (As reader : SEE_UNPUBLISHED) {
            JsonNode findings = read(reader, i03).get("findings");
            assertThat(ids(findings, "evaluationId")).as("%s", reader).containsExactly("E-OPEN");
            assertThat(findings.get(0).get("versions")).hasSize(2);
        }
        assertThat(actors(read(As.PUBLIC, i01))).containsOnlyNulls();
        assertThat(read(As.PUBLIC, i01).findValuesAsText("role")).contains("REGISTRAR", "EVALUATOR");
        assertThat(actors(read(As.READER, i01))).contains(REGISTRAR_NAME, EVALUATOR_NAME).doesNotContainNull();
    }

    @Test
    void theDiffLeavesOutAnUnpublishedEvaluationAndNamesForThePublic() {
        long last = plan("VIS-DIFF");
        String path = "/api/plans/VIS-DIFF/diff?from=2022-06-30&to=2025-06-30&minSequence=" + last;

        for (As reader : DO_NOT) {
            assertThat(ids(read(reader, path).get("added"), "element")).as("%s", reader)
                    .containsExactly("evaluation E-PUB");
        }
        for (As reader : SEE_UNPUBLISHED) {
            assertThat(ids(read(reader, path).get("added"), "element")).as("%s", reader)
                    .containsExactly("evaluation E-PUB", "evaluation E-OPEN");
        }
        assertThat(actors(read(As.PUBLIC, path))).isNotEmpty().containsOnlyNulls();
        assertThat(actors(read(As.READER, path))).contains(REGISTRAR_NAME, EVALUATOR_NAME);
    }

    @Test
    void progressComparesOnlyPublishedFindingsForThePublic() {
        long last = plan("VIS-PROGRESS");
        String path = "/api/plans/VIS-PROGRESS/progress?asOf=2024-06-30&minSequence=" + last;

        for (As reader : DO_NOT) {
            JsonNode i03 = PlanAsOfTest.indicator(read(reader, path), "I03");
            assertThat(i03.get("status").asText()).as("%s", reader).isEqualTo("NO_DATA");
            assertThat(i03.get("latestFinding").isNull()).isTrue();
        }
        for (As reader : SEE_UNPUBLISHED) {
            JsonNode i03 = PlanAsOfTest.indicator(read(reader, path), "I03");
            assertThat(i03.path("latestFinding").path("evaluationId").asText()).as("%s", reader)
                    .isEqualTo("E-OPEN");
        }
    }

    @Test
    void theReportOfAnUnpublishedEvaluationIsNotFoundForThePublic() {
        long last = plan("VIS-REPORT");
        String open = "/api/plans/VIS-REPORT/evaluations/E-OPEN/report?minSequence=" + last;

        for (As reader : DO_NOT) {
            assertThat(exchange(reader, open).getStatusCode()).as("%s", reader).isEqualTo(HttpStatus.NOT_FOUND);
            assertThat(read(reader, "/api/plans/VIS-REPORT/evaluations/E-PUB/report").get("published").asBoolean())
                    .isTrue();
        }
        for (As reader : SEE_UNPUBLISHED) {
            JsonNode report = read(reader, open);
            assertThat(report.get("evaluation").asText()).isEqualTo("E-OPEN");
            assertThat(report.get("published").asBoolean()).isFalse();
        }
    }

    @Test
    void anIndicatorSeriesObservesOnlyPublishedFindingsForThePublic() {
        long last = plan("VIS-SERIES");
        String path = "/api/plans/VIS-SERIES/indicators/I03/series?asOf=2024-06-30&minSequence=" + last;

        for (As reader : DO_NOT) {
            assertThat(read(reader, path).get("segments").get(0).get("observations")).as("%s", reader).isEmpty();
        }
        for (As reader : SEE_UNPUBLISHED) {
            assertThat(ids(read(reader, path).get("segments").get(0).get("observations"), "evaluationId"))
                    .as("%s", reader).containsExactly("E-OPEN");
        }
    }

    @Test
    void aChangeDateOnlyAnUnpublishedFindingCreatesIsNotShownToThePublic() {
        long last = plan("VIS-DATES");
        String path = "/api/plans/VIS-DATES/change-dates?minSequence=" + last;

        for (As reader : DO_NOT) {
            assertThat(ids(read(reader, path).get("dates"), "date")).as("%s", reader)
                    .contains("2023-04-10", "2024-05-01")
                    .doesNotContain("2024-04-10", "2024-04-15", "2024-04-20");
        }
        for (As reader : SEE_UNPUBLISHED) {
            assertThat(ids(read(reader, path).get("dates"), "date")).as("%s", reader)
                    .contains("2024-04-10", "2024-04-15", "2024-04-20");
        }
    }

    @Test
    void theCatalogueCountsOnlyPublishedEvaluationsForThePublic() {
        long last = plan("VIS-CATALOGUE");
        String path = "/api/plans?minSequence=" + last;

        for (As reader : DO_NOT) {
            assertThat(catalogueEntry(read(reader, path), "VIS-CATALOGUE").path("elements").path("evaluations")
                    .asInt()).as("%s", reader).isEqualTo(1);
        }
        for (As reader : SEE_UNPUBLISHED) {
            assertThat(catalogueEntry(read(reader, path), "VIS-CATALOGUE").path("elements").path("evaluations")
                    .asInt()).as("%s", reader).isEqualTo(2);
        }
    }

    @Test
    void onceItIsPublishedEveryoneReadsTheWholeEvaluationAlsoAsKnownBeforeItsPublication() {
        plan("VIS-PUBLISHED");
        long published = registrar.record("2024-06-01T02:00:00Z", EVALUATOR_NAME,
                new EvaluationPublishedEvent("VIS-PUBLISHED", "E-OPEN", LocalDate.of(2024, 6, 1)));
        String plan = "/api/plans/VIS-PUBLISHED";
        String wait = "minSequence=" + published;

        JsonNode now = read(As.PUBLIC, plan + "?asOf=2024-06-30&" + wait);
        assertThat(ids(now.get("evaluations"), "id")).containsExactly("E-PUB", "E-OPEN");
        assertThat(PlanAsOfTest.indicator(now, "I03").path("latestFinding").path("observedValue").asText())
                .isEqualTo("13.9");
        // Known before the publication: the findings with their real recorded times, published false then.
        JsonNode before = read(As.PUBLIC, plan + "?asOf=2024-04-30&knownAt=2024-04-30T00:00:00Z&" + wait);
        assertThat(PlanAsOfTest.indicator(before, "I03").path("latestFinding").path("recordedAt").asText())
                .isEqualTo("2024-04-20T02:00:00Z");
        assertThat(before.get("evaluations").get(1).get("published").asBoolean()).isFalse();
        assertThat(read(As.PUBLIC, plan + "/indicators/I03/history?" + wait).get("findings")).hasSize(1);
        assertThat(ids(read(As.PUBLIC, plan + "/diff?from=2022-06-30&to=2025-06-30&" + wait).get("added"),
                "element")).contains("evaluation E-OPEN");
        assertThat(PlanAsOfTest.indicator(read(As.PUBLIC, plan + "/progress?asOf=2024-06-30&" + wait), "I03")
                .path("latestFinding").path("evaluationId").asText()).isEqualTo("E-OPEN");
        assertThat(exchange(As.PUBLIC, plan + "/evaluations/E-OPEN/report?" + wait).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(read(As.PUBLIC, plan + "/indicators/I03/series?" + wait).get("segments").get(0)
                .get("observations")).hasSize(1);
        assertThat(ids(read(As.PUBLIC, plan + "/change-dates?" + wait).get("dates"), "date"))
                .contains("2024-04-15", "2024-04-20", "2024-06-01");
        assertThat(catalogueEntry(read(As.PUBLIC, "/api/plans?" + wait), "VIS-PUBLISHED").path("elements")
                .path("evaluations").asInt()).isEqualTo(2);
        assertThat(subjects(feed(As.PUBLIC, "/api/events?plan=VIS-PUBLISHED"))).contains("evaluation/E-OPEN",
                "evaluation/E-OPEN/finding/F1");
    }

    @Test
    void theFeedLeavesOutAnUnpublishedEvaluationsEventsAndTheActorForThePublic() {
        long last = plan("VIS-FEED");
        get("/api/plans/VIS-FEED?minSequence=" + last); // the view knows E-PUB is published

        for (As reader : DO_NOT) {
            JsonNode events = feed(reader, "/api/events?plan=VIS-FEED");
            assertThat(subjects(events)).as("%s", reader).contains("evaluation/E-PUB", "evaluation/E-PUB/finding/F1",
                    "indicator/I01/milestone/2024").noneMatch(s -> s.startsWith("evaluation/E-OPEN"));
            JsonNode whole = feed(reader, "/api/events?after=" + (last - 30) + "&limit=5000");
            assertThat(subjects(whole)).as("%s", reader).contains("evaluation/E-PUB")
                    .noneMatch(s -> s.startsWith("evaluation/E-OPEN"));
        }
        for (As reader : SEE_UNPUBLISHED) {
            assertThat(subjects(feed(reader, "/api/events?plan=VIS-FEED"))).as("%s", reader)
                    .contains("evaluation/E-OPEN", "evaluation/E-OPEN/finding/F1");
        }
        assertThat(feed(As.PUBLIC, "/api/events?plan=VIS-FEED").findValues("actor")).isEmpty();
        assertThat(feed(As.READER, "/api/events?plan=VIS-FEED").findValuesAsText("actor"))
                .contains(REGISTRAR_NAME, EVALUATOR_NAME);
        // The public's copy of an event is the same event without the actor: still one valid JSON object.
        JsonNode first = feed(As.PUBLIC, "/api/events?plan=VIS-FEED&limit=1").get(0);
        assertThat(first.get("correlationid").asText()).isEqualTo("corr-VIS-FEED-0");
        assertThat(feed(As.PUBLIC, "/api/events?plan=VIS-FEED").findValuesAsText("role"))
                .as("the role in which a change was made is public").contains("REGISTRAR", "EVALUATOR");
        assertThat(first.get("data").get("planCode").asText()).isEqualTo("VIS-FEED");
    }

    @Test
    void aPublicFollowerThatPassedAnEvaluationBeforeItsPublicationReReadsItAfterwards() {
        long last = plan("VIS-CATCH-UP");
        get("/api/plans/VIS-CATCH-UP?minSequence=" + last);
        ResponseEntity<String> passed = exchange(As.PUBLIC, "/api/events?plan=VIS-CATCH-UP");
        long position = Long.parseLong(passed.getHeaders().getFirst("Stream-Position"));
        assertThat(subjects(read(passed.getBody()))).noneMatch(s -> s.startsWith("evaluation/E-OPEN"));

        long published = registrar.record("2024-06-01T02:00:00Z", EVALUATOR_NAME,
                new EvaluationPublishedEvent("VIS-CATCH-UP", "E-OPEN", LocalDate.of(2024, 6, 1)));
        get("/api/plans/VIS-CATCH-UP?minSequence=" + published);

        // Going on, it meets the publication; docs/event-stream.md: it then reads the evaluation's events again.
        JsonNode next = feed(As.PUBLIC, "/api/events?plan=VIS-CATCH-UP&after=" + position);
        assertThat(subjects(next)).containsExactly("evaluation/E-OPEN");
        assertThat(next.get(0).get("type").asText()).contains("EvaluationPublished");
        JsonNode again = feed(As.PUBLIC, "/api/events?plan=VIS-CATCH-UP&after=0&type=EvaluationOpened,"
                + "FindingRecorded,FindingSpanStated,FindingCorrected,FindingWithdrawn");
        List<String> ofTheEvaluation = subjects(again).stream().filter(s -> s.startsWith("evaluation/E-OPEN"))
                .toList();
        assertThat(ofTheEvaluation).containsExactly("evaluation/E-OPEN", "evaluation/E-OPEN/finding/F1",
                "evaluation/E-OPEN/finding/F1");
    }

    @Test
    void theStreamsFollowersEachReceiveWhatTheirAudienceMaySee() throws Exception {
        long last = plan("VIS-SSE");
        get("/api/plans/VIS-SSE?minSequence=" + last);
        String url = "http://127.0.0.1:" + port + "/api/events/stream?plan=VIS-SSE&after=0";

        try (SseClient anonymous = SseClient.connect(url, null, null, null);
             SseClient reader = SseClient.connect(url, "reader", READER_PASSWORD, null);
             SseClient evaluator = SseClient.connect(url, "evaluator", EVALUATOR_PASSWORD, null)) {
            List<JsonNode> publicEvents = until(anonymous, last);
            List<JsonNode> readerEvents = until(reader, last);
            List<JsonNode> evaluatorEvents = until(evaluator, last);

            assertThat(publicEvents.stream().map(e -> e.get("subject").asText()))
                    .contains("evaluation/E-PUB/finding/F1").noneMatch(s -> s.startsWith("evaluation/E-OPEN"));
            assertThat(publicEvents).allMatch(e -> !e.has("actor"));
            assertThat(readerEvents.stream().map(e -> e.get("subject").asText()))
                    .noneMatch(s -> s.startsWith("evaluation/E-OPEN"));
            assertThat(readerEvents).allMatch(e -> e.has("actor"));
            assertThat(evaluatorEvents.stream().map(e -> e.get("subject").asText()))
                    .contains("evaluation/E-OPEN", "evaluation/E-OPEN/finding/F1");
        }
        // At the head the followers share the recent events: one more open-evaluation event, then a public one.
        try (SseClient anonymous = SseClient.connect(url.replace("after=0", "after=" + last), null, null, null);
             SseClient evaluator = SseClient.connect(url.replace("after=0", "after=" + last), "evaluator",
                     EVALUATOR_PASSWORD, null)) {
            registrar.record("2024-05-10T02:00:00Z", EVALUATOR_NAME, new FindingRecordedEvent("VIS-SSE", "E-OPEN",
                    "F2", SubjectKind.INDICATOR, "I02", 2023, new BigDecimal("15.4"), null, Assessment.ON_TRACK,
                    "统计年鉴2024", null, LocalDate.of(2024, 5, 10)));
            long milestone = registrar.record("2024-05-11T02:00:00Z", REGISTRAR_NAME, new MilestoneSetEvent("VIS-SSE",
                    "I01", 2025, null, new BigDecimal("6400"), LocalDate.of(2024, 5, 11), null, "深金监〔2024〕9号"));

            assertThat(until(anonymous, milestone).stream().map(e -> e.get("subject").asText()))
                    .containsExactly("indicator/I01/milestone/2025");
            assertThat(until(evaluator, milestone).stream().map(e -> e.get("subject").asText()))
                    .containsExactly("evaluation/E-OPEN/finding/F2", "indicator/I01/milestone/2025");
        }
    }

    /** Records the plan described above; returns the position of its last event (the milestone, public). */
    private long plan(String code) {
        ShenzhenPlan.adopt(registrar, code);
        registrar.record("2023-04-10T02:00:00Z", EVALUATOR_NAME, new EvaluationOpenedEvent(code, "E-PUB",
                EvaluationKind.ANNUAL, "第三方评估机构", 2022, 2022, LocalDate.of(2023, 4, 10)));
        registrar.record("2023-04-10T02:00:00Z", EVALUATOR_NAME, new FindingRecordedEvent(code, "E-PUB", "F1",
                SubjectKind.INDICATOR, "I01", 2022, new BigDecimal("4738.8"), null, Assessment.AT_RISK, "统计年鉴2023",
                null, LocalDate.of(2023, 4, 10)));
        registrar.record("2023-05-01T02:00:00Z", EVALUATOR_NAME, new EvaluationPublishedEvent(code, "E-PUB",
                LocalDate.of(2023, 5, 1)));
        registrar.record("2024-03-01T08:00:00Z", REGISTRAR_NAME, new IndicatorTargetRevisedEvent(code, "I01",
                new Target(2025, new BigDecimal("6400"), Qualifier.ABOUT),
                new Target(2025, new BigDecimal("7000"), Qualifier.ABOUT), LocalDate.of(2025, 1, 1), "中期调整",
                "深府办〔2024〕5号", null));
        registrar.record("2024-04-10T02:00:00Z", EVALUATOR_NAME, new EvaluationOpenedEvent(code, "E-OPEN",
                EvaluationKind.ANNUAL, "第三方评估机构", 2023, 2023, LocalDate.of(2024, 4, 10)));
        registrar.record("2024-04-15T02:00:00Z", EVALUATOR_NAME, new FindingRecordedEvent(code, "E-OPEN", "F1",
                SubjectKind.INDICATOR, "I03", 2023, new BigDecimal("13.8"), null, Assessment.ACHIEVED, "统计年鉴2024",
                null, LocalDate.of(2024, 4, 15)));
        registrar.record("2024-04-20T02:00:00Z", EVALUATOR_NAME, new FindingCorrectedEvent(code, "E-OPEN", "F1",
                new BigDecimal("13.9"), Assessment.ACHIEVED, "统计年鉴2024（修订）", null, LocalDate.of(2024, 4, 20),
                "统计数据修订"));
        return registrar.record("2024-05-01T02:00:00Z", REGISTRAR_NAME, new MilestoneSetEvent(code, "I01", 2024,
                null, new BigDecimal("5600"), LocalDate.of(2024, 5, 1), null, "深金监〔2024〕3号"));
    }

    private TestRestTemplate client(As reader) {
        return switch (reader) {
            case PUBLIC -> http;
            case READER -> http.withBasicAuth("reader", READER_PASSWORD);
            case EVALUATOR -> http.withBasicAuth("evaluator", EVALUATOR_PASSWORD);
            case AUDITOR -> http.withBasicAuth("auditor", AUDITOR_PASSWORD);
        };
    }

    private ResponseEntity<String> exchange(As reader, String path) {
        return client(reader).exchange(RequestEntity.get(URI.create(path)).accept(MediaType.APPLICATION_JSON,
                MediaType.parseMediaType("application/cloudevents-batch+json")).build(), String.class);
    }

    private JsonNode read(As reader, String path) {
        ResponseEntity<String> response = exchange(reader, path);
        assertThat(response.getStatusCode()).as("GET %s as %s answered %s", path, reader, response.getBody())
                .isEqualTo(HttpStatus.OK);
        return read(response.getBody());
    }

    private JsonNode feed(As reader, String path) {
        return read(reader, path);
    }

    private static List<String> ids(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(n -> n.get(field).asText()).toList();
    }

    private static List<String> subjects(JsonNode events) {
        return ids(events, "subject");
    }

    /** Every {@code actor} field of an answer, null where it is null. */
    private static List<String> actors(JsonNode answer) {
        return answer.findValues("actor").stream().map(n -> n.isNull() ? null : n.asText()).toList();
    }

    private static JsonNode revision(JsonNode pendingChanges) {
        return StreamSupport.stream(pendingChanges.spliterator(), false)
                .filter(c -> c.get("type").asText().equals("IndicatorTargetRevised")).findFirst().orElseThrow();
    }

    private static JsonNode catalogueEntry(JsonNode catalogue, String code) {
        return StreamSupport.stream(catalogue.get("plans").spliterator(), false)
                .filter(p -> p.get("code").asText().equals(code)).findFirst().orElseThrow();
    }

    /** The CloudEvents a follower receives up to and including position {@code last}. */
    private static List<JsonNode> until(SseClient client, long last) throws InterruptedException {
        List<JsonNode> events = new ArrayList<>();
        while (true) {
            SseClient.Received next = client.nextEvent(10);
            assertThat(next).as("an event up to %s after %s", last, events.size()).isNotNull();
            events.add(read(next.data()));
            if (next.sequence() >= last) {
                return events;
            }
        }
    }
}
