package org.planregistry.eventstore;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hash of the last event this engine appended to each recently used aggregate, so that the next append to it
 * needs no look-up. An entry counts only for the exact sequence number it was stored at, which makes it safe when
 * other instances append to the same aggregate: then it simply does not match.
 */
final class ChainHeads {

    private record Head(long sequenceNumber, String hash) {
    }

    private final Map<String, Head> heads;

    ChainHeads(int capacity) {
        this.heads = new LinkedHashMap<>(capacity, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Head> eldest) {
                return size() > capacity;
            }
        };
    }

    synchronized String hashOf(String aggregateIdentifier, long sequenceNumber) {
        Head head = heads.get(aggregateIdentifier);
        return head != null && head.sequenceNumber() == sequenceNumber ? head.hash() : null;
    }

    /** Remembers the aggregate's head after a successful append. */
    synchronized void remember(String aggregateIdentifier, long sequenceNumber, String hash) {
        heads.put(aggregateIdentifier, new Head(sequenceNumber, hash));
    }
}
