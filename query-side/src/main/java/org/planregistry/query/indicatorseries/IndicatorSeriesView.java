package org.planregistry.query.indicatorseries;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.MeasurementBasis;
import org.planregistry.api.Period;
import org.planregistry.query.timeline.Continuity;
import org.planregistry.query.timeline.PlanStatus;

/**
 * One indicator's line across successive plans: each plan's segment, earliest plan first, linked by the
 * continuity each successor's indicator declares. Everything as known at {@code knownAt}.
 */
public record IndicatorSeriesView(String plan, String indicator, Instant knownAt, List<Segment> segments) {

    /**
     * The indicator in one plan.
     *
     * @param continues    the predecessor's indicator it continues (null for the first), with the predecessor's
     *                     observed final value and the reason a baseline differs from it
     * @param baselines    every baseline version, in recording order, with the date it applies from
     * @param targets      every target version: the targets in force over time
     * @param milestones   every milestone version (the planned value for a year)
     * @param observations the findings with an observed value, as they stand for the point of view
     */
    public record Segment(String plan, String title, Period period, PlanStatus.Stage status, String supersededBy,
                          String indicator, String name, String unit, MeasurementBasis measurementBasis,
                          Continuity continues, List<Change> baselines, List<Change> targets,
                          List<Milestone> milestones, List<Observation> observations) {
    }

    /** A value an event gave the indicator, from when, recorded when, by which event and why. */
    public record Change(JsonNode value, LocalDate effectiveFrom, Instant recordedAt, String type, String reason,
                         String decisionRef) {
    }

    /** The planned value of one year, as set by one event. */
    public record Milestone(int year, JsonNode value, LocalDate effectiveFrom, Instant recordedAt, String reason,
                            String decisionRef) {
    }

    /** An observation, from the finding of an evaluation. */
    public record Observation(String evaluationId, String findingId, int year, FindingSpan span, String observedValue,
                              String assessment, LocalDate effectiveFrom, Instant recordedAt, boolean corrected) {
    }
}
