package org.planregistry.query.timeline;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.planregistry.query.http.QueryParameters;

/**
 * A bitemporal point of view: the plan as it stood on {@code asOf} (valid time), as the registry knew it at
 * {@code knownAt} (transaction time).
 *
 * <p>Every event sets an attribute to a whole value, so the value of an attribute at this point is a selection, not
 * a fold: among the versions recorded at or before {@code knownAt} and effective on or before {@code asOf}, the one
 * with the latest effective date, ties going to the later recording (higher global sequence). That equals folding
 * those events in effective-date order, without reading any event.
 *
 * <p>Versions are kept in that order of precedence ({@link #inPrecedenceOrder}), so the selection is a binary search
 * for {@code asOf} and a step back over the versions recorded after {@code knownAt}: its cost does not grow with the
 * history of an attribute.
 */
public record TimePoint(LocalDate asOf, Instant knownAt) {

    /** Ascending precedence: by effective date, then by recording (global sequence); the last one in force wins. */
    public static final Comparator<Version> PRECEDENCE = Comparator.comparing(Version::effectiveFrom)
            .thenComparingLong(Version::globalSequence);

    /** {@code versions} in order of precedence: the list itself when it is already in that order. */
    public static List<Version> inPrecedenceOrder(List<Version> versions) {
        if (versions == null) {
            return List.of();
        }
        for (int i = 1; i < versions.size(); i++) {
            if (PRECEDENCE.compare(versions.get(i - 1), versions.get(i)) > 0) {
                return versions.stream().sorted(PRECEDENCE).toList();
            }
        }
        return versions;
    }

    /** Whether the change was known at {@code knownAt} and in effect on {@code asOf}. */
    public boolean sees(Version version) {
        return version != null && isKnown(version) && !version.effectiveFrom().isAfter(asOf);
    }

    /** Whether the change had been recorded by {@code knownAt}, whatever its effective date. */
    public boolean isKnown(Version version) {
        return !version.recordedAt().isAfter(knownAt);
    }

    /** The version in force at this point, if any, among {@code versions} in {@linkplain #inPrecedenceOrder order}. */
    public Optional<Version> inForce(List<Version> versions) {
        if (versions == null) {
            return Optional.empty();
        }
        for (int i = lastEffectiveBy(versions); i >= 0; i--) {
            if (isKnown(versions.get(i))) {
                return Optional.of(versions.get(i));
            }
        }
        return Optional.empty();
    }

    /** The index of the first version effective after {@code asOf} among versions in order of precedence. */
    public int firstEffectiveAfter(List<Version> versions) {
        return lastEffectiveBy(versions) + 1;
    }

    /** The index of the last version effective on or before {@code asOf}; -1 when there is none. */
    private int lastEffectiveBy(List<Version> versions) {
        int low = 0;
        int high = versions.size() - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            if (versions.get(middle).effectiveFrom().isAfter(asOf)) {
                high = middle - 1;
            } else {
                low = middle + 1;
            }
        }
        return high;
    }

    /**
     * The point of view a query's parameters ask for: {@code asOf} (default today in the clock's zone) and
     * {@code knownAt} (default now, never later), read strictly by {@link QueryParameters}.
     */
    public static TimePoint fromParameters(String asOf, String knownAt, Clock clock) {
        return new TimePoint(QueryParameters.date("asOf", asOf, LocalDate.now(clock)),
                QueryParameters.knownAt(knownAt, clock));
    }

    /** The same knowledge, another date. */
    public TimePoint on(LocalDate date) {
        return new TimePoint(date, knownAt);
    }
}
