package org.planregistry.eventstore;

import com.mongodb.client.MongoDatabase;

/**
 * The store's counter of global sequence numbers as a verification sees it: an event above it was not written by
 * the engine. Read once, and again only when an event seems to be above it (it may have been written since).
 */
final class AllocatedNumbers {

    private final GlobalSequence sequence;
    private long last;

    AllocatedNumbers(MongoDatabase database) {
        this.sequence = new GlobalSequence(database.getCollection("sequences"), "events");
        this.last = sequence.current();
    }

    long last() {
        return last;
    }

    /** Whether {@code global} was never handed out by the counter. */
    boolean never(long global) {
        if (global <= last) {
            return false;
        }
        return global > refresh();
    }

    /** Reads the counter again. */
    long refresh() {
        last = sequence.current();
        return last;
    }
}
