package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.planregistry.query.event.RecordedEvent;

/**
 * One element of a plan (goal, indicator, section, task, column, safeguard, evaluation) in the
 * {@code plan_elements} collection, with everything needed to answer for any point of view without reading events:
 * the adoption (whose value holds the static details), every version of each versioned attribute, and findings.
 *
 * @param adopted      the adoption; the element exists for a point of view that sees it
 * @param attributes   versions per attribute name (see {@link Attribute}), each in order of precedence
 *                     ({@link TimePoint#inPrecedenceOrder})
 * @param findings     findings under an evaluation, or about an indicator or task
 * @param lastSequence the global sequence of the last event applied; anything at or below it is a re-delivery
 */
public record ElementDocument(@JsonProperty("_id") String key, String plan, ElementKind kind, String code,
                              Version adopted, Map<String, List<Version>> attributes, List<FindingRecord> findings,
                              long lastSequence) {

    public ElementDocument {
        Map<String, List<Version>> ordered = new LinkedHashMap<>();
        if (attributes != null) {
            attributes.forEach((attribute, versions) -> ordered.put(attribute, TimePoint.inPrecedenceOrder(versions)));
        }
        attributes = ordered;
    }

    /** A new element; {@code details} are its static fields, kept as the adoption's value. */
    public static ElementDocument adopted(RecordedEvent event, ElementKind kind, String code, Object details) {
        return new ElementDocument(kind.key(event.plan(), code), event.plan(), kind, code, Version.of(event, details),
                Map.of(), List.of(), event.globalSequence());
    }

    public String label() {
        return kind.label(code);
    }

    /** The static details, read as the record the adopting projection stored. */
    public <T> T details(Class<T> type) {
        return adopted.valueAs(type);
    }

    public boolean isAdopted(TimePoint point) {
        return point.sees(adopted);
    }

    public boolean isRetired(TimePoint point) {
        return inForce(Attribute.RETIRED, point).isPresent();
    }

    /** Adopted and not retired. */
    public boolean isLive(TimePoint point) {
        return isAdopted(point) && !isRetired(point);
    }

    public List<Version> versions(String attribute) {
        return attributes.getOrDefault(attribute, List.of());
    }

    public Optional<Version> inForce(String attribute, TimePoint point) {
        return point.inForce(versions(attribute));
    }

    public <T> T valueAt(String attribute, TimePoint point, Class<T> type) {
        return inForce(attribute, point).map(v -> v.valueAs(type)).orElse(null);
    }

    /** The milestone versions in force, by year. */
    public Map<Integer, Version> milestonesAt(TimePoint point) {
        Map<Integer, Version> byYear = new TreeMap<>();
        attributes.forEach((attribute, versions) -> Attribute.milestoneYear(attribute).ifPresent(year ->
                point.inForce(versions).ifPresent(version -> byYear.put(year, version))));
        return byYear;
    }

    /** The findings about or under this element that are in force at {@code point}, in recording order. */
    public List<FindingSnapshot> findingsAt(TimePoint point) {
        List<FindingSnapshot> visible = new ArrayList<>();
        for (FindingRecord finding : findings) {
            finding.inForce(point).ifPresent(version -> visible.add(FindingSnapshot.of(finding, version)));
        }
        return visible;
    }

    /** The latest finding in force at {@code point} (see {@link FindingSnapshot#LATEST}). */
    public Optional<FindingSnapshot> latestFindingAt(TimePoint point) {
        return findingsAt(point).stream().max(FindingSnapshot.LATEST);
    }

    /** Every version of this element: its adoption and its attributes' (findings have their own histories). */
    public List<AttributeVersion> allVersions() {
        List<AttributeVersion> all = new ArrayList<>();
        all.add(new AttributeVersion(label(), Attribute.ADOPTED, adopted));
        attributes.forEach((attribute, versions) -> versions.forEach(version ->
                all.add(new AttributeVersion(label(), attribute, version))));
        return all;
    }

    public Optional<FindingRecord> finding(String id) {
        return findings.stream().filter(f -> f.id().equals(id)).findFirst();
    }

    /** The element without the findings of the evaluations {@code evaluationIds} (an indicator's or task's copies). */
    ElementDocument withoutFindingsOf(Set<String> evaluationIds) {
        if (findings.stream().noneMatch(f -> evaluationIds.contains(f.evaluationId()))) {
            return this;
        }
        return new ElementDocument(key, plan, kind, code, adopted, attributes,
                findings.stream().filter(f -> !evaluationIds.contains(f.evaluationId())).toList(), lastSequence);
    }

    /** The element with no version naming who recorded it. */
    ElementDocument withoutActors() {
        Map<String, List<Version>> anonymous = new LinkedHashMap<>();
        attributes.forEach((attribute, versions) ->
                anonymous.put(attribute, versions.stream().map(Version::withoutActor).toList()));
        return new ElementDocument(key, plan, kind, code, adopted.withoutActor(), anonymous,
                findings.stream().map(FindingRecord::withoutActors).toList(), lastSequence);
    }

    ElementDocument withVersion(String attribute, Version version) {
        List<Version> existing = versions(attribute);
        if (existing.stream().anyMatch(v -> v.globalSequence() == version.globalSequence())) {
            return this;
        }
        List<Version> more = new ArrayList<>(existing);
        more.add(version);
        Map<String, List<Version>> changed = new LinkedHashMap<>(attributes);
        changed.put(attribute, List.copyOf(more));
        return new ElementDocument(key, plan, kind, code, adopted, changed, findings, lastSequence);
    }

    ElementDocument withFinding(FindingRecord finding) {
        if (finding(finding.id()).isPresent()) {
            return this;
        }
        List<FindingRecord> more = new ArrayList<>(findings);
        more.add(finding);
        return new ElementDocument(key, plan, kind, code, adopted, attributes, List.copyOf(more), lastSequence);
    }

    ElementDocument withFindingChange(String id, UnaryOperator<FindingRecord> change) {
        List<FindingRecord> changed = findings.stream().map(f -> f.id().equals(id) ? change.apply(f) : f).toList();
        return new ElementDocument(key, plan, kind, code, adopted, attributes, changed, lastSequence);
    }

    ElementDocument appliedUpTo(long sequence) {
        return new ElementDocument(key, plan, kind, code, adopted, attributes, findings, sequence);
    }
}
