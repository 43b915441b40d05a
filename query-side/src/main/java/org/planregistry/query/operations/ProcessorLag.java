package org.planregistry.query.operations;

import java.util.Collection;
import java.util.List;
import java.util.OptionalLong;

import com.mongodb.client.MongoDatabase;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.bson.Document;
import org.bson.types.Binary;
import org.planregistry.eventstore.MongoEventStorageEngine;
import org.planregistry.query.consistency.ViewProgress;
import org.springframework.stereotype.Component;

/**
 * The state of this instance's tracking processors (the views' and any other, such as the Kafka publisher's) and
 * their lag: how many events the head of the store (the last global sequence allocated) is ahead of the lowest
 * position the processor has reached. The position is this instance's own when it holds segments of the processor,
 * otherwise the one stored in the token store by whichever instance holds them (or held them last): the views are
 * shared, so their lag is what readers of this instance see either way.
 */
@Component
public class ProcessorLag {

    private final EventProcessingConfiguration processing;
    private final ViewProgress progress;
    private final MongoEventStorageEngine storageEngine;
    private final MongoDatabase registryDatabase;
    private final Serializer serializer;

    ProcessorLag(EventProcessingConfiguration processing, ViewProgress progress,
                 MongoEventStorageEngine storageEngine, MongoDatabase registryDatabase, Serializer serializer) {
        this.processing = processing;
        this.progress = progress;
        this.storageEngine = storageEngine;
        this.registryDatabase = registryDatabase;
        this.serializer = serializer;
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
        OptionalLong position = statuses.isEmpty() ? storedPosition(name) : progress.position(name);
        OptionalLong lag = position.isPresent() ? OptionalLong.of(Math.max(0, head - position.getAsLong()))
                : OptionalLong.empty();
        return new State(name, processor.isRunning(), processor.isError() || errorMessage != null, errorMessage,
                statuses.size(), statuses.stream().anyMatch(EventTrackerStatus::isReplaying), position, lag);
    }

    /**
     * The lowest position of the processor's segments in the token store (the {@code trackingtokens} collection of
     * axon-mongo's token store, read without claiming anything); empty when it has no tokens yet.
     */
    private OptionalLong storedPosition(String name) {
        OptionalLong lowest = OptionalLong.empty();
        for (Document entry : registryDatabase.getCollection("trackingtokens")
                .find(new Document("processorName", name))) {
            Object stored = entry.get("token");
            byte[] bytes = stored instanceof Binary binary ? binary.getData() : stored instanceof byte[] b ? b : null;
            long position = -1;
            if (bytes != null && entry.getString("tokenType") != null) {
                TrackingToken token = serializer.deserialize(new SimpleSerializedObject<>(bytes, byte[].class,
                        entry.getString("tokenType"), null));
                position = token == null ? -1 : token.position().orElse(-1);
            }
            if (lowest.isEmpty() || position < lowest.getAsLong()) {
                lowest = OptionalLong.of(position);
            }
        }
        return lowest;
    }

    /** The processor's lag in events now, or NaN when no position is known. */
    public double lag(String name) {
        OptionalLong lag = state(name, head()).lag();
        return lag.isPresent() ? lag.getAsLong() : Double.NaN;
    }
}
