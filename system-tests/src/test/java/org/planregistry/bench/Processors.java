package org.planregistry.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The query side's streaming (tracking) processors, seen only through generic Axon API: how far each has got, and a
 * reset that makes them replay the whole store into their views.
 */
final class Processors {

    private final List<StreamingEventProcessor> processors;

    Processors(ConfigurableApplicationContext querySide) {
        EventProcessingConfiguration processing = querySide.getBean(EventProcessingConfiguration.class);
        processors = processing.eventProcessors().values().stream()
                .filter(StreamingEventProcessor.class::isInstance).map(StreamingEventProcessor.class::cast).toList();
        if (processors.isEmpty()) {
            throw new IllegalStateException("the query side has no streaming event processors");
        }
    }

    List<String> names() {
        return processors.stream().map(StreamingEventProcessor::getName).sorted().toList();
    }

    /** The lowest position any processor has reached; -1 while one of them holds no segment. */
    long lowestPosition() {
        long lowest = Long.MAX_VALUE;
        for (StreamingEventProcessor processor : processors) {
            lowest = Math.min(lowest, position(processor));
        }
        return lowest;
    }

    /** The lowest position reached by the processor's segments; -1 while it holds none. */
    private static long position(StreamingEventProcessor processor) {
        Map<Integer, EventTrackerStatus> status = processor.processingStatus();
        if (status.isEmpty()) {
            return -1;
        }
        long lowest = Long.MAX_VALUE;
        for (EventTrackerStatus segment : status.values()) {
            if (segment.isErrorState()) {
                throw new IllegalStateException("processor " + processor.getName() + " failed", segment.getError());
            }
            OptionalLong position = segment.getCurrentPosition();
            if (position.isEmpty()) {
                return -1;
            }
            lowest = Math.min(lowest, position.getAsLong());
        }
        return lowest;
    }

    /**
     * Waits until every processor has processed the event at {@code head}; returns the nanoTime at which that was
     * first seen (polled every millisecond).
     */
    long awaitPosition(long head, Duration timeout) throws InterruptedException {
        return awaitEach(head, timeout).values().stream().mapToLong(Long::longValue).max().orElseThrow();
    }

    /** Like {@link #awaitPosition}, with the nanoTime at which each processor (by name) reached {@code head}. */
    Map<String, Long> awaitEach(long head, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<String, Long> reached = new java.util.TreeMap<>();
        while (reached.size() < processors.size()) {
            for (StreamingEventProcessor processor : processors) {
                if (!reached.containsKey(processor.getName()) && position(processor) >= head) {
                    reached.put(processor.getName(), System.nanoTime());
                }
            }
            if (reached.size() < processors.size()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("processors " + names() + " reached " + lowestPosition()
                            + ", not " + head + ", within " + timeout);
                }
                Thread.sleep(1);
            }
        }
        return reached;
    }

    /** Stops every processor, resets its tokens (its reset handlers clear the views) and starts it again. */
    void resetAndStart() {
        for (StreamingEventProcessor processor : processors) {
            processor.shutDown();
        }
        for (StreamingEventProcessor processor : processors) {
            processor.resetTokens();
        }
        for (StreamingEventProcessor processor : processors) {
            processor.start();
        }
    }
}
