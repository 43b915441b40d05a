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
     * Every version in the plan: its lifecycle, each element's adoption and attributes, and findings (once, from
     * their evaluations).
     */
    public List<AttributeVersion> allVersions() {
        List<AttributeVersion> all = new ArrayList<>();
        all.add(new AttributeVersion(PLAN, Attribute.ADOPTED, plan.adopted()));
        plan.status().stream().skip(1).forEach(v -> all.add(new AttributeVersion(PLAN, Attribute.STATUS, v)));
        elements().forEach(element -> all.addAll(element.allVersions(element.kind() == ElementKind.EVALUATION)));
        return all;
    }

    public Optional<ElementDocument> element(ElementKind kind, String code) {
        return Optional.ofNullable(elementsByKey.get(kind.key(plan.code(), code)));
    }
}
