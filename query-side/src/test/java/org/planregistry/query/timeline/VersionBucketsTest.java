package org.planregistry.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.api.Qualifier;
import org.planregistry.api.Target;
import org.planregistry.eventstore.TestMongo;

/**
 * An element's versions are kept in buckets of bounded size and written as updates of what a batch adds: a busy
 * element's documents stay small, reading it back gives exactly the element that was written, and a late writer
 * changes nothing.
 */
class VersionBucketsTest {

    private static final TestMongo MONGO = TestMongo.start();
    private static final List<BsonDocument> SENT = new CopyOnWriteArrayList<>();
    private static final MongoClient CLIENT = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(MONGO.uri("buckets")))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    SENT.add(event.getCommand().clone());
                }
            }).build());
    private static final int PER_BUCKET = 128;
    private static final String KEY = "BUSY/indicator/I01";

    private final MongoDatabase database = CLIENT.getDatabase("buckets");

    @BeforeEach
    void emptyCollections() {
        database.getCollection("elements").drop();
        database.getCollection("versions").drop();
    }

    @AfterAll
    static void stopServer() {
        CLIENT.close();
        MONGO.close();
    }

    @Test
    void aBusyElementStaysInDocumentsOfBoundedSizeAndReadsBackExactly() {
        ViewCollection<ElementDocument> elements = collection();
        History history = history(20_000);
        ElementDocument written = null;
        for (int event = 0; event < history.size(); event += 500) { // batches of 500 events
            ElementDocument after = history.get(Math.min(history.size(), event + 500) - 1);
            elements.write(List.of(new ViewCollection.Change<>(written, after)));
            written = after;
        }

        int largest = Math.max(largest("elements"), largest("versions"));
        assertThat(largest).as("the largest document, in bytes: 20 000 versions in one would be some 8 MB")
                .isLessThan(128 * 1024);
        ElementDocument read = collection().find(KEY).orElseThrow();
        assertThat(read).as("what another instance reads: every version, in order of precedence")
                .isEqualTo(written);
        assertThat(read.attributes().keySet()).containsExactlyElementsOf(written.attributes().keySet());
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            TimePoint point = new TimePoint(LocalDate.of(2021, 1, 1).plusDays(random.nextInt(6 * 365)),
                    Instant.parse("2021-01-01T00:00:00Z").plusSeconds(random.nextInt(20_000) * 3600L));
            assertThat(read.valueAt(Attribute.TARGET, point, Target.class))
                    .as("as of %s", point).isEqualTo(written.valueAt(Attribute.TARGET, point, Target.class));
            assertThat(read.milestonesAt(point)).isEqualTo(written.milestonesAt(point));
        }
    }

    @Test
    void aChangeIsWrittenAsAnUpdateOfWhatItAdds() {
        ViewCollection<ElementDocument> elements = collection();
        History history = history(2_001);
        elements.write(List.of(new ViewCollection.Change<>(null, history.get(1_999))));
        SENT.clear();

        elements.write(List.of(new ViewCollection.Change<>(history.get(1_999), history.get(2_000))));

        List<BsonDocument> writes = SENT.stream().filter(c -> c.containsKey("update") || c.containsKey("insert")
                || c.containsKey("delete")).toList();
        assertThat(writes).extracting(c -> c.getString(c.getFirstKey()).getValue())
                .containsExactly("versions", "elements");
        for (BsonDocument write : writes) {
            for (BsonValue update : write.getArray("updates")) {
                BsonDocument change = update.asDocument().getDocument("u");
                assertThat(change.keySet()).as("an update, not a replacement").allMatch(k -> k.startsWith("$"));
                assertThat(change.toJson().length()).as("what the write carries: one version, not 2 000")
                        .isLessThan(2_000);
            }
        }
        assertThat(collection().find(KEY)).contains(history.get(2_000));
    }

    @Test
    void aLateWriterWithOlderStateChangesNothing() {
        ViewCollection<ElementDocument> late = collection();
        ViewCollection<ElementDocument> newer = collection();
        History history = history(400);
        late.write(List.of(new ViewCollection.Change<>(null, history.get(99))));
        newer.write(List.of(new ViewCollection.Change<>(history.get(99), history.get(299))));
        List<Document> stored = stored();

        // The first instance's write of events 101..200, arriving after the newer instance wrote up to 300.
        late.write(List.of(new ViewCollection.Change<>(history.get(99), history.get(199))));

        assertThat(stored()).as("neither the element's document nor a bucket changed").isEqualTo(stored);
        assertThat(late.find(KEY)).as("the late writer reads what is stored").contains(history.get(299));
        newer.write(List.of(new ViewCollection.Change<>(history.get(299), history.get(399))));
        assertThat(collection().find(KEY)).contains(history.get(399));
    }

    @Test
    void aWriteThatStoppedBetweenBucketsAndElementIsWrittenAgainTheSame() {
        History history = history(300);
        collection().write(List.of(new ViewCollection.Change<>(null, history.get(99))));
        // The buckets of events 101..250 written, the element's document not (the write failed in between).
        new VersionBuckets(database.getCollection("versions"), PER_BUCKET)
                .writeOutside(List.of(new ViewCollection.Change<>(history.get(99), history.get(249))));
        assertThat(collection().find(KEY)).as("versions the element does not count are not read")
                .contains(history.get(99));

        // Handled again in other batches: 101..150, then 151..300.
        collection().write(List.of(new ViewCollection.Change<>(history.get(99), history.get(149))));
        collection().write(List.of(new ViewCollection.Change<>(history.get(149), history.get(299))));

        assertThat(collection().find(KEY)).contains(history.get(299));
        assertThat(database.getCollection("elements").find(eq("_id", KEY)).first().getInteger("versions"))
                .as("each version once").isEqualTo(history.get(299).attributes().values().stream()
                        .mapToInt(List::size).sum());
    }

    private ViewCollection<ElementDocument> collection() {
        return new ViewCollection<>(database.getCollection("elements"),
                new VersionBuckets(database.getCollection("versions"), PER_BUCKET), ElementDocument::key,
                ElementDocument::lastSequence, 100);
    }

    /**
     * The element after each of {@code events} events: mostly target revisions, effective on dates in no order (a
     * correction may be retroactive), every seventh a milestone of one of five years. Only the states a test uses
     * are made ({@link History#after}).
     */
    private static History history(int events) {
        Random random = new Random(42);
        Instant start = Instant.parse("2021-01-01T00:00:00Z");
        List<String> attributes = new ArrayList<>(events);
        List<Version> versions = new ArrayList<>(events);
        for (int event = 0; event < events; event++) {
            long sequence = event + 2;
            LocalDate effective = LocalDate.of(2021, 1, 1).plusDays(random.nextInt(6 * 365));
            Instant recorded = start.plusSeconds(sequence * 3600);
            if (event % 7 == 6) {
                attributes.add(Attribute.milestone(2021 + event % 5));
                versions.add(new Version("MilestoneSet", effective, recorded, sequence,
                        ViewDocuments.json().valueToTree(new BigDecimal(event)), "registrar.li", "REGISTRAR",
                        "yearly milestone", null, null));
            } else {
                attributes.add(Attribute.TARGET);
                versions.add(new Version("IndicatorTargetRevised", effective, recorded, sequence,
                        ViewDocuments.json().valueToTree(new Target(2025, new BigDecimal(6000 + event),
                                Qualifier.ABOUT)), "registrar.li", "REGISTRAR", "mid-term adjustment number " + event,
                        "深府办〔2024〕" + event + "号", null));
            }
        }
        return new History(attributes, versions);
    }

    private record History(List<String> attributes, List<Version> versions) {

        int size() {
            return versions.size();
        }

        /** The element after event {@code event} (counted from 0), as the projection makes it. */
        ElementDocument get(int event) {
            Version adoption = new Version("IndicatorAdopted", LocalDate.of(2021, 1, 1),
                    Instant.parse("2021-01-01T00:00:00Z"), 1, null, "registrar.li", "REGISTRAR", null, null, null);
            Map<String, List<Version>> byAttribute = new LinkedHashMap<>();
            for (int i = 0; i <= event; i++) {
                byAttribute.computeIfAbsent(attributes.get(i), a -> new ArrayList<>()).add(versions.get(i));
            }
            return new ElementDocument(KEY, "BUSY", ElementKind.INDICATOR, "I01", adoption, byAttribute, List.of(),
                    versions.get(event).globalSequence());
        }
    }

    private int largest(String collection) {
        int largest = 0;
        for (RawBsonDocument doc : database.getCollection(collection, RawBsonDocument.class).find()) {
            largest = Math.max(largest, doc.getByteBuffer().remaining());
        }
        return largest;
    }

    private List<Document> stored() {
        List<Document> all = new ArrayList<>();
        database.getCollection("elements").find().forEach(all::add);
        database.getCollection("versions").find().sort(new Document("_id", 1)).forEach(all::add);
        return all;
    }
}
