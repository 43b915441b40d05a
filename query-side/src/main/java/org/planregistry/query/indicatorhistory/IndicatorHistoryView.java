package org.planregistry.query.indicatorhistory;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.planregistry.api.SubjectKind;

/**
 * Everything that ever happened to one indicator, independent of any point of view: every version of every
 * attribute and every finding version, each with both times and its provenance. What an auditor reads to see who
 * changed a target, when, on whose authority and why.
 *
 * @param versions adoption, target, baseline, milestone ("milestone:2023") and retirement versions, in recording
 *                 order
 * @param findings the findings about the indicator, each with its versions in recording order
 */
public record IndicatorHistoryView(String plan, String indicator, String name, String unit, List<Entry> versions,
                                   List<Finding> findings) {

    /** One version: which attribute got which value, from when, recorded when, by whom and why. */
    public record Entry(String attribute, JsonNode value, String type, LocalDate effectiveFrom, Instant recordedAt,
                        long globalSequence, String actor, String role, String reason, String decisionRef,
                        LocalDate decisionDate) {
    }

    /** One finding about the indicator, with its recording, corrections and withdrawal as versions. */
    public record Finding(String evaluationId, String findingId, SubjectKind subjectKind, int year, String unit,
                          List<Entry> versions) {
    }
}
