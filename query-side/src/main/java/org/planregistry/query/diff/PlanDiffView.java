package org.planregistry.query.diff;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What changed in a plan between two dates, both seen with the same knowledge ({@code knownAt}): elements added and
 * removed, attributes whose value in force differs, and for each the events that made the change, so that every
 * difference can be traced to a recorded decision.
 */
public record PlanDiffView(String plan, LocalDate from, LocalDate to, Instant knownAt, List<ElementChange> added,
                           List<ElementChange> removed, List<AttributeChange> changed) {

    /**
     * An element that came into force (added) or was retired (removed) between the two dates.
     *
     * @param details the element's static details, as adopted
     */
    public record ElementChange(String element, String kind, String code, JsonNode details,
                                List<ChangeEvent> events) {
    }

    /** An attribute whose value in force on {@code to} differs from the one on {@code from}. */
    public record AttributeChange(String element, String kind, String code, String attribute, JsonNode oldValue,
                                  JsonNode newValue, List<ChangeEvent> events) {
    }

    /** An event that took effect between the two dates and so made (part of) a change. */
    public record ChangeEvent(long globalSequence, String type, LocalDate effectiveFrom, Instant recordedAt,
                              String actor, String role, String reason, String decisionRef) {
    }
}
