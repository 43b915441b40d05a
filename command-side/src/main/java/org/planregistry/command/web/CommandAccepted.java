package org.planregistry.command.web;

/**
 * The answer to an accepted command: what it concerned, the id it created (if any), the global sequence of the
 * last event it wrote (pass it as {@code minSequence} to the query side to read your own write) and the plan's
 * new version (also in the {@code ETag} header, to send back as {@code If-Match}).
 */
record CommandAccepted(String planCode, String element, String id, Long globalSequence, Long version) {
}
