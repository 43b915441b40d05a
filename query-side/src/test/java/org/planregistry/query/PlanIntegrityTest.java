package org.planregistry.query;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;
import org.bson.json.JsonMode;
import org.bson.json.JsonWriterSettings;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.RequestEntity;
import org.springframework.http.ResponseEntity;

/**
 * The proof that history was not rewritten, over HTTP as an auditor uses it, against a store changed directly through
 * the MongoDB driver. The store is shared with the other tests, so store-wide answers are read for this test's plan.
 */
class PlanIntegrityTest extends QuerySideTestSupport {

    @Autowired
    MongoDatabase registryDatabase;
    @LocalServerPort
    int port;

    private MongoCollection<Document> events() {
        return registryDatabase.getCollection("events");
    }

    private Document stored(String plan, long sequence) {
        return events().find(new Document("aggregateKey", plan + "/" + sequence)).first();
    }

    /** The problems of the store-wide verification that concern {@code plan}, as "KIND sequence @global". */
    private List<String> storeProblems(JsonNode report, String plan) {
        return StreamSupport.stream(report.path("problems").spliterator(), false)
                .filter(p -> plan.equals(p.path("plan").asText())).map(PlanIntegrityTest::position).toList();
    }

    private static List<String> problems(JsonNode report) {
        return StreamSupport.stream(report.path("problems").spliterator(), false).map(PlanIntegrityTest::position)
                .toList();
    }

    private static String position(JsonNode problem) {
        return problem.path("kind").asText() + " " + problem.path("sequenceNumber").asText() + " @"
                + problem.path("globalSequence").asText();
    }

    private static JsonNode planIn(JsonNode storeReport, String plan) {
        return StreamSupport.stream(storeReport.path("plans").spliterator(), false)
                .filter(p -> plan.equals(p.path("plan").asText())).findFirst().orElseThrow();
    }

