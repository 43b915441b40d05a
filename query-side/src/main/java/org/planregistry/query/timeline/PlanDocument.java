package org.planregistry.query.timeline;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.planregistry.api.Period;
import org.planregistry.query.event.RecordedEvent;

/**
 * A plan in the {@code plans} collection, keyed by its code: the metadata, its lifecycle as versions, and the keys
 * of its elements in adoption order, so a whole plan loads with this one look-up plus one {@code _id $in}.
 *
 * @param lastSequence   the global sequence of the last event applied; anything at or below it is a re-delivery
 * @param lastRecordedAt the latest recording time among the events applied (normally the last one's; writers' clocks
 *                       may differ a little): the view is up to date with changes recorded until then
 */
public record PlanDocument(@JsonProperty("_id") String code, String title, String issuer, String issued,
                           LocalDate adoptedOn, Period period, Integer visionYear, String source, Version adopted,
                           List<Version> status, List<ElementRef> elements, long lastSequence,
                           Instant lastRecordedAt) {

    /** The lifecycle versions in order of precedence ({@link TimePoint#inPrecedenceOrder}). */
    public PlanDocument {
        status = TimePoint.inPrecedenceOrder(status);
    }

    /** The plan a {@code PlanAdopted} event creates, at {@code adopted}'s position. */
    public static PlanDocument adopted(String code, String title, String issuer, String issued, LocalDate adoptedOn,
                                       Period period, Integer visionYear, String source, RecordedEvent event) {
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source,
                Version.of(event, null), List.of(Version.of(event, PlanStatus.ADOPTED)), List.of(),
                event.globalSequence(), event.recordedAt());
    }

    /** Whether the plan had been adopted on the date and was known to be at that time. */
    public boolean isAdoptedAt(TimePoint point) {
        return point.sees(adopted);
    }

    public PlanStatus statusAt(TimePoint point) {
        return point.inForce(status).map(v -> v.valueAs(PlanStatus.class)).orElse(PlanStatus.ADOPTED);
    }

    public List<String> elementKeys() {
        return elements.stream().map(ElementRef::key).toList();
    }

    PlanDocument withElement(ElementRef ref) {
        if (elements.stream().anyMatch(e -> e.key().equals(ref.key()))) {
            return this;
        }
        List<ElementRef> more = new ArrayList<>(elements);
        more.add(ref);
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source, adopted, status,
                List.copyOf(more), lastSequence, lastRecordedAt);
    }

    PlanDocument withRetirement(String key, LocalDate from) {
        List<ElementRef> changed = elements.stream().map(e -> e.key().equals(key) ? e.retiredFrom(from) : e).toList();
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source, adopted, status,
                changed, lastSequence, lastRecordedAt);
    }

    PlanDocument withPublication(String key) {
        List<ElementRef> changed = elements.stream().map(e -> e.key().equals(key) ? e.publishedNow() : e).toList();
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source, adopted, status,
                changed, lastSequence, lastRecordedAt);
    }

    /** The evaluations whose publication the plan document has recorded. */
    public Set<String> publishedEvaluations() {
        return elements.stream().filter(e -> e.kind() == ElementKind.EVALUATION && e.published())
                .map(ElementRef::code).collect(Collectors.toUnmodifiableSet());
    }

    /** The plan without the elements {@code keys} name. */
    PlanDocument withoutElements(Set<String> keys) {
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source, adopted, status,
                elements.stream().filter(e -> !keys.contains(e.key())).toList(), lastSequence, lastRecordedAt);
    }

    /** The plan with no version naming who recorded it. */
    PlanDocument withoutActors() {
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source,
                adopted.withoutActor(), status.stream().map(Version::withoutActor).toList(), elements, lastSequence,
                lastRecordedAt);
    }

    PlanDocument withStatus(Version version) {
        List<Version> more = new ArrayList<>(status);
        more.add(version);
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source, adopted,
                List.copyOf(more), elements, lastSequence, lastRecordedAt);
    }

    PlanDocument appliedUpTo(RecordedEvent event) {
        return new PlanDocument(code, title, issuer, issued, adoptedOn, period, visionYear, source, adopted, status,
                elements, event.globalSequence(),
                event.recordedAt().isAfter(lastRecordedAt) ? event.recordedAt() : lastRecordedAt);
    }
}
