package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.in;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.LongStream;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import org.bson.Document;

/**
 * Recomputes a plan's hash chain from the stored events, in order, and reports the chain head and every problem
 * found, each with its position and kind ({@link ChainProblem}). Reads the plan's events by key, a batch at a time,
 * so the cost is the plan's history, not the store's. Given a digest kept earlier, it also says whether the chain
 * still passes through it, which is what catches a rewrite whose hashes were all recomputed.
 */
public final class ChainVerification {

    private static final int BATCH = 200;

    private final MongoDatabase database;
    private final MongoCollection<Document> events;

    public ChainVerification(MongoDatabase database) {
        this.database = database;
        this.events = database.getCollection("events");
    }

    /** Where a chain stands: its last event, or the first that breaks it. */
    public record Link(long sequenceNumber, long globalSequence, String hash) {
    }

    /** A plan's chain head kept earlier ({@code audit/digest}), to check that the chain still passes through it. */
    public record Digest(long sequenceNumber, String hash) {
    }

    /** Whether the chain still passes through the digest that was given: same hash at the same position. */
    public record DigestCheck(long sequenceNumber, String hash, boolean extended) {
    }

    /**
     * The outcome for one plan: how many events were checked, whether every link holds, the head (the last event's
     * link), the first problem's position and words (kept for readers of the earlier form of this answer), every
     * problem, and the check of the kept digest when one was given.
     */
    public record Report(String plan, long events, boolean intact, Link head, Link firstBroken, String problem,
                         List<ChainProblem> problems, DigestCheck digest) {
    }

    public Report verify(String aggregateIdentifier) {
        return verify(aggregateIdentifier, null);
    }

    public Report verify(String aggregateIdentifier, Digest kept) {
        return verify(aggregateIdentifier, kept, new AllocatedNumbers(database), -1);
    }

    /**
     * Verifies by key, window after window, until a window holds none of the plan's events and {@code knownLast}
     * (a sequence number the caller saw the plan reach, -1 if none) is passed: a hole wider than a window is then
     * reported as missing events rather than taken for the chain's end.
     */
    Report verify(String aggregateIdentifier, Digest kept, AllocatedNumbers allocated, long knownLast) {
        ChainLinks links = new ChainLinks(aggregateIdentifier,
                kept == null ? null : new ChainLinks.KeptHead(kept.sequenceNumber(), kept.hash()), events, allocated);
        for (long from = 0; ; from += BATCH) {
            Map<Long, Document> batch = batch(aggregateIdentifier, from);
            for (long sequence = from; sequence < from + BATCH; sequence++) {
                Document event = batch.get(sequence);
                if (event != null) {
                    // Numbers passed over before an event that is there are missing; after the last one, the end.
                    while (links.expected() < sequence) {
                        links.missing();
                    }
                    links.next(event);
                }
            }
            if (batch.isEmpty() && from + BATCH > knownLast) {
                break;
            }
        }
        links.finish();
        return report(aggregateIdentifier, links, kept);
    }

    static Report report(String plan, ChainLinks links, Digest kept) {
        List<ChainProblem> problems = List.copyOf(links.problems());
        ChainProblem first = problems.isEmpty() ? null : problems.get(0);
        Link firstBroken = first == null ? null : new Link(first.sequenceNumber() == null ? -1 : first.sequenceNumber(),
                first.globalSequence() == null ? 0 : first.globalSequence(), null);
        boolean extended = problems.stream().noneMatch(p -> p.kind() == ChainProblem.Kind.REWRITTEN
                || p.kind() == ChainProblem.Kind.TRUNCATED);
        return new Report(plan, links.count(), problems.isEmpty(), links.head(), firstBroken,
                first == null ? null : first.kind() + ": " + first.detail(), problems,
                kept == null ? null : new DigestCheck(kept.sequenceNumber(), kept.hash(), extended));
    }

    private Map<Long, Document> batch(String aggregateIdentifier, long from) {
        List<String> keys = LongStream.range(from, from + BATCH)
                .mapToObj(seq -> MongoEventStorageEngine.aggregateKey(aggregateIdentifier, seq)).toList();
        Map<Long, Document> found = new HashMap<>();
        for (Document event : events.find(in("aggregateKey", keys))) {
            String key = event.getString("aggregateKey");
            found.put(Long.parseLong(key.substring(key.lastIndexOf('/') + 1)), event);
        }
        return found;
    }
}
