package org.planregistry.eventstore.operations;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.planregistry.eventstore.StoreObserver;

/**
 * The event store's latencies in Micrometer: {@code registry.store.append} (tag {@code outcome}: written, failed),
 * {@code registry.store.read} (tag {@code read}: tracker, aggregate) and the count of appended events,
 * {@code registry.events.appended}. The engine calls it through its plain {@link StoreObserver} hook.
 */
class StoreMetrics implements StoreObserver {

    private final Meter.MeterProvider<Timer> appends;
    private final Meter.MeterProvider<Timer> reads;
    private final Counter appended;

    StoreMetrics(MeterRegistry meters) {
        this.appends = Timer.builder("registry.store.append")
                .description("Time to append one commit's events to the event store")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(meters);
        this.reads = Timer.builder("registry.store.read")
                .description("Time of one read from the event store: a tracker's batch or an aggregate's events")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(meters);
        this.appended = Counter.builder("registry.events.appended")
                .description("Events appended to the event store by this instance").register(meters);
    }

    @Override
    public void appended(int events, long nanos, boolean written) {
        appends.withTags("outcome", written ? "written" : "failed").record(nanos, TimeUnit.NANOSECONDS);
        if (written) {
            appended.increment(events);
        }
    }

    @Override
    public void read(Read read, int events, long nanos) {
        reads.withTags("read", read.name().toLowerCase(Locale.ROOT)).record(nanos, TimeUnit.NANOSECONDS);
    }
}
