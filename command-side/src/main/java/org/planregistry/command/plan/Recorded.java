package org.planregistry.command.plan;

/**
 * What a command left in the store: the handler's result (an id it assigned, if any), the global sequence of the
 * last event written (for read-your-writes on the query side) and the plan's version afterwards (its ETag).
 * {@code repeated} is true when the command had been recorded before under the same idempotency key and this is
 * that first answer again, with nothing written now.
 */
public record Recorded(Object result, Long globalSequence, Long version, boolean repeated) {
}
