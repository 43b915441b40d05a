package org.planregistry.query.consistency;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * How far the tracking processor that keeps a view has got, as this instance sees it: which global sequences it has
 * processed, whether it is replaying. Read from the processors' in-memory status; only the number of segments comes
 * from the token store, to know whether this instance holds them all.
 */
@Component
public class ViewProgress {

    private final EventProcessingConfiguration processing;
    private final TokenStore tokenStore;
    private final ObjectProvider<NotAView> notViews;
    private final Set<String> rebuilding = ConcurrentHashMap.newKeySet();

    ViewProgress(EventProcessingConfiguration processing, TokenStore tokenStore, ObjectProvider<NotAView> notViews) {
        this.processing = processing;
        this.tokenStore = tokenStore;
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
     * Whether this instance is rebuilding or replaying the view, so the view is incomplete. A rebuild counts from its
     * reset on, before the restarted processor has claimed its segments and reports a replay.
     */
    public boolean isReplaying(String group) {
        return rebuilding.contains(group) || statuses(group).stream().anyMatch(ViewProgress::replayPending);
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
     * Whether the view has processed the event at {@code sequence}: provable here only when this instance holds every
     * segment of the processor and each segment's token is past that position without it being an open gap.
     */
    public boolean hasProcessed(String group, long sequence) {
        Collection<EventTrackerStatus> statuses = statuses(group);
        if (statuses.isEmpty() || statuses.size() < tokenStore.fetchSegments(group).length) {
            return false;
        }
        return statuses.stream().allMatch(status -> covers(status.getTrackingToken(), sequence));
    }

    /** The lowest position reached by any segment held here, empty when none is held. */
    public OptionalLong position(String group) {
        return statuses(group).stream().map(EventTrackerStatus::getCurrentPosition)
                .filter(OptionalLong::isPresent).mapToLong(OptionalLong::getAsLong).min();
    }

    /** Whether this instance holds every segment of the view and each has replayed up to its reset position. */
    public boolean hasReplayed(String group) {
        Collection<EventTrackerStatus> statuses = statuses(group);
        return !statuses.isEmpty() && statuses.size() >= tokenStore.fetchSegments(group).length
                && statuses.stream().noneMatch(ViewProgress::replayPending);
    }

    private Collection<EventTrackerStatus> statuses(String group) {
        return processor(group).<Collection<EventTrackerStatus>>map(p -> p.processingStatus().values())
                .orElse(List.of());
    }

    /**
     * Whether a segment still has events to replay. Axon reports a replay until the first event after the reset
     * position, which may be long in coming; the view is complete as soon as the reset position is reached.
     */
    private static boolean replayPending(EventTrackerStatus status) {
        TrackingToken token = status.getTrackingToken();
        if (!status.isReplaying() || token == null) {
            return false;
        }
        TrackingToken atReset = WrappedToken.unwrapUpperBound(token);
        TrackingToken reached = WrappedToken.unwrapLowerBound(token);
        return atReset != null && (reached == null || !reached.covers(atReset));
    }

    private static boolean covers(TrackingToken token, long sequence) {
        TrackingToken position = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (position instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= sequence && !gapAware.getGaps().contains(sequence);
        }
        return position != null && position.position().orElse(-1) >= sequence;
    }
}
