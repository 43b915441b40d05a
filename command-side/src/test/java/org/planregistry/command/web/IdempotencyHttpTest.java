package org.planregistry.command.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.planregistry.command.CommandSideApplication;
import org.planregistry.command.CommandSideTest;
import org.planregistry.command.StoredEvent;
import org.planregistry.eventstore.FaultyLink;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.Banner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.client.RestTemplateBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Commands sent with an {@code Idempotency-Key}: a retry of the same command writes nothing and gets the first answer
 * (also from another instance, after the first answer was lost, and when the duplicates arrive at once); the same
 * key for a different command is refused; keys are the signed-in user's own; a refusal is not remembered.
 */
class IdempotencyHttpTest extends CommandSideTest {

    private static final String KEY = "Idempotency-Key";
    private static final String REPLAYED = "Idempotent-Replayed";
    private static final String REVISION = """
            {"target": {"value": "7000", "qualifier": "ABOUT"}, "effectiveFrom": "2024-01-01",
             "reason": "金融业增加值增速高于预期", "decisionRef": "深府函〔2024〕88号"}""";
    private static final String MILESTONE = """
            {"year": 2023, "value": "5200", "unit": "亿元"}""";
    /** The same command as {@link #REVISION}, laid out differently: fields in another order, other whitespace. */
    private static final String REVISION_AGAIN = """
            {"reason":"金融业增加值增速高于预期","effectiveFrom":"2024-01-01","decisionRef":"深府函〔2024〕88号",
               "target":{"qualifier":"ABOUT","value":"7000"}}""";

    @Value("${spring.data.mongodb.uri}")
    private String storeUri;

    private static ResponseEntity<Map> post(TestRestTemplate client, String path, String body, String key,
                                            String ifMatch, String correlationId) {
        HttpHeaders headers = new HttpHeaders();
        headers.setContentType(MediaType.APPLICATION_JSON);
        if (key != null) {
            headers.set(KEY, key);
        }
        if (ifMatch != null) {
            headers.setIfMatch(ifMatch);
        }
        if (correlationId != null) {
            headers.set("X-Correlation-Id", correlationId);
        }
        return client.postForEntity(path, new HttpEntity<>(body, headers), Map.class);
    }

    private static ResponseEntity<Map> post(TestRestTemplate client, String path, String body, String key) {
        return post(client, path, body, key, null, null);
    }