    private ResponseEntity<String> post(String path, String body) {
        return client(path).exchange(RequestEntity.post(URI.create(path)).contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON).body(body), String.class);
    }

    @Test
    void onlyTheAuditorMayVerify() {
        ShenzhenPlan.adopt(registrar, "CHAIN-SIGNIN");
        for (String path : List.of("/api/audit/verify", "/api/audit/digest", "/api/plans/CHAIN-SIGNIN/audit/verify",
                "/api/plans/CHAIN-SIGNIN/audit/digest", "/api/plans/CHAIN-SIGNIN/audit/events")) {
            ResponseEntity<String> anonymous = http.getForEntity(path, String.class);
            assertThat(anonymous.getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(anonymous.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON))
                    .isTrue();
            assertThat(http.withBasicAuth("reader", READER_PASSWORD).getForEntity(path, String.class)
                    .getStatusCode()).as(path).isEqualTo(HttpStatus.FORBIDDEN);
        }
    }

    @Test
    void anUntouchedPlanVerifiesAndStillExtendsItsDigest() {
        ShenzhenPlan.adopt(registrar, "CHAIN-OK");
        JsonNode report = get("/api/plans/CHAIN-OK/audit/verify");
        assertThat(report.path("intact").asBoolean()).isTrue();
        assertThat(report.path("problems")).isEmpty();
        long events = report.path("events").asLong();
        assertThat(events).isEqualTo(11);
        JsonNode digest = get("/api/plans/CHAIN-OK/audit/digest");
        assertThat(digest.path("sequenceNumber").asLong()).isEqualTo(events - 1);
        assertThat(digest.path("hash").asText()).hasSize(64).isEqualTo(report.path("head").path("hash").asText());

        JsonNode again = get("/api/plans/CHAIN-OK/audit/verify?digestSequence=10&digestHash="
                + digest.path("hash").asText());
        assertThat(again.path("intact").asBoolean()).isTrue();
        assertThat(again.path("digest").path("extended").asBoolean()).isTrue();

        JsonNode store = get("/api/audit/verify");
        assertThat(storeProblems(store, "CHAIN-OK")).isEmpty();
        assertThat(planIn(store, "CHAIN-OK").path("head")).isEqualTo(report.path("head"));
        assertThat(store.path("digest").path("hash").asText()).hasSize(64);
    }

    @Test
    void aChangedPayloadIsNamedWithItsPositionPerPlanAndStoreWide() {
        ShenzhenPlan.adopt(registrar, "CHAIN-PAYLOAD");
        Document goal = stored("CHAIN-PAYLOAD", 1);
        events().updateOne(new Document("_id", goal.get("_id")), new Document("$set", new Document("payload",
                goal.getString("payload").replace("健全地方金融监管", "放松地方金融监管"))));
        String expected = "PAYLOAD_CHANGED 1 @" + goal.get("_id");

        JsonNode report = get("/api/plans/CHAIN-PAYLOAD/audit/verify");
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(problems(report)).containsExactly(expected);
        assertThat(report.path("firstBroken").path("sequenceNumber").asLong()).isEqualTo(1);
        assertThat(storeProblems(get("/api/audit/verify"), "CHAIN-PAYLOAD")).containsExactly(expected);
        JsonNode problem = problem("/api/plans/CHAIN-PAYLOAD/audit/digest", HttpStatus.CONFLICT);
        assertThat(problem.path("detail").asText()).contains("broken at event 1");
    }

    @Test
    void aChangedActorIsNamedWithItsPositionPerPlanAndStoreWide() {
        ShenzhenPlan.adopt(registrar, "CHAIN-TAMPERED");
        Document second = stored("CHAIN-TAMPERED", 1);
        events().updateOne(new Document("_id", second.get("_id")), new Document("$set", new Document("metaData",
                second.getString("metaData").replace("registrar", "someone-else"))));
        String expected = "METADATA_CHANGED 1 @" + second.get("_id");

        assertThat(problems(get("/api/plans/CHAIN-TAMPERED/audit/verify"))).containsExactly(expected);
        assertThat(storeProblems(get("/api/audit/verify"), "CHAIN-TAMPERED")).containsExactly(expected);
    }

    @Test
    void aSuffixRewrittenWithRecomputedHashesIsCaughtAgainstTheDigestKeptEarlier() {
        String plan = "CHAIN-REWRITTEN";
        ShenzhenPlan.adopt(registrar, plan);
        JsonNode kept = get("/api/plans/" + plan + "/audit/digest");
        JsonNode keptStore = get("/api/audit/verify").path("digest");

        // Someone who read docs/security.md rewrites task T1.2 and recomputes every link after it.
        Document task = stored(plan, 8);
        events().updateOne(new Document("_id", task.get("_id")), new Document("$set", new Document("payload",
                task.getString("payload").replace("探索资本项目可兑换", "暂缓资本项目可兑换"))));
        String previous = stored(plan, 7).getString("hash");
        for (long sequence = 8; sequence <= 10; sequence++) {
            Document event = stored(plan, sequence);
            String hash = link(previous, event);
            events().updateOne(new Document("_id", event.get("_id")), new Document("$set",
                    new Document("previousHash", previous).append("hash", hash).append("partDigests", null)));
            previous = hash;
        }

        assertThat(get("/api/plans/" + plan + "/audit/verify").path("intact").asBoolean())
                .as("every link holds again").isTrue();
        JsonNode report = get("/api/plans/" + plan + "/audit/verify?digestSequence=10&digestHash="
                + kept.path("hash").asText());
        assertThat(report.path("intact").asBoolean()).isFalse();
        assertThat(problems(report)).containsExactly("REWRITTEN 10 @" + kept.path("globalSequence").asLong());
        assertThat(report.path("digest").path("extended").asBoolean()).isFalse();

        ResponseEntity<String> answer = post("/api/audit/verify", keptStore.toString());
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.OK);
        JsonNode store = read(answer.getBody());
        assertThat(storeProblems(store, plan)).containsExactly("REWRITTEN 10 @" + kept.path("globalSequence")
                .asLong());
        assertThat(store.path("keptDigest").path("extended").asBoolean()).isFalse();
        assertThat(store.path("keptDigest").path("plansNotExtended").toString()).contains(plan);
    }

    /** The link as docs/security.md defines it, computed here as an outside party would. */
    private static String link(String previous, Document event) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            for (Object part : new Object[] {previous, event.get("aggregateIdentifier"), event.get("sequenceNumber"),
                    event.get("payloadType"), event.get("payloadRevision"), event.get("timestamp"),
                    event.get("payload"), event.get("metaData")}) {
                sha256.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                sha256.update((byte) 0);
            }
            return HexFormat.of().formatHex(sha256.digest());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aMalformedDigestIsABadRequestNamingItsField() {
        ShenzhenPlan.adopt(registrar, "CHAIN-DIGEST");
        String base = "/api/plans/CHAIN-DIGEST/audit/verify?";
        assertThat(problem(base + "digestSequence=3&digestHash=xyz", HttpStatus.BAD_REQUEST).path("parameter")
                .asText()).isEqualTo("digestHash");
        assertThat(problem(base + "digestSequence=3", HttpStatus.BAD_REQUEST).path("parameter").asText())
                .isEqualTo("digestHash");
        assertThat(problem(base + "digestSequence=-1&digestHash=" + "a".repeat(64), HttpStatus.BAD_REQUEST)
                .path("parameter").asText()).isEqualTo("digestSequence");

        JsonNode kept = get("/api/audit/verify").path("digest");
        String altered = kept.toString().replace(kept.path("hash").asText(), "0".repeat(64));
        ResponseEntity<String> answer = post("/api/audit/verify", altered);
        assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(answer.getHeaders().getContentType().isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)).isTrue();
        assertThat(read(answer.getBody()).path("parameter").asText()).isEqualTo("hash");
        ResponseEntity<String> badHead = post("/api/audit/verify", "{\"globalSequence\":1,\"hash\":\"" + "a".repeat(64)
                + "\",\"plans\":[{\"plan\":\"CHAIN-DIGEST\",\"sequenceNumber\":0,\"hash\":\"nope\"}]}");
        assertThat(read(badHead.getBody()).path("parameter").asText()).isEqualTo("plans[0].hash");
    }

    @Test
    void theStoredEventsAreGivenAsStoredForAnOutsideCheck() {
        ShenzhenPlan.adopt(registrar, "CHAIN-EXPORT");
        JsonNode page = get("/api/plans/CHAIN-EXPORT/audit/events?limit=4");
        assertThat(page.path("events")).hasSize(4);
        assertThat(page.path("next").asLong()).isEqualTo(4);
        JsonNode first = page.path("events").get(0);
        assertThat(first.path("previousHash").asText()).isEmpty();
        assertThat(first.path("payload").asText()).isEqualTo(stored("CHAIN-EXPORT", 0).getString("payload"));
        assertThat(page.path("events").get(1).path("previousHash").asText()).isEqualTo(first.path("hash").asText());
        assertThat(get("/api/plans/CHAIN-EXPORT/audit/events?from=8").path("next").isNull()).isTrue();
        assertThat(problem("/api/plans/CHAIN-EXPORT/audit/events?limit=0", HttpStatus.BAD_REQUEST).path("parameter")
                .asText()).isEqualTo("limit");
    }

    @Test
    void theAuditorsOwnScriptRecomputesTheChain() throws Exception {
        Path script = Path.of("../docs/verify-chain.py");
        assumeThat(script).exists();
        assumeThat(python()).as("python3 on the PATH").isTrue();
        ShenzhenPlan.adopt(registrar, "CHAIN-SCRIPT");
        JsonNode digest = get("/api/plans/CHAIN-SCRIPT/audit/digest");

        Process intact = script(script, "--plan", "CHAIN-SCRIPT", "--digest-sequence", "10", "--digest-hash",
                digest.path("hash").asText());
        String output = new String(intact.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(intact.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(intact.exitValue()).as(output).isZero();
        assertThat(output).contains("11 events, head sequence 10").contains(digest.path("hash").asText())
                .contains("chain intact").contains("the chain still passes through it");

        // An auditor given a copy of the database instead: mongoexport's relaxed and canonical Extended JSON.
        for (JsonMode mode : List.of(JsonMode.RELAXED, JsonMode.EXTENDED)) {
            Path export = Files.createTempFile("events", ".json");
            JsonWriterSettings settings = JsonWriterSettings.builder().outputMode(mode).build();
            List<String> lines = new ArrayList<>();
            events().find().forEach(doc -> lines.add(doc.toJson(settings)));
            Files.write(export, lines, StandardCharsets.UTF_8);
            Process fromExport = new ProcessBuilder("python3", script.toString(), "--export", export.toString(),
                    "--plan", "CHAIN-SCRIPT").redirectErrorStream(true).start();
            String exported = new String(fromExport.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(fromExport.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(fromExport.exitValue()).as(mode + ": " + exported).isZero();
            assertThat(exported).as(mode.toString()).contains("11 events, head sequence 10")
                    .contains(digest.path("hash").asText());
            Files.delete(export);
        }

        Document event = stored("CHAIN-SCRIPT", 5);
        events().updateOne(new Document("_id", event.get("_id")), new Document("$set", new Document("payload",
                event.getString("payload").replace("\"unit\"", "\"unit\" "))));
        Process broken = script(script, "--plan", "CHAIN-SCRIPT");
        String brokenOutput = new String(broken.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(broken.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(broken.exitValue()).as(brokenOutput).isEqualTo(1);
        assertThat(brokenOutput).contains("sequence 5 (global sequence " + event.get("_id") + "): CHANGED");
    }

    private Process script(Path script, String... arguments) throws Exception {
        List<String> command = new ArrayList<>(List.of("python3", script.toString(), "--url",
                "http://127.0.0.1:" + port));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REGISTRY_AUDITOR_PASSWORD", AUDITOR_PASSWORD);
        return builder.start();
    }

    private static boolean python() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void anUnknownPlanIsNotFound() {
        JsonNode problem = problem("/api/plans/NO-SUCH-PLAN/audit/verify", HttpStatus.NOT_FOUND);
        assertThat(problem.path("parameter").asText()).isEqualTo("plan");
        assertThat(Files.exists(Path.of("../docs/verify-chain.py"))).isTrue();
    }
}
