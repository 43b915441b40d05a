package org.planregistry.query.timeline;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;

import org.planregistry.api.Assessment;
import org.planregistry.api.FindingSpan;
import org.planregistry.api.PlanEvent.FindingRecordedEvent;
import org.planregistry.api.SubjectKind;

/**
 * A finding as it reads from one point of view: the version in force, with its provenance.
 *
 * @param span      what the observed value covers: the finding's year unless another span was stated with it;
 *                  null for a finding on a task
 * @param corrected whether the version in force is a correction rather than the original recording
 */
public record FindingSnapshot(String evaluationId, String findingId, SubjectKind subjectKind, String subjectCode,
                              int year, FindingSpan span, BigDecimal observedValue, String unit, Assessment assessment,
                              String evidenceRef, String note, boolean corrected, LocalDate effectiveFrom,
                              Instant recordedAt, long globalSequence, String actor,
                              String role) {

    /** The latest finding is the one for the latest year, then the latest effective, then the latest recorded. */
    public static final Comparator<FindingSnapshot> LATEST = Comparator.comparingInt(FindingSnapshot::year)
            .thenComparing(FindingSnapshot::effectiveFrom).thenComparingLong(FindingSnapshot::globalSequence);

    /** The type of the version that recorded a finding; any other corrected it. */
    private static final String RECORDED = FindingRecordedEvent.class.getSimpleName().replace("Event", "");

    public static FindingSnapshot of(FindingRecord finding, Version version) {
        FindingValue value = version.valueAs(FindingValue.class);
        return new FindingSnapshot(finding.evaluationId(), finding.findingId(), finding.subjectKind(),
                finding.subjectCode(), finding.year(), span(finding), value.observedValue(), finding.unit(),
                value.assessment(),
                value.evidenceRef(), value.note(), !RECORDED.equals(version.type()), version.effectiveFrom(),
                version.recordedAt(), version.globalSequence(), version.actor(), version.role());
    }

    private static FindingSpan span(FindingRecord finding) {
        if (finding.span() != null) {
            return finding.span();
        }
        return finding.subjectKind() == SubjectKind.TASK ? null : FindingSpan.YEAR;
    }
}
