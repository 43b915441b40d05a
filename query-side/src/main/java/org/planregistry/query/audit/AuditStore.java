package org.planregistry.query.audit;

import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.axonframework.config.ConfigurerModule;
import org.bson.Document;
import org.planregistry.query.event.DeadLetters;
import org.planregistry.query.event.EventBatch;
import org.planregistry.query.event.ForwardWrites;
import org.planregistry.query.consistency.ViewProgress;
import org.planregistry.query.timeline.ViewDocuments;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.stereotype.Component;

/**
 * The audit view in MongoDB: {@code audit} holds one entry per event keyed by its global sequence,
 * {@code audit_memory} the facts needed to describe later events in words. The head up to which the log is complete
 * is where the lowest of its processor's segments has got ({@link ViewProgress#completeUpTo}): several instances may
 * each work some of the segments, and a segment's token moves only once the entries of its batch are written (this
 * instance's after the batch, the token store's in the batch's commit).
 *
 * <p>Pages are read by walking the sequence with {@code _id $in} batches from the cursor, filtering in memory: no
 * range scan, whatever the size of the log. A page examines at most {@link #MAX_EXAMINED} positions, so a rare
 * filter costs a bounded amount per request and the client follows {@code next}.
 */
@Component
public class AuditStore {

    /** The processing group (and tracking processor) that keeps this view. */
    public static final String PROCESSING_GROUP = "audit";
    static final int MAX_EXAMINED = 10_000;
    private static final int BATCH = 500;

    private final MongoCollection<Document> entries;
    private final MongoCollection<Document> memory;
    /** Lazily: the processors' configuration is built from the handlers, whose projection needs this store. */
    private final ObjectProvider<ViewProgress> progress;
    private final DeadLetters deadLetters;

    AuditStore(MongoDatabase registryDatabase, ObjectProvider<ViewProgress> progress, DeadLetters deadLetters) {
        this.deadLetters = deadLetters;
        this.entries = registryDatabase.getCollection("audit");
        this.memory = registryDatabase.getCollection("audit_memory");
        ForwardWrites.ensureIndex(memory);
        this.progress = progress;
    }

    /** The entries matching {@code filter} after {@code after}, at most {@code limit}. */
    public AuditPage page(AuditFilter filter, long after, int limit) {
        long head = head();
        List<AuditEntry> found = new ArrayList<>();
        long examined = after;
        while (found.size() < limit && examined < head && examined - after < MAX_EXAMINED) {
            long last = Math.min(head, examined + BATCH);
            for (AuditEntry entry : batch(examined + 1, last)) {
                if (filter.matches(entry)) {
                    found.add(entry);
                    if (found.size() == limit) {
                        last = entry.globalSequence();
                        break;
                    }
                }
            }
            examined = last;
        }
        return new AuditPage(found, examined < head ? examined : null, head);
    }

    /** Every entry matching {@code filter} after {@code after} up to the head, in order, at most {@code limit}. */
    public void forEach(AuditFilter filter, long after, long limit, Predicate<AuditEntry> consumer) {
        long head = head();
        long sent = 0;
        // after + 1 would overflow for after = Long.MAX_VALUE and walk the whole range of longs, batch by batch
        for (long from = after + 1; after < head && from <= head; from += BATCH) {
            for (AuditEntry entry : batch(from, Math.min(head, from + BATCH - 1))) {
                if (filter.matches(entry)) {
                    if (sent++ == limit || !consumer.test(entry)) {
                        return;
                    }
                }
            }
        }
    }

    /** The highest global sequence up to which the log is complete. */
    public long head() {
        return progress.getObject().completeUpTo(PROCESSING_GROUP);
    }

    private List<AuditEntry> batch(long first, long last) {
        List<Long> ids = LongStream.rangeClosed(first, last).boxed().toList();
        List<AuditEntry> batch = new ArrayList<>(ids.size());
        entries.find(in("_id", ids)).forEach(doc -> batch.add(fromDocument(doc)));
        batch.sort(Comparator.comparingLong(AuditEntry::globalSequence));
        return batch;
    }

    /** The changes of the batch being handled; written at its end by the interceptor of {@link #PROCESSING_GROUP}. */
    AuditChanges changes() {
        return EventBatch.changes(AuditChanges.class, batch -> new AuditChanges(this, batch));
    }

    /**
     * Writes each batch's changes once, at the batch's end (see {@link EventBatch}); an event that cannot be
     * described is parked with its plan's later events, not retried with the whole batch ({@link DeadLetters}).
     */
    @Bean
    static ConfigurerModule auditWritesPerBatch(ObjectProvider<DeadLetters> deadLetters) {
        return configurer -> configurer.eventProcessing()
                .registerHandlerInterceptor(PROCESSING_GROUP, c -> EventBatch.writesAtEnd(AuditChanges.class))
                .registerHandlerInterceptor(PROCESSING_GROUP,
                        c -> deadLetters.getObject().isolating(PROCESSING_GROUP, AuditChanges.class));
    }

    MongoCollection<Document> entries() {
        return entries;
    }

    MongoCollection<Document> memory() {
        return memory;
    }

    /** The facts remembered under {@code key} and the sequence of the last event that set them. */
    Memory recall(String key) {
        Document doc = memory.find(eq("_id", key)).first();
        return doc == null ? Memory.NONE : memoryOf(doc);
    }

    static Memory memoryOf(Document doc) {
        Map<String, String> facts = new HashMap<>();
        doc.get("facts", Document.class).forEach((name, value) -> facts.put(name, (String) value));
        return new Memory(facts, doc.get("lastSequence", Number.class).longValue());
    }

    static Document toDocument(AuditEntry entry) {
        Document doc = ViewDocuments.toDocument(entry);
        doc.remove("globalSequence");
        doc.put("_id", entry.globalSequence());
        return doc;
    }

    static Document toDocument(String key, Memory memory) {
        return new Document("_id", key).append("facts", new Document(memory.facts()))
                .append("lastSequence", memory.lastSequence());
    }

    /** Empties the log for a rebuild: dropped, not deleted document by document (one oplog entry each). */
    void clear() {
        entries.drop();
        memory.drop();
        ForwardWrites.ensureIndex(memory);
        deadLetters.forget(PROCESSING_GROUP);
    }

    private static AuditEntry fromDocument(Document doc) {
        Document copy = new Document(doc);
        copy.put("globalSequence", copy.remove("_id"));
        return ViewDocuments.fromDocument(copy, AuditEntry.class);
    }

    /** Facts remembered about one element or finding, as of the event at {@code lastSequence}. */
    record Memory(Map<String, String> facts, long lastSequence) {

        static final Memory NONE = new Memory(Map.of(), -1);
    }
}
