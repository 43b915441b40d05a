package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The documents of one collection a batch of events reads and changes: as the batch has them, as they were read (so
 * that only what changed is written), and, since the start of the event being handled, what they were before it —
 * an event that fails is undone without losing the rest of the batch.
 */
final class BatchDocuments<T> {

    private final ViewCollection<T> collection;
    private final Function<T, String> keyOf;
    private final Map<String, Optional<T>> current = new HashMap<>();
    private final Map<String, T> read = new HashMap<>();
    private final Map<String, T> changed = new LinkedHashMap<>();
    /** Per key changed since the savepoint: its change before it (empty: none). */
    private final Map<String, Optional<T>> sinceSavepoint = new HashMap<>();

    BatchDocuments(ViewCollection<T> collection, Function<T, String> keyOf) {
        this.collection = collection;
        this.keyOf = keyOf;
    }

    /** Reads the documents under {@code keys} with one look-up. */
    void load(Collection<String> keys) {
        Map<String, T> found = collection.find(keys);
        keys.forEach(key -> current.put(key, Optional.ofNullable(found.get(key))));
    }

    Optional<T> get(String key) {
        return current.computeIfAbsent(key, collection::find);
    }

    void put(T document) {
        String key = keyOf.apply(document);
        sinceSavepoint.computeIfAbsent(key, k -> Optional.ofNullable(changed.get(k)));
        if (!changed.containsKey(key)) {
            read.put(key, get(key).orElse(null));
        }
        current.put(key, Optional.of(document));
        changed.put(key, document);
    }

    /** The state from which {@link #rollBack} starts again: before the next event. */
    void savepoint() {
        sinceSavepoint.clear();
    }

    /** Undoes every change since the savepoint. */
    void rollBack() {
        sinceSavepoint.forEach((key, before) -> {
            if (before.isPresent()) {
                changed.put(key, before.get());
                current.put(key, before);
            } else {
                changed.remove(key);
                current.put(key, Optional.ofNullable(read.remove(key)));
            }
        });
        sinceSavepoint.clear();
    }

    void write() {
        List<ViewCollection.Change<T>> changes = new ArrayList<>(changed.size());
        changed.forEach((key, document) -> changes.add(new ViewCollection.Change<>(read.get(key), document)));
        collection.write(changes);
    }
}
