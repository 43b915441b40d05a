package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A plan with all its elements, as loaded for one question: one look-up of the plan document and one
 * {@code _id $in} over its element keys. Every as-of, diff and progress answer is computed from this by selecting
 * versions, never by reading events.
 */
public record PlanTimeline(PlanDocument plan, Map<String, ElementDocument> elementsByKey) {

    /** How the plan itself is named where elements are: "plan". */
    public static final String PLAN = "plan";

    /** The elements of one kind, in adoption order. */
    public List<ElementDocument> elements(ElementKind kind) {
        return plan.elements().stream().filter(ref -> ref.kind() == kind).map(ref -> elementsByKey.get(ref.key()))
                .filter(Objects::nonNull).toList();
    }

    /** Every element, in adoption order. */
    public List<ElementDocument> elements() {
        return plan.elements().stream().map(ref -> elementsByKey.get(ref.key())).filter(Objects::nonNull).toList();
    }

    /**
     * Every versioned attribute of the plan: its adoption and lifecycle, each element's adoption and attributes, and
     * findings (once, under their evaluations). As many lists as attributes, however long the history.
     */
    public List<VersionedAttribute> versionedAttributes() {
        List<VersionedAttribute> all = new ArrayList<>();
        all.add(new VersionedAttribute(PLAN, Attribute.ADOPTED, List.of(plan.adopted())));
        all.add(new VersionedAttribute(PLAN, Attribute.STATUS, plan.status().stream()
                .filter(v -> v.globalSequence() != plan.adopted().globalSequence()).toList()));
        for (ElementDocument element : elements()) {
            all.add(new VersionedAttribute(element.label(), Attribute.ADOPTED, List.of(element.adopted())));
            element.attributes().forEach((attribute, versions) ->
                    all.add(new VersionedAttribute(element.label(), attribute, versions)));
            if (element.kind() == ElementKind.EVALUATION) {
                element.findings().forEach(finding -> all.add(new VersionedAttribute(element.label(),
                        "finding " + finding.id(), finding.versions())));
            }
        }
        return all;
    }

    /**
     * The evaluations whose publication has not been recorded at all. Whether one is published is asked of what
     * the registry knows now, not at a point of view: once published, its whole record is public, including for a
     * {@code knownAt} before the publication (docs/security.md).
     */
    public Set<String> unpublishedEvaluations() {
        return elements(ElementKind.EVALUATION).stream().filter(e -> e.versions(Attribute.PUBLISHED).isEmpty())
                .map(ElementDocument::code).collect(Collectors.toUnmodifiableSet());
    }

    /**
     * The plan without its unpublished evaluations: neither the evaluations nor their findings (nor the copies of
     * those under indicators and tasks), so no answer built from it can show or count them.
     */
    public PlanTimeline withoutUnpublishedEvaluations() {
        Set<String> hidden = unpublishedEvaluations();
        if (hidden.isEmpty()) {
            return this;
        }
        Set<String> hiddenKeys = hidden.stream().map(id -> ElementKind.EVALUATION.key(plan.code(), id))
                .collect(Collectors.toSet());
        Map<String, ElementDocument> visible = new LinkedHashMap<>();
        elementsByKey.forEach((key, element) -> {
            if (!hiddenKeys.contains(key)) {
                visible.put(key, element.withoutFindingsOf(hidden));
            }
        });
        return new PlanTimeline(plan.withoutElements(hiddenKeys), visible);
    }

    /** The plan with no version naming the person who recorded it; their role stays. */
    public PlanTimeline withoutActors() {
        Map<String, ElementDocument> anonymous = new LinkedHashMap<>();
        elementsByKey.forEach((key, element) -> anonymous.put(key, element.withoutActors()));
        return new PlanTimeline(plan.withoutActors(), anonymous);
    }

    public Optional<ElementDocument> element(ElementKind kind, String code) {
        return Optional.ofNullable(elementsByKey.get(kind.key(plan.code(), code)));
    }
}
