package org.planregistry.query.operations;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.consistency.ViewProgress;
import org.springframework.stereotype.Component;

/**
 * The state of this instance's tracking processors (the views' and any other, such as the Kafka publisher's) and
 * their lag: how many events the head of the store (the last global sequence allocated) is ahead of the lowest
 * position any segment of the processor has reached, whichever instance works it ({@link ViewProgress#position}):
 * the views are shared, so their lag is what readers of this instance see.
 */
@Component
public class ProcessorLag {

    private final EventProcessingConfiguration processing;
    private final ViewProgress progress;
    private final MongoEventStorageEngine storageEngine;

    ProcessorLag(EventProcessingConfiguration processing, ViewProgress progress,
                 MongoEventStorageEngine storageEngine) {
        this.processing = processing;
        this.progress = progress;
        this.storageEngine = storageEngine;
    }

    /** One processor as this instance sees it; {@code lag} is empty when no position is known at all. */
    public record State(String processor, boolean running, boolean error, String errorMessage, int segments,
                        boolean replaying, OptionalLong position, OptionalLong lag) {
    }

    /** The names of every tracking processor of this instance, sorted. */
    public List<String> processors() {
        return processing.eventProcessors().values().stream().filter(TrackingEventProcessor.class::isInstance)
                .map(EventProcessor::getName).sorted().toList();
    }

    /** The head of the store: the last global sequence allocated, visible or not. */
    public long head() {
        return storageEngine.lastAllocatedSequence();
    }

    public State state(String name, long head) {
        TrackingEventProcessor processor = processing.eventProcessor(name, TrackingEventProcessor.class)
                .orElseThrow(() -> new IllegalArgumentException("no tracking processor " + name));
        Collection<EventTrackerStatus> statuses = processor.processingStatus().values();
        String errorMessage = statuses.stream().filter(EventTrackerStatus::isErrorState)
                .map(s -> s.getError() == null ? "error" : String.valueOf(s.getError().getMessage()))
                .findFirst().orElse(processor.isError() ? "in error, retrying" : null);
        OptionalLong position = progress.position(name);
        OptionalLong lag = position.isPresent() ? OptionalLong.of(Math.max(0, head - position.getAsLong()))
                : OptionalLong.empty();
        return new State(name, processor.isRunning(), processor.isError() || errorMessage != null, errorMessage,
                statuses.size(), statuses.stream().anyMatch(EventTrackerStatus::isReplaying), position, lag);
    }

    /** The processor's lag in events now, or NaN when no position is known. */
    public double lag(String name) {
        OptionalLong lag = state(name, head()).lag();
        return lag.isPresent() ? lag.getAsLong() : Double.NaN;
    }
}