    /** A plan with indicator I01, adopted without keys. */
    private String plan(String code) {
        assertThat(post(registrar(), "/api/plans", """
                {"code": "%s", "title": "测试规划", "adoptedOn": "2022-01-01",
                 "period": {"from": 2021, "to": 2025}}""".formatted(code), null).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        assertThat(post(registrar(), "/api/plans/" + code + "/indicators", """
                {"code": "I01", "number": 1, "category": "总体指标", "name": "金融业增加值", "unit": "亿元",
                 "baseline": {"year": 2020, "value": "4189.6"},
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}""", null).getStatusCode())
                .isEqualTo(HttpStatus.CREATED);
        return code;
    }

    private long eventsOf(String plan) {
        return database.getCollection("events").countDocuments(new Document("aggregateIdentifier", plan));
    }

    /** The second answer is the first one again: status, body and ETag, marked as replayed. */
    private static void sameAnswer(ResponseEntity<Map> retry, ResponseEntity<Map> first) {
        assertThat(retry.getStatusCode()).as("%s", retry.getBody()).isEqualTo(HttpStatus.CREATED);
        assertThat(retry.getBody()).isEqualTo(first.getBody());
        assertThat(retry.getHeaders().getETag()).isEqualTo(first.getHeaders().getETag());
        assertThat(retry.getHeaders().getFirst(REPLAYED)).isEqualTo("true");
    }

    private static void refused(ResponseEntity<Map> response, HttpStatus status) {
        assertThat(response.getStatusCode()).as("%s", response.getBody()).isEqualTo(status);
        assertThat(response.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                .isTrue();
        assertThat(response.getBody()).containsEntry("field", KEY);
    }

    @Test
    void aRetryOfTheSameCommandWritesNothingAndGetsTheFirstAnswer() {
        String plan = plan("IDEM-RETRY");
        String path = "/api/plans/" + plan + "/indicators/I01/revisions";

        ResponseEntity<Map> first = post(registrar(), path, REVISION, "retry-1", null, "first-try");
        StoredEvent.answering(database, first, plan, "indicator I01", null).isA("IndicatorTargetRevisedEvent")
                .by("registrar", "REGISTRAR").correlatedBy("first-try");
        assertThat(first.getHeaders().containsKey(REPLAYED)).isFalse();
        long events = eventsOf(plan);
        Document stored = database.getCollection("events").find(new Document("aggregateKey", plan + "/2")).first();
        assertThat(stored.getString("idempotencyKey")).as("the key beside the event").isEqualTo("registrar:retry-1");
        assertThat(stored.getString("metaData")).contains("\"idempotencyKey\":\"registrar:retry-1\"")
                .contains("\"requestFingerprint\":\"");

        // The client saw no answer and sends the command again, laid out differently, under a new correlation id.
        ResponseEntity<Map> retry = post(registrar(), path, REVISION_AGAIN, "retry-1", null, "second-try");

        sameAnswer(retry, first);
        assertThat(eventsOf(plan)).as("the retry writes nothing").isEqualTo(events);
        sameAnswer(post(registrar(), path, REVISION, "retry-1"), first);
        assertThat(eventsOf(plan)).isEqualTo(events);
        // Without the key the same request is a new command, which the plan's rules refuse: the target is 7000 now.
        assertThat(post(registrar(), path, REVISION, null).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
        assertThat(eventsOf(plan)).isEqualTo(events);
    }

    @Test
    void aRetriedAdoptionAndFindingGetTheIdsOfTheirFirstAnswers() {
        String adoption = """
                {"code": "IDEM-IDS", "title": "测试规划", "adoptedOn": "2022-01-01", "period": {"from": 2021, "to": 2025}}""";
        ResponseEntity<Map> adopted = post(registrar(), "/api/plans", adoption, "adopt-ids");
        StoredEvent.answering(database, adopted, "IDEM-IDS", "plan IDEM-IDS", "IDEM-IDS");
        sameAnswer(post(registrar(), "/api/plans", adoption, "adopt-ids"), adopted);
        post(registrar(), "/api/plans/IDEM-IDS/indicators", """
                {"code": "I01", "number": 1, "category": "总体指标", "name": "金融业增加值", "unit": "亿元",
                 "target": {"year": 2025, "value": "6400", "qualifier": "ABOUT"}}""", null);
        post(evaluator(), "/api/plans/IDEM-IDS/evaluations", """
                {"id": "E1", "kind": "ANNUAL", "evaluator": "第三方", "period": {"from": 2023, "to": 2023},
                 "effectiveFrom": "2024-03-01"}""", "open-e1");
        String finding = """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5000",
                 "unit": "亿元", "assessment": "ON_TRACK", "effectiveFrom": "2024-03-02"}""";

        ResponseEntity<Map> recorded = post(evaluator(), "/api/plans/IDEM-IDS/evaluations/E1/findings", finding,
                "finding-1");

        StoredEvent.answering(database, recorded, "IDEM-IDS", "evaluation E1", "E1-F1");
        long events = eventsOf("IDEM-IDS");
        sameAnswer(post(evaluator(), "/api/plans/IDEM-IDS/evaluations/E1/findings", finding, "finding-1"), recorded);
        assertThat(eventsOf("IDEM-IDS")).isEqualTo(events);
    }

    @Test
    void theSameKeyForADifferentCommandIsRefusedAndWritesNothing() {
        String plan = plan("IDEM-REUSED");
        String base = "/api/plans/" + plan + "/indicators/I01";
        ResponseEntity<Map> first = post(registrar(), base + "/revisions", REVISION, "reused");
        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        long events = storedEvents();

        refused(post(registrar(), base + "/revisions", REVISION.replace("7000", "7100"), "reused"),
                HttpStatus.UNPROCESSABLE_ENTITY);
        refused(post(registrar(), base + "/revisions", REVISION, "reused", "\"2\"", null),
                HttpStatus.UNPROCESSABLE_ENTITY);
        ResponseEntity<Map> otherCommand = post(registrar(), base + "/milestones", """
                {"year": 2023, "value": "5200", "unit": "亿元"}""", "reused");
        refused(otherCommand, HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat((String) otherCommand.getBody().get("detail")).contains("reused")
                .contains("different request");

        assertThat(storedEvents()).as("a refused request writes nothing").isEqualTo(events);
        sameAnswer(post(registrar(), base + "/revisions", REVISION, "reused"), first);
    }

    @Test
    void twoUsersKeysNeverMeet() {
        String plan = plan("IDEM-USERS");
        ResponseEntity<Map> registrars = post(registrar(), "/api/plans/" + plan + "/indicators/I01/revisions",
                REVISION, "shared-key");
        String evaluation = """
                {"id": "E1", "kind": "ANNUAL", "evaluator": "第三方", "period": {"from": 2023, "to": 2023},
                 "effectiveFrom": "2024-03-01"}""";
        ResponseEntity<Map> evaluators = post(evaluator(), "/api/plans/" + plan + "/evaluations", evaluation,
                "shared-key");

        StoredEvent.answering(database, evaluators, plan, "evaluation E1", null).by("evaluator", "EVALUATOR");
        assertThat(registrars.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(evaluators.getHeaders().containsKey(REPLAYED)).isFalse();
        assertThat(database.getCollection("events").countDocuments(new Document("idempotencyKey",
                new Document("$in", List.of("registrar:shared-key", "evaluator:shared-key"))))).isEqualTo(2);
        long events = eventsOf(plan);
        sameAnswer(post(registrar(), "/api/plans/" + plan + "/indicators/I01/revisions", REVISION, "shared-key"),
                registrars);
        sameAnswer(post(evaluator(), "/api/plans/" + plan + "/evaluations", evaluation, "shared-key"), evaluators);
        assertThat(eventsOf(plan)).isEqualTo(events);
    }

    @Test
    void aRefusedCommandIsNotRememberedAndItsRetryIsDecidedAgain() {
        String plan = plan("IDEM-REFUSED");
        String finding = """
                {"subjectKind": "INDICATOR", "subjectCode": "I01", "year": 2023, "observedValue": "5000",
                 "unit": "亿元", "assessment": "ON_TRACK", "effectiveFrom": "2024-03-02"}""";
        String path = "/api/plans/" + plan + "/evaluations/E1/findings";
        long events = eventsOf(plan);

        ResponseEntity<Map> refused = post(evaluator(), path, finding, "finding-before-evaluation");
        assertThat(refused.getStatusCode()).as("%s", refused.getBody()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(eventsOf(plan)).isEqualTo(events);
        post(evaluator(), "/api/plans/" + plan + "/evaluations", """
                {"id": "E1", "kind": "ANNUAL", "evaluator": "第三方", "period": {"from": 2023, "to": 2023},
                 "effectiveFrom": "2024-03-01"}""", null);

        ResponseEntity<Map> retry = post(evaluator(), path, finding, "finding-before-evaluation");

        StoredEvent.answering(database, retry, plan, "evaluation E1", "E1-F1").isA("FindingRecordedEvent");
        assertThat(retry.getHeaders().containsKey(REPLAYED)).isFalse();
    }

    @Test
    void aCommandWhoseAnswerWasLostIsAnsweredFromTheStoreByAnotherInstance() {
        String plan = plan("IDEM-LOST");
        String path = "/api/plans/" + plan + "/indicators/I01/revisions";
        long before = eventsOf(plan);
        // The command is recorded by another instance, whose answer never reaches the client: it stops right after.
        try (ConfigurableApplicationContext other = new SpringApplicationBuilder(CommandSideApplication.class)
                .bannerMode(Banner.Mode.OFF).run("--server.port=0", "--spring.data.mongodb.uri=" + storeUri,
                        "--registry.users.registrar.password=" + REGISTRAR_PASSWORD,
                        "--registry.users.evaluator.password=" + EVALUATOR_PASSWORD,
                        "--registry.users.operator.password=" + OPERATOR_PASSWORD,
                        "--registry.seed.enabled=false")) {
            TestRestTemplate otherInstance = new TestRestTemplate(new RestTemplateBuilder()
                    .rootUri("http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port")))
                    .withBasicAuth("registrar", REGISTRAR_PASSWORD);
            post(otherInstance, path, REVISION, "lost-answer");
        }
        assertThat(eventsOf(plan)).as("the command was recorded").isEqualTo(before + 1);

        // The client retries here: this instance never saw the command, the store answers for it.
        ResponseEntity<Map> retry = post(registrar(), path, REVISION_AGAIN, "lost-answer");

        StoredEvent.answering(database, retry, plan, "indicator I01", null).isA("IndicatorTargetRevisedEvent")
                .has("target.value", "7000");
        assertThat(retry.getHeaders().getFirst(REPLAYED)).isEqualTo("true");
        assertThat(eventsOf(plan)).as("the retry wrote nothing").isEqualTo(before + 1);
    }

    @Test
    void anAppendWhoseAnswerTheNetworkLostIsUnknownWithoutAKeyAndFoundWithOne() throws Exception {
        String plan = plan("IDEM-NETWORK");
        String path = "/api/plans/" + plan + "/indicators/I01/revisions";
        long before = eventsOf(plan);
        int storePort = Integer.parseInt(storeUri.replaceAll("^mongodb://[^:]+:(\\d+)/.*$", "$1"));
        String database = storeUri.substring(storeUri.lastIndexOf('/') + 1);
        // This instance reaches the store through a link that loses the answer to the insert of the events: the
        // store has written them, the instance cannot know.
        try (FaultyLink link = FaultyLink.to(storePort);
             ConfigurableApplicationContext other = new SpringApplicationBuilder(CommandSideApplication.class)
                     .bannerMode(Banner.Mode.OFF).run("--server.port=0",
                             "--spring.data.mongodb.uri=" + link.uri(database),
                             "--registry.users.registrar.password=" + REGISTRAR_PASSWORD,
                             "--registry.seed.enabled=false")) {
            TestRestTemplate otherInstance = new TestRestTemplate(new RestTemplateBuilder()
                    .rootUri("http://127.0.0.1:" + other.getEnvironment().getProperty("local.server.port")))
                    .withBasicAuth("registrar", REGISTRAR_PASSWORD);

            link.dropNextAnswerTo("insert", "events");
            ResponseEntity<Map> unknown = post(otherInstance, path, REVISION, null);

            assertThat(link.answersDropped()).isEqualTo(1);
            assertThat(unknown.getStatusCode()).as("%s", unknown.getBody()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
            assertThat(unknown.getHeaders().getFirst(HttpHeaders.RETRY_AFTER)).isNotBlank();
            assertThat((String) unknown.getBody().get("detail")).contains("may or may not have been recorded")
                    .contains("Idempotency-Key");
            assertThat(eventsOf(plan)).as("the store wrote it all the same").isEqualTo(before + 1);

            // With a key, the instance looks the command up after the lost answer and finds it recorded.
            link.dropNextAnswerTo("insert", "events");
            ResponseEntity<Map> found = post(otherInstance, path.replace("revisions", "milestones"), MILESTONE,
                    "network-lost");

            assertThat(link.answersDropped()).isEqualTo(2);
            assertThat(found.getStatusCode()).as("%s", found.getBody()).isEqualTo(HttpStatus.CREATED);
            assertThat(eventsOf(plan)).isEqualTo(before + 2);
            ResponseEntity<Map> retry = post(otherInstance, path.replace("revisions", "milestones"), MILESTONE,
                    "network-lost");
            assertThat(retry.getBody()).isEqualTo(found.getBody());
        }
        assertThat(eventsOf(plan)).as("each recorded once").isEqualTo(before + 2);
    }

    @Test
    void duplicatesSentAtOnceWriteOneEventAndAllGetItsAnswer() throws Exception {
        String plan = plan("IDEM-BURST");
        String path = "/api/plans/" + plan + "/indicators/I01/milestones";
        String milestone = """
                {"year": 2023, "value": "5200", "unit": "亿元"}""";
        long before = eventsOf(plan);
        int senders = 6;
        ExecutorService pool = Executors.newFixedThreadPool(senders);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<ResponseEntity<Map>>> sent = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            sent.add(pool.submit(() -> {
                go.await();
                return post(registrar(), path, milestone, "burst");
            }));
        }
        go.countDown();
        List<ResponseEntity<Map>> answers = new ArrayList<>();
        for (Future<ResponseEntity<Map>> answer : sent) {
            answers.add(answer.get(60, TimeUnit.SECONDS));
        }
        pool.shutdown();

        assertThat(eventsOf(plan)).as("one event for all the duplicates").isEqualTo(before + 1);
        ResponseEntity<Map> recorded = answers.stream()
                .filter(answer -> !answer.getHeaders().containsKey(REPLAYED)).findFirst().orElseThrow();
        StoredEvent.answering(database, recorded, plan, "indicator I01", null).isA("MilestoneSetEvent");
        assertThat(answers).filteredOn(answer -> answer.getHeaders().containsKey(REPLAYED))
                .as("every other duplicate gets the recorded answer").hasSize(senders - 1)
                .allSatisfy(answer -> sameAnswer(answer, recorded));
    }

    @Test
    void aKeyThatIsBlankTooLongOrNotPrintableAsciiIsRefused() {
        String plan = plan("IDEM-INVALID");
        String path = "/api/plans/" + plan + "/indicators/I01/revisions";
        long events = storedEvents();

        refused(post(registrar(), path, REVISION, "k".repeat(201)), HttpStatus.BAD_REQUEST);
        refused(post(registrar(), path, REVISION, "tab\there"), HttpStatus.BAD_REQUEST);
        refused(post(registrar(), path, REVISION, " "), HttpStatus.BAD_REQUEST);

        assertThat(storedEvents()).isEqualTo(events);
        assertThat(post(registrar(), path, REVISION, "k".repeat(200)).getStatusCode()).isEqualTo(HttpStatus.CREATED);
    }

    @Test
    void theApiDescriptionOffersTheKeyOnEveryCommandButTheImport() throws Exception {
        JsonNode paths = new ObjectMapper().readTree(http.getForObject("/v3/api-docs", String.class)).get("paths");
        List<String> commands = new ArrayList<>();
        paths.fields().forEachRemaining(path -> {
            JsonNode post = path.getValue().get("post");
            if (post != null && path.getKey().startsWith("/api/plans")) {
                boolean takesKey = post.path("parameters").findValuesAsText("name").contains(KEY);
                assertThat(takesKey).as("POST %s takes an %s", path.getKey(), KEY)
                        .isEqualTo(!path.getKey().equals("/api/plans/import"));
                commands.add(path.getKey());
            }
        });
        assertThat(commands).contains("/api/plans", "/api/plans/{plan}/evaluations/{evaluation}/findings");
    }
}
