package org.planregistry.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import org.bson.BsonDocument;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.eventstore.TestMongo;

/**
 * Kept copies of view documents are used only while the stored {@code lastSequence} is theirs: a change by any other
 * writer is read, an unchanged document is not decoded again.
 */
class ViewCollectionTest {

    private static final TestMongo MONGO = TestMongo.start();
    /** What the driver sends, to check the shape of the requests a real MongoDB would receive. */
    private static final List<BsonDocument> SENT = new CopyOnWriteArrayList<>();
    private static final MongoClient CLIENT = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(MONGO.uri("views")))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    SENT.add(event.getCommand().clone());
                }
            }).build());

    private final MongoCollection<Document> stored = CLIENT.getDatabase("views").getCollection("notes");
    private ViewCollection<Note> notes;

    record Note(@JsonProperty("_id") String key, String text, long lastSequence) {
    }

    @BeforeEach
    void emptyCollection() {
        stored.deleteMany(new Document());
        notes = collection(100);
    }

    @AfterAll
    static void stopServer() {
        CLIENT.close();
        MONGO.close();
    }

    @Test
    void aVersionLookUpIsAnsweredFromTheIndexAlone() {
        notes.write(List.of(new Note("a", "first", 1)));
        SENT.clear();

        notes.lastSequence("a");
        notes.find(List.of("a", "b"));

        List<BsonDocument> finds = SENT.stream().filter(c -> c.containsKey("find")).toList();
        assertThat(finds).hasSizeGreaterThanOrEqualTo(2);
        for (BsonDocument find : finds.subList(0, 2)) {
            assertThat(find.getDocument("projection")).isEqualTo(BsonDocument.parse("{lastSequence: 1}"));
            assertThat(find.getDocument("hint")).isEqualTo(BsonDocument.parse("{_id: 1, lastSequence: 1}"));
        }
        assertThat(stored.listIndexes().map(i -> i.get("key", Document.class)).into(new ArrayList<>()))
                .contains(new Document("_id", 1).append("lastSequence", 1));
    }

    @Test
    void aResetDropsTheCollectionInsteadOfDeletingDocumentByDocument() {
        notes.write(IntStream.range(0, 50).mapToObj(i -> new Note("n" + i, "text", i)).toList());
        SENT.clear();

        notes.clear();

        assertThat(SENT).extracting(c -> c.getFirstKey()).contains("drop", "createIndexes").doesNotContain("delete");
        assertThat(stored.countDocuments()).isZero();
        assertThat(notes.find("n1")).isEmpty();
        notes.write(List.of(new Note("a", "again", 60)));
        assertThat(notes.lastSequence("a")).isEqualTo(60);
    }

    @Test
    void readsWhatItWrote() {
        notes.write(List.of(new Note("a", "first", 1), new Note("b", "second", 2)));

        assertThat(notes.find("a")).contains(new Note("a", "first", 1));
        assertThat(notes.find(List.of("b", "a", "missing"))).containsOnlyKeys("a", "b");
        assertThat(new ViewCollection<>(stored, Note.class, Note::key, Note::lastSequence, 100).find("b"))
                .as("what another instance reads from the store").contains(new Note("b", "second", 2));
    }

    @Test
    void aLateWriterWithAnOlderDocumentChangesNothing() {
        Note first = new Note("a", "first", 1);
        notes.write(List.of(first));
        ViewCollection<Note> newer = collection(100);
        newer.write(List.of(new ViewCollection.Change<>(first, new Note("a", "newer", 9))));

        // The first instance's late write (a retry after a failover, say) of state older than what is stored.
        notes.write(List.of(new ViewCollection.Change<>(first, new Note("a", "late and older", 5)),
                new ViewCollection.Change<>(null, new Note("b", "new", 5))));

        assertThat(stored.find(eq("_id", "a")).first().getString("text")).isEqualTo("newer");
        assertThat(notes.find("a")).as("the late writer reads what is stored").contains(new Note("a", "newer", 9));
        assertThat(notes.find("b")).as("the rest of its batch is written").contains(new Note("b", "new", 5));
    }

    @Test
    void aWriterThatDidNotReadTheNewestVersionChangesNothingEvenToALaterOne() {
        Note first = new Note("a", "first", 1);
        notes.write(List.of(first));
        collection(100).write(List.of(new ViewCollection.Change<>(first, new Note("a", "other writer", 7))));

        // Built on version 1 without the other writer's change: writing it would lose that change.
        notes.write(List.of(new ViewCollection.Change<>(first, new Note("a", "from version 1", 9))));
        notes.write(List.of(new Note("a", "as if new", 12)));

        assertThat(stored.find(eq("_id", "a")).first().getString("text")).isEqualTo("other writer");
    }

    @Test
    void aForwardWriteIsAKeyLookUpThatTheEmbeddedServerAnswersFromAnIndex() {
        Note first = new Note("a", "first", 1);

        BsonDocument update = updateSent(first, new Note("a", "second", 2));

        // mongo-java-server uses an index only for a filter of plain values on exactly the index's fields; a range
        // condition on lastSequence made every write examine the whole collection.
        assertThat(update.getDocument("q"))
                .isEqualTo(BsonDocument.parse("{_id: 'a', lastSequence: {$numberLong: '1'}}"));
        assertThat(stored.listIndexes().into(new ArrayList<>())).anySatisfy(index -> {
            assertThat(index.get("key")).isEqualTo(new Document("_id", 1).append("lastSequence", 1));
            assertThat(index.getBoolean("unique")).isTrue();
        });
    }

    @Test
    void replacesTheIndexViewsStoredBeforeHad() {
        stored.drop();
        stored.createIndex(new Document("_id", 1).append("lastSequence", 1),
                new IndexOptions().name("lastSequence"));

        collection(100);

        assertThat(stored.listIndexes().into(new ArrayList<>()))
                .filteredOn(index -> "lastSequence".equals(index.getString("name")))
                .singleElement().satisfies(index -> assertThat(index.getBoolean("unique")).isTrue());
    }

    @Test
    void aChangeIsAnUpdateOfTheFieldsThatChangedAndNeverCreatesAPartialDocument() {
        Note first = new Note("a", "first", 1);

        BsonDocument update = updateSent(first, new Note("a", "second", 2));

        assertThat(update.getDocument("u"))
                .isEqualTo(BsonDocument.parse("{$set: {text: 'second', lastSequence: {$numberLong: '2'}}}"));
        assertThat(update.getBoolean("upsert", org.bson.BsonBoolean.FALSE).getValue()).isFalse();
        notes.clear(); // a rebuild on another instance drops the collection
        notes.write(List.of(new ViewCollection.Change<>(new Note("a", "second", 2), new Note("a", "third", 3))));
        assertThat(stored.countDocuments()).as("a late update finds nothing and creates nothing").isZero();
        assertThat(notes.find("a")).isEmpty();
    }

    @Test
    void seesAChangeByAnotherWriter() {
        notes.write(List.of(new Note("a", "first", 1)));
        stored.replaceOne(eq("_id", "a"), new Document("_id", "a").append("text", "changed elsewhere")
                .append("lastSequence", 7L));

        assertThat(notes.find("a")).contains(new Note("a", "changed elsewhere", 7));
    }

    @Test
    void keepsAnUnchangedDocumentWithoutDecodingItAgain() {
        notes.write(List.of(new Note("a", "first", 1)));
        // A change that does not move lastSequence breaks the view's contract; here it shows which copy is read.
        stored.updateOne(eq("_id", "a"), Updates.set("text", "not read"));

        assertThat(notes.find("a")).contains(new Note("a", "first", 1));
        assertThat(notes.all()).containsExactly(new Note("a", "first", 1));
    }

    @Test
    void forgetsADeletedDocument() {
        notes.write(List.of(new Note("a", "first", 1)));
        stored.deleteOne(eq("_id", "a"));

        assertThat(notes.find("a")).isEmpty();
        assertThat(notes.all()).isEmpty();
    }

    @Test
    void keepsAtMostItsCapacityAndDecodesTheOthersAgain() {
        ViewCollection<Note> small = collection(1);
        small.write(List.of(new Note("a", "first", 1), new Note("b", "second", 2)));
        stored.updateOne(eq("_id", "a"), Updates.set("text", "read again"));
        stored.updateOne(eq("_id", "b"), Updates.set("text", "not read"));

        assertThat(small.find("a")).as("evicted: decoded from the store").contains(new Note("a", "read again", 1));
        assertThat(small.find("b")).as("evicted by a's read").contains(new Note("b", "not read", 2));
    }

    @Test
    void readsDocumentsTogetherLargerThanOneMessageOfTheServer() {
        String text = "x".repeat(5_000_000);
        List<Note> large = IntStream.range(0, 12).mapToObj(i -> new Note("n" + i, text, i)).toList();
        for (Note note : large) {
            notes.write(List.of(note));
        }
        List<String> keys = large.stream().map(Note::key).toList();

        assertThat(collection(100).find(keys)).as("60 MB: more than the 48 MB of one server message")
                .hasSize(12).allSatisfy((key, note) -> assertThat(note.text()).hasSize(5_000_000));
    }

    @Test
    void clearEmptiesStoreAndMemory() {
        notes.write(List.of(new Note("a", "first", 1)));

        notes.clear();

        assertThat(stored.countDocuments()).isZero();
        assertThat(notes.find("a")).isEmpty();
    }

    /** Writes {@code before}, then changes it into {@code after}; the update the driver sent for the change. */
    private BsonDocument updateSent(Note before, Note after) {
        notes.write(List.of(before));
        SENT.clear();
        notes.write(List.of(new ViewCollection.Change<>(before, after)));
        return SENT.stream().filter(c -> c.containsKey("update")).findFirst().orElseThrow()
                .getArray("updates").get(0).asDocument();
    }

    private ViewCollection<Note> collection(int capacity) {
        return new ViewCollection<>(stored, Note.class, Note::key, Note::lastSequence, capacity);
    }
}
