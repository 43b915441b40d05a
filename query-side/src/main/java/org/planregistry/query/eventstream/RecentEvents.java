package org.planregistry.query.eventstream;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The most recent events of the stream, encoded once and shared by every follower, so that a hundred followers
 * at the head cost one read of the store per new event rather than a hundred. It holds an unbroken run: every
 * event after {@link #start()} up to {@link #tail()}, read with the same gap rule as the feed. A follower whose
 * position is older than the run reads from the store instead.
 */
final class RecentEvents {

    private final int capacity;
    private final Deque<FeedEvent> events = new ArrayDeque<>();
    private long start;
    private long tail;

    RecentEvents(int capacity, long position) {
        this.capacity = capacity;
        this.start = position;
        this.tail = position;
    }

    synchronized long tail() {
        return tail;
    }

    synchronized long start() {
        return start;
    }

    /** Appends a page read after {@link #tail()}; the oldest events leave once more than the capacity are held. */
    synchronized void append(FeedPage page) {
        events.addAll(page.events());
        tail = Math.max(tail, page.position());
        while (events.size() > capacity) {
            start = events.removeFirst().sequence();
        }
    }

    /**
     * The page for {@code query} from the events held, or empty when its position is older than the run held, or
     * ahead of it.
     */
    synchronized Optional<FeedPage> read(FeedQuery query) {
        if (query.after() < start || query.after() > tail) {
            return Optional.empty();
        }
        List<FeedEvent> page = new ArrayList<>();
        Iterator<FeedEvent> newestFirst = events.descendingIterator();
        // Walk back to the first event after the position, then forward: followers are usually near the tail.
        Deque<FeedEvent> after = new ArrayDeque<>();
        while (newestFirst.hasNext()) {
            FeedEvent event = newestFirst.next();
            if (event.sequence() <= query.after()) {
                break;
            }
            after.addFirst(event);
        }
        for (FeedEvent event : after) {
            if (query.matches(event)) {
                page.add(event);
                if (page.size() == query.limit()) {
                    return Optional.of(new FeedPage(page, event.sequence(), OptionalLong.empty(),
                            event.sequence() == tail));
                }
            }
        }
        return Optional.of(new FeedPage(page, tail, OptionalLong.empty(), true));
    }
}
