package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.TransactionOptions;
import com.mongodb.WriteConcern;
import com.mongodb.client.ClientSession;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.Sorts;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon event storage on MongoDB with a dense global sequence, written for key look-ups only.
 *
 * <p>Each event is one document whose {@code _id} is its global sequence number, allocated by
 * {@link GlobalSequence}. A unique {@code aggregateKey} ("PLAN/7") makes (aggregate, sequence) unique: of two
 * commands racing on one plan, one insert fails with a duplicate key and becomes Axon's concurrency failure.
 *
 * <p>Trackers read the next batch as {@code _id $in [index+1 .. index+batch]} plus the open gaps of their
 * {@link GapAwareTrackingToken}. A number that was allocated but is not yet visible (a slow commit) stays a gap and
 * is looked up again on every read until it appears, or until {@code gapTimeout} has passed since this engine first
 * saw it open, after which it is given up and logged: a writer that died between allocation and insert must not
 * hold the stream forever. A commit that lost a race fills its allocated numbers with filler documents so readers
 * need not wait for them at all.
 *
 * <p>What an append wrote (its last global sequence and the aggregate's version) is recorded in the unit of work that
 * committed it ({@link AppendedEvents}), so a command's sender can answer with it whatever thread handled the command.
 *
 * <p>A commit whose first event carries an {@link #IDEMPOTENCY_KEY} in its metadata stores that key beside the
 * event as well, under a unique index: the event and its key are one write, so a command sent again under the same
 * key is found ({@link #eventWithIdempotencyKey}) and a second commit under it writes nothing.
 *
 * <p>Aggregates load by {@code aggregateKey $in}, snapshots by {@code _id}; no query here is a range scan, which
 * keeps every access path flat as the store grows, on a real MongoDB and on the embedded server alike.
 */
public class MongoEventStorageEngine extends BatchingEventStorageEngine {

    private static final Logger log = LoggerFactory.getLogger(MongoEventStorageEngine.class);
    private static final int MAX_GAP_OFFSET = 1_000_000;
    private static final String FILLER = "filler";
    /** Metadata key under which every stored event carries its global sequence number. */
    public static final String GLOBAL_SEQUENCE = "globalSequence";
    /** Metadata key, and field of the stored event, of the idempotency key a commit was sent under. */
    public static final String IDEMPOTENCY_KEY = "idempotencyKey";

    private final MongoCollection<Document> events;
    private final MongoCollection<Document> snapshots;
    private final GlobalSequence sequence;
    private final Duration gapTimeout;
    private final Clock clock;
    private final Map<Long, Instant> gapsFirstSeen = new ConcurrentHashMap<>();
    private final ChainHeads recentHeads = new ChainHeads(10_000);
    private final StoreObserver observer;
    /** Sessions for transactions, or null where the store has none (a standalone server, the embedded one). */
    private final MongoClient transactions;

    protected MongoEventStorageEngine(Builder builder) {
        super(builder);
        // Reads see only what a majority of a replica set has: a tracker must not project, an aggregate not load,
        // and the next event not hash against an insert that a failover rolls back. Writes keep their own concern.
        this.events = builder.database.getCollection("events").withReadConcern(ReadConcern.MAJORITY);
        this.snapshots = builder.database.getCollection("snapshots").withReadConcern(ReadConcern.MAJORITY);
        this.sequence = new GlobalSequence(builder.database.getCollection("sequences"), "events");
        this.gapTimeout = builder.gapTimeout;
        this.clock = builder.clock;
        this.observer = builder.observer;
        this.transactions = builder.transactions;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Creates the unique keys: one event per (aggregate, sequence), one commit per idempotency key. Idempotent.
     * The idempotency key's index is sparse because most events have none; a real MongoDB and the embedded server
     * both enforce a sparse unique index and answer an exact match from it (the embedded server ignores partial
     * indexes).
     */
    public void ensureIndexes() {
        events.createIndex(new Document("aggregateKey", 1), new IndexOptions().unique(true).name("aggregateKey"));
        events.createIndex(new Document(IDEMPOTENCY_KEY, 1),
                new IndexOptions().unique(true).sparse(true).name(IDEMPOTENCY_KEY));
    }

    /** The chain that turns stored older revisions into current ones, for readers outside Axon's processors. */
    public EventUpcaster upcasters() {
        return upcasterChain;
    }

    /** The highest global sequence allocated so far, visible or not. */
    public long lastAllocatedSequence() {
        return sequence.current();
    }

    @Override
    protected void appendEvents(List<? extends EventMessage<?>> messages, Serializer serializer) {
        if (messages.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        boolean written = false;
        try {
            append(messages, serializer);
            written = true;
        } finally {
            observer.appended(messages.size(), System.nanoTime() - started, written);
        }
    }

    private void append(List<? extends EventMessage<?>> messages, Serializer serializer) {
        long last = sequence.allocate(messages.size());
        long first = last - messages.size() + 1;
        List<Document> docs = new ArrayList<>(messages.size());
        Map<String, Document> chainHeads = new HashMap<>();
        for (int i = 0; i < messages.size(); i++) {
            DomainEventMessage<?> event = asDomainEvent(messages.get(i))
                    .andMetaData(Map.of(GLOBAL_SEQUENCE, first + i));
            Document doc = toDocument(first + i, event, serializer);
            if (i == 0 && event.getMetaData().get(IDEMPOTENCY_KEY) instanceof String key) {
                // On the first event: a commit that loses on this key fails at its first insert and, the insert
                // being ordered, writes nothing at all.
                doc.append(IDEMPOTENCY_KEY, key);
            }
            Document before = chainHeads.get(event.getAggregateIdentifier());
            String previous = before != null ? before.getString(HashChain.HASH)
                    : previousHash(event.getAggregateIdentifier(), event.getSequenceNumber());
            docs.add(doc.append(HashChain.PREVIOUS_HASH, previous)
                    .append(HashChain.HASH, HashChain.link(previous, doc))
                    .append(HashChain.PART_DIGESTS, HashChain.partDigests(doc)));
            chainHeads.put(event.getAggregateIdentifier(), doc);
        }
        try {
            insert(docs);
            chainHeads.forEach((aggregate, head) -> recentHeads.remember(aggregate,
                    head.get("sequenceNumber", Number.class).longValue(), head.getString(HashChain.HASH)));
            DomainEventMessage<?> lastEvent = asDomainEvent(messages.get(messages.size() - 1));
            AppendedEvents.record(new AppendedEvents.Appended(last, lastEvent.getAggregateIdentifier(),
                    lastEvent.getSequenceNumber()));
        } catch (MongoBulkWriteException e) {
            if (e.getWriteErrors().isEmpty()) {
                // Only the write concern failed (no majority in time, a failover): the documents were written on the
                // primary and may survive or be rolled back. Nothing is filled: trackers wait for the numbers.
                throw new EventStoreException("The store did not confirm the commit of global sequence " + first
                        + " to " + last + " (" + e.getWriteConcernError() + "); it may or may not have been kept", e);
            }
            // Ordered insert: everything before the first failed document is written, nothing after it; in a
            // transaction nothing is.
            int failed = e.getWriteErrors().get(0).getIndex();
            fill(atomic(docs.size()) ? first : first + failed, last);
            handlePersistenceException(e, messages.get(failed));
        } catch (MongoException e) {
            if (e.hasErrorLabel(MongoException.UNKNOWN_TRANSACTION_COMMIT_RESULT_LABEL)) {
                // As with a write-concern error: the commit may or may not have been kept; nothing is filled.
                throw new EventStoreException("The store did not confirm the commit of global sequence " + first
                        + " to " + last + " (" + e.getMessage() + "); it may or may not have been kept", e);
            }
            if (atomic(docs.size())) {
                fill(first, last); // the transaction was aborted: none of its documents is written
            }
            handlePersistenceException(e, messages.get(0));
        } catch (RuntimeException e) {
            // Not the store's answer: the driver refused the documents (one over the size limit, say), so at most
            // the ones before it were sent. The numbers not written are filled (a filler never replaces an event).
            fill(first, last);
            throw e;
        }
    }

    /**
     * The hash of the aggregate's event before {@code sequenceNumber}: from this engine's own last append to that
     * aggregate when it is that event, otherwise one look-up by key (another instance appended in between).
     */
    private String previousHash(String aggregateIdentifier, long sequenceNumber) {
        if (sequenceNumber == 0) {
            return HashChain.GENESIS;
        }
        String known = recentHeads.hashOf(aggregateIdentifier, sequenceNumber - 1);
        if (known != null) {
            return known;
        }
        Document previous = events.find(eq("aggregateKey", aggregateKey(aggregateIdentifier, sequenceNumber - 1)))
                .projection(new Document(HashChain.HASH, 1)).first();
        // A predecessor missing or unhashed would be a broken store; the link records that as the empty hash.
        return previous == null || previous.getString(HashChain.HASH) == null ? HashChain.GENESIS
                : previous.getString(HashChain.HASH);
    }

    /**
     * Writes one commit's documents, in order. Without a transaction everything before the first failure is written
     * and nothing after; in one (several events, on a store that has them) all or nothing is.
     */
    protected void insert(List<Document> docs) {
        if (!atomic(docs.size())) {
            events.insertMany(docs, new InsertManyOptions().ordered(true));
            return;
        }
        try (ClientSession session = transactions.startSession()) {
            // withTransaction retries a transient error and an unknown commit result for up to 120 s; the store's
            // time limit (registry.store.timeout) bounds each attempt.
            session.withTransaction(() -> events.insertMany(session, docs, new InsertManyOptions().ordered(true)),
                    TransactionOptions.builder().writeConcern(WriteConcern.MAJORITY).build());
        }
    }

    /** Whether a commit of {@code size} events is written in a transaction. */
    private boolean atomic(int size) {
        return size > 1 && transactions != null;
    }

    private static DomainEventMessage<?> asDomainEvent(EventMessage<?> message) {
        if (message instanceof DomainEventMessage<?> domain) {
            return domain;
        }
        throw new IllegalArgumentException("Only aggregate events are stored here, got " + message.getPayloadType());
    }

    private Document toDocument(long globalSequence, DomainEventMessage<?> event, Serializer serializer) {
        SerializedObject<String> payload = event.serializePayload(serializer, String.class);
        SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
        return new Document("_id", globalSequence)
                .append("aggregateKey", aggregateKey(event.getAggregateIdentifier(), event.getSequenceNumber()))
                .append("aggregateIdentifier", event.getAggregateIdentifier())
                .append("sequenceNumber", event.getSequenceNumber())
                .append("type", event.getType())
                .append("eventIdentifier", event.getIdentifier())
                .append("timestamp", event.getTimestamp().toString())
                .append("recordedAt", Date.from(event.getTimestamp()))
                .append("payloadType", payload.getType().getName())
                .append("payloadRevision", payload.getType().getRevision())
                .append("payload", payload.getData())
                .append("metaData", metaData.getData());
    }

    /** Marks numbers of a failed commit as never to be used, so trackers do not wait for them. */
    private void fill(long from, long to) {
        for (long id = from; id <= to; id++) {
            try {
                events.insertOne(filler(id));
            } catch (MongoWriteException e) {
                if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                    log.warn("Could not fill sequence {} after a failed commit; trackers will wait for it", id, e);
                } // else the number holds an event: the part of the commit that was written before it failed
            } catch (MongoException e) {
                log.warn("Could not fill sequence {} after a failed commit; trackers will wait for it", id, e);
            }
        }
    }

    /**
     * The document that marks global sequence {@code id} as never to hold an event: written for the numbers of a
     * commit that lost a race, and by {@link EventPages} for a number it gave up waiting for. Its own
     * {@code aggregateKey} keeps the unique index satisfied; the {@code _id} makes a later event at that number fail.
     */
    static Document filler(long id) {
        return new Document("_id", id).append("aggregateKey", "~" + FILLER + "/" + id).append(FILLER, true);
    }

    /** The first event of the commit stored under an idempotency key, read as any event is, or empty. */
    public Optional<DomainEventMessage<?>> eventWithIdempotencyKey(String key) {
        Document stored = events.find(eq(IDEMPOTENCY_KEY, key)).first();
        if (stored == null) {
            return Optional.empty();
        }
        return EventStreamUtils.upcastAndDeserializeDomainEvents(Stream.of(toEntry(stored)), getEventSerializer(),
                upcasterChain).asStream().findFirst().map(event -> (DomainEventMessage<?>) event);
    }

    /** The collection the events are stored in, for the readers in this package. */
    MongoCollection<Document> events() {
        return events;
    }

    static String aggregateKey(String aggregateIdentifier, long sequenceNumber) {
        return aggregateIdentifier + "/" + sequenceNumber;
    }

    @Override
    protected List<? extends DomainEventData<?>> fetchDomainEvents(String aggregateIdentifier,
                                                                   long firstSequenceNumber, int batchSize) {
        long started = System.nanoTime();
        List<String> keys = LongStream.range(firstSequenceNumber, firstSequenceNumber + batchSize)
                .mapToObj(seq -> aggregateKey(aggregateIdentifier, seq)).toList();
        List<DomainEventData<?>> found = new ArrayList<>(batchSize);
        for (Document doc : events.find(in("aggregateKey", keys))) {
            found.add(toEntry(doc));
        }
        found.sort(Comparator.comparingLong(DomainEventData::getSequenceNumber));
        observer.read(StoreObserver.Read.AGGREGATE, found.size(), System.nanoTime() - started);
        return found;
    }

    @Override
    protected List<? extends TrackedEventData<?>> fetchTrackedEvents(TrackingToken lastToken, int batchSize) {
        long started = System.nanoTime();
        List<? extends TrackedEventData<?>> result = fetchTracked(lastToken, batchSize);
        observer.read(StoreObserver.Read.TRACKER, result.size(), System.nanoTime() - started);
        return result;
    }

    private List<? extends TrackedEventData<?>> fetchTracked(TrackingToken lastToken, int batchSize) {
        GapAwareTrackingToken token = withoutExpiredGaps(lastToken == null
                ? GapAwareTrackingToken.newInstance(0, List.of()) : (GapAwareTrackingToken) lastToken);
        List<TrackedEventData<?>> result = new ArrayList<>();
        long from = token.getIndex() + 1;
        boolean onlyFillers = true;
        while (onlyFillers) {
            List<Long> ids = new ArrayList<>(token.getGaps());
            LongStream.range(from, from + batchSize).forEach(ids::add);
            List<Document> found = new ArrayList<>();
            events.find(in("_id", ids)).forEach(found::add);
            if (found.isEmpty()) {
                Document first = firstStoredFrom(from, batchSize);
                if (first == null) {
                    break;
                }
                if (first.getLong("_id") < from + batchSize) {
                    continue; // the window was written since it was looked up: read it, in order
                }
                found.add(first);
            }
            found.sort(Comparator.comparingLong(doc -> doc.getLong("_id")));
            for (Document doc : found) {
                long id = doc.getLong("_id");
                token = token.advanceTo(id, MAX_GAP_OFFSET);
                gapsFirstSeen.remove(id);
                if (!doc.getBoolean(FILLER, false)) {
                    onlyFillers = false;
                    result.add(new TrackedDomainEventData<>(token, toEntry(doc)));
                }
            }
            // A batch of nothing but fillers would leave the token where it was: look further instead.
            from = token.getIndex() + 1;
        }
        return result;
    }

    /**
     * The first event stored from {@code from} on, asked when the window of {@code size} numbers from {@code from}
     * held none and numbers beyond it were allocated: a hole as wide as the window (commits that allocated numbers
     * and never wrote them) would otherwise stop every tracker for good, since a tracker only looks at the next window
     * and its gaps. The numbers passed over become gaps of the token, waited for like any other until the gap
     * timeout. Only asked when the window is empty and the counter is beyond it, so a tracker at the head never asks.
     *
     * <p>It searches from the window's start, not its end: a commit larger than the window may write into the window
     * after the window's look-up and before this one, and searching only beyond the window would then find that
     * commit's first event past the window and hand it out before the commit's earlier events, out of order within
     * its plan. A commit's events are inserted in order, so when this finds one, the earlier events of its commit are
     * found too.
     */
    Document firstStoredFrom(long from, int size) {
        if (sequence.current() <= from + size - 1) {
            return null;
        }
        return events.find(gte("_id", from)).sort(new Document("_id", 1)).limit(1).first();
    }

    private GapAwareTrackingToken withoutExpiredGaps(GapAwareTrackingToken token) {
        if (!token.hasGaps()) {
            return token;
        }
        Instant now = clock.instant();
        SortedSet<Long> kept = new TreeSet<>();
        for (Long gap : token.getGaps()) {
            Instant firstSeen = gapsFirstSeen.computeIfAbsent(gap, g -> now);
            if (Duration.between(firstSeen, now).compareTo(gapTimeout) < 0) {
                kept.add(gap);
            } else {
                gapsFirstSeen.remove(gap);
                log.warn("Global sequence {} was allocated but not written within {}; giving up waiting for it",
                        gap, gapTimeout);
            }
        }
        return kept.size() == token.getGaps().size() ? token : GapAwareTrackingToken.newInstance(token.getIndex(),
                kept);
    }

    static DomainEventData<String> toEntry(Document doc) {
        return new GenericDomainEventEntry<>(doc.getString("type"), doc.getString("aggregateIdentifier"),
                doc.getLong("sequenceNumber"), doc.getString("eventIdentifier"), doc.getString("timestamp"),
                doc.getString("payloadType"), doc.getString("payloadRevision"), doc.getString("payload"),
                doc.getString("metaData"));
    }

    /**
     * Stores the aggregate's snapshot unless the store already holds one at the same or a later sequence number, so
     * a snapshot only ever moves forward: a slow writer (another command-side instance) cannot put an older plan
     * back. The replace is conditional on the stored snapshot being older; when none is stored the snapshot is
     * inserted, and an insert that loses a race with another writer's insert tries the conditional replace once
     * more, which leaves the other writer's snapshot in place if it is as new or newer.
     *
     * <p>On a real MongoDB the condition is served by the {@code _id} index; the embedded server looks at every
     * document of {@code snapshots} for it, which holds one document per plan and is written once per
     * {@code registry.snapshot.threshold} events.
     */
    @Override
    protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
        Document doc = toDocument(0, snapshot, serializer);
        doc.put("_id", snapshot.getAggregateIdentifier());
        doc.remove("aggregateKey");
        Bson olderStored = and(eq("_id", snapshot.getAggregateIdentifier()),
                lt("sequenceNumber", snapshot.getSequenceNumber()));
        if (snapshots.replaceOne(olderStored, doc).getMatchedCount() > 0) {
            return;
        }
        try {
            snapshots.insertOne(doc);
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            // A snapshot is stored already (it was there, or another writer's insert came first).
            if (snapshots.replaceOne(olderStored, doc).getMatchedCount() == 0) {
                log.debug("Snapshot of {} at {} not stored: the stored one is as new or newer",
                        snapshot.getAggregateIdentifier(), snapshot.getSequenceNumber());
            }
        }
    }

    @Override
    protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
        Document doc = snapshots.find(eq("_id", aggregateIdentifier)).first();
        return doc == null ? Stream.empty() : Stream.of(toEntry(doc));
    }

    @Override
    public TrackingToken createTailToken() {
        return GapAwareTrackingToken.newInstance(0, List.of());
    }

    @Override
    public TrackingToken createHeadToken() {
        return GapAwareTrackingToken.newInstance(sequence.current(), List.of());
    }

    /**
     * The position just before the first event recorded at or after {@code dateTime}. Events take their numbers when
     * they are recorded, so recording times follow the global sequence: a binary search over {@code _id} finds it in
     * about log2(n) look-ups by key, where a filter on {@code recordedAt} would scan the store or need an index that
     * every insert pays for. (Commits of two command sides a few milliseconds apart may interleave; the position is
     * then as exact as their clocks.)
     */
    @Override
    public TrackingToken createTokenAt(Instant dateTime) {
        Date at = Date.from(dateTime);
        long low = 1;
        long high = sequence.current() + 1;
        while (low < high) {
            long middle = low + (high - low) / 2;
            Document probe = firstEventFrom(middle);
            if (probe == null || !probe.getDate("recordedAt").before(at)) {
                high = middle;
            } else {
                low = probe.getLong("_id") + 1;
            }
        }
        Document first = firstEventFrom(low);
        return first == null ? createHeadToken()
                : GapAwareTrackingToken.newInstance(first.getLong("_id") - 1, List.of());
    }

    /** The first event (not a filler) at or after {@code position}, with its recording time only. */
    private Document firstEventFrom(long position) {
        try (MongoCursor<Document> found = events.find(gte("_id", position)).sort(Sorts.ascending("_id"))
                .projection(new Document("recordedAt", 1).append(FILLER, 1)).batchSize(100).iterator()) {
            while (found.hasNext()) {
                Document doc = found.next();
                if (doc.get("recordedAt") != null) {
                    return doc;
                }
            }
            return null;
        }
    }

    @Override
    public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
        return readEvents(aggregateIdentifier).asStream().reduce((a, b) -> b)
                .map(DomainEventMessage::getSequenceNumber);
    }

    /** Builds the engine; the database and serializers are required. */
    public static class Builder extends BatchingEventStorageEngine.Builder {

        private MongoDatabase database;
        private MongoClient transactions;
        private Duration gapTimeout = Duration.ofSeconds(60);
        private Clock clock = Clock.systemUTC();
        private StoreObserver observer = StoreObserver.NONE;

        Builder() {
            persistenceExceptionResolver(new DuplicateKeys());
        }

        public Builder database(MongoDatabase database) {
            this.database = database;
            return this;
        }

        /**
         * The client whose sessions make a commit of several events one transaction; leave unset where the store has
         * no transactions (a standalone server, the embedded one).
         */
        public Builder transactions(MongoClient client) {
            this.transactions = client;
            return this;
        }

        /** How long an allocated but invisible sequence number is waited for before it is given up. */
        public Builder gapTimeout(Duration gapTimeout) {
            this.gapTimeout = gapTimeout;
            return this;
        }

        public Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        /** Told the duration of every append and read (metrics); {@link StoreObserver#NONE} by default. */
        public Builder observer(StoreObserver observer) {
            this.observer = observer == null ? StoreObserver.NONE : observer;
            return this;
        }

        @Override
        public Builder eventSerializer(Serializer serializer) {
            super.eventSerializer(serializer);
            return this;
        }

        @Override
        public Builder snapshotSerializer(Serializer serializer) {
            super.snapshotSerializer(serializer);
            return this;
        }

        @Override
        public Builder upcasterChain(EventUpcaster upcasterChain) {
            super.upcasterChain(upcasterChain);
            return this;
        }

        @Override
        public Builder batchSize(int batchSize) {
            super.batchSize(batchSize);
            return this;
        }

        public MongoEventStorageEngine build() {
            if (database == null) {
                throw new IllegalStateException("The MongoDB database is required");
            }
            return new MongoEventStorageEngine(this);
        }
    }
}
