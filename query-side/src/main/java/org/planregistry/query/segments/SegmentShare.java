package org.planregistry.query.segments;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Splits the segments of every tracking processor fairly between the query-side instances present.
 *
 * <p>Each processor runs as many threads as it has segments, so one instance can hold them all: alone, or when the
 * others have died and their claims expired, it takes everything over. Axon claims every free segment it has a
 * thread for and never gives one up by itself, so the first instance to start would keep them all. Every
 * {@code registry.query.segments.balance-interval} this instance therefore announces itself ({@link QueryInstances})
 * and, for each processor, releases the segments it holds beyond its share (the segments divided by the instances
 * present, rounded up), for {@code release-for}: long enough for another instance's processor, which looks for free
 * segments every {@code token-claim-interval}, to claim them. It only ever gives up segments, never takes one that
 * is claimed; taking over a dead instance's segments is Axon's own claiming once the claims have expired.
 */
@Component
class SegmentShare {

    private static final Logger log = LoggerFactory.getLogger(SegmentShare.class);

    private final EventProcessingConfiguration processing;
    private final QueryInstances instances;
    private final SharedSegments segments;
    private final Duration interval;
    private final Duration releaseFor;
    private final ScheduledExecutorService balancing = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "segment-share");
        thread.setDaemon(true);
        return thread;
    });

    SegmentShare(EventProcessingConfiguration processing, QueryInstances instances, SharedSegments segments,
                 @Value("${registry.query.segments.balance-interval:5s}") Duration interval,
                 @Value("${registry.query.segments.release-for:15s}") Duration releaseFor) {
        this.processing = processing;
        this.instances = instances;
        this.segments = segments;
        this.interval = interval;
        this.releaseFor = releaseFor;
    }

    @PostConstruct
    void start() {
        balancing.scheduleWithFixedDelay(this::balance, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        balancing.shutdownNow();
        try {
            instances.withdraw(); // the others' share grows at once; Axon releases the claims as it shuts down
        } catch (RuntimeException e) {
            log.debug("Could not withdraw this instance from {}", QueryInstances.COLLECTION, e);
        }
    }

    void balance() {
        try {
            instances.announce();
            int present = Math.max(1, instances.present().size());
            for (TrackingEventProcessor processor : processors()) {
                if (processor.isRunning()) {
                    balance(processor, present);
                }
            }
        } catch (RuntimeException e) {
            // The store may be away for a while; balancing again later is all there is to do.
            log.debug("Could not balance the segments; trying again in {}", interval, e);
        }
    }

    private void balance(TrackingEventProcessor processor, int present) {
        int total = segments.of(processor.getName()).size();
        int share = (total + present - 1) / present;
        List<Integer> held = new ArrayList<>(processor.processingStatus().keySet());
        held.sort(null);
        for (int i = share; i < held.size(); i++) {
            log.info("Releasing segment {} of {} for another instance: {} instances share its {} segments",
                    held.get(i), processor.getName(), present, total);
            processor.releaseSegment(held.get(i), releaseFor.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private List<TrackingEventProcessor> processors() {
        return processing.eventProcessors().values().stream().filter(TrackingEventProcessor.class::isInstance)
                .map(TrackingEventProcessor.class::cast).toList();
    }
}
