package org.planregistry.bench;

import org.planregistry.eventstore.MongoEventStorageEngine;

/**
 * Part scale's growth: {@link FillerPlans} (plans of 100 events, one append each, through the storage engine) in
 * steps, saying every ten seconds how far it has got, so that a growth to a million events is visibly alive.
 */
final class StoreGrowth {

    /** A multiple of the plan's length: the steps cut no plan short. */
    private static final int STEP = 100 * FillerPlans.EVENTS_PER_PLAN;
    private static final long PROGRESS_NANOS = 10_000_000_000L;

    private final MongoEventStorageEngine engine;
    private final FillerPlans filler;
    private final Report report;
    private final String label;

    StoreGrowth(MongoEventStorageEngine engine, String aggregateType, Report report, String label) {
        this.engine = engine;
        this.filler = new FillerPlans(engine, aggregateType);
        this.report = report;
        this.label = label;
    }

    /** Appends until the store holds {@code size} events; the events appended and the time it took. */
    Throughput growTo(long size) {
        long before = engine.lastAllocatedSequence();
        long start = System.nanoTime();
        long nextProgress = start + PROGRESS_NANOS;
        long head = before;
        while (head < size) {
            filler.growTo(Math.min(size, head + STEP));
            head = engine.lastAllocatedSequence();
            long now = System.nanoTime();
            if (now > nextProgress) {
                report.progress("[%s] growing to %,d: %,d events, %,.0f events/s", label, size, head,
                        (head - before) / ((now - start) / 1e9));
                nextProgress = now + PROGRESS_NANOS;
            }
        }
        return new Throughput(head - before, (System.nanoTime() - start) / 1e9);
    }

    /** Filler plans appended so far. */
    int plans() {
        return filler.plans();
    }
}
