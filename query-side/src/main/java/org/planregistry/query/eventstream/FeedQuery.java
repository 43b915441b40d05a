package org.planregistry.query.eventstream;

import java.util.Set;

/**
 * What a reader of the stream asks for: events after a position, at most {@code limit}, of one plan and of some
 * types when given (an empty set means every type).
 */
record FeedQuery(long after, int limit, String plan, Set<String> types) {

    boolean matches(FeedEvent event) {
        return (plan == null || plan.equals(event.plan())) && (types.isEmpty() || types.contains(event.type()));
    }

    FeedQuery after(long position) {
        return new FeedQuery(position, limit, plan, types);
    }
}
