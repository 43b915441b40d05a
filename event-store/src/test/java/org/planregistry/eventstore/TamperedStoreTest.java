package org.planregistry.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Date;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.PlanEvent;

/**
 * Someone with write access to the database changes the stored events directly, through the MongoDB driver, on the
 * embedded server over TCP. Each change must be found, at its position and with its kind, by the per-plan and by the
 * store-wide verification alike.
 */
class TamperedStoreTest {

    private TestMongo mongo;
    private MongoClient client;
    private MongoDatabase database;
    private MongoCollection<Document> events;
    private final Serializer serializer = JacksonSerializer.builder().objectMapper(EventJson.mapper()).build();

    @BeforeEach
    void writeThreePlans() {
        mongo = TestMongo.start();
        client = MongoClients.create(mongo.uri("tampered"));
        database = client.getDatabase("tampered");
        events = database.getCollection("events");
        MongoEventStorageEngine engine = MongoEventStorageEngine.builder().database(database)
                .eventSerializer(serializer).snapshotSerializer(serializer).build();
        engine.ensureIndexes();
        for (int i = 0; i < 10; i++) {
            engine.appendEvents(event("A", i, "registrar"));
            engine.appendEvents(event("B", i, "registrar"));
            if (i == 4) {
                // A commit based on an outdated version of B loses the race: its two numbers are filled.
                long sequence = i;
                assertThatThrownBy(() -> engine.appendEvents(event("B", sequence, "x"), event("B", sequence + 1, "x")))
                        .isInstanceOf(ConcurrencyException.class);
            }
        }
        engine.appendEvents(event("C", 0, "registrar"), event("C", 1, "registrar"), event("C", 2, "registrar"));
    }

    @AfterEach
    void close() {
        client.close();
        mongo.close();
    }

    private static DomainEventMessage<PlanEvent> event(String plan, long sequence, String actor) {
        return new GenericDomainEventMessage<>("Plan", plan, sequence, new PlanEvent.GoalAdoptedEvent(plan,
                "G" + sequence, "目标 " + sequence, 2025, "说明", LocalDate.of(2022, 1, 1), null, null),
                MetaData.with("actor", actor));
    }

    private Document stored(String plan, long sequence) {
        return events.find(new Document("aggregateKey", plan + "/" + sequence)).first();
    }

    private long global(String plan, long sequence) {
        return stored(plan, sequence).getLong("_id");
    }

    private void set(String plan, long sequence, String field, Object value) {
        events.updateOne(new Document("aggregateKey", plan + "/" + sequence),
                new Document("$set", new Document(field, value)));
    }

    /** What an informed forger does after changing an event: its link and part digests recomputed. */
    private void rehash(String plan, long sequence, String previousHash) {
        Document doc = stored(plan, sequence);
        doc.put("previousHash", previousHash);
        doc.put("hash", HashChain.link(previousHash, doc));
        doc.put("partDigests", HashChain.partDigests(doc));
        events.replaceOne(new Document("_id", doc.get("_id")), doc);
    }

    private ChainVerification.Report plan(String plan) {
        return new ChainVerification(database).verify(plan);
    }

    private StoreVerification.Report store() {
        return new StoreVerification(database).verify();
    }

    private static List<String> positions(List<ChainProblem> problems) {
        return problems.stream().map(p -> p.kind() + " " + p.plan() + "/" + p.sequenceNumber() + " @"
                + p.globalSequence()).toList();
    }

    @Test
    void anIntactStoreWithSeveralPlansAndFillersVerifiesIntact() {
        assertThat(events.countDocuments(new Document("filler", true))).isEqualTo(2);
        StoreVerification.Report report = store();

        assertThat(report.problems()).isEmpty();
        assertThat(report.intact()).isTrue();
        assertThat(report.events()).isEqualTo(23);
        assertThat(report.fillers()).isEqualTo(2);
        assertThat(report.verifiedUpTo()).isEqualTo(25);
        assertThat(report.plans()).extracting(StoreVerification.PlanSummary::plan).containsExactly("A", "B", "C");
        assertThat(report.plans()).allMatch(StoreVerification.PlanSummary::intact);
        assertThat(report.plans().get(0).head()).isEqualTo(plan("A").head());
        assertThat(report.plans().get(2).events()).isEqualTo(3);
        assertThat(report.digest().plans()).extracting(StoreVerification.PlanHead::sequenceNumber)
                .containsExactly(9L, 9L, 2L);
        assertThat(report.digest().hash()).hasSize(64);
        for (String plan : List.of("A", "B", "C")) {
            assertThat(plan(plan).problems()).as(plan).isEmpty();
        }
        assertThat(new StoreVerification(database).verify(report.digest()).keptDigest().extended()).isTrue();
    }

