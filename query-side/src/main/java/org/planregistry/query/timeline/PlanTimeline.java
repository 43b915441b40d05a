package org.planregistry.query.timeline;

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

    /** The elements of one kind, in adoption order. */
    public List<ElementDocument> elements(ElementKind kind) {
        return plan.elements().stream().filter(ref -> ref.kind() == kind).map(ref -> elementsByKey.get(ref.key()))
                .filter(Objects::nonNull).toList();
    }

    /** Every element, in adoption order. */
    public List<ElementDocument> elements() {
        return plan.elements().stream().map(ref -> elementsByKey.get(ref.key())).filter(Objects::nonNull).toList();
    }

    public Optional<ElementDocument> element(ElementKind kind, String code) {
        return Optional.ofNullable(elementsByKey.get(kind.key(plan.code(), code)));
    }
}
