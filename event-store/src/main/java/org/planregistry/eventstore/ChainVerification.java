package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.in;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Recomputes a plan's hash chain from the stored events, in order, and reports the chain head or the first link that
 * does not hold. Reads the plan's events by key, a batch at a time, so the cost is the plan's history, not the
 * store's.
 */
public final class ChainVerification {

    private static final int BATCH = 200;

    private final MongoCollection<Document> events;

    public ChainVerification(MongoDatabase database) {
        this.events = database.getCollection("events");
    }

    /** Where a chain stands: its last event, or the first that breaks it. */
    public record Link(long sequenceNumber, long globalSequence, String hash) {
    }

    /**
     * The outcome for one plan: how many events were checked, whether every link holds, the head (the last event's
     * link) and, if broken, the first event whose stored link differs from the recomputed one and why.
     */
    public record Report(String plan, long events, boolean intact, Link head, Link firstBroken, String problem) {
    }

    public Report verify(String aggregateIdentifier) {
        String previous = HashChain.GENESIS;
        Link head = null;
        long checked = 0;
        for (long from = 0; ; from += BATCH) {
            List<Document> batch = batch(aggregateIdentifier, from);
            for (Document event : batch) {
                long sequence = event.get("sequenceNumber", Number.class).longValue();
                long global = event.get("_id", Number.class).longValue();
                if (sequence != checked) {
                    return broken(aggregateIdentifier, checked, head, new Link(checked, global, null),
                            "event " + checked + " of the plan is missing");
                }
                String stored = event.getString(HashChain.HASH);
                if (!previous.equals(event.getString(HashChain.PREVIOUS_HASH))) {
                    return broken(aggregateIdentifier, checked, head, new Link(sequence, global, stored),
                            "its previous-hash does not match the hash of event " + (sequence - 1));
                }
                String recomputed = HashChain.link(previous, event);
                if (!recomputed.equals(stored)) {
                    return broken(aggregateIdentifier, checked, head, new Link(sequence, global, stored),
                            "its content no longer matches its hash: the stored event was changed");
                }
                previous = stored;
                head = new Link(sequence, global, stored);
                checked++;
            }
            if (batch.size() < BATCH) {
                // The plan's history ends here, unless an event was removed and later ones remain.
                List<Document> beyond = batch(aggregateIdentifier, checked + 1);
                if (!beyond.isEmpty()) {
                    return broken(aggregateIdentifier, checked, head, new Link(checked, 0, null),
                            "event " + checked + " of the plan is missing");
                }
                return new Report(aggregateIdentifier, checked, true, head, null, null);
            }
        }
    }

    private static Report broken(String plan, long checked, Link head, Link at, String problem) {
        return new Report(plan, checked, false, head, at, problem);
    }

    private List<Document> batch(String aggregateIdentifier, long from) {
        List<String> keys = LongStream.range(from, from + BATCH)
                .mapToObj(seq -> MongoEventStorageEngine.aggregateKey(aggregateIdentifier, seq)).toList();
        List<Document> found = events.find(in("aggregateKey", keys)).into(new ArrayList<>());
        found.sort(Comparator.comparingLong(doc -> doc.get("sequenceNumber", Number.class).longValue()));
        return found;
    }
}
