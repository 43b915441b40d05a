package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.eq;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import org.bson.Document;
import org.planregistry.eventstore.ChainProblem.Kind;

/**
 * One plan's chain checked link by link, as its events are handed over in sequence order: by the per-plan
 * verification reading them by key, and by the store-wide one reading the store in global order. Both therefore
 * find the same problems at the same positions.
 */
final class ChainLinks {

    private static final ObjectMapper JSON = EventJson.mapper();

    private final String plan;
    private final KeptHead kept;
    private final MongoCollection<Document> events;
    private final AllocatedNumbers allocated;
    private final List<ChainProblem> problems = new ArrayList<>();

    private long expected;
    /** The stored hash of the event before {@link #expected}; {@code null} when that event is missing. */
    private String previousHash = HashChain.GENESIS;
    /** Whether a problem was reported at the event before: a link to it that fails is then no second problem. */
    private boolean previousReported;
    private long lastGlobal;
    private long count;
    private ChainVerification.Link head;
    private boolean keptReached;

    /** A chain head kept earlier: the plan's event at {@code sequenceNumber} had {@code hash}. */
    record KeptHead(long sequenceNumber, String hash) {
    }

    ChainLinks(String plan, KeptHead kept, MongoCollection<Document> events, AllocatedNumbers allocated) {
        this.plan = plan;
        this.kept = kept;
        this.events = events;
        this.allocated = allocated;
    }

    long expected() {
        return expected;
    }

    long lastGlobal() {
        return lastGlobal;
    }

    long count() {
        return count;
    }

    ChainVerification.Link head() {
        return head;
    }

    List<ChainProblem> problems() {
        return problems;
    }

    /** The plan has no event at {@link #expected} but has later ones. */
    void missing() {
        problems.add(new ChainProblem(Kind.MISSING, null, plan, expected, "event " + expected + " of plan " + plan
                + " is missing: later events of the plan are stored"));
        if (kept != null && kept.sequenceNumber() == expected) {
            keptReached = true;
            problems.add(new ChainProblem(Kind.TRUNCATED, null, plan, expected, "the event of the kept digest ("
                    + expected + ") is missing"));
        }
        previousHash = null;
        previousReported = false;
        expected++;
    }

    /** Checks {@code event}, stored as the plan's event at {@link #expected}, and moves on past it. */
    void next(Document event) {
        long global = event.get("_id", Number.class).longValue();
        try {
            check(event, global);
        } catch (ClassCastException e) {
            // A field the engine writes as text (or a number) holds something else: edited by hand.
            problems.add(problem(Kind.CONTENT_CHANGED, global, expected, "a stored field has a type the engine "
                    + "never writes: " + e.getMessage()));
            previousHash = null;
            previousReported = true;
            lastGlobal = Math.max(lastGlobal, global);
            count++;
            expected++;
        }
    }

    private void check(Document event, long global) {
        long sequence = expected;
        String stored = event.getString(HashChain.HASH);
        String storedPrevious = event.getString(HashChain.PREVIOUS_HASH);
        List<ChainProblem> found = new ArrayList<>();

        checkPlan(event, sequence, global, found);
        boolean changed = checkContent(event, sequence, global, stored, storedPrevious, found);
        checkRecordedAt(event, sequence, global, changed, found);
        if (previousHash != null && !changed && !previousReported && !previousHash.equals(storedPrevious)) {
            Document linked = storedPrevious == null || storedPrevious.isEmpty() ? null
                    : events.find(eq(HashChain.HASH, storedPrevious)).first();
            found.add(linked != null && !plan.equals(linked.getString("aggregateIdentifier"))
                    ? problem(Kind.WRONG_PLAN, global, sequence, "its previous-hash is the hash of event "
                    + linked.get("sequenceNumber") + " of plan " + linked.getString("aggregateIdentifier")
                    + " (global sequence " + linked.get("_id") + "): it links into another plan's chain")
                    : problem(Kind.LINK_BROKEN, global, sequence, sequence == 0
                    ? "the plan's first event does not link to the empty hash"
                    : "its previous-hash is not the stored hash of event " + (sequence - 1)
                    + ": that event was rewritten with a recomputed hash, or this link was edited"));
        }
        checkPosition(event, sequence, global, found);
        if (kept != null && kept.sequenceNumber() == sequence) {
            keptReached = true;
            if (!kept.hash().equals(stored)) {
                found.add(problem(Kind.REWRITTEN, global, sequence, "the digest kept says event " + sequence
                        + " has hash " + kept.hash() + "; the store now has " + stored
                        + ": the history up to it was rewritten"));
            }
        }
        problems.addAll(found);
        previousHash = stored;
        previousReported = !found.isEmpty();
        lastGlobal = Math.max(lastGlobal, global);
        head = new ChainVerification.Link(sequence, global, stored);
        count++;
        expected = sequence + 1;
    }

    /** After the plan's last event: whether the chain still reaches the kept digest's position. */
    void finish() {
        if (kept != null && !keptReached) {
            problems.add(new ChainProblem(Kind.TRUNCATED, null, plan, kept.sequenceNumber(), "the digest kept names "
                    + "event " + kept.sequenceNumber() + ", but the plan's chain now ends "
                    + (head == null ? "before its first event" : "at event " + head.sequenceNumber())));
        }
    }