    @Test
    void aChangedPayloadIsPayloadChangedAtItsEvent() {
        long at = global("A", 3);
        set("A", 3, "payload", stored("A", 3).getString("payload").replace("目标 3", "目标 三"));

        assertThat(positions(plan("A").problems())).containsExactly("PAYLOAD_CHANGED A/3 @" + at);
        assertThat(positions(store().problems())).containsExactly("PAYLOAD_CHANGED A/3 @" + at);
        assertThat(plan("B").intact()).isTrue();
    }

    @Test
    void aChangedActorIsMetadataChangedAtItsEvent() {
        long at = global("B", 6);
        set("B", 6, "metaData", stored("B", 6).getString("metaData").replace("registrar", "someone-else"));

        assertThat(positions(plan("B").problems())).containsExactly("METADATA_CHANGED B/6 @" + at);
        assertThat(positions(store().problems())).containsExactly("METADATA_CHANGED B/6 @" + at);
    }

    @Test
    void aChangedRecordedTimeIsMetadataChangedAtItsEvent() {
        long at = global("A", 4);
        Instant earlier = Instant.parse("2024-01-01T00:00:00Z");
        set("A", 4, "timestamp", earlier.toString());
        set("A", 4, "recordedAt", Date.from(earlier));
        long only = global("A", 5);
        // Only the copy for date queries, not the hashed text: still found.
        set("A", 5, "recordedAt", Date.from(earlier));

        List<String> expected = List.of("METADATA_CHANGED A/4 @" + at, "METADATA_CHANGED A/5 @" + only);
        assertThat(positions(plan("A").problems())).containsExactlyElementsOf(expected);
        assertThat(positions(store().problems())).containsExactlyElementsOf(expected);
        assertThat(plan("A").problems().get(0).detail()).contains("recorded time");
    }

    @Test
    void aDeletedEventIsMissingInItsPlanAndAGapInTheStore() {
        long at = global("A", 3);
        events.deleteOne(new Document("aggregateKey", "A/3"));

        ChainVerification.Report report = plan("A");
        assertThat(positions(report.problems())).containsExactly("MISSING A/3 @null");
        assertThat(report.events()).isEqualTo(9);
        assertThat(positions(store().problems())).containsExactlyInAnyOrder("MISSING A/3 @null",
                "SEQUENCE_GAP null/null @" + at);
    }

    @Test
    void aDeletedLastEventIsAGapInTheStore() {
        long at = global("C", 2);
        events.deleteOne(new Document("aggregateKey", "C/2"));

        assertThat(plan("C").intact()).as("a chain alone cannot tell a cut-off end").isTrue();
        assertThat(positions(store().problems())).containsExactly("SEQUENCE_GAP null/null @" + at);
    }

