package org.planregistry.query.event;

import java.time.Instant;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * An event a view could not project, parked with the events of the same plan after it so that the plan's order
 * holds while every other plan goes on. The event itself stays in the event store; a retry reads it from there.
 *
 * @param view           the processing group (view) that parked it: {@code plan-timeline}, {@code audit}
 * @param behind         the global sequence of the plan's first parked event when this one was parked only to keep
 *                       the order (it did not fail itself); null for the event that failed
 * @param cause          why its projection failed (the exception), or why it waits
 * @param attempts       how many times it has been handled without success (0 for one parked behind another)
 */
public record DeadLetter(@JsonProperty("_id") String id, String view, String plan, long globalSequence,
                         String eventType, String eventId, Long behind, String cause, Instant parkedAt,
                         int attempts, Instant lastAttemptAt) {

    static String id(String view, long globalSequence) {
        return view + ":" + globalSequence;
    }
}