    private void checkPlan(Document event, long sequence, long global, List<ChainProblem> found) {
        String planCode = json(event.getString(HashChain.PAYLOAD)).path("planCode").asText(null);
        if (!plan.equals(event.getString("aggregateIdentifier"))
                || !MongoEventStorageEngine.aggregateKey(plan, sequence).equals(event.getString("aggregateKey"))
                || !(event.get("sequenceNumber") instanceof Number stated && stated.longValue() == sequence)) {
            found.add(problem(Kind.WRONG_PLAN, global, sequence, "stored under key " + event.getString("aggregateKey")
                    + " but it says it is event " + event.get("sequenceNumber") + " of plan "
                    + event.getString("aggregateIdentifier")));
        } else if (planCode != null && !planCode.equals(plan)) {
            found.add(problem(Kind.WRONG_PLAN, global, sequence, "stored in the chain of " + plan
                    + " but its payload is about plan " + planCode));
        }
    }

    /** Whether the event's own content was changed (its link, or the digests of its parts, do not hold). */
    private boolean checkContent(Document event, long sequence, long global, String stored, String storedPrevious,
                                 List<ChainProblem> found) {
        boolean linkHolds = HashChain.link(Objects.requireNonNullElse(storedPrevious, ""), event).equals(stored);
        List<String> parts = new ArrayList<>();
        Document keptParts = event.get(HashChain.PART_DIGESTS, Document.class);
        if (keptParts != null) {
            Document now = HashChain.partDigests(event);
            for (String part : now.keySet()) {
                if (!now.getString(part).equals(keptParts.getString(part))) {
                    parts.add(part);
                }
            }
        }
        if (linkHolds && parts.isEmpty()) {
            return false;
        }
        String how = linkHolds ? ", and its hash was recomputed to match" : "";
        if (parts.contains(HashChain.PAYLOAD)) {
            found.add(problem(Kind.PAYLOAD_CHANGED, global, sequence, "its payload was changed after it was hashed"
                    + how
                    + (parts.size() > 1 ? " (changed as well: " + String.join(", ", parts.subList(1, parts.size()))
                    + ")" : "")));
        } else if (!parts.isEmpty()) {
            found.add(problem(Kind.METADATA_CHANGED, global, sequence, "its "
                    + String.join(" and ", parts.stream().map(ChainLinks::partName).toList())
                    + " changed after it was hashed" + how));
        } else {
            found.add(problem(Kind.CONTENT_CHANGED, global, sequence, "its content was changed: it no longer matches "
                    + "its hash"
                    + (keptParts == null ? " (it was stored without part digests, so which part cannot be told)"
                    : ": its plan, sequence number, type or revision, or the hash itself, was changed")));
        }
        return true;
    }

    private static String partName(String part) {
        return switch (part) {
            case HashChain.METADATA -> "metadata";
            case HashChain.TIMESTAMP -> "recorded time";
            default -> part;
        };
    }

    /** {@code recordedAt} is a copy of the hashed recorded time for date queries: it must say the same. */
    private void checkRecordedAt(Document event, long sequence, long global, boolean changed,
                                 List<ChainProblem> found) {
        if (!(event.get("recordedAt") instanceof Date recordedAt) || changed) {
            return;
        }
        try {
            Instant hashed = Instant.parse(event.getString(HashChain.TIMESTAMP));
            if (!Date.from(hashed).equals(recordedAt)) {
                found.add(problem(Kind.METADATA_CHANGED, global, sequence, "its recordedAt "
                        + recordedAt.toInstant() + " differs from the hashed recorded time " + hashed));
            }
        } catch (DateTimeParseException | NullPointerException e) {
            found.add(problem(Kind.METADATA_CHANGED, global, sequence, "its recorded time is no instant"));
        }
    }

    /**
     * The global sequence an event was written at is in its (hashed) metadata: stored anywhere else it was moved,
     * or it is a copy of the event that still holds that number.
     */
    private void checkPosition(Document event, long sequence, long global, List<ChainProblem> found) {
        JsonNode claimed = json(event.getString(HashChain.METADATA)).path(MongoEventStorageEngine.GLOBAL_SEQUENCE);
        if (claimed.canConvertToLong() && claimed.asLong() != global) {
            long written = claimed.asLong();
            Document there = events.find(eq("_id", written)).first();
            boolean copy = there != null && !there.getBoolean("filler", false)
                    && json(there.getString(HashChain.METADATA)).path(MongoEventStorageEngine.GLOBAL_SEQUENCE)
                    .asLong(-1) == written;
            found.add(copy
                    ? problem(Kind.SEQUENCE_REPEATED, global, sequence, "it claims global sequence " + written
                    + ", which the event stored there claims as well: one of them is a copy")
                    : problem(Kind.OUT_OF_ORDER, global, sequence, "it was written at global sequence " + written
                    + " and is now stored at " + global));
        } else if (count > 0 && global <= lastGlobal) {
            found.add(problem(Kind.OUT_OF_ORDER, global, sequence, "it is stored at global sequence " + global
                    + ", before the plan's previous event at " + lastGlobal));
        }
        if (allocated.never(global)) {
            found.add(problem(Kind.FORGED, global, sequence, "global sequence " + global
                    + " was never handed out: the store's counter stands at " + allocated.last()));
        }
    }

    private ChainProblem problem(Kind kind, long global, long sequence, String detail) {
        return new ChainProblem(kind, global, plan, sequence, detail);
    }

    /** The global sequence an event was written at, from its metadata; -1 if it names none. */
    static long writtenAt(Document event) {
        return event == null ? -1 : json(event.getString(HashChain.METADATA))
                .path(MongoEventStorageEngine.GLOBAL_SEQUENCE).asLong(-1);
    }

    private static JsonNode json(String text) {
        if (text == null) {
            return JSON.missingNode();
        }
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            return JSON.missingNode(); // unreadable content is reported by its hash, not here
        }
    }
}
