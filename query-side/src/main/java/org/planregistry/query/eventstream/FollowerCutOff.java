package org.planregistry.query.eventstream;

import java.io.IOException;

/**
 * Ends the request of a follower the server cut off (a stalled client, a shutdown) as an error, which makes the
 * servlet container close the connection at once instead of waiting to flush what the client does not read. The
 * reason is logged where the cut-off is decided, so no stack trace is kept.
 */
final class FollowerCutOff extends IOException {

    FollowerCutOff(String reason) {
        super("cut off: " + reason);
    }

    @Override
    public synchronized Throwable fillInStackTrace() {
        return this;
    }
}
