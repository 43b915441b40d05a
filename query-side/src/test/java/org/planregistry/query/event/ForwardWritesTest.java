package org.planregistry.query.event;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planregistry.eventstore.TestMongo;

/** Replacements (as the audit's remembered facts are written) move a document forward from the version read. */
class ForwardWritesTest {

    private static final TestMongo MONGO = TestMongo.start();
    private static final MongoClient CLIENT = MongoClients.create(MONGO.uri("forward"));

    private final MongoCollection<Document> facts = CLIENT.getDatabase("forward").getCollection("facts");

    @BeforeEach
    void emptyCollection() {
        facts.drop();
        ForwardWrites.ensureIndex(facts);
    }

    @AfterAll
    static void stopServer() {
        CLIENT.close();
        MONGO.close();
    }

    @Test
    void replacesWhatWasReadAndInsertsWhatWasNotThere() {
        assertThat(ForwardWrites.write(facts, List.of(ForwardWrites.replace("k", fact("first", 3), -1, 3))))
                .isEmpty();

        assertThat(ForwardWrites.write(facts, List.of(ForwardWrites.replace("k", fact("second", 8), 3, 8))))
                .isEmpty();

        assertThat(facts.find(eq("_id", "k")).first()).isEqualTo(new Document("_id", "k").append("value", "second")
                .append(ForwardWrites.LAST_SEQUENCE, 8L));
    }

    @Test
    void leavesWhatAnotherWriterStoredSinceAndSaysWhichWereNotWritten() {
        ForwardWrites.write(facts, List.of(ForwardWrites.replace("a", fact("a at 3", 3), -1, 3),
                ForwardWrites.replace("b", fact("b at 3", 3), -1, 3)));
        ForwardWrites.write(facts, List.of(ForwardWrites.replace("a", fact("a by another", 6), 3, 6),
                ForwardWrites.replace("c", fact("c by another", 6), -1, 6)));

        // Read at 3 (a) and as absent (c) before the other writer's changes; b is still as read.
        var notWritten = ForwardWrites.write(facts, List.of(ForwardWrites.replace("a", fact("a late", 9), 3, 9),
                ForwardWrites.replace("c", fact("c late", 9), -1, 9),
                ForwardWrites.replace("b", fact("b at 9", 9), 3, 9)));

        assertThat(facts.find().sort(eq("_id", 1)).map(doc -> doc.getString("value")).into(new ArrayList<>()))
                .containsExactly("a by another", "b at 9", "c by another");
        assertThat(notWritten).as("c refused by the index; a and b not told apart by the bulk write's count")
                .containsExactlyInAnyOrder(0, 1, 2);
    }

    @Test
    void refusesAWriteThatWouldNotMoveForward() {
        assertThatThrownBy(() -> ForwardWrites.replace("k", fact("older", 5), 7, 5))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("forward");
        assertThatThrownBy(() -> ForwardWrites.update("k", fact("stored", 7), 7, fact("same", 7), 7))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Document fact(String value, long sequence) {
        return new Document("value", value).append(ForwardWrites.LAST_SEQUENCE, sequence);
    }
}
