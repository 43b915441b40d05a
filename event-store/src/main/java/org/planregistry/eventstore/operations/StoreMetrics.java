package org.planregistry.eventstore.operations;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
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

    // Each tag's meter looked up once: Micrometer's look-up builds the tags on every call, and every command and
    // every tracker batch records here.
    private final Timer written;
    private final Timer failed;
    private final Map<Read, Timer> reads = new EnumMap<>(Read.class);
    private final Counter appended;

    StoreMetrics(MeterRegistry meters) {
        Meter.MeterProvider<Timer> appends = Timer.builder("registry.store.append")
                .description("Time to append one commit's events to the event store")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(meters);
        Meter.MeterProvider<Timer> readTimers = Timer.builder("registry.store.read")
                .description("Time of one read from the event store: a tracker's batch or an aggregate's events")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .withRegistry(meters);
        this.written = appends.withTags("outcome", "written");
        this.failed = appends.withTags("outcome", "failed");
        for (Read read : Read.values()) {
            reads.put(read, readTimers.withTags("read", read.name().toLowerCase(Locale.ROOT)));
        }
        this.appended = Counter.builder("registry.events.appended")
                .description("Events appended to the event store by this instance").register(meters);
    }

    @Override
    public void appended(int events, long nanos, boolean written) {
        (written ? this.written : failed).record(nanos, TimeUnit.NANOSECONDS);
        if (written) {
            appended.increment(events);
        }
    }

    @Override
    public void read(Read read, int events, long nanos) {
        reads.get(read).record(nanos, TimeUnit.NANOSECONDS);
    }
}
