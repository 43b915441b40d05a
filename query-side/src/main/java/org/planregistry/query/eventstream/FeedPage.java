package org.planregistry.query.eventstream;

import java.util.List;
import java.util.OptionalLong;

/**
 * A page of the outward stream for one query.
 *
 * @param events     the events, in global order
 * @param position   the cursor to continue after: the last position this page covered, which can be past its last
 *                   event when a filter passed over events
 * @param waitingFor the allocated number of a commit in flight at which the page stopped, if it did
 * @param atHead     whether the reader has caught up with everything committed
 */
record FeedPage(List<FeedEvent> events, long position, OptionalLong waitingFor, boolean atHead) {
}
