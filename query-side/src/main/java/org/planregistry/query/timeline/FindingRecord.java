package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.planregistry.api.FindingSpan;
import org.planregistry.api.SubjectKind;

/**
 * An evaluator's finding with every version it went through (recorded, corrected, withdrawn). Stored under its
 * evaluation and, as a copy, under the indicator or task it is about, so that both load by key.
 *
 * @param span what the observed value covers, when it was stated with the finding; null: a figure for its year
 */
public record FindingRecord(String evaluationId, String findingId, SubjectKind subjectKind, String subjectCode,
                            int year, String unit, FindingSpan span, List<Version> versions) {

    /** Versions in order of precedence ({@link TimePoint#inPrecedenceOrder}). */
    public FindingRecord {
        versions = TimePoint.inPrecedenceOrder(versions);
    }

    /** Every version in the order it was recorded. */
    public List<Version> versionsAsRecorded() {
        return versions.stream().sorted(Comparator.comparingLong(Version::globalSequence)).toList();
    }

    /** Identifies the finding within its plan. */
    public String id() {
        return evaluationId + "/" + findingId;
    }

    /** The element the finding is about. */
    public ElementKind subject() {
        return ElementKind.subjectOf(subjectKind);
    }

    /** The version in force at {@code point}, unless that version is a withdrawal. */
    public Optional<Version> inForce(TimePoint point) {
        return point.inForce(versions).filter(version -> !version.valueAs(FindingValue.class).withdrawn());
    }

    /** The finding with no version naming who recorded it. */
    FindingRecord withoutActors() {
        return new FindingRecord(evaluationId, findingId, subjectKind, subjectCode, year, unit, span,
                versions.stream().map(Version::withoutActor).toList());
    }

    FindingRecord with(Version version) {
        if (versions.stream().anyMatch(v -> v.globalSequence() == version.globalSequence())) {
            return this;
        }
        List<Version> more = new ArrayList<>(versions);
        more.add(version);
        return new FindingRecord(evaluationId, findingId, subjectKind, subjectCode, year, unit, span,
                List.copyOf(more));
    }

    FindingRecord withSpan(FindingSpan stated) {
        return new FindingRecord(evaluationId, findingId, subjectKind, subjectCode, year, unit, stated, versions);
    }
}
