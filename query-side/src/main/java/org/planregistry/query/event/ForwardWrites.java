package org.planregistry.query.event;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.lt;

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
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.UpdateOneModel;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;

/**
 * Changes view documents only into newer ones: each replacement or update is conditional on the stored document's
 * {@code lastSequence} being older than the new one's. A query side whose write arrives late — retried by the driver
 * on a new primary after a failover, while another instance has taken over the processor's segment and written newer
 * state — then changes nothing instead of putting older state back, which the newer instance's token has already
 * passed and would never repair.
 *
 * <p>When the stored document is as new or newer, the condition does not match and the upsert tries to insert a
 * second document under the same {@code _id}, which the unique {@code _id} index refuses: that refusal is the
 * "already newer" answer, and the document is reported as not written.
 *
 * <p>An update of a document the writer read sets only what changed, so it must never create one: where the document
 * is gone (dropped by a rebuild since) it would create a document of a few fields. It is not an upsert, and a
 * document it did not find, or found newer, is simply not written; the bulk write's result counts those, not which
 * they were, so then all of the batch's updates are reported as not written (their readers read them again).
 */
public final class ForwardWrites {

    public static final String LAST_SEQUENCE = "lastSequence";
    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final UpdateOptions CREATE = new UpdateOptions().upsert(true);
    private static final UpdateOptions UPDATE_ONLY = new UpdateOptions().upsert(false);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private ForwardWrites() {
    }

    /** A replacement of the document under {@code id} by {@code document}, unless the store holds a newer one. */
    public static ReplaceOneModel<Document> replace(Object id, Document document, long lastSequence) {
        return new ReplaceOneModel<>(and(eq("_id", id), lt(LAST_SEQUENCE, lastSequence)), document, UPSERT);
    }

    /**
     * An update of the document under {@code id} from {@code before} (as the writer read it; null for a new
     * document) to {@code after}, unless the store holds a newer one. Only the top-level fields that differ are set
     * (or unset): MongoDB then copies, logs and replicates what changed, not the whole document.
     */
    public static UpdateOneModel<Document> update(Object id, Document before, Document after, long lastSequence) {
        Document set = new Document();
        after.forEach((field, value) -> {
            if (!field.equals("_id") && (before == null || !Objects.equals(before.get(field), value))) {
                set.append(field, value);
            }
        });
        Document change = new Document("$set", set);
        if (before != null) {
            Document unset = new Document();
            before.keySet().stream().filter(field -> !after.containsKey(field)).forEach(field -> unset.append(field, ""));
            if (!unset.isEmpty()) {
                change.append("$unset", unset);
            }
        }
        return new UpdateOneModel<>(and(eq("_id", id), lt(LAST_SEQUENCE, lastSequence)), change,
                before == null ? CREATE : UPDATE_ONLY);
    }

    /**
     * Writes the replacements or updates; returns the positions (in {@code writes}) of those not written because the store
     * holds the document at the same or a later sequence.
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
                notWritten.add(error.getIndex());
            }
            if (e.getWriteConcernError() != null) {
                throw e;
            }
            result = e.getWriteResult();
        }
        // Every write neither refused nor inserted matched a document, unless an update found none to change.
        if (result.getMatchedCount() < writes.size() - notWritten.size() - result.getUpserts().size()) {
            for (int i = 0; i < writes.size(); i++) {
                if (writes.get(i) instanceof UpdateOneModel<Document> update && !update.getOptions().isUpsert()) {
                    notWritten.add(i);
                }
            }
        }
        return notWritten;
    }
}
