package org.planregistry.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.mongodb.client.model.BulkWriteOptions;
import com.mongodb.client.model.Projections;
import com.mongodb.client.model.ReplaceOneModel;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.WriteModel;
import org.axonframework.eventhandling.EventMessage;
import org.bson.Document;
import org.planregistry.api.PlanEvent;
import org.planregistry.query.audit.AuditStore.Memory;
import org.planregistry.query.event.EventBatch;
import org.planregistry.query.event.ForwardWrites;
import org.planregistry.query.event.RecordedEvent;

/**
 * What one batch of events adds to the audit log: which of its entries the log already holds and the remembered
 * facts its events need, each read with one look-up at the start; the new entries and the facts to remember, written
 * once at the end. The log's head is where the processor's segments have got, which moves only after these
 * writes, so the head never passes an entry that is not there.
 */
final class AuditChanges implements EventBatch.Changes {

    private static final ReplaceOptions UPSERT = new ReplaceOptions().upsert(true);
    private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().ordered(false);

    private final AuditStore store;
    private final Set<Long> held = new HashSet<>();
    private final Map<String, Memory> memories = new HashMap<>();
    /** The sequence of each memory as read from the store (-1: none stored), the condition of its write. */
    private final Map<String, Long> readAt = new HashMap<>();
    private final List<WriteModel<Document>> entries = new ArrayList<>();
    private final Set<String> remembered = new LinkedHashSet<>();
    /** What the event being handled changed, to undo it if it fails. */
    private int entriesAtSavepoint;
    private final List<Long> heldSinceSavepoint = new ArrayList<>();
    private final Map<String, Memory> memoriesBeforeSavepoint = new HashMap<>();
    private final List<String> rememberedSinceSavepoint = new ArrayList<>();

    AuditChanges(AuditStore store, List<? extends EventMessage<?>> batch) {
        this.store = store;
        List<Long> sequences = new ArrayList<>(batch.size());
        Set<String> keys = new LinkedHashSet<>();
        for (EventMessage<?> message : batch) {
            if (message.getPayload() instanceof PlanEvent event) {
                sequences.add(RecordedEvent.of(message).globalSequence());
                String key = ChangeInWords.memoryKey(event);
                if (key != null) {
                    keys.add(key);
                }
            }
        }
        if (!sequences.isEmpty()) {
            store.entries().find(in("_id", sequences)).projection(Projections.include("_id"))
                    .forEach(doc -> held.add(doc.get("_id", Number.class).longValue()));
        }
        if (!keys.isEmpty()) {
            keys.forEach(key -> memories.put(key, Memory.NONE));
            store.memory().find(in("_id", keys)).forEach(doc -> memories.put(doc.getString("_id"),
                    AuditStore.memoryOf(doc)));
            memories.forEach((key, memory) -> readAt.put(key, memory.lastSequence()));
        }
    }

    boolean holds(long sequence) {
        return held.contains(sequence);
    }

    Memory recall(String key) {
        return memories.computeIfAbsent(key, k -> {
            Memory stored = store.recall(k);
            readAt.put(k, stored.lastSequence());
            return stored;
        });
    }

    void write(AuditEntry entry) {
        if (held.add(entry.globalSequence())) {
            heldSinceSavepoint.add(entry.globalSequence());
        }
        entries.add(new ReplaceOneModel<>(eq("_id", entry.globalSequence()), AuditStore.toDocument(entry), UPSERT));
    }

    void remember(String key, Map<String, String> facts, long sequence) {
        recall(key); // read first: it is written on the condition that it is still as read
        if (!memoriesBeforeSavepoint.containsKey(key)) {
            memoriesBeforeSavepoint.put(key, memories.get(key));
        }
        memories.put(key, new Memory(facts, sequence));
        if (remembered.add(key)) {
            rememberedSinceSavepoint.add(key);
        }
    }

    @Override
    public void savepoint() {
        entriesAtSavepoint = entries.size();
        heldSinceSavepoint.clear();
        memoriesBeforeSavepoint.clear();
        rememberedSinceSavepoint.clear();
    }

    @Override
    public void rollBack() {
        entries.subList(entriesAtSavepoint, entries.size()).clear();
        heldSinceSavepoint.forEach(held::remove);
        memoriesBeforeSavepoint.forEach((key, memory) -> {
            if (memory == null) {
                memories.remove(key);
            } else {
                memories.put(key, memory);
            }
        });
        rememberedSinceSavepoint.forEach(remembered::remove);
        savepoint();
    }

    @Override
    public void write() {
        if (!entries.isEmpty()) {
            store.entries().bulkWrite(entries, UNORDERED);
        }
        if (!remembered.isEmpty()) {
            List<WriteModel<Document>> facts = new ArrayList<>(remembered.size());
            for (String key : remembered) {
                Memory memory = memories.get(key);
                facts.add(ForwardWrites.replace(key, AuditStore.toDocument(key, memory), readAt.get(key),
                        memory.lastSequence()));
            }
            ForwardWrites.write(store.memory(), facts); // a memory another instance stored since is kept
        }
    }
}
