package org.planregistry.eventstore;

/**
 * Told how long the store's reads and appends take, for metrics. Plain Java, so the engine stays free of any
 * metrics library: the applications provide an implementation (a bean) that records into Micrometer. Calls come
 * from the threads doing the work and must be quick.
 */
public interface StoreObserver {

    /** What a read was for. */
    enum Read {
        /** A tracking processor's (or the event bus's) next batch by global sequence. */
        TRACKER,
        /** A batch of one aggregate's events, to load it. */
        AGGREGATE
    }

    /** Does nothing; the engine's default. */
    StoreObserver NONE = new StoreObserver() {
        @Override
        public void appended(int events, long nanos, boolean written) {
        }

        @Override
        public void read(Read read, int events, long nanos) {
        }
    };

    /** One commit of {@code events} events took {@code nanos}; {@code written} is false when it failed. */
    void appended(int events, long nanos, boolean written);

    /** One read returned {@code events} events in {@code nanos}. */
    void read(Read read, int events, long nanos);
}
