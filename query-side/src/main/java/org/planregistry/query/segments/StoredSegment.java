package org.planregistry.query.segments;

import java.time.Duration;
import java.time.Instant;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.WrappedToken;

/**
 * One segment of a tracking processor as the shared token store holds it: its token, and which instance claimed it
 * when (the owner renews the claim while it works the segment; a claim older than the claim timeout is free).
 */
public record StoredSegment(int segment, String owner, Instant claimedAt, TrackingToken token) {

    /** Whether an instance holds the segment now: claimed, and renewed within {@code claimTimeout}. */
    public boolean claimed(Instant now, Duration claimTimeout) {
        return owner != null && claimedAt != null && claimedAt.isAfter(now.minus(claimTimeout));
    }

    /** The global sequence the segment has reached; -1 before its first event. */
    public static long position(TrackingToken token) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        return reached == null ? -1 : reached.position().orElse(-1);
    }

    /**
     * The global sequence up to which the segment has handled every event: below its first open gap (a number
     * allocated whose event is not visible yet), else its position.
     */
    public static long completeUpTo(TrackingToken token) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (reached instanceof GapAwareTrackingToken gapAware && gapAware.hasGaps()) {
            return gapAware.getGaps().first() - 1;
        }
        return position(token);
    }

    /** Whether the segment has handled the event at {@code sequence}: past it, and it is not an open gap. */
    public static boolean covers(TrackingToken token, long sequence) {
        TrackingToken reached = token == null ? null : WrappedToken.unwrapLowerBound(token);
        if (reached instanceof GapAwareTrackingToken gapAware) {
            return gapAware.getIndex() >= sequence && !gapAware.getGaps().contains(sequence);
        }
        return reached != null && reached.position().orElse(-1) >= sequence;
    }

    /**
     * Whether the segment still has events to replay. Axon keeps a replay token until the first event after the reset
     * position, which may be long in coming; the view is complete as soon as the reset position is reached. The reset
     * position is the replay token's {@code tokenAtReset}: its {@code upperBound()} is where the replay has got to, so
     * reading that as the reset position made every replay look finished after its first batch.
     */
    public static boolean replayPending(TrackingToken token) {
        if (token instanceof ReplayToken replay) {
            TrackingToken atReset = replay.getTokenAtReset();
            TrackingToken reached = replay.getCurrentToken() == null ? null
                    : WrappedToken.unwrapLowerBound(replay.getCurrentToken());
            return atReset != null && (reached == null || !reached.covers(WrappedToken.unwrapUpperBound(atReset)));
        }
        if (token instanceof MergedTrackingToken merged) {
            return replayPending(merged.lowerSegmentToken()) || replayPending(merged.upperSegmentToken());
        }
        return false;
    }
}
