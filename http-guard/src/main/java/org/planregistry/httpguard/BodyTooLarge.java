package org.planregistry.httpguard;

import java.util.Optional;

/**
 * A request body grew past its limit while it was being read. Unchecked, so that it passes through most readers
 * untouched, and {@link BodyLimits} answers it with 413. Jackson, though, wraps it into its own exception while it
 * reads a field, which Spring MVC turns into a "malformed body" 400: an application's problem advice finds it
 * with {@link #in} and answers 413 instead.
 */
public final class BodyTooLarge extends RuntimeException {

    private final long limit;

    BodyTooLarge(long limit) {
        super("the request body is larger than " + limit + " bytes", null, false, false);
        this.limit = limit;
    }

    public long limit() {
        return limit;
    }

    /** The limit exceeded, if {@code failure} was caused by a body too large. */
    public static Optional<BodyTooLarge> in(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof BodyTooLarge tooLarge) {
                return Optional.of(tooLarge);
            }
        }
        return Optional.empty();
    }

    /** What the client is told. */
    public String reason() {
        return "the body is larger than this endpoint's limit of " + limit + " bytes";
    }
}
