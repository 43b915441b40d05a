package org.planregistry.query.eventstream;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.planregistry.api.PlanEvent;
import org.planregistry.eventstore.EventPages;
import org.planregistry.query.http.QueryProblem;

/**
 * Reads the outward stream from the event store, not from a view: an event is readable as soon as its commit is,
 * and a page never passes over a commit still in flight (see {@link EventPages}).
 *
 * <p>Access paths, so that no filter scans the store: a page of the whole stream is one look-up of consecutive
 * {@code _id}s; a plan's page searches the plan's own events by key; a type filter reads consecutive pages and
 * keeps the matching events, but examines at most {@code typeScanLimit} positions per request and then answers
 * with what it found and the position it reached, so a rare type costs a bounded read per request.
 */
class EventFeed {

    private static final int TYPE_CHUNK = 1000;

    private final EventPages pages;
    private final PlanCloudEvents cloudEvents;
    private final long typeScanLimit;

    EventFeed(EventPages pages, PlanCloudEvents cloudEvents, long typeScanLimit) {
        this.pages = pages;
        this.cloudEvents = cloudEvents;
        this.typeScanLimit = typeScanLimit;
    }

    /** The highest position allocated so far. */
    long head() {
        return pages.head();
    }

    /** @throws QueryProblem 404 when the query names a plan the store has no event of */
    FeedPage read(FeedQuery query) {
        return query.plan() != null ? readPlan(query, false) : readAll(query);
    }

    /** As {@link #read}, but a plan the store has no event of yet is followed, as an empty stream so far. */
    FeedPage follow(FeedQuery query) {
        return query.plan() != null ? readPlan(query, true) : readAll(query);
    }

    private FeedPage readPlan(FeedQuery query, boolean mayBeUnknown) {
        EventPages.Page page = pages.ofAggregate(query.plan(), query.after(), query.limit());
        if (page == null && mayBeUnknown) {
            return new FeedPage(List.of(), query.after(), OptionalLong.empty(), true);
        }
        if (page == null) {
            throw QueryProblem.notFound("plan", "No plan " + query.plan() + " in the event store");
        }
        List<FeedEvent> events = new ArrayList<>(page.events().size());
        for (TrackedEventMessage<?> message : page.events()) {
            if (query.types().isEmpty() || query.types().contains(typeOf(message))) {
                events.add(encode(message));
            }
        }
        return new FeedPage(events, page.position(), OptionalLong.empty(), page.atHead());
    }

    private FeedPage readAll(FeedQuery query) {
        List<FeedEvent> events = new ArrayList<>();
        long position = query.after();
        // A type filter reads in chunks of at least TYPE_CHUNK positions, so a small limit does not turn into
        // thousands of look-ups; the matching events beyond the limit are simply not sent.
        int chunk = query.types().isEmpty() ? query.limit() : Math.max(query.limit(), TYPE_CHUNK);
        while (true) {
            long before = position;
            EventPages.Page page = pages.after(position, chunk);
            for (TrackedEventMessage<?> message : page.events()) {
                if (query.types().isEmpty() || query.types().contains(typeOf(message))) {
                    FeedEvent event = encode(message);
                    events.add(event);
                    if (events.size() == query.limit()) {
                        boolean last = event.sequence() == page.position();
                        return new FeedPage(events, event.sequence(), last ? page.waitingFor() : OptionalLong.empty(),
                                last && page.atHead());
                    }
                }
            }
            position = page.position();
            if (page.waitingFor().isPresent() || page.atHead() || position == before
                    || position - query.after() >= typeScanLimit) {
                return new FeedPage(events, position, page.waitingFor(), page.atHead());
            }
        }
    }

    private static String typeOf(TrackedEventMessage<?> message) {
        return EventTypes.shortName(message.getPayloadType());
    }

    private FeedEvent encode(TrackedEventMessage<?> message) {
        PlanCloudEvents.Rendered rendered = cloudEvents.rendered(message);
        // The plan is the aggregate: read from the message rather than by decoding the payload.
        String plan = message instanceof DomainEventMessage<?> domain ? domain.getAggregateIdentifier()
                : ((PlanEvent) message.getPayload()).planCode();
        return new FeedEvent(message.trackingToken().position().orElseThrow(), plan, typeOf(message),
                rendered.evaluation(), rendered.json(), rendered.actorFrom(), rendered.actorTo());
    }
}
