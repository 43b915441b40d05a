package org.planregistry.command.plan;

/**
 * What a command left in the store: the handler's result (an id it assigned, if any), the global sequence of the
 * last event written (for read-your-writes on the query side) and the plan's version afterwards (its ETag).
 */
public record Recorded(Object result, Long globalSequence, Long version) {
}
