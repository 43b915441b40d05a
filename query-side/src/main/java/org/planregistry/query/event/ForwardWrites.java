package org.planregistry.query.event;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.bulk.BulkWriteResult;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertOneModel;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * Changes view documents only into newer ones. A writer changes a document only from the version it read (its
 * {@code lastSequence}) to a later one: a new document is inserted, a read one replaced or updated on the condition
 * that the stored {@code lastSequence} is still the one read. A query side whose write arrives late — retried by the
 * driver on a new primary after a failover, while another instance has taken over the processor's segment and
 * written newer state — then changes nothing instead of putting older state back (or state that lacks what the
 * other wrote), which the newer instance's token has already passed and would never repair.
 *
 * <p>The condition is an equality on {@code _id} and {@code lastSequence}, answered by a unique index on exactly those
 * two fields ({@link #ensureIndex}). A range condition ({@code lastSequence < n}) would say the same, but the
 * embedded MongoDB-protocol server uses an index only for a query on exactly the index's fields with plain values,
 * and examined every document of the collection for each write: a replay slowed in proportion to the view's size.
 *
 * <p>A write that finds the document changed or created since it was read is reported as not written; the bulk
 * write's result counts the replacements and updates that matched, not which, so then all of the batch's
 * replacements and updates are reported as not written (their writers read them again). An update never creates a
 * document: where the document is gone (dropped by a rebuild since) it would create one of a few fields.
 */
public final class ForwardWrites {

    public static final String LAST_SEQUENCE = "lastSequence";
    /** The fields of a forward write's condition, which its index has: {@code _id}, then {@code lastSequence}. */
    public static final Document KEY_AND_SEQUENCE = new Document("_id", 1).append(LAST_SEQUENCE, 1);
    private static final String INDEX = "lastSequence";
    private static final ReplaceOptions REPLACE_ONLY = new ReplaceOptions().upsert(false);
    private static final UpdateOptions UPDATE_ONLY = new UpdateOptions().upsert(false);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private ForwardWrites() {
    }

    /**
     * Creates the unique index on {@code _id} and {@code lastSequence} that serves the writes' conditions. An index
     * on the same fields without {@code unique} (as views stored before had it) is replaced: the embedded server
     * serves a query from unique indexes only, and MongoDB refuses a second index on the same fields.
     */
    public static void ensureIndex(MongoCollection<Document> collection) {
        for (Document index : collection.listIndexes()) {
            if (KEY_AND_SEQUENCE.equals(index.get("key"))) {
                if (Boolean.TRUE.equals(index.getBoolean("unique"))) {
                    return;
                }
                collection.dropIndex(index.getString("name"));
            }
        }
        collection.createIndex(KEY_AND_SEQUENCE, new IndexOptions().name(INDEX).unique(true));
    }

    /**
     * A replacement of the document under {@code id}, stored at {@code storedSequence} when the writer read it (-1:
     * none was stored), by {@code document}, at {@code lastSequence}.
     */
    public static WriteModel<Document> replace(Object id, Document document, long storedSequence, long lastSequence) {
        requireForward(id, storedSequence, lastSequence);
        if (storedSequence < 0) {
            return new InsertOneModel<>(withId(id, document));
        }
        return new ReplaceOneModel<>(stored(id, storedSequence), document, REPLACE_ONLY);
    }

    /**
     * An update of the document under {@code id} from {@code before} (as the writer read it, at
     * {@code beforeSequence}; null when none was stored) to {@code after}, at {@code lastSequence}. Only the top-level
     * fields that differ are set (or unset): MongoDB then copies, logs and replicates what changed, not the whole
     * document.
     */
    public static WriteModel<Document> update(Object id, Document before, long beforeSequence, Document after,
                                              long lastSequence) {
        if (before == null) {
            return new InsertOneModel<>(withId(id, after));
        }
        requireForward(id, beforeSequence, lastSequence);
        Document set = new Document();
        after.forEach((field, value) -> {
            if (!field.equals("_id") && !Objects.equals(before.get(field), value)) {
                set.append(field, value);
            }
        });
        Document change = new Document("$set", set);
        Document unset = new Document();
        before.keySet().stream().filter(field -> !after.containsKey(field)).forEach(field -> unset.append(field, ""));
        if (!unset.isEmpty()) {
            change.append("$unset", unset);
        }
        return new UpdateOneModel<>(stored(id, beforeSequence), change, UPDATE_ONLY);
    }

    /**
     * Writes the inserts, replacements and updates; returns the positions (in {@code writes}) of those not written
     * because the document was created or changed since it was read (or, for a replacement or update, is gone).
     *
     * @throws MongoBulkWriteException when a write failed for any other reason
     */
    public static Set<Integer> write(MongoCollection<Document> collection,
                                     List<? extends WriteModel<Document>> writes) {
        if (writes.isEmpty()) {
            return Set.of();
        }
        BulkWriteResult result;
        Set<Integer> notWritten = new HashSet<>();
        try {
            result = collection.bulkWrite(writes, UNORDERED);
        } catch (MongoBulkWriteException e) {
            for (BulkWriteError error : e.getWriteErrors()) {
                if (ErrorCategory.fromErrorCode(error.getCode()) != ErrorCategory.DUPLICATE_KEY) {
                    throw e;
                }
                notWritten.add(error.getIndex()); // an insert: the document was created since it was read
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            result = e.getWriteResult();
        }
        long conditional = writes.stream().filter(write -> !(write instanceof InsertOneModel)).count();
        if (result.getMatchedCount() < conditional) {
            for (int i = 0; i < writes.size(); i++) {
                if (!(writes.get(i) instanceof InsertOneModel)) {
                    notWritten.add(i);
                }
            }
        }
        return notWritten;
    }

    /** The condition "still as read": equalities only, so that the unique index on both fields answers it. */
    private static Document stored(Object id, long sequence) {
        return new Document("_id", id).append(LAST_SEQUENCE, sequence);
    }

    private static Document withId(Object id, Document document) {
        if (Objects.equals(document.get("_id"), id)) {
            return document;
        }
        Document withId = new Document("_id", id);
        document.forEach((field, value) -> {
            if (!field.equals("_id")) {
                withId.append(field, value);
            }
        });
        return withId;
    }

    private static void requireForward(Object id, long storedSequence, long lastSequence) {
        if (storedSequence >= lastSequence) {
            throw new IllegalArgumentException("A write of " + id + " at " + lastSequence
                    + " would not move it forward from " + storedSequence);
        }
    }
}
