package org.planregistry.query.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A bitemporal point of view: the plan as it stood on {@code asOf} (valid time), as the registry knew it at
 * {@code knownAt} (transaction time).
 *
 * <p>Every event sets an attribute to a whole value, so the value of an attribute at this point is a selection, not
 * a fold: among the versions recorded at or before {@code knownAt} and effective on or before {@code asOf}, the one
 * with the latest effective date, ties going to the later recording (higher global sequence). That equals folding
 * those events in effective-date order, without reading any event.
 */
public record TimePoint(LocalDate asOf, Instant knownAt) {

    private static final Comparator<Version> PRECEDENCE = Comparator.comparing(Version::effectiveFrom)
            .thenComparingLong(Version::globalSequence);

    /** Whether the change was known at {@code knownAt} and in effect on {@code asOf}. */
    public boolean sees(Version version) {
        return version != null && isKnown(version) && !version.effectiveFrom().isAfter(asOf);
    }

    /** Whether the change had been recorded by {@code knownAt}, whatever its effective date. */
    public boolean isKnown(Version version) {
        return !version.recordedAt().isAfter(knownAt);
    }

    /** The version in force at this point, if any. */
    public Optional<Version> inForce(List<Version> versions) {
        return versions == null ? Optional.empty() : versions.stream().filter(this::sees).max(PRECEDENCE);
    }

    /** The same knowledge, another date. */
    public TimePoint on(LocalDate date) {
        return new TimePoint(date, knownAt);
    }
}
