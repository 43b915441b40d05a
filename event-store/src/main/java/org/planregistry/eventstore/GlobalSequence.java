package org.planregistry.eventstore;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.Document;

/**
 * Hands out dense, unique global sequence numbers from one counter document. The number becomes the event
 * document's {@code _id}: the public position of the event stream.
 *
 * <p>The projection on the counter field is not cosmetic: without it the embedded server encodes the returned
 * document after releasing its lock and concurrent callers can receive the same value
 * (seen in a trial; docs/design.md, "What the embedded server does and does not do").
 *
 * <p>Filter, projection and update are built as BSON here, once where they never change: every command allocates,
 * and the driver would otherwise encode the builders' forms again each time.
 */
public final class GlobalSequence {

    private static final FindOneAndUpdateOptions ALLOCATE = new FindOneAndUpdateOptions().upsert(true)
            .returnDocument(ReturnDocument.AFTER).projection(new BsonDocument("value", new BsonInt32(1)));

    private final MongoCollection<Document> counters;
    private final BsonDocument counter;

    public GlobalSequence(MongoCollection<Document> counters, String name) {
        this.counters = counters;
        this.counter = new BsonDocument("_id", new BsonString(name));
    }

    /** Reserves {@code count} consecutive numbers and returns the last of them; the first is last - count + 1. */
    public long allocate(int count) {
        Document after = counters.findOneAndUpdate(counter,
                new BsonDocument("$inc", new BsonDocument("value", new BsonInt64(count))), ALLOCATE);
        return after.get("value", Number.class).longValue();
    }

    /** The highest number handed out so far (allocated, not necessarily visible yet); 0 before the first. */
    public long current() {
        Document doc = counters.find(counter).projection(ALLOCATE.getProjection()).first();
        return doc == null ? 0 : doc.get("value", Number.class).longValue();
    }
}
