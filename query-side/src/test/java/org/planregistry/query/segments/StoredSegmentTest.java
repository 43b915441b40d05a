package org.planregistry.query.segments;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.MergedTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;

class StoredSegmentTest {

    private static final TrackingToken AT_RESET = GapAwareTrackingToken.newInstance(30_000, List.of());

    @Test
    void aReplayIsPendingUntilItReachesTheResetPosition() {
        TrackingToken started = ReplayToken.createReplayToken(AT_RESET);
        TrackingToken afterFirstBatch = ((ReplayToken) started)
                .advancedTo(GapAwareTrackingToken.newInstance(5_000, List.of()));
        TrackingToken almost = ((ReplayToken) afterFirstBatch)
                .advancedTo(GapAwareTrackingToken.newInstance(29_999, List.of()));

        assertThat(StoredSegment.replayPending(started)).isTrue();
        assertThat(StoredSegment.replayPending(afterFirstBatch)).isTrue();
        assertThat(StoredSegment.replayPending(almost)).isTrue();
    }

    @Test
    void aReplayAtItsResetPositionIsDoneThoughAxonStillWrapsTheToken() {
        // Axon unwraps the replay token only at the first event after the reset position.
        TrackingToken atReset = new ReplayToken(AT_RESET, GapAwareTrackingToken.newInstance(30_000, List.of()));

        assertThat(StoredSegment.replayPending(atReset)).isFalse();
        assertThat(StoredSegment.replayPending(GapAwareTrackingToken.newInstance(30_001, List.of()))).isFalse();
        assertThat(StoredSegment.replayPending(null)).isFalse();
    }

    @Test
    void aMergedSegmentIsPendingWhileEitherHalfIs() {
        TrackingToken done = GapAwareTrackingToken.newInstance(30_000, List.of());
        TrackingToken replaying = new ReplayToken(AT_RESET, GapAwareTrackingToken.newInstance(12, List.of()));

        assertThat(StoredSegment.replayPending(new MergedTrackingToken(done, replaying))).isTrue();
        assertThat(StoredSegment.replayPending(new MergedTrackingToken(done, done))).isFalse();
    }
}
