package org.planregistry.query.timeline;

import java.time.Instant;
import java.time.LocalDate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import org.planregistry.query.event.RecordedEvent;

/**
 * One value an event gave one attribute of a plan or element, with both times and its provenance. Versions are
 * only ever added, never changed, which is what lets an as-of answer select instead of replay.
 *
 * @param type  the event that set the value, e.g. {@code IndicatorTargetRevised}
 * @param value the whole new value as JSON (a target, a baseline, a text, {@code true} for a retirement …)
 * @param actor the signed-in person who recorded it; shown to signed-in readers only ({@link #withoutActor})
 * @param role  the role they recorded it in ({@code REGISTRAR}, {@code EVALUATOR} …), public; null in views built
 *              before roles were kept (a rebuild fills it)
 * @param decisionDate the date of the decision document {@code decisionRef} names, when recorded
 */
public record Version(String type, LocalDate effectiveFrom, Instant recordedAt, long globalSequence, JsonNode value,
                      String actor, String role, String reason, String decisionRef, LocalDate decisionDate) {

    /** The version {@code event} gives an attribute. */
    public static Version of(RecordedEvent event, Object value) {
        return new Version(event.type(), event.effectiveFrom(), event.recordedAt(), event.globalSequence(),
                ViewDocuments.json().valueToTree(value), event.actor(), event.role(), event.reason(), event.decisionRef(),
                event.decisionDate());
    }

    /** The same version without the name of the person who recorded it: how the public reads it. */
    public Version withoutActor() {
        return actor == null ? this : new Version(type, effectiveFrom, recordedAt, globalSequence, value, null, role,
                reason, decisionRef, decisionDate);
    }

    /** The value read as {@code type}; {@code null} when the version holds none. */
    public <T> T valueAs(Class<T> type) {
        if (value == null || value.isNull()) {
            return null;
        }
        try {
            return ViewDocuments.json().treeToValue(value, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Version " + globalSequence + " does not hold a " + type.getName(), e);
        }
    }
}
