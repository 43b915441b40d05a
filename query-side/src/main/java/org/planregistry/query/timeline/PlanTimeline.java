package org.planregistry.query.timeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

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

    public Optional<ElementDocument> element(ElementKind kind, String code) {
        return Optional.ofNullable(elementsByKey.get(kind.key(plan.code(), code)));
    }
}
