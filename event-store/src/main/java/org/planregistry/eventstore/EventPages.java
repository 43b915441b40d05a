package org.planregistry.eventstore;

import static com.mongodb.client.model.Filters.in;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import org.axonframework.eventhandling.EventUtils;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the event store in global-sequence order a page at a time, for readers outside Axon's processors: the
 * outward event stream. Events come upcast to their current revision, exactly as the projections see them.
 *
 * <p>A page never skips an event whose commit finished late. Its events are the unbroken run after the cursor: the
 * page ends before the first number that was allocated but is not yet visible (a commit in flight) and says which
 * number it waits for; the next read picks up from there. Filler numbers of a commit that lost a race are passed
 * over. A number that stays invisible longer than the gap timeout (its writer died between allocation and insert)
 * is given up, so one dead writer cannot hold every reader forever.
 *
 * <p>Giving up lasts: the reader that decides it writes a filler document at that number, of the same shape as the
 * fillers of a lost race ({@link MongoEventStorageEngine#filler}). Every later read, of this instance after a restart
 * or of any other, passes over it at once, and it is logged once. A writer that finally arrives after the give-up
 * fails on the duplicate {@code _id}, so its command is refused as a concurrent change instead of its event being
 * stored where readers have already passed and silently skipped. When the insert of the filler itself meets a
 * duplicate key, the late event (or another reader's filler) got there first: the page stops before that number and
 * the next read sees what is there.
 *
 * <p>Like everything in this store, each read is a look-up by key ({@code _id $in}, {@code aggregateKey $in}), never
 * a range scan, so its cost does not grow with the store.
 */
public class EventPages {

    private static final Logger log = LoggerFactory.getLogger(EventPages.class);
    /** How many keys one round of the search for a plan's position probes at once. */
    private static final int PROBES = 32;

    private final MongoCollection<Document> events;
    private final MongoEventStorageEngine engine;
    private final Duration gapTimeout;
    private final Clock clock;
    /** When each number still undecided was first seen missing; removed once it is found or given up. */
    private final Map<Long, Instant> gapsFirstSeen = new ConcurrentHashMap<>();

    /** Reads the store of {@code engine}; {@code gapTimeout} is measured on {@code clock}. */
    public EventPages(MongoEventStorageEngine engine, Duration gapTimeout, Clock clock) {
        this.events = engine.events();
        this.engine = engine;
        this.gapTimeout = gapTimeout;
        this.clock = clock;
    }

    /**
     * One page of the store.
     *
     * @param events     the events after the cursor, in global order, upcast and ready to read
     * @param position   where the next page starts after: the last number this page covered (an event, a filler or
     *                   a given-up gap), or the cursor itself when it covered none
     * @param waitingFor the number allocated to a commit that is not yet visible, at which the page stopped
     * @param head       the highest number allocated when the page was read
     */
    public record Page(List<TrackedEventMessage<?>> events, long position, OptionalLong waitingFor, long head) {

        /** Whether nothing after this page is visible or in flight: the reader has caught up. */
        public boolean atHead() {
            return waitingFor.isEmpty() && position >= head;
        }
    }

    /** The highest number allocated so far, visible or not. */
    public long head() {
        return engine.lastAllocatedSequence();
    }

    /** Up to {@code limit} events after global sequence {@code after}, in order, stopping before a commit in flight. */
    public Page after(long after, int limit) {
        List<Long> ids = LongStream.rangeClosed(after + 1, after + limit).boxed().toList();
        Map<Long, Document> found = new HashMap<>();
        for (Document doc : events.find(in("_id", ids))) {
            found.put(doc.getLong("_id"), doc);
        }
        // Read after the documents: a number missing from the reply and not above this head is a commit in flight.
        long head = engine.lastAllocatedSequence();
        List<Document> run = new ArrayList<>(found.size());
        long position = after;
        OptionalLong waitingFor = OptionalLong.empty();
        for (long id = after + 1; id <= after + limit; id++) {
            Document doc = found.get(id);
            if (doc == null) {
                if (id > head) {
                    break;
                }
                if (!givenUp(id)) {
                    waitingFor = OptionalLong.of(id);
                    break;
                }
                // Filled now, by this reader: passed over like any filler.
            } else {
                gapsFirstSeen.remove(id);
                if (!doc.getBoolean("filler", false)) {
                    run.add(doc);
                }
            }
            position = id;
        }
        return new Page(decode(run), position, waitingFor, head);
    }

    /**
     * Up to {@code limit} events of one aggregate (a plan) whose global sequence is after {@code after}, in order.
     * One plan's events become visible in the order of their numbers (each command builds on the plan's previous
     * event), so the page ends at the first of the plan's events that is not there yet, and no gap rule is needed.
     *
     * @return the page, or {@code null} when the store holds no event of that aggregate
     */
    public Page ofAggregate(String aggregateIdentifier, long after, int limit) {
        long head = engine.lastAllocatedSequence();
        long first = firstAfter(aggregateIdentifier, after);
        if (first < 0) {
            return null;
        }
        List<String> keys = LongStream.range(first, first + limit)
                .mapToObj(seq -> MongoEventStorageEngine.aggregateKey(aggregateIdentifier, seq)).toList();
        Map<Long, Document> bySequence = new HashMap<>();
        for (Document doc : events.find(in("aggregateKey", keys))) {
            bySequence.put(doc.get("sequenceNumber", Number.class).longValue(), doc);
        }
        List<Document> run = new ArrayList<>();
        long position = after;
        for (long seq = first; seq < first + limit && bySequence.containsKey(seq); seq++) {
            Document doc = bySequence.get(seq);
            run.add(doc);
            position = doc.getLong("_id");
        }
        return new Page(decode(run), position, OptionalLong.empty(), run.size() < limit ? position : head);
    }

    /**
     * The aggregate sequence of the aggregate's first event with a global sequence after {@code after} (one past its
     * last event when there is none), or -1 when the aggregate has no events. Global sequences grow with aggregate
     * sequences, so this is a search: first over 0, 1, 3, 7, … to bound it, then {@value #PROBES} keys a round.
     */
    private long firstAfter(String aggregateIdentifier, long after) {
        List<Long> bounds = LongStream.range(0, 48).map(i -> (1L << i) - 1).boxed().toList();
        Map<Long, Long> bound = globalSequences(aggregateIdentifier, bounds);
        if (!bound.containsKey(0L)) {
            return -1;
        }
        long low = 0; // every sequence below low is at or before the cursor
        long high = 0; // high is missing or after the cursor
        for (long probe : bounds) {
            Long global = bound.get(probe);
            if (global == null || global > after) {
                high = probe;
                break;
            }
            low = probe + 1;
        }
        while (low < high) {
            long step = Math.max(1, (high - low + PROBES - 1) / PROBES);
            long end = high;
            List<Long> probes = LongStream.iterate(low, p -> p < end, p -> p + step).boxed().toList();
            Map<Long, Long> found = globalSequences(aggregateIdentifier, probes);
            for (long probe : probes) {
                Long global = found.get(probe);
                if (global == null || global > after) {
                    high = probe;
                    break;
                }
                low = probe + 1;
            }
        }
        return low;
    }

    private Map<Long, Long> globalSequences(String aggregateIdentifier, List<Long> sequences) {
        List<String> keys = sequences.stream()
                .map(seq -> MongoEventStorageEngine.aggregateKey(aggregateIdentifier, seq)).toList();
        Map<Long, Long> found = new HashMap<>();
        for (Document doc : events.find(in("aggregateKey", keys)).projection(new Document("sequenceNumber", 1))) {
            found.put(doc.get("sequenceNumber", Number.class).longValue(), doc.getLong("_id"));
        }
        return found;
    }

    /**
     * Whether the missing number {@code id} is given up: it has been missing for the gap timeout and this reader has
     * now written its filler. False while it is waited for, and false when the filler's insert meets a duplicate key
     * (the late event or another reader's filler is there now, for the next read to see). Any other failure of the
     * insert fails the read; the number stays undecided and the next read tries again.
     */
    private boolean givenUp(long id) {
        Instant now = clock.instant();
        Instant firstSeen = gapsFirstSeen.computeIfAbsent(id, gap -> now);
        if (Duration.between(firstSeen, now).compareTo(gapTimeout) < 0) {
            return false;
        }
        try {
            events.insertOne(MongoEventStorageEngine.filler(id));
        } catch (MongoWriteException e) {
            if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
                throw e;
            }
            gapsFirstSeen.remove(id);
            log.debug("Global sequence {} was written while it was being given up; the next read sees it", id);
            return false;
        }
        gapsFirstSeen.remove(id);
        log.warn("Global sequence {} was allocated but not written within {}; filled, the event stream passes over "
                + "it and a late write to it is refused", id, gapTimeout);
        return true;
    }

    private List<TrackedEventMessage<?>> decode(List<Document> docs) {
        if (docs.isEmpty()) {
            return List.of();
        }
        List<TrackedEventData<?>> data = new ArrayList<>(docs.size());
        for (Document doc : docs) {
            data.add(new TrackedDomainEventData<>(GapAwareTrackingToken.newInstance(doc.getLong("_id"), List.of()),
                    MongoEventStorageEngine.toEntry(doc)));
        }
        return EventUtils.upcastAndDeserializeTrackedEvents(data.stream(), engine.getEventSerializer(),
                engine.upcasters()).toList();
    }
}
