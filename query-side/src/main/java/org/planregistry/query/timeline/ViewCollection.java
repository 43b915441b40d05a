package org.planregistry.query.timeline;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.ToLongFunction;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.WriteModel;
import org.bson.Document;
import org.planregistry.query.event.ForwardWrites;
import org.bson.conversions.Bson;

/**
 * One collection of the timeline view, whose documents are kept decoded in memory after they are read or written.
 * Decoding — BSON, then Jackson into records — was most of the cost of both an as-of answer and a replay.
 *
 * <p>A kept copy is used only while the stored document's {@code lastSequence} is the copy's: every read first asks
 * the store for that one field of the documents it needs (a key look-up returning a few bytes each) and decodes again
 * what has changed. So a change written by anyone else — another query-side instance that held the processor's
 * segment for a while, a rebuild — is never missed, and the copies need no invalidation.
 *
 * <p>How a view is stored is its {@link ViewLayout}; a change is written as an update of what changed since the
 * writer read the document, never as a replacement of the whole.
 */
final class ViewCollection<T> {

    private static final String LAST_SEQUENCE = ForwardWrites.LAST_SEQUENCE;
    private static final Bson SEQUENCE_ONLY = Projections.include(LAST_SEQUENCE);
    /**
     * Answers "which version is stored" from the index alone (the index of the forward writes' condition): on a real
     * MongoDB a look-up of {@code lastSequence} through the {@code _id} index would load every matched document
     * (megabytes for a long history) only to read one number. The hint makes the planner use it rather than the
     * plain {@code _id} index.
     */
    private static final Document SEQUENCE_INDEX = ForwardWrites.KEY_AND_SEQUENCE;

    /** A view as the writer read it ({@code null}: new, or not read) and as it is to be stored. */
    record Change<T>(T before, T after) {
    }

    private final MongoCollection<Document> collection;
    private final ViewLayout<T> layout;
    private final Function<T, String> keyOf;
    private final ToLongFunction<T> sequenceOf;
    private final Map<String, T> decoded;

    ViewCollection(MongoCollection<Document> collection, Class<T> type, Function<T, String> keyOf,
                   ToLongFunction<T> sequenceOf, int capacity) {
        this(collection, new WholeDocuments<>(type), keyOf, sequenceOf, capacity);
    }

    ViewCollection(MongoCollection<Document> collection, ViewLayout<T> layout, Function<T, String> keyOf,
                   ToLongFunction<T> sequenceOf, int capacity) {
        this.collection = collection;
        ensureIndexes();
        this.layout = layout;
        this.keyOf = keyOf;
        this.sequenceOf = sequenceOf;
        this.decoded = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, T> eldest) {
                return size() > capacity;
            }
        });
    }

    Optional<T> find(String key) {
        return Optional.ofNullable(find(List.of(key)).get(key));
    }

    /** The documents stored under {@code keys}; absent keys are missing from the answer. */
    Map<String, T> find(Collection<String> keys) {
        if (keys.isEmpty()) {
            return Map.of();
        }
        return current(collection.find(in("_id", keys)).projection(SEQUENCE_ONLY).hint(SEQUENCE_INDEX), keys.size());
    }

    /** Every document of the collection. */
    Collection<T> all() {
        return current(collection.find().projection(SEQUENCE_ONLY).hint(SEQUENCE_INDEX), 16).values();
    }

    /** The {@code lastSequence} of the document under {@code key}; -1 when there is none. */
    long lastSequence(String key) {
        Document doc = collection.find(eq("_id", key)).projection(SEQUENCE_ONLY).hint(SEQUENCE_INDEX).first();
        return doc == null ? -1 : sequence(doc);
    }

    /** Stores new {@code views}, each under its key unless one was stored there since, and keeps them. */
    void write(Collection<T> views) {
        write(views.stream().map(view -> new Change<T>(null, view)).toList());
    }

    /**
     * Stores the changed views, each unless its document changed since the writer read it, and keeps them: what they
     * keep elsewhere first, then an update of each document setting the fields that differ from what the writer read
     * (an insert of a new one).
     */
    void write(List<Change<T>> changes) {
        if (changes.isEmpty()) {
            return;
        }
        layout.writeOutside(changes);
        List<WriteModel<Document>> writes = new ArrayList<>(changes.size());
        for (Change<T> change : changes) {
            T before = change.before();
            writes.add(ForwardWrites.update(keyOf.apply(change.after()),
                    before == null ? null : layout.stored(before), before == null ? -1 : sequenceOf.applyAsLong(before),
                    layout.stored(change.after()), sequenceOf.applyAsLong(change.after())));
        }
        Set<Integer> changedSince = ForwardWrites.write(collection, writes);
        for (int i = 0; i < changes.size(); i++) {
            T written = changes.get(i).after();
            String key = keyOf.apply(written);
            if (changedSince.contains(i)) {
                decoded.remove(key); // another writer changed it: read it when next needed
            } else {
                decoded.put(key, written);
            }
        }
    }

    /**
     * Empties the collection for a rebuild: dropped and created again, because deleting documents one by one costs a
     * write (and an oplog entry sent to every secondary) per document.
     */
    void clear() {
        collection.drop();
        layout.clear();
        ensureIndexes();
        decoded.clear();
    }

    private void ensureIndexes() {
        ForwardWrites.ensureIndex(collection);
    }

    /** The documents whose sequences {@code sequences} lists, in its order, from memory where the copy is current. */
    private Map<String, T> current(Iterable<Document> sequences, int expected) {
        Map<String, T> found = new LinkedHashMap<>(expected * 2);
        List<String> stale = new ArrayList<>();
        for (Document doc : sequences) {
            String key = doc.getString("_id");
            T kept = decoded.get(key);
            found.put(key, kept != null && sequenceOf.applyAsLong(kept) == sequence(doc) ? kept : null);
            if (found.get(key) == null) {
                stale.add(key);
            }
        }
        int perLookUp = layout.decodedPerLookUp();
        for (int from = 0; from < stale.size(); from += perLookUp) {
            List<String> chunk = stale.subList(from, Math.min(stale.size(), from + perLookUp));
            for (T view : layout.decoded(collection.find(in("_id", chunk)).into(new ArrayList<>()))) {
                decoded.put(keyOf.apply(view), view);
                found.put(keyOf.apply(view), view);
            }
        }
        found.values().removeIf(Objects::isNull);
        return found;
    }

    private static long sequence(Document doc) {
        Number sequence = doc.get(LAST_SEQUENCE, Number.class);
        return sequence == null ? -1 : sequence.longValue();
    }
}
