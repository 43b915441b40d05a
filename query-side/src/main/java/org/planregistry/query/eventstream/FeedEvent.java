package org.planregistry.query.eventstream;

/**
 * One event of the outward stream, encoded once: its position, what filters look at, and its CloudEvent as JSON.
 *
 * @param sequence the global sequence (the stream position, SSE {@code id})
 * @param type     the short type name ({@code IndicatorTargetRevised}), SSE {@code event}
 * @param json     the structured-mode CloudEvent
 */
record FeedEvent(long sequence, String plan, String type, byte[] json) {
}
