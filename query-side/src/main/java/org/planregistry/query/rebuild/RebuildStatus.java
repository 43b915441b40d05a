package org.planregistry.query.rebuild;

import java.time.Instant;
import java.util.List;

/**
 * Where the last rebuild of the views stands; {@code GET /api/admin/views/rebuild} answers with it, so an operator
 * knows when a rebuild is done.
 *
 * @param state    IDLE (none since start-up), RUNNING, DONE or FAILED
 * @param target   the highest global sequence allocated when the rebuild started: the replay is done once every
 *                 view has replayed up to it
 * @param progress "replayed N of M events"
 */
public record RebuildStatus(State state, Instant startedAt, Instant finishedAt, long target, String progress,
                            List<ViewStatus> views, String error) {

    /** The phases of a rebuild. */
    public enum State {
        IDLE,
        RUNNING,
        DONE,
        FAILED
    }

    /** One view's processor: the global sequence it has reached, and whether it still has events to replay. */
    public record ViewStatus(String view, Long position, boolean replaying) {
    }
}
