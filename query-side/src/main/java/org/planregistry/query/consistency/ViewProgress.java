package org.planregistry.query.consistency;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.planregistry.query.segments.SharedSegments;
import org.planregistry.query.segments.StoredSegment;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How far the tracking processor that keeps a view has got: which global sequences it has processed, whether it is
 * replaying. Several query-side instances may share a view's segments, so the answer takes every segment into
 * account: those this instance holds from its processors' in-memory status (which is ahead of the stored token),
 * the others from the shared token store. While this instance holds every segment the store is not asked.
 */
@Component
public class ViewProgress {

    private final EventProcessingConfiguration processing;
    private final SharedSegments segments;
    private final ObjectProvider<NotAView> notViews;
    private final Set<String> rebuilding = ConcurrentHashMap.newKeySet();

    ViewProgress(EventProcessingConfiguration processing, SharedSegments segments, ObjectProvider<NotAView> notViews) {
        this.processing = processing;
        this.segments = segments;
        this.notViews = notViews;
    }

    /**
     * The views this instance keeps: the names of its tracking processors (one per processing group), except those
     * declared {@link NotAView}.
     */
    public List<String> views() {
        Set<String> excluded = notViews.stream().map(NotAView::processingGroup).collect(Collectors.toSet());
        return processing.eventProcessors().values().stream().filter(TrackingEventProcessor.class::isInstance)
                .map(EventProcessor::getName).filter(name -> !excluded.contains(name)).sorted().toList();
    }

    public Optional<TrackingEventProcessor> processor(String group) {
        return processing.eventProcessor(group, TrackingEventProcessor.class);
    }

    /**
     * Whether the view is being rebuilt or replayed, here or by another instance, so the view is incomplete. A rebuild
     * counts from its reset on, before the restarted processor has claimed its segments and reports a replay.
     */
    public boolean isReplaying(String group) {
        return rebuilding.contains(group) || tokens(group).stream().anyMatch(StoredSegment::replayPending);
    }

    /** Marks the view as being rebuilt (or no longer), for {@link #isReplaying}. */
    public void rebuilding(String group, boolean underway) {
        if (underway) {
            rebuilding.add(group);
        } else {
            rebuilding.remove(group);
        }
    }

    /**
     * Whether the view has processed the event at {@code sequence}: every segment's token, wherever it is worked, is
     * past that position without it being an open gap.
     */
    public boolean hasProcessed(String group, long sequence) {
        List<TrackingToken> tokens = tokens(group);
        return !tokens.isEmpty() && tokens.stream().allMatch(token -> StoredSegment.covers(token, sequence));
    }

    /** The lowest position reached by any segment of the view, empty when it has none yet. */
    public OptionalLong position(String group) {
        List<TrackingToken> tokens = tokens(group);
        return tokens.isEmpty() ? OptionalLong.empty()
                : OptionalLong.of(tokens.stream().mapToLong(StoredSegment::position).min().orElse(-1));
    }

    /**
     * The global sequence up to which every segment of the view has handled every event (below a segment's first
     * open gap), 0 when it has no segments yet.
     */
    public long completeUpTo(String group) {
        return Math.max(0, tokens(group).stream().mapToLong(StoredSegment::completeUpTo).min().orElse(0));
    }

    /** Whether the view has segments and each has replayed up to its reset position. */
    public boolean hasReplayed(String group) {
        List<TrackingToken> tokens = tokens(group);
        return !tokens.isEmpty() && tokens.stream().noneMatch(StoredSegment::replayPending);
    }

    /** How many of the view's segments this instance holds. */
    public int segmentsHeld(String group) {
        return held(group).size();
    }

    /**
     * Each segment's token: this instance's own for the segments it holds, the token store's for the others. A
     * null token (a segment before its first event) is kept: it has processed nothing.
     */
    private List<TrackingToken> tokens(String group) {
        Map<Integer, EventTrackerStatus> held = held(group);
        if (holdsEverySegment(held.values())) {
            return held.values().stream().map(EventTrackerStatus::getTrackingToken).toList();
        }
        return segments.of(group).stream().map(stored -> held.containsKey(stored.segment())
                ? held.get(stored.segment()).getTrackingToken() : stored.token()).toList();
    }

    private Map<Integer, EventTrackerStatus> held(String group) {
        return processor(group).<Map<Integer, EventTrackerStatus>>map(TrackingEventProcessor::processingStatus)
                .orElse(Map.of());
    }

    /** Whether the segments held cover the whole stream: their shares (1 / (mask + 1)) add up to one. */
    private static boolean holdsEverySegment(Collection<EventTrackerStatus> held) {
        double share = held.stream().mapToDouble(status -> 1.0 / (status.getSegment().getMask() + 1)).sum();
        return share > 0.999;
    }
}
