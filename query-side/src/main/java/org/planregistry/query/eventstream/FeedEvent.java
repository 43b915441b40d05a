package org.planregistry.query.eventstream;

import java.util.Arrays;

import org.planregistry.query.access.Audience;

/**
 * One event of the outward stream, encoded once: its position, what filters look at, and its CloudEvent as JSON.
 * The same encoding serves every audience; {@link #json(Audience)} gives each its copy.
 *
 * @param sequence   the global sequence (the stream position, SSE {@code id})
 * @param type       the short type name ({@code IndicatorTargetRevised}), SSE {@code event}
 * @param evaluation the evaluation whose record the event belongs to (see {@link PlanCloudEvents.Rendered}), or null
 * @param json       the structured-mode CloudEvent, with every attribute
 * @param actorFrom  where the {@code actor} attribute begins in {@code json}
 * @param actorTo    where it ends; equal to {@code actorFrom} when the event has none
 */
record FeedEvent(long sequence, String plan, String type, String evaluation, byte[] json, int actorFrom,
                 int actorTo) {

    /** The CloudEvent as {@code audience} may read it: without the name of who recorded it, for the public. */
    byte[] json(Audience audience) {
        if (audience.seesNames() || actorFrom == actorTo) {
            return json;
        }
        byte[] anonymous = Arrays.copyOf(json, json.length - (actorTo - actorFrom));
        System.arraycopy(json, actorTo, anonymous, actorFrom, json.length - actorTo);
        return anonymous;
    }

    /** The length of {@link #json(Audience)}, without copying. */
    int length(Audience audience) {
        return audience.seesNames() ? json.length : json.length - (actorTo - actorFrom);
    }
}
