package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Projections.include;
import static com.mongodb.client.model.Updates.inc;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import org.bson.Document;

/**
 * Hands out dense, unique global sequence numbers from one counter document. The number becomes the event
 * document's {@code _id}: the public position of the event stream.
 *
 * <p>The projection on the counter field is not cosmetic: without it the embedded server encodes the returned
 * document after releasing its lock and concurrent callers can receive the same value (GROUND.md).
 */
public final class GlobalSequence {

    private final MongoCollection<Document> counters;
    private final String name;

    public GlobalSequence(MongoCollection<Document> counters, String name) {
        this.counters = counters;
        this.name = name;
    }

    /** Reserves {@code count} consecutive numbers and returns the last of them; the first is last - count + 1. */
    public long allocate(int count) {
        Document after = counters.findOneAndUpdate(eq("_id", name), inc("value", (long) count),
                new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)
                        .projection(include("value")));
        return after.get("value", Number.class).longValue();
    }

    /** The highest number handed out so far (allocated, not necessarily visible yet); 0 before the first. */
    public long current() {
        Document doc = counters.find(eq("_id", name)).projection(include("value")).first();
        return doc == null ? 0 : doc.get("value", Number.class).longValue();
    }
}