    @Test
    void twoSwappedEventsAreEachOutOfOrder() {
        Document third = stored("A", 3);
        Document fourth = stored("A", 4);
        long thirdAt = third.getLong("_id");
        long fourthAt = fourth.getLong("_id");
        events.deleteMany(new Document("_id", new Document("$in", List.of(thirdAt, fourthAt))));
        third.put("_id", fourthAt);
        fourth.put("_id", thirdAt);
        events.insertMany(List.of(fourth, third));

        List<String> expected = List.of("OUT_OF_ORDER A/3 @" + fourthAt, "OUT_OF_ORDER A/4 @" + thirdAt);
        assertThat(positions(plan("A").problems())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(positions(store().problems())).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(plan("A").problems().get(0).detail()).contains("written at global sequence " + thirdAt);
    }

    @Test
    void aForgedEventWithACorrectLinkIsFoundAtANumberNeverHandedOut() {
        Document forged = stored("A", 9);
        long at = 1000;
        forged.put("_id", at);
        forged.put("aggregateKey", "A/10");
        forged.put("sequenceNumber", 10L);
        forged.put("eventIdentifier", "forged");
        forged.put("payload", forged.getString("payload").replace("G9", "G10"));
        forged.put("metaData", forged.getString("metaData").replace("\"globalSequence\":" + global("A", 9),
                "\"globalSequence\":" + at));
        forged.put("previousHash", stored("A", 9).getString("hash"));
        forged.put("hash", HashChain.link(forged.getString("previousHash"), forged));
        forged.put("partDigests", HashChain.partDigests(forged));
        events.insertOne(forged);

        assertThat(positions(plan("A").problems())).containsExactly("FORGED A/10 @" + at);
        assertThat(positions(store().problems())).containsExactly("FORGED A/10 @" + at);
    }

    @Test
    void aCopyOfAnEventInAFillersPlaceIsARepeatedSequence() {
        long filler = events.find(new Document("filler", true)).first().getLong("_id");
        Document copy = stored("A", 3);
        events.deleteOne(new Document("_id", filler));
        copy.put("_id", filler);
        copy.put("aggregateKey", "A/3-copy");
        events.insertOne(copy);

        assertThat(plan("A").intact()).as("a chain reads by key and does not reach the copy").isTrue();
        assertThat(positions(store().problems())).containsExactly("SEQUENCE_REPEATED A/3 @" + filler);
    }

    @Test
    void anotherPlansPayloadInAChainIsWrongPlan() {
        long at = global("A", 7);
        set("A", 7, "payload", stored("B", 7).getString("payload"));
        rehash("A", 7, stored("A", 6).getString("hash"));

        assertThat(positions(plan("A").problems())).containsExactly("WRONG_PLAN A/7 @" + at);
        assertThat(positions(store().problems())).containsExactly("WRONG_PLAN A/7 @" + at);
    }

    @Test
    void aLinkIntoAnotherPlansChainIsWrongPlan() {
        long at = global("A", 7);
        rehash("A", 7, stored("B", 6).getString("hash"));

        assertThat(positions(plan("A").problems())).containsExactly("WRONG_PLAN A/7 @" + at);
        assertThat(positions(store().problems())).containsExactly("WRONG_PLAN A/7 @" + at);
        assertThat(plan("A").problems().get(0).detail()).contains("event 6 of plan B");
    }

    @Test
    void aSuffixRewrittenWithRecomputedHashesIsCaughtOnlyAgainstADigestKeptEarlier() {
        ChainVerification.Link keptHead = plan("A").head();
        ChainVerification.Link keptBefore = new ChainVerification.Link(4, global("A", 4), stored("A", 4)
                .getString("hash"));
        ChainVerification.Link keptInside = new ChainVerification.Link(6, global("A", 6), stored("A", 6)
                .getString("hash"));
        StoreVerification.StoreDigest keptStore = store().digest();

        set("A", 5, "payload", stored("A", 5).getString("payload").replace("目标 5", "目标 五"));
        for (long sequence = 5; sequence <= 9; sequence++) {
            rehash("A", sequence, stored("A", sequence - 1).getString("hash"));
        }

        assertThat(plan("A").intact()).as("every link was recomputed").isTrue();
        assertThat(store().intact()).isTrue();
        ChainVerification verification = new ChainVerification(database);
        ChainVerification.Report againstHead = verification.verify("A",
                new ChainVerification.Digest(9, keptHead.hash()));
        assertThat(positions(againstHead.problems())).containsExactly("REWRITTEN A/9 @" + keptHead.globalSequence());
        assertThat(againstHead.digest().extended()).isFalse();
        assertThat(positions(verification.verify("A", new ChainVerification.Digest(6, keptInside.hash()))
                .problems())).containsExactly("REWRITTEN A/6 @" + keptInside.globalSequence());
        ChainVerification.Report beforeRewrite = verification.verify("A",
                new ChainVerification.Digest(4, keptBefore.hash()));
        assertThat(beforeRewrite.intact()).isTrue();
        assertThat(beforeRewrite.digest().extended()).isTrue();

        StoreVerification.Report storeWide = new StoreVerification(database).verify(keptStore);
        assertThat(positions(storeWide.problems())).containsExactly("REWRITTEN A/9 @" + keptHead.globalSequence());
        assertThat(storeWide.keptDigest().extended()).isFalse();
        assertThat(storeWide.keptDigest().plansNotExtended()).containsExactly("A");
    }

    @Test
    void aChainCutShortOfItsKeptDigestIsTruncated() {
        StoreVerification.StoreDigest kept = store().digest();
        events.deleteMany(new Document("aggregateKey", new Document("$in", List.of("C/1", "C/2"))));

        assertThat(positions(new ChainVerification(database).verify("C", new ChainVerification.Digest(2,
                kept.plans().get(2).hash())).problems())).containsExactly("TRUNCATED C/2 @null");
        assertThat(positions(new StoreVerification(database).verify(kept).problems())).containsExactlyInAnyOrder(
                "TRUNCATED C/2 @null", "SEQUENCE_GAP null/null @" + (kept.globalSequence() - 1));
    }
}
